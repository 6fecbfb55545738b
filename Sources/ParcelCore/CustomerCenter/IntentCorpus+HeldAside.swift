extension IntentCorpus {
    /// Questions by someone who saw no word list, no tuning question and no earlier held-aside set;
    /// never read while tuning.
    static let heldAsideLines = """
        where_is_it	제 택배 어디쯤 왔나요?
        where_is_it	주문한거언제와요
        where_is_it	배송 언제쯤 받을수 있을까요 ㅠㅠ 담주에 꼭 필요한데
        where_is_it	택배 지금 어디임
        where_is_it	배송조회좀 해주세여 주문번호 20240518-3321
        where_is_it	중국에서 출발은 했나요? 아직 한국 도착 안한건지 궁금해요
        where_is_it	일주일 넘었는데 언제 도착해요..
        where_is_it	배송현황 알려주세요~
        where_is_it	낼까지 받을수있나여?
        where_is_it	물건 발송됐어요??
        where_is_it	대충 며칠 걸려요 도착까지
        where_is_it	택배사로 넘어갔는지 궁금합니당
        where_is_it	where is my package
        where_is_it	when will my order arrive? ordered last monday
        where_is_it	can u check delivery status pls
        where_is_it	hows my parcel doing, any eta?
        where_is_it	is my order shipped yet
        where_is_it	제 order 언제 도착해요?
        where_is_it	delivery status 확인 부탁드려요
        where_is_it	택배 ETA 알수있을까요 🙏
        not_found	운송장번호 조회하면 아무것도 안나와요
        not_found	송장번호 넣었는데 정보가없다고 뜸
        not_found	조회가 안돼요 등록된 정보 없음이라고 나와요
        not_found	배송조회 눌러도 빈화면이에요
        not_found	운송장 받은지 3일째인데 아직도 조회불가네요
        not_found	택배사 홈피에서 검색하면 없는번호래요
        not_found	송장번호가 안먹혀요ㅡㅡ
        not_found	조회결과 없음 이거 뭐에요?
        not_found	cj에 쳐봤는데 해당 운송장이 없다는데요
        not_found	송장은 나왔는데 추적이 1도 안돼요
        not_found	트래킹 아직 활성화 안된건가요?
        not_found	번호 조회할때마다 '정보를 찾을 수 없습니다' 떠요
        not_found	tracking number shows nothing
        not_found	no info when i enter my tracking no.
        not_found	the tracking isnt working, says not found
        not_found	my tracking number hasnt been activated yet?
        not_found	tracking page blank, no record at all
        not_found	tracking number 조회가 안되는데요
        not_found	송장번호 쳐도 no data라고만 나와요
        not_found	invalid tracking이라고 떠요 ㅠ
        stuck	5일째 배송조회가 그대로에요
        stuck	인천공항 도착에서 일주일째 멈춰있어요
        stuck	집화처리 이후로 업뎃이 없어요
        stuck	택배가 옥천허브에서 안움직여요
        stuck	배송중이라고만 뜨고 며칠째 변화없음
        stuck	왜 계속 같은 위치에 있어요? 3일째임
        stuck	간선상차 뜨고 4일째 그대로인데 이거 분실된거아님?
        stuck	현지 출고 후 열흘째 아무 업데이트 없네요
        stuck	물류센터에서 멈춤... 언제 움직여요
        stuck	조회하면 맨날 똑같음ㅋㅋ 진짜 답답하네
        stuck	배송정보가 지난주 화요일 이후로 갱신이 안돼요
        stuck	위해항 출항대기라고 한참째 떠있어요
        stuck	tracking hasnt updated in 6 days
        stuck	my parcel is stuck in incheon for a week
        stuck	status still "in transit" since last thursday, no movement
        stuck	why is my package not moving at all
        stuck	it's been sitting at the warehouse forever
        stuck	택배가 hub에서 stuck된거 같아요
        stuck	tracking update가 4일째 없어요
        stuck	배송상태 no change since 월요일
        customs	개인통관고유부호 잘못 입력했는데 어떡하죠
        customs	세관에서 보류됐다고 나오는데 뭘 해야돼요
        customs	관세 얼마나 나와요?
        customs	통관보류 떴어요ㅠㅠ
        customs	목록통관이랑 일반통관 차이가 뭐에요
        customs	세금 내라는 문자 왔는데 제가 내야하나요?
        customs	통관부호 수정하려면 어디서 해요
        customs	반입신고 후 며칠째 통관진행중이에요
        customs	부가세 따로 내야함?
        customs	세관에서 연락왔는데 수입신고 하래요;;
        customs	통관고유부호 명의랑 수취인 이름 다르면 문제되나요
        customs	my package is held at customs what do i do
        customs	do i have to pay import duty?
        customs	customs clearance taking too long, any idea?
        customs	how do i register my personal customs code
        customs	is there tax on this order? its over 150 dollars
        customs	customs에서 hold 걸렸어요
        customs	세관 clearance 언제 끝나요
        customs	개인통관번호 update 했는데 반영됐나요?
        cancel	주문 취소해주세요
        cancel	방금 주문한거 취소 가능한가요?
        cancel	실수로 두개 주문했어요 하나 취소요
        cancel	취소하고싶은데 어떻게해요
        cancel	너무 늦어서 그냥 주문 취소할게요
        cancel	발송 전이면 주문취소 부탁드립니다
        cancel	결제취소 요청합니다
        cancel	주문 철회 하려구요
        cancel	아직 출고안됐으면 캔슬해주세요
        cancel	취소버튼이 안보여요 취소좀
        cancel	안살래요 취소ㄱㄱ
        cancel	옵션 잘못골라서 주문 취소하고 다시 할게요
        cancel	cancel my order pls
        cancel	i want to cancel, ordered by mistake
        cancel	how do i cancel order #55812
        cancel	pls cancel it before it ships
        cancel	can i still cancel? it hasnt shipped
        cancel	order cancel 하고 싶어요
        cancel	주문 cancel 가능?
        cancel	cancel 해주세요 배송 너무 오래걸림
        return_exchange	반품 어떻게 하나요
        return_exchange	불량품 왔어요 교환해주세요
        return_exchange	색상이 사진이랑 너무 달라요 반품할래요
        return_exchange	단순변심인데 반품 되나요?
        return_exchange	받았는데 깨져있어요ㅠ 교환이나 반품 원해요
        return_exchange	반품 회수신청했는데 기사님 언제 오세요?
        return_exchange	한치수 큰걸로 바꿀수있나요
        return_exchange	작동이 안돼요 새걸로 바꿔주세요
        return_exchange	옷에 얼룩있음 반품각
        return_exchange	i want to return this, wrong size
        return_exchange	item arrived damaged, need exchange
        return_exchange	how to send it back? changed my mind
        return_exchange	received the wrong color, can i swap it
        return_exchange	return label pls
        return_exchange	사이즈 exchange 가능해요?
        return_exchange	상품 defect 있어서 return하고 싶어요
        return_exchange	반품 pickup 언제 와요
        refund_status	환불 언제 돼요?
        refund_status	반품한지 2주 지났는데 환불 아직이에요
        refund_status	환불 처리 어디까지 됐나요
        refund_status	카드 환불 며칠 걸려요?
        refund_status	환불완료라고 떴는데 통장에 안들어옴
        refund_status	환불금액이 덜 들어왔어요
        refund_status	돈 언제 돌려줘요 진짜
        refund_status	결제취소 했는데 카드값 그대로 청구됐어요
        refund_status	환불 ㅇㄷ?
        refund_status	반품 회수 완료인데 환불진행은 언제 되나요
        refund_status	무통장 환불계좌 입력했는데 아직 입금 안됐어요
        refund_status	where is my refund
        refund_status	still havent received my refund after 10 days
        refund_status	when will the money be back on my card
        refund_status	refund status pls, order cancelled last week
        refund_status	u said refunded but i got nothing
        refund_status	refund 언제 들어와요?
        refund_status	환불 processing 중이라는데 얼마나 걸려요
        refund_status	refund 아직 안됨 ㅠ
        fake_number	조회해보니 다른 사람 주소로 나와요
        fake_number	제 주소는 서울인데 배송지가 부산으로 떠요
        fake_number	이 운송장 제꺼 맞아요? 받는사람 이름이 달라요
        fake_number	허위송장 아닌가요 ㅡㅡ
        fake_number	배송완료 지역이 저랑 전혀 상관없는 동네에요
        fake_number	운송장번호 조회하니까 엉뚱한 물건 정보가 나옴
        fake_number	다른사람 송장 준거같은데요
        fake_number	송장 돌려막기 하는거 아님?
        fake_number	수령인 김*수로 나오는데 저 그런사람 아니에요
        fake_number	택배가 제주도로 갔다는데 저 경기도 살아요
        fake_number	번호 조회하면 작년 배송건이 나와요 이거 뭐죠
        fake_number	this tracking number looks fake
        fake_number	tracking shows a different city, not my address
        fake_number	the tracking belongs to someone else??
        fake_number	delivered to some random town im not even there
        fake_number	is this a real tracking number? recipient name is wrong
        fake_number	fake tracking 같아요 주소가 달라요
        fake_number	송장 조회하니까 other address로 배송됐대요
        fake_number	tracking number가 남의 거예요
        delivered_not_received	배송완료라고 뜨는데 물건 못받았어요
        delivered_not_received	배송완료 됐다는데 문앞에 없어요
        delivered_not_received	택배 왔다는데 어디에 뒀는지 모르겠어요
        delivered_not_received	경비실에도 없고 집앞에도 없어요
        delivered_not_received	배달완료 문자 왔는데 아무것도 없음
        delivered_not_received	완료떴는데 안옴;;
        delivered_not_received	분실된거같아요 배송완료인데 못받음
        delivered_not_received	기사님이 다른집에 놓고가신듯해요 배송완료인데 없어요
        delivered_not_received	택배함 확인했는데 없어요 배송완료처리 되어있던데
        delivered_not_received	어제 배송완료됐다는데 받은거 없는데요?
        delivered_not_received	사진도 없이 배송완료 찍혀있고 물건은 없어요
        delivered_not_received	수령했다고 나오는데 저 받은적 없어요
        delivered_not_received	says delivered but i didnt get it
        delivered_not_received	package shows delivered yesterday but not here
        delivered_not_received	tracking says delivered, checked mailbox and lobby, nothing
        delivered_not_received	where did the driver leave it? says delivered
        delivered_not_received	delivered라고 뜨는데 못받았어요
        delivered_not_received	배송완료인데 package가 없어요
        delivered_not_received	status는 delivered인데 물건이 안왔어요 ㅠㅠ
        human	챗봇말고 직원 연결좀
        human	상담사님 계세요?
        human	고객센터 전화 몇번이에요
        human	사람 바꿔줘
        human	로봇이랑 말하기 싫어요 진짜 상담원이요
        human	통화 가능한가요? 010으로 전화주세요
        human	1:1 상담 어떻게 해요
        human	담당자랑 직접 얘기할래요
        human	상담원ㄱㄱ
        human	can i talk to a real person
        human	agent please
        human	i need a human not a bot
        human	whats your customer service phone number
        human	connect me to someone pls
        human	상담원 talk 가능해요?
        human	real person 연결해주세요
        human	call center 번호 좀요
        other	쿠폰 어떻게 써요
        other	배송지 주소 변경하고 싶어요
        other	ㅁㄴㅇㄹㅁㄴㅇㄹ
        other	세금계산서 받을수 있나요
        other	이거 사이즈 어떻게 나와요? 정사이즈인가요
        other	ㅋㅋㅋㅋㅋ
        other	회원탈퇴 어떻게 해요
        other	오늘 날씨 어때
        other	asdfghjkl
        other	can i get an invoice for my company
        other	how do i use my discount code
        other	주소 change 하고 싶어요 이사가서
        other	감사합니다 좋은하루 되세요 :)
        other	이 product 정품 맞나요?
        """
}
