/// Buyer questions labelled with their intent, written the way buyers type
/// in chat: no spaces, typos, shorthand, casual and polite Korean, English,
/// and the two mixed. Two parts:
///
/// - `tuning`: what the recognizer's word lists were written and corrected
///   against (`lines`, then `laterLines`: 66 questions written after the
///   first word lists and 165 by someone who had not seen the word lists;
///   `firstHeldAsideLines`, the first held-aside set, once it had been seen;
///   `thirdLines`, 330 by someone who had seen no part of the code or data).
/// - `heldAside`: 204 questions written separately, by someone who saw no
///   word list, no tuning question and no earlier held-aside set, and never
///   read while tuning (220 written; the 16 that were word for word a
///   tuning question were dropped): the figure `parceldesk bench intents`
///   prints as the recognizer's accuracy.
public enum IntentCorpus {
    public struct Example: Sendable, Hashable {
        public let question: String
        public let intent: BuyerIntent
    }

    public static let tuning: [Example] =
        parse(lines) + parse(laterLines) + parse(firstHeldAsideLines) + parse(thirdLines)
    public static let heldAside: [Example] = parse(heldAsideLines)
    public static var all: [Example] { tuning + heldAside }

    static func parse(_ text: String) -> [Example] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let intent = BuyerIntent(rawValue: String(parts[0])) else { return nil }
            return Example(question: String(parts[1]), intent: intent)
        }
    }

    static let laterLines = """
        where_is_it	배송 시작은 했나요?
        where_is_it	지금 어디에요 제 물건
        where_is_it	택배 도착 몇시쯤 할까요
        where_is_it	could you check where my order is now
        where_is_it	주말에도 배송되나요? 언제 받아요
        where_is_it	배송상황 좀 봐주세요
        not_found	운송장 넣었는데 조회결과 없음 나와요
        not_found	택배 조회 사이트에서 안 찾아져요
        not_found	the tracking page says no information available
        not_found	송장 등록된거 맞나요? 조회가 안되는데
        not_found	배송추적이 안됩니다
        not_found	조회해도 아무 정보가 없네요
        stuck	일주일 넘게 배송중 그대로예요
        stuck	중국 물류센터에서 열흘째 있어요
        stuck	it hasn't moved since last monday
        stuck	배송조회 업데이트가 5일째 없어요
        stuck	택배가 멈춘 것 같아요
        stuck	출발 안하고 계속 그 자리에요
        customs	통관 절차 언제 끝나나요
        customs	관세 얼마 나올까요
        customs	customs is asking me to pay something
        customs	세관에서 서류 달래요
        customs	통관부호 다시 입력해야 하나요
        customs	통관지연 이유가 뭔가요
        cancel	주문 취소할게요 아직 안보내셨죠?
        cancel	취소 접수해 주세요 필요 없어졌어요
        cancel	please cancel my order, i changed my mind
        cancel	구매취소 원합니다
        cancel	아직 배송전이면 취소하고 싶어요
        cancel	주문한거 취소 가능?
        return_exchange	다른 색으로 바꾸고 싶어요 교환되나요
        return_exchange	옷이 작아서 반품할래요
        return_exchange	how do I send this back
        return_exchange	반품 접수 방법 알려주세요
        return_exchange	제품에 흠집이 있어요 교환 부탁드려요
        return_exchange	반품 보낼 주소가 어디에요
        refund_status	환불 처리 언제 끝나요
        refund_status	환불은 카드로 들어오나요 언제?
        refund_status	it's been a week and no refund
        refund_status	반품 보냈는데 환불 소식이 없네요
        refund_status	환불 진행 됐는지 궁금해요
        refund_status	환불 금액이 덜 들어왔어요
        fake_number	송장번호 이거 진짜인가요?
        fake_number	허위 운송장 아닌지 의심됩니다
        fake_number	this tracking number looks fake to me
        fake_number	송장 번호가 엉뚱한 택배사 번호 같아요
        fake_number	운송장 번호 잘못 주신 것 같아요
        fake_number	가짜 송장번호로 발송처리한거 아니에요?
        delivered_not_received	배송완료 떴는데 택배 없어요
        delivered_not_received	배달 완료됐다고 하는데 받은 적 없어요
        delivered_not_received	says delivered yesterday but nothing came
        delivered_not_received	완료 처리 됐는데 집앞에 없네요
        delivered_not_received	다른 동으로 배달된 것 같아요
        delivered_not_received	배송완료라는데 아무리 찾아도 없어요
        human	상담원분과 통화하고 싶어요
        human	판매자랑 직접 얘기할 수 있을까요
        human	can someone from the shop call me
        human	사람 상담 가능한가요
        human	담당자분 연락 부탁드려요
        human	직원이랑 채팅하고 싶어요
        other	이 제품 세척은 어떻게 하나요
        other	선물 포장 해주시나요
        other	do you ship to jeju island
        other	이거 몇 개 남았어요?
        other	상품 문의드려요 크기가 어떻게 되나요
        other	감사합니다 잘 받았어요
        where_is_it	주문한지 5일 됬는데 언제와요?
        where_is_it	배송언제시작해요
        where_is_it	어제 주문했는데 오늘 발송되나요?
        where_is_it	주문번호 20240312-0045871 배송 어디쯤인가요
        where_is_it	택배 언제 도착함?
        where_is_it	이번주 안에 받을수 있을까요?? 선물이라 급해요ㅠㅠ
        where_is_it	내일까지 도착 가능??
        where_is_it	택배 출발했나여
        where_is_it	배송현황좀 알려주세요 주문번호 A1029384
        where_is_it	주문한거 어디까지왔어
        where_is_it	When will my order arrive?
        where_is_it	Has my package shipped yet? Order #KR55102
        where_is_it	where is my parcel i ordered it last week
        where_is_it	배송 status 확인 부탁드려요
        where_is_it	제 order 언제 ship 되나요?
        not_found	송장번호 조회가 안돼요
        not_found	운송장 넣으면 조회결과가 없다고 나와요
        not_found	CJ대한통운에서 조회하니까 미등록 운송장이래요
        not_found	운송장번호 569874123001 검색하면 아무것도 안뜸
        not_found	배송조회 눌렀는데 정보가 없습니다 라고만 나오네요
        not_found	등록되지 않은 송장이라는데 뭐에요?
        not_found	송장 받은지 이틀짼데 아직도 조회안됨ㅡㅡ
        not_found	택배사 홈페이지에서 번호 찾을수 없대요
        not_found	조회하면 "해당 운송장 정보가 존재하지 않습니다" 떠요
        not_found	우체국 조회 해도 안나와여 ㅠ
        not_found	The tracking number says no results found
        not_found	tracking site can't find my number, says not registered yet
        not_found	I put the tracking code in 17track and there's no info at all
        not_found	tracking 번호 넣어도 no result 나와요
        not_found	송장 조회하면 no information 이라고 떠요
        stuck	일주일째 배송조회가 그대로에요
        stuck	간선상차에서 4일째 멈춰있어요
        stuck	옥천hub에서 안움직여요 ㅠㅠ
        stuck	집화처리 이후로 업뎃이 없네요
        stuck	3일전에 터미널 도착 뜨고 그뒤로 아무변화없음
        stuck	배송중으로 나온지 열흘인데 계속 똑같아요
        stuck	중국 출발했다고 나오고 2주째 정보가 안바뀜
        stuck	물류센터에 계속 있다고만 나오는데 왜 안움직여요?
        stuck	송장 조회는 되는데 지난 월요일 이후로 업데이트가 1도 없어요
        stuck	택배가 대전에서 멈춤 ㅡㅡ 몇일째야
        stuck	My package has been stuck at the origin facility for 6 days
        stuck	No tracking update since March 3rd, is it lost?
        stuck	it's been sitting at the sorting center forever, nothing moves
        stuck	tracking이 5일째 update가 없어요
        stuck	인천 hub에서 stuck 됐어요 확인좀요
        customs	통관 언제 끝나요?
        customs	개인통관고유부호 입력 안했는데 어떻게 해요
        customs	통관부호 잘못 적었어요 수정 가능한가요
        customs	관부가세 제가 내야되나요?
        customs	세관에서 서류 더 내라고 문자왔어요
        customs	유니패스 보니까 통관보류라고 떠요
        customs	관세 얼마나와요 이거 150달러 넘는데
        customs	통관지연이라고 나오는데 얼마나 걸려요?
        customs	세관 검사 걸렸대요 ㅠㅠ 어떡해
        customs	개통부호 이름이랑 달라서 통관 안된다는데요
        customs	Do I have to pay import tax or VAT on this order?
        customs	Customs is asking for an invoice, can you send one?
        customs	how long does customs clearance take in korea
        customs	UNI-PASS에 반출 안됐다고 나와요
        customs	customs fee 누가 내요? 배송비에 포함인가요
        cancel	주문취소 해주세요
        cancel	방금 주문한거 취소할게요
        cancel	실수로 두번 결제됐어요 하나 취소해주세요
        cancel	아직 발송 안됐으면 취소하고싶어요
        cancel	주문번호 20240401-77812 취소요
        cancel	배송 너무 늦어서 그냥 취소할래요
        cancel	취소버튼이 안눌러져요 취소 좀 해주세요
        cancel	옵션 잘못 골랐어요 취소하고 다시 주문할게요
        cancel	이미 출고됐어도 취소 되나요?
        cancel	취소 ㄱㄱ 안살래
        cancel	Please cancel my order, I don't need it anymore
        cancel	I ordered the wrong color, can I cancel before it ships?
        cancel	cancel order #558103 pls
        cancel	order cancel 하고싶은데 어디서 해요?
        cancel	결제한거 cancel 가능해요?
        return_exchange	사이즈가 작아서 교환하고싶어요
        return_exchange	받았는데 불량이에요 반품할게요
        return_exchange	반품신청 어떻게해요?
        return_exchange	색상이 사진이랑 너무 달라요 환불말고 교환 돼요?
        return_exchange	단순변심 반품 가능한가여
        return_exchange	박스 뜯었는데 반품되나요
        return_exchange	교환 보낼때 택배비 누가 부담해요?
        return_exchange	신발 한치수 큰걸로 바꿔주세요
        return_exchange	다른상품 왔어요 교환해주세요
        return_exchange	반품 회수 언제 와요?
        return_exchange	I want to return this, it doesn't fit
        return_exchange	The item arrived damaged. How do I send it back?
        return_exchange	can i exchange for a size M
        return_exchange	return 접수 어디서 해요
        return_exchange	사이즈 exchange 가능한가요? L로
        refund_status	환불 언제 들어와요?
        refund_status	반품 보낸지 일주일인데 환불 아직이에요
        refund_status	카드취소가 아직 안됐어요
        refund_status	환불처리 된건가요?
        refund_status	취소했는데 돈이 안들어왔어요
        refund_status	환불완료라고 뜨는데 통장에 없어요
        refund_status	카드사 확인하니까 취소내역 없다는데요
        refund_status	부분환불 금액이 틀린거같아요
        refund_status	환불 몇일 걸려요?
        refund_status	적립금으로 환불되나요 카드로 되나요
        refund_status	When will I get my refund?
        refund_status	my refund still hasn't shown up on my card
        refund_status	Has my refund been processed yet? It's been 10 days
        refund_status	refund 언제돼요
        refund_status	환불 status 확인해주세요 ㅠ
        fake_number	이거 가짜 송장번호 아니에요?
        fake_number	송장조회하니까 다른 사람 주소로 나와요
        fake_number	송장번호 그냥 아무거나 넣은거죠?
        fake_number	송장번호가 다른주문건거 같아요 받는사람 이름이 달라요
        fake_number	발송처리만 하고 실제로 안보낸거 아니에요?
        fake_number	운송장 번호 틀린거같은데 확인해주세요
        fake_number	조회해보니 한달전에 배송완료된 건이에요 이거 제꺼 맞아요?
        fake_number	택배사에 물어보니까 이 번호는 다른 물건이래요
        fake_number	송장번호 자릿수가 이상한데 맞게 준거에요?
        fake_number	사기 송장인거 같아요 ㅡㅡ
        fake_number	This tracking number belongs to someone else's package
        fake_number	I think the tracking number is fake, it shows a different city
        fake_number	Did you just put in a random tracking number? nothing was actually shipped
        fake_number	송장 fake 아니에요?
        fake_number	tracking number가 잘못된거 같아요 다른사람꺼 같아요
        delivered_not_received	배송완료 떴는데 물건이 없어요
        delivered_not_received	문앞에 없는데요?
        delivered_not_received	배송완료라고 나오는데 못받았어요
        delivered_not_received	경비실에도 없고 택배함에도 없어요
        delivered_not_received	다른집에 배달된거 같아요
        delivered_not_received	배송완료 문자는 왔는데 아무데도 없음ㅠ
        delivered_not_received	옆동으로 잘못 간거같아요 찾아주세요
        delivered_not_received	택배 분실된거같아요 완료로 떴는데
        delivered_not_received	저 집에 계속 있었는데 배송완료래요??
        delivered_not_received	사진에 찍힌 문이 우리집이 아니에요
        delivered_not_received	It says delivered but I never got it
        delivered_not_received	Tracking shows delivered yesterday, nothing at my door
        delivered_not_received	package was delivered to the wrong address
        delivered_not_received	delivered 떴는데 못받았어요
        delivered_not_received	배송완료인데 parcel 없어요 어디갔어요
        human	상담원 연결해주세요
        human	사람이랑 얘기하고 싶어요
        human	판매자랑 통화하고 싶은데 번호 알려주세요
        human	챗봇 말고 직원이요
        human	전화 주세요 010-1234-5678
        human	상담사 ㄱㄱ
        human	담당자 바꿔주세요
        human	고객센터 전화번호 몇번이에요?
        human	셀러한테 직접 문의하고 싶어요
        human	아 답답하네 사람 없어요?
        human	Can I talk to a real person?
        human	connect me to an agent please
        human	I want to speak with the seller directly
        human	상담원 call 가능해요?
        human	real person이랑 얘기할래요
        other	이 제품 재입고 언제 돼요?
        other	쿠폰 적용이 안돼요
        other	현금영수증 발행해주세요
        other	안녕하세요
        other	이거 세탁기 돌려도 되나요?
        other	리뷰 적립금 언제 들어와요
        other	사이즈 추천 좀 해주세요 키 170 몸무게 65
        other	세금계산서 발행 되나요
        other	회원등급 어떻게 올려요
        other	ㅋㅋ 감사합니다
        other	Is this product authentic?
        other	Do you have this in black?
        other	how do i use my coupon code
        other	이거 gift wrapping 되나요?
        other	재고 있나요 blue color로
        """

    static let lines = """
        where_is_it\t제 택배 어디쯤 있나요?
        where_is_it\t택배 어디까지 왔어요
        where_is_it\t언제 도착해요?
        where_is_it\t언제와요ㅠㅠ
        where_is_it\t배송 언제 오나요
        where_is_it\t주문한거 어디있음
        where_is_it\t지금 배송 어디쯤이에요?
        where_is_it\t배송조회 부탁드려요
        where_is_it\t도착예정일이 언제인가요
        where_is_it\t물건 언제받을수있나요
        where_is_it\t택배위치좀 알려주세요
        where_is_it\t언제쯤 받을 수 있을까요?
        where_is_it\t배송현황 알려주세요
        where_is_it\t오늘 오나요?
        where_is_it\t내일 도착하나요
        where_is_it\t어디쯤와있는지 궁금해요
        where_is_it\t배송상태 확인하고싶어요
        where_is_it\t택배 언제옴?
        where_is_it\t아직 배송중인가요
        where_is_it\t배송 얼마나 걸려요
        where_is_it\tWhere is my package?
        where_is_it\twhen will my order arrive
        where_is_it\tcan you tell me where my parcel is
        where_is_it\tTracking status please
        where_is_it\twhen do i get it
        where_is_it\tHow long until delivery?
        where_is_it\tmy order 어디쯤이에요
        where_is_it\t택배 트래킹 좀 해주세요
        where_is_it\t주문한 상품 배송 언제 시작돼요?
        where_is_it\t언제 받아볼수있을까여
        not_found\t송장번호 조회가 안돼요
        not_found\t운송장 조회하면 정보가 없다고 나와요
        not_found\t조회가안되네요
        not_found\t배송조회하면 아무것도 안나와요
        not_found\t택배사 사이트에 검색해도 안떠요
        not_found\t조회 결과가 없습니다 라고 떠요
        not_found\t송장번호 입력해도 안나옴
        not_found\t배송정보가 없어요
        not_found\t조회 불가라고 나와요
        not_found\t운송장이 등록이 안된것 같아요
        not_found\t송장 조회 안되는데 확인좀요
        not_found\t택배사에서 조회안됨
        not_found\t배송조회 눌러도 정보없음
        not_found\t발송했다는데 조회가 안 돼요
        not_found\t운송장번호 검색이 안되요
        not_found\t아직 집하 전이라고만 나와요
        not_found\t조회하니까 등록된 정보가 없대요
        not_found\t송장은 받았는데 조회가 안되네여
        not_found\tno tracking information found
        not_found\tThe tracking number shows nothing
        not_found\ttracking says no record
        not_found\tI can't find any info with this tracking number
        not_found\tit says invalid tracking / no data
        not_found\ttracking not found 라고 나와요
        not_found\t조회가 전혀 안 돼요 송장 확인 부탁
        not_found\t택배사 홈피에서 조회하면 없는번호래요
        not_found\t운송장 정보 미등록이라는데요
        not_found\t배송조회가 안돼서 문의드려요
        not_found\tCJ에서 조회 안돼요
        not_found\t조회 안되는거 정상인가요
        stuck\t배송이 며칠째 멈춰있어요
        stuck\t일주일째 그대로예요
        stuck\t배송조회가 계속 똑같아요
        stuck\t업데이트가 안되고 있어요
        stuck\t3일째 변동이 없어요
        stuck\t중국에서 출발을 안해요
        stuck\t배송중에서 안움직여요
        stuck\t집하 후에 진행이 없네요
        stuck\t며칠째 같은 곳에 있어요ㅠ
        stuck\t상태가 안바뀌어요
        stuck\t10일째 조회 변화 없음
        stuck\t간선하차에서 멈췄어요
        stuck\t물류센터에서 계속 그대로에요
        stuck\t배송 진행이 안돼요
        stuck\t택배가 안 움직여요 왜그래요
        stuck\t발송하고 일주일 넘었는데 그대로임
        stuck\t배송중인데 며칠째 소식없음
        stuck\t해외에서 안넘어와요
        stuck\tmy package has been stuck for a week
        stuck\tno update for 5 days
        stuck\ttracking hasn't changed in days
        stuck\tit's not moving at all
        stuck\tstuck at the sorting center
        stuck\tstill at origin facility for ages
        stuck\t배송이 stuck 됐어요
        stuck\t2주째 출고대기에요
        stuck\t허브에서 안나와요
        stuck\t계속 배송준비중이에요
        stuck\t같은 상태로 멈춰있네요 확인부탁드려요
        stuck\t몇일째 업뎃이 없어여
        customs\t통관이 안끝나요
        customs\t세관에서 멈춰있어요
        customs\t관세 내야하나요?
        customs\t통관 보류라고 나와요
        customs\t개인통관고유부호 입력해야 하나요
        customs\t통관번호 틀렸다고 연락왔어요
        customs\t부가세 내라는데요
        customs\t세관 통관중 계속 떠요
        customs\t수입신고 수리 후에 안움직여요
        customs\t통관 진행중에서 3일째
        customs\t관세청 조회하면 반입신고래요
        customs\t세금 얼마 나와요?
        customs\t통관 언제 끝나요
        customs\t통관이 자꾸 반복돼요
        customs\t관부가세 부과됐다는데 어떻게 해요
        customs\t통관고유부호가 뭔가요
        customs\t유니패스 조회하니까 보류래요
        customs\t세관 검사중이래요
        customs\tis it stuck in customs?
        customs\tdo i have to pay import duty
        customs\tcustoms clearance is taking forever
        customs\tthey asked for a customs code
        customs\ttax invoice from customs 받았어요
        customs\tcustoms hold 라고 나와요
        customs\t통관 문제 있나요
        customs\t세관에서 연락왔어요
        customs\t관세 대상인가요
        customs\t통관대기 몇일 걸려요
        customs\t목록통관이 뭐에요
        customs\t통관 보류 해결 어떻게 해요
        cancel\t주문 취소하고 싶어요
        cancel\t취소해주세요
        cancel\t주문취소 가능한가요?
        cancel\t결제 취소 부탁드려요
        cancel\t잘못 주문했어요 취소요
        cancel\t취소할래요
        cancel\t아직 발송 안됐으면 취소해주세요
        cancel\t주문 철회하고 싶습니다
        cancel\t구매 취소하려면 어떻게 해요
        cancel\t취소신청 했는데요
        cancel\t실수로 두번 주문해서 하나 취소요
        cancel\t배송 전이면 취소 돼요?
        cancel\t취소 버튼이 안보여요
        cancel\t그냥 취소해 주세요 너무 늦어요
        cancel\t주문한거 취소 ㄱㄱ
        cancel\t취소 접수 부탁드려요
        cancel\t결제했는데 취소 되나요
        cancel\t옵션 잘못 골라서 취소하고 다시 주문할게요
        cancel\tI want to cancel my order
        cancel\tplease cancel it
        cancel\tcan i still cancel?
        cancel\tcancel order please, ordered by mistake
        cancel\thow do I cancel
        cancel\t주문 cancel 해주세요
        cancel\t취소하고싶은데요ㅠ
        cancel\t주문 취소 요청합니다
        cancel\t주문건 취소 가능할까요
        cancel\t아 취소좀요
        cancel\t발송전 취소 원해요
        cancel\t결제취소요
        return_exchange\t반품하고 싶어요
        return_exchange\t교환 가능한가요?
        return_exchange\t사이즈가 안맞아서 교환하고 싶어요
        return_exchange\t반품 신청하려고요
        return_exchange\t색상이 달라서 교환요
        return_exchange\t불량이라 반품할게요
        return_exchange\t반품 주소 알려주세요
        return_exchange\t교환 어떻게 해요
        return_exchange\t반품비 얼마에요
        return_exchange\t받았는데 맘에 안들어서 반품이요
        return_exchange\t상품이 파손돼서 왔어요 교환해주세요
        return_exchange\t다른 상품이 왔어요 교환해주세요
        return_exchange\t반송하려면 어떻게 하나요
        return_exchange\t반품 택배 보냈어요
        return_exchange\t단순변심 반품 되나요
        return_exchange\t교환 접수 부탁드립니다
        return_exchange\t반품 수거 언제 와요
        return_exchange\t사이즈 교환 가능할까요
        return_exchange\tI want to return this item
        return_exchange\tcan I exchange it for a different size
        return_exchange\tthe item is broken, how to return
        return_exchange\twrong item received, exchange please
        return_exchange\treturn policy?
        return_exchange\t반품 return 원해요
        return_exchange\t제품이 설명이랑 달라요 반품할래요
        return_exchange\t교환하고싶어용
        return_exchange\t반품 접수했는데 수거가 안와요
        return_exchange\t반품할게요 ㅠㅠ
        return_exchange\t불량품 교환 요청
        return_exchange\t반품 기간 얼마나 돼요
        refund_status\t환불 언제 되나요?
        refund_status\t환불 처리 됐나요
        refund_status\t환불금 아직 안들어왔어요
        refund_status\t환불 진행상황 알려주세요
        refund_status\t반품했는데 환불이 안돼요
        refund_status\t환불 얼마나 걸려요
        refund_status\t카드 취소 언제 돼요
        refund_status\t환불 됐는지 확인 부탁드려요
        refund_status\t환불받을 수 있나요
        refund_status\t돈 언제 돌려받아요
        refund_status\t환불 입금 언제에요
        refund_status\t취소했는데 돈이 안들어와요
        refund_status\t환불요청했는데 소식이 없어요
        refund_status\t환불 완료된건가요
        refund_status\t환불 금액 확인하고 싶어요
        refund_status\t환불이 아직이에요ㅠ
        refund_status\t부분환불 가능한가요
        refund_status\t환불해주세요
        refund_status\twhen will I get my refund
        refund_status\thas my refund been processed
        refund_status\tI haven't received the refund yet
        refund_status\trefund status?
        refund_status\twhere is my money back
        refund_status\trefund 언제 돼요
        refund_status\t환불 언제쯤?
        refund_status\t환불 처리 기간이 어떻게 되나요
        refund_status\t환불건 확인 좀 해주세요
        refund_status\t결제 취소 됐나요? 아직 카드에 있어요
        refund_status\t환불 진행중인가요
        refund_status\t환불금 입금 확인 부탁
        fake_number\t송장번호 가짜 아니에요?
        fake_number\t허위 송장 같아요
        fake_number\t이 운송장 번호 진짜 맞아요?
        fake_number\t없는 송장번호 준거 아니에요?
        fake_number\t가짜 운송장 넣은거죠
        fake_number\t송장번호 이상한데요
        fake_number\t운송장 번호가 잘못된거 같아요
        fake_number\t송장 사기 아닌가요
        fake_number\t엉뚱한 송장번호 같아요
        fake_number\t다른 사람 송장번호 아니에요?
        fake_number\t송장번호가 틀린것 같아요
        fake_number\t운송장 번호 확인 다시 해주세요 이상해요
        fake_number\t발송 안하고 송장만 입력한거 아니에요
        fake_number\t송장번호 자리수가 이상해요
        fake_number\t송장 번호 맞게 넣으신 거예요?
        fake_number\t이거 가짜 번호죠?
        fake_number\t택배사가 다른것 같은데 번호 맞나요
        fake_number\t송장번호 조작한거 아니에요?
        fake_number\tis this a fake tracking number?
        fake_number\tthe tracking number seems wrong
        fake_number\tthis number doesn't belong to any carrier, is it real
        fake_number\tdid you give me a fake number
        fake_number\tscam tracking number?
        fake_number\t송장 fake 같아요
        fake_number\t운송장이 가짜인지 확인해 주세요
        fake_number\t번호가 잘못 입력된 것 같은데요
        fake_number\t송장번호 틀렸어요 확인해주세요
        fake_number\t허위발송 의심돼요
        fake_number\t운송장 번호가 엉터리 같아요
        fake_number\t송장 진짜에요?
        delivered_not_received\t배송완료라는데 못받았어요
        delivered_not_received\t배달완료로 나오는데 물건이 없어요
        delivered_not_received\t택배 안왔는데 배송완료래요
        delivered_not_received\t문앞에 없어요 완료라고 떴는데
        delivered_not_received\t배송완료 됐는데 안왔어요
        delivered_not_received\t받은적이 없는데 완료로 뜨네요
        delivered_not_received\t경비실에도 없어요 배달완료인데
        delivered_not_received\t배송완료인데 택배가 없어요ㅠㅠ
        delivered_not_received\t완료 떴는데 물건 못받음
        delivered_not_received\t다른집에 배달된것 같아요
        delivered_not_received\t배달 완료 처리됐는데 수령 못했어요
        delivered_not_received\t택배함에도 없어요
        delivered_not_received\t오배송된것 같아요 저는 못받았어요
        delivered_not_received\t분실된거 같아요 완료라는데
        delivered_not_received\t배송완료 문자는 왔는데 물건이 없음
        delivered_not_received\t집에 아무것도 안왔는데요 완료래요
        delivered_not_received\t배송 완료라고 하는데 어디 뒀는지 모르겠어요
        delivered_not_received\t기사님이 어디에 두셨나요 못찾겠어요
        delivered_not_received\tit says delivered but I didn't get it
        delivered_not_received\tmarked as delivered, nothing at my door
        delivered_not_received\tnever received but status is delivered
        delivered_not_received\tpackage delivered to wrong address
        delivered_not_received\tdelivered 라고 나오는데 못받았어요
        delivered_not_received\t배송완료인데 없어요
        delivered_not_received\t완료처리됐는데 안옴
        delivered_not_received\t배달됐다는데 없음ㅠ
        delivered_not_received\t수령 안했는데 배송완료 처리됨
        delivered_not_received\t우편함에도 없어요 완료래요
        delivered_not_received\t배송완료인데 상품 못 받았습니다
        delivered_not_received\t배송완료로 되어있는데 받은게 없어요
        human\t상담원 연결해주세요
        human\t사람이랑 얘기하고 싶어요
        human\t직원분 연결 부탁드려요
        human\t판매자랑 직접 통화하고 싶어요
        human\t전화번호 알려주세요
        human\t담당자 연결요
        human\t상담사랑 얘기할래요
        human\t챗봇 말고 사람이요
        human\t사람 불러주세요
        human\t판매자님 답변 부탁드려요
        human\t직접 문의하고 싶어요
        human\t상담원이요
        human\t대화 가능한 분 계세요?
        human\t전화 상담 되나요
        human\t답답해요 사람 연결해줘요
        human\t사장님 계세요?
        human\t고객센터 연결
        human\t판매자에게 직접 물어볼게요
        human\tcan I talk to a human
        human\tconnect me to an agent
        human\tI want to speak with a person
        human\treal person please
        human\tcontact the seller directly
        human\t상담원 연결 agent please
        human\t사람이랑 얘기할래요ㅠ
        human\t상담원 연결 부탁합니다
        human\t판매자 연락처 주세요
        human\t사람한테 물어보고 싶어요
        human\t매니저 연결해주세요
        human\t상담 원해요
        other\t안녕하세요
        other\t감사합니다
        other\t이 상품 재입고 되나요?
        other\t다른 색상도 있어요?
        other\t사용법 알려주세요
        other\t영수증 발급 되나요
        other\t쿠폰 적용이 안돼요
        other\t세탁기 돌려도 되나요
        other\t상품 사이즈 표 있나요
        other\t포장 선물용으로 가능한가요
        other\t적립금 언제 들어와요
        other\t리뷰 쓰면 혜택 있나요
        other\t배터리 몇시간 가요?
        other\t제품 성분이 궁금해요
        other\t현금영수증 신청하고 싶어요
        other\t대량 구매 할인되나요
        other\t이거 정품 맞죠?
        other\t설명서가 없어요
        other\thello
        other\tthanks a lot
        other\tdo you have this in blue
        other\tis this product waterproof
        other\tcan I get an invoice
        other\tㅋㅋ 감사해요
        other\t좋은 하루 되세요
        other\t제품 보증기간이 어떻게 되나요
        other\t다음 세일 언제해요
        other\t네 알겠습니다
        other\t이 제품 어린이가 써도 되나요
        other\t충전기는 포함인가요
        """

    /// The first held-aside set (162): printed once by a failing test, so no longer unseen; tuning since.
    static let firstHeldAsideLines = """
        where_is_it	물건 언제쯤 받을수있을까요
        where_is_it	배송 출발 했어요?
        where_is_it	주문 20240415-3321 아직 배송전이에요?
        where_is_it	낼 받을수있음?
        where_is_it	택배 지금 어디에요
        where_is_it	발송예정일이 언제에요
        where_is_it	언제와여 ㅠㅠ 기다리다 목빠지겠네
        where_is_it	주말전에 도착하나요
        where_is_it	해외직구 상품인데 평균 몇일정도 걸리나요 지금 어디쯤인지도 궁금해요
        where_is_it	아직 택배 안보내신거죠?
        where_is_it	Any update on when my order will be delivered?
        where_is_it	hi, has order 77120 been sent out?
        where_is_it	estimated delivery date for my order?
        where_is_it	배송 언제 start 해요?
        where_is_it	제 package 지금 어디쯤이에요
        not_found	송장번호 넣어도 안나와요
        not_found	조회 불가라고 뜨네요
        not_found	한진택배 조회했는데 데이터가 없어요
        not_found	운송장 번호로 검색결과 0건
        not_found	미등록 송장번호라고 나옴
        not_found	송장 받았는데 아무 정보가 안떠요 어제부터
        not_found	택배사 앱에서 존재하지 않는 운송장이래요
        not_found	조회하면 계속 '조회된 내용이 없습니다' ㅠ
        not_found	번호는 받았는데 추적이 전혀 안돼요 기록이 하나도 없어요
        not_found	롯데택배에서 이 번호 안잡혀요 6283 9910 4472
        not_found	Tracking says "no information available"
        not_found	The carrier website doesn't recognize my tracking number
        not_found	tracking shows nothing, not even a pickup scan
        not_found	tracking 조회하면 not found 떠요
        not_found	운송장 넣으면 no data 나와요
        stuck	배송조회가 5일째 똑같아요 왜이래요
        stuck	허브에서 멈춘거같아요
        stuck	집하 완료 뜨고 일주일째 아무소식 없음
        stuck	곤지암 hub 도착 이후 업뎃 없음
        stuck	항공출발 대기중으로 열흘째에요
        stuck	배송중 상태에서 하나도 안바뀌어요 벌써 4일째
        stuck	지점 도착에서 계속 멈춰있네요 확인해주세요
        stuck	해외 물류센터 입고 후로 소식 없어요
        stuck	조회는 되는데 마지막 기록이 지난주 화요일이에요
        stuck	택배 어디서 잠자고 있나봐요 이틀째 그대로 ㅡㅡ
        stuck	Tracking hasn't moved in over a week
        stuck	package stuck in transit at the hub since Monday
        stuck	last update was 9 days ago "departed origin", nothing since
        stuck	배송 tracking이 계속 같은 곳에서 멈춰있어요
        stuck	상하이에서 stuck 된지 2주째에요
        customs	통관 진행중이라는데 얼마나 걸려요
        customs	관세 부과되면 누가 내요
        customs	개인통관번호 다시 보내야 하나요?
        customs	통관고유부호 어디서 발급받아요?
        customs	세관에서 연락와서 인보이스 달래요
        customs	부가세 따로 내야하나요
        customs	유니패스 조회하니까 반출대기 상태에요
        customs	통관 보류됐다는데 뭐 해야되요
        customs	목록통관 안되고 일반통관으로 넘어갔대요
        customs	통관번호 오타났어요ㅠ 어떡해요
        customs	Will there be import duties when it gets to Korea?
        customs	my package is held at customs, what documents do you need?
        customs	Do you need my personal customs clearance code?
        customs	통관 delay 때문에 늦어지는건가요?
        customs	customs 세금 얼마나 나와요?
        cancel	취소할게요
        cancel	주문 취소요청합니다
        cancel	결제 방금했는데 취소되나요?
        cancel	다른데서 샀어요 취소해주세요
        cancel	주문번호 88213 취소 부탁드립니다
        cancel	발송전이면 캔슬 해주세요
        cancel	배송 출발했는데 지금 취소 가능?
        cancel	주문 잘못했어요 전부 취소해줘요
        cancel	두개 시킨거 하나만 부분취소 되나요
        cancel	아 그냥 취소할래 너무 느려
        cancel	can you cancel it before it ships out? changed my mind
        cancel	how do I cancel, I can't find the button
        cancel	주문 cancel 해주세요 급해요
        cancel	아직 배송 전이면 order cancel 할게요
        return_exchange	반품하고싶어요
        return_exchange	옷이 너무 커요 작은걸로 교환할래요
        return_exchange	하자있어서 교환 원해요 실밥이 다 터졌어요
        return_exchange	받은 상품이 주문한거랑 달라요 반품할게요
        return_exchange	반품 택배 기사님 언제 오세요?
        return_exchange	개봉만 했는데 반품 돼요?
        return_exchange	반품비 얼마에요?
        return_exchange	교환은 몇일 걸려요
        return_exchange	깨져서 왔어요 새걸로 다시 보내주세요
        return_exchange	맘에 안들어서 돌려보내고 싶은데요
        return_exchange	How do I return an item?
        return_exchange	wrong size, I'd like to exchange it
        return_exchange	received a broken one, want to send it back for a new one
        return_exchange	return 하고싶어요 color가 달라요
        return_exchange	사이즈 안맞아서 return 할게요
        refund_status	환불 언제되요
        refund_status	반품 회수 됐는데 환불은 언제 해주세요?
        refund_status	카드취소 확인이 안돼요
        refund_status	돈 언제 돌려줘요
        refund_status	취소완료인데 결제금액 그대로 빠져있어요
        refund_status	환불 접수 한지 2주짼데 소식없음
        refund_status	무통장 입금했는데 환불 계좌 어떻게 받아요
        refund_status	환불됐다고 문자는 왔는데 카드사에선 모른대요
        refund_status	포인트 환불은 바로 되나요
        refund_status	Where is my refund?
        refund_status	It's been two weeks since I returned it and still no refund
        refund_status	is the refund done? i don't see it in my account
        refund_status	refund 처리됐나요?
        refund_status	환불 금액 card로 언제 들어와요
        fake_number	송장 가짜죠?
        fake_number	조회해보니 받는사람이 제가 아니에요
        fake_number	송장번호만 등록해놓고 안보낸거 같은데요
        fake_number	다른 고객 송장을 저한테 준거 아니에요?
        fake_number	송장 찍힌 날짜가 제가 주문하기 전이에요 이상한데요
        fake_number	이 번호 엉터리에요 확인해주세요
        fake_number	택배사에서 이건 다른 물건 송장이래요
        fake_number	송장 돌려막기 하시는거에요?
        fake_number	허위 송장 아니에요? 신고할거에요
        fake_number	숫자 하나 틀린거 아니에요? 송장번호 다시 확인 부탁
        fake_number	The tracking number you gave me is for a different package
        fake_number	this looks like a fake tracking number
        fake_number	tracking shows a different recipient name, wrong number?
        fake_number	송장번호 wrong number 같아요
        fake_number	fake tracking 준거 아니에요?
        delivered_not_received	배송완료인데 안왔어요
        delivered_not_received	택배 받은적 없는데 완료처리됐네요
        delivered_not_received	문앞 배송이라는데 아무것도 없어요
        delivered_not_received	택배함 비밀번호 문자도 안왔는데 배송완료래요
        delivered_not_received	이웃집에 놓고간거같아요
        delivered_not_received	배송완료 처리 됐는데 물건 어디있어요??
        delivered_not_received	주소 다른데로 배달됐어요 ㅠ
        delivered_not_received	관리실에 물어봤는데 택배 없대요
        delivered_not_received	기사님이 완료 찍고 안온듯
        delivered_not_received	분명 배송완료인데 집에 없음 ㅡㅡ
        delivered_not_received	Marked as delivered but it's not here
        delivered_not_received	the courier says delivered but I checked everywhere
        delivered_not_received	my parcel was left at the wrong house
        delivered_not_received	delivered 로 나오는데 집에 없어요
        delivered_not_received	배송완료 떴는데 I didn't receive it
        human	상담원이랑 통화하고싶어요
        human	직원분 계세요?
        human	사람 연결좀
        human	전화상담 가능한가요
        human	이거 말고 진짜 사람이랑 얘기할래요
        human	담당자분이 직접 연락주세요
        human	봇이랑 얘기하기 싫어요
        human	유선 상담 받고싶어요 번호 남길게요
        human	매니저 불러주세요
        human	I need to speak to a human
        human	please have someone call me
        human	is there a customer service agent I can chat with?
        human	상담원 connect 해주세요
        human	agent 연결 부탁해요
        other	이거 정품 맞나요?
        other	할인코드 어디서 받아요
        other	영수증 출력 어떻게 해요
        other	수고하세요
        other	이 상품 언제 다시 들어와요?
        other	리뷰 쓰면 포인트 주나요
        other	비밀번호 변경은 어디서해요
        other	이 가방 노트북 들어가요?
        other	2개 사면 할인돼요?
        other	ㅎㅇ
        other	What material is this jacket made of?
        other	Is there a discount for first-time buyers?
        other	thanks for the help!
        other	membership point 어떻게 써요?
        other	이거 size chart 있나요?
        """
}
