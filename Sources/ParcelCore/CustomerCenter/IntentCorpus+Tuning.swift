extension IntentCorpus {
    /// Questions written by someone who had seen neither the word lists nor any other part.
    static let thirdLines = """
        where_is_it	배송언제되여
        where_is_it	어딧어요 내물건
        where_is_it	주문한지 5일 됐는데 언제 와요?
        where_is_it	발송됐나요?
        where_is_it	아직 출고 안된거에요?
        where_is_it	배송조회 어케해요 제꺼 어디있는지 알려주세요
        where_is_it	내일 도착하나요?
        where_is_it	언제 받을수있어요ㅠㅠ
        where_is_it	배송현황좀 알려주세요 주문번호 20240512-3381
        where_is_it	택배 언제와 ㅡㅡ
        where_is_it	중국에서 출발은 했나요?
        where_is_it	이번주 안에 받을 수 있을까요? 주말에 써야해서요
        where_is_it	배송 어디까지 왔는지 궁금해요
        where_is_it	물건 보냈어요?
        where_is_it	아직도 배송중이네요 언제쯤 도착할까요
        where_is_it	제 주문 지금 어디쯤이에요? 도착 예정일 알려주세요
        where_is_it	택배 출발했어?
        where_is_it	where??
        where_is_it	when will my order arrive? ordered 10 days ago
        where_is_it	has my parcel shipped yet
        where_is_it	hi, can u check my delivery status pls
        where_is_it	whens it coming
        where_is_it	my order still not here, where is it now? order #88213
        where_is_it	is it shipped or not yet
        where_is_it	배송 status 좀 확인해주세요
        where_is_it	shipping 언제 시작돼요?
        where_is_it	tracking 보니까 배송중인데 언제 도착하나요
        not_found	송장번호 조회가 안돼요
        not_found	운송장 조회하면 정보없음 떠요
        not_found	조회결과가 없습니다 라고 나와요
        not_found	송장번호 넣었는데 아무것도 안나와요
        not_found	등록되지 않은 운송장번호래요
        not_found	송장 받았는데 조회안됨
        not_found	이틀째 조회가 안되는데 정상인가요?
        not_found	택배사 사이트에서 검색해도 안떠요
        not_found	유효하지 않은 번호라고 뜨는데요
        not_found	송장 조회하면 조회불가 라고만 떠요
        not_found	송장번호 조회해보니 해당 정보가 없다고 나와요
        not_found	조회 안되는 송장 왜그래요
        not_found	아직 집하 전이라 그런가요? 송장 조회하면 아무 정보도 없어요
        not_found	번호 입력하니까 존재하지 않는 운송장이래요
        not_found	송장번호 활성화 언제돼요?
        not_found	운송장 정보없음 ㅠ
        not_found	트래킹번호 검색결과 0건
        not_found	tracking number doesnt work
        not_found	no tracking info at all
        not_found	it says invalid tracking number
        not_found	tracking shows nothing, just "no record found"
        not_found	the number you gave me isnt registered in the system
        not_found	got the tracking # 3 days ago but it still says no information available
        not_found	cant find my parcel with this tracking no.
        not_found	tracking not activated yet?
        not_found	tracking number 넣어도 no data 떠요
        not_found	송장 number 조회가 안돼요
        not_found	CJ에서 조회하니까 not found 나와요
        not_found	invalid number 라고 뜸
        stuck	배송조회가 3일째 그대로에요
        stuck	터미널에서 안움직여요
        stuck	일주일째 간선상차에서 멈춰있어요
        stuck	옥천허브에서 4일째 그대로네요
        stuck	배송 업데이트가 없어요 며칠째
        stuck	중국 출발 후로 아무 변동이 없어요
        stuck	집하됐다고 나오고 5일째 그대로ㅠㅠ
        stuck	왜 계속 같은 위치에 있어요?
        stuck	물류센터에 멈춰서 안와요
        stuck	배송중 상태로 열흘째 ㅡㅡ
        stuck	인천 도착 이후로 업데이트 없음
        stuck	곤지암허브에서 안나가요
        stuck	택배가 멈췄어요 확인좀
        stuck	송장 조회해보면 지난주 월요일 이후로 변화가 없네요 분실된건가요?
        stuck	해외 출고 상태에서 6일째 안바뀌어요
        stuck	배송 움직임이 없네
        stuck	대전터미널에서 3일 머물러있는데 뭐에요
        stuck	위치가 계속 똑같아 장난하나
        stuck	tracking hasnt moved in 5 days
        stuck	my parcel is stuck at the hub
        stuck	no updates for a week now, whats going on?
        stuck	stuck at origin facility since 10th
        stuck	it's been sitting in the same place for days
        stuck	status not changing since arrived in korea
        stuck	package not moving!!
        stuck	last update was 8 days ago "departed from facility" nothing after
        stuck	tracking이 4일째 update 안돼요
        stuck	hub에서 계속 멈춰있어요
        stuck	5 days째 그대로에요 stuck인가요
        stuck	터미널 도착 then nothing for 3 days
        customs	통관보류라고 뜨는데 뭐에요
        customs	개인통관고유부호 어디에 입력해요?
        customs	관부가세 내야돼요?
        customs	세관에서 연락왔는데 어떻게 해요
        customs	통관중 이틀째에요 원래 이래요?
        customs	개인통관부호 잘못 적었어요 수정 가능한가요
        customs	관세 얼마나와요
        customs	세관에 잡혀있대요ㅠㅠ
        customs	통관부호 불일치래요
        customs	목록통관이에요 일반통관이에요?
        customs	관부가세 누가 부담해요? 제가 내는건가요
        customs	세관 보류 풀려면 뭐 해야돼요
        customs	150달러 넘었는데 세금 나와요?
        customs	통관 안되면 어떻게 되는거에요
        customs	수입신고 수리 됐다는데 그 다음은요?
        customs	통관번호 다시 보내야되나요
        customs	관세청 조회하니까 반출 안됐다고 나와요
        customs	my package is held at customs
        customs	do i need to pay customs duty?
        customs	what is personal customs code, where do i get it
        customs	customs clearance taking forever
        customs	how much tax will i pay for import
        customs	customs says name doesnt match the PCCC
        customs	is duty included in the price or not
        customs	customs hold??
        customs	customs clearance 언제 끝나요
        customs	통관 code 어디 입력해요?
        customs	duty 관부가세 제가 내나요?
        customs	세관에서 hold 됐대요 어떡해
        cancel	주문취소해주세요
        cancel	취소요
        cancel	주문 취소 가능한가요?
        cancel	아직 발송 안됐으면 취소해주세요
        cancel	잘못 주문했어요 취소할게요
        cancel	취소하고싶어요
        cancel	주문한거 취소좀 해주세요 급해요
        cancel	결제취소 해주세요 주문번호 A20931
        cancel	배송 너무 늦어서 그냥 취소할래요
        cancel	주문취소 어케해요
        cancel	방금 주문한거 취소되나요?
        cancel	다른데서 샀어요 취소해주세요
        cancel	취소버튼이 안보여요 취소하고싶은데
        cancel	주문 취소 ㄱㄱ
        cancel	두개 주문됐는데 하나 취소해주세요
        cancel	출고전 취소 되죠?
        cancel	안살래요 취소해줘
        cancel	색상 잘못골라서 주문 취소하고 다시 주문할게요
        cancel	cancel please
        cancel	i want to cancel my order
        cancel	pls cancel order 55123, ordered by mistake
        cancel	cancel my order now
        cancel	how do i cancel
        cancel	i changed my mind, cancel it before shipping pls
        cancel	Cancel the order. taking too long
        cancel	order cancel 해주세요
        cancel	취소 please
        cancel	주문 cancel 가능해요?
        cancel	cancel 하고싶어요 아직 배송전이에요
        return_exchange	반품하고싶어요
        return_exchange	사이즈가 작아요 교환돼요?
        return_exchange	불량이에요 교환해주세요
        return_exchange	박스 열어보니 컵이 깨져서 왔어요 어떻게 해요
        return_exchange	색상이 사진이랑 달라요 반품할래요
        return_exchange	단순변심 반품 되나요?
        return_exchange	교환 신청 어디서 해요
        return_exchange	반품 택배 언제 가지러와요?
        return_exchange	사이즈교환 M에서 L로 부탁드려요
        return_exchange	작동이안돼요 불량같아요
        return_exchange	반품비 얼마에요?
        return_exchange	옷에 구멍나있어요 ㅡㅡ 환불말고 교환해줘요
        return_exchange	마음에 안들어서 반품하려구요
        return_exchange	신발 한쪽 사이즈 다르게 왔어요
        return_exchange	반품접수 했는데 수거 안와요
        return_exchange	교환ㄱㄴ?
        return_exchange	받아보니 스크래치 있어서 반품원해요 환불해주세요
        return_exchange	i want to return this
        return_exchange	wrong size, can i exchange
        return_exchange	item arrived broken
        return_exchange	received wrong color, need exchange
        return_exchange	defective product, how to return?
        return_exchange	doesnt fit, return pls
        return_exchange	changed my mind, can i send it back
        return_exchange	The zipper broke on first day. I want exchange for a new one
        return_exchange	size exchange 가능한가요?
        return_exchange	불량 item 왔어요 return 할게요
        return_exchange	return 신청 어떻게 해요
        return_exchange	사이즈 too small 교환해주세요
        refund_status	환불 언제돼요?
        refund_status	환불?
        refund_status	환불 아직 안들어왔어요
        refund_status	카드취소 안됐는데요
        refund_status	취소한지 일주일인데 환불 언제 되나요
        refund_status	반품 보냈는데 환불 왜 안돼요
        refund_status	환불처리 됐나요?
        refund_status	카드 승인취소가 아직 안떴어요
        refund_status	환불 얼마나 걸려요
        refund_status	계좌로 환불 언제 입금돼요?
        refund_status	환불해준다며 언제해줘
        refund_status	주문취소했는데 돈이 안돌아와요
        refund_status	환불완료라고 뜨는데 카드사에 없어요
        refund_status	포인트 환불은 언제 돼요
        refund_status	환불 진행상황좀요
        refund_status	환불 ㅠㅠ 아직이에요
        refund_status	반품 회수된지 5일 넘었는데 환불 소식이 없네요
        refund_status	refund not received yet
        refund_status	when will i get my money back
        refund_status	its been 2 weeks since cancellation and no refund
        refund_status	refund status pls
        refund_status	you said refunded but my bank shows nothing
        refund_status	how long refund take to card?
        refund_status	still waiting for refund!!!
        refund_status	refund 언제 돼요?
        refund_status	환불 status 확인 부탁해요
        refund_status	money back 언제 받아요
        refund_status	card 취소가 아직 안됐어요
        fake_number	가짜송장 아니에요?
        fake_number	송장번호 조회하면 다른사람 이름 나와요
        fake_number	주소가 제 주소가 아니에요 송장 확인해주세요
        fake_number	부산에서 배송완료됐다는데 저 서울살아요
        fake_number	가짜 운송장 준거죠?
        fake_number	수령인이 제가 아닌데요
        fake_number	이 송장번호 다른 사람꺼같은데요
        fake_number	조회해보니 다른 지역으로 배송됐네요 사기에요?
        fake_number	엉뚱한 주소로 배송완료 떠요
        fake_number	송장번호 돌려막기 하는거 아니에요?
        fake_number	배송지가 경기도 광주로 나오는데 저는 광주광역시에요
        fake_number	받는사람 이름이 김**인데 전 이씨에요
        fake_number	이거 허위송장이죠
        fake_number	한달전 날짜로 배송완료된 송장이에요 이상해요
        fake_number	송장 조회하면 제 물건이 아닌거같아요 무게도 다르고
        fake_number	다른사람 택배 번호 준거 아님?
        fake_number	대구로 배달완료라는데 전 인천이에요 송장 맞아요?
        fake_number	가짜번호로 시간끌지마세요
        fake_number	this tracking number is fake
        fake_number	the tracking shows someone elses name
        fake_number	delivered to a different city, not my address
        fake_number	tracking belongs to another person??
        fake_number	fake tracking number, scam?
        fake_number	address on tracking is wrong, its not mine
        fake_number	it says delivered in Busan but I live in Seoul. is this even my parcel
        fake_number	recipient name in tracking is not me
        fake_number	fake tracking 같아요
        fake_number	송장에 다른 address 나와요
        fake_number	this 송장번호 is not mine 다른사람꺼에요
        fake_number	tracking 보니까 다른 city로 배송완료 됐어요 가짜죠?
        delivered_not_received	배송완료인데 못받았어요
        delivered_not_received	배송완료라는데 물건이 없어요
        delivered_not_received	문앞에 없어요
        delivered_not_received	배송완료 떴는데 택배 안왔어요
        delivered_not_received	배송완료라고 뜨는데 받은게 없어요 환불해주세요
        delivered_not_received	경비실에도 없고 문앞에도 없어요
        delivered_not_received	배달했다는데 어디다 둔거에요?
        delivered_not_received	완료처리만 되고 물건 못받음
        delivered_not_received	어제 배송완료 떴는데 아무리 찾아도 없어요
        delivered_not_received	택배기사님이 어디 놓고가신건지 모르겠어요 배송완료라는데
        delivered_not_received	받지도 않았는데 배송완료됐어요
        delivered_not_received	배송완료 ㅡㅡ 장난하세요? 없는데
        delivered_not_received	택배함에도 없어요 완료라는데
        delivered_not_received	분실된거같아요 배송완료인데 없어요
        delivered_not_received	사진도 없이 배송완료 처리됐어요 물건없음
        delivered_not_received	배달완료 문자왔는데 현관에 없네요
        delivered_not_received	배송완룐데 못받앗어요
        delivered_not_received	옆집에도 물어봤는데 없어요 배송완료라고 나오는데
        delivered_not_received	tracking says delivered yesterday but no package
        delivered_not_received	not received but status delivered
        delivered_not_received	where did the driver leave it? its not here
        delivered_not_received	delivered?? i got nothing
        delivered_not_received	checked mailbox and door, nothing. tracking shows delivered 2 days ago
        delivered_not_received	i never received it, but it says delivered
        delivered_not_received	delivered 라고 뜨는데 못받았어요
        delivered_not_received	배송완료인데 package 없어요
        delivered_not_received	status는 delivered인데 문앞에 없어요
        delivered_not_received	배달완료 but 물건이 없어요
        human	상담원
        human	사람이랑 얘기하고싶어요
        human	챗봇 말고 사람
        human	고객센터 전화번호 뭐에요
        human	직원 연결좀
        human	상담사랑 통화하고싶어요
        human	답답해서 그런데 사람 연결해줘요
        human	상담원연결
        human	봇이랑 말 안통해요 사람 불러주세요
        human	실제 상담원 있나요?
        human	전화 상담 가능해요?
        human	담당자 바꿔주세요
        human	상담원 연결 어케해요ㅠ
        human	채팅 말고 전화로 하고싶어요
        human	기계 말고 사람!!
        human	1:1 상담 원해요 상담원이랑
        human	talk to a human
        human	can i speak to a real person
        human	i need customer service phone number
        human	connect me to an agent, this bot is useless
        human	human pls
        human	is there someone i can call?
        human	stop bot. real person
        human	상담원 please
        human	real person이랑 얘기하고싶어요
        human	customer service 전화번호 알려줘요
        human	agent 연결 해주세요
        other	배송비 얼마에요
        other	택배사 어디 써요?
        other	감사합니다
        other	ㅁㄴㅇㄹ
        other	재입고 언제돼요?
        other	쿠폰 어디서 받아요
        other	현금영수증 발행되나요
        other	세금계산서 발행 부탁드려요
        other	배송지 변경하고싶어요
        other	옵션 변경 가능한가요? 블랙으로
        other	이거 사이즈 어떻게 나와요? 정사이즈에요?
        other	무료배송 조건이 뭐에요
        other	ㄱㅅ
        other	묶음배송 되나요
        other	ㅎㅇ
        other	이 제품 세탁기 돌려도 돼요?
        other	asdf
        other	thanks
        other	is this item in stock?
        other	do you ship to jeju? how much extra
        other	can i change my delivery address
        other	what courier do you use
        other	do u have discount code
        other	제주도 추가 배송비 있어요?
        other	receipt 발행 가능해요?
        other	이 item 재고 있어요?
        other	ok ㅇㅇ
        """
}
