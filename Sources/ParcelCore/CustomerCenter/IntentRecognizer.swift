import Foundation

/// What a buyer asking the customer center wants.
public enum BuyerIntent: String, Sendable, Hashable, CaseIterable {
    case whereIsIt = "where_is_it"
    case notFound = "not_found"
    case stuck
    case customs
    case cancel
    case returnExchange = "return_exchange"
    case refundStatus = "refund_status"
    case fakeNumber = "fake_number"
    case deliveredNotReceived = "delivered_not_received"
    case human
    case other
}

/// Reads a buyer's question as Korean buyers type it — no spaces, typos,
/// chat shorthand, casual or polite, or in English — and says what they want.
/// The words are data (`IntentLexicon`): each cue is one or more groups of
/// alternatives that must all appear, with a weight; the intent with the
/// most weight wins, `other` when nothing speaks clearly enough.
public struct IntentRecognizer: Sendable {
    public let lexicon: [IntentLexicon.Cue]
    /// Asked when no cue matched; nil: the word lists alone.
    public let model: CharacterModel?

    public init(lexicon: [IntentLexicon.Cue] = IntentLexicon.standard, model: CharacterModel? = .standard) {
        self.lexicon = lexicon
        self.model = model
    }

    /// Below this share of the probability the character model leaves a question `other`.
    static let modelConfidence = 0.6

    public struct Recognition: Sendable, Hashable {
        public let intent: BuyerIntent
        /// 0–1: how clearly the winning intent stood out.
        public let confidence: Double
    }

    /// Below this much weight the question is `other`.
    static let threshold = 1.0

    public func recognize(_ question: String) -> Recognition {
        let text = Self.normalized(question)
        guard !text.isEmpty else { return Recognition(intent: .other, confidence: 1) }
        var scores = [Double](repeating: 0, count: BuyerIntent.allCases.count)
        for cue in lexicon where cue.matches(text) {
            scores[cue.intentIndex] += cue.weight
        }
        var best = BuyerIntent.allCases.count - 1
        for index in scores.indices where scores[index] > scores[best] { best = index }
        let top = scores[best]
        guard top >= Self.threshold else {
            if top == 0, let model {
                let (intent, probability) = model.classify(text)
                if intent != .other, probability >= Self.modelConfidence {
                    return Recognition(intent: intent, confidence: (probability * 100).rounded() / 100)
                }
            }
            return Recognition(intent: .other, confidence: min(1, 0.6 + (Self.threshold - top) * 0.4))
        }
        let runnerUp = scores.enumerated().filter { $0.offset != best }.map(\.element).max() ?? 0
        let confidence = min(0.99, 0.5 + 0.5 * (top - runnerUp) / top)
        return Recognition(intent: BuyerIntent.allCases[best], confidence: (confidence * 100).rounded() / 100)
    }

    /// Lowercased, without spaces, punctuation or chat laughter and crying (ㅋㅋ, ㅠㅠ):
    /// `제 택배 어디쯤 있나요?` and `제택배어디쯤있나요` read the same.
    public static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A, 0xAC00...0xD7A3: out.append(scalar)
            // Full-width letters and digits as ASCII.
            case 0xFF10...0xFF19, 0xFF41...0xFF5A: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3131...0x318E:
                // Jamo typed alone: ㅋ ㅎ ㅠ ㅜ are laughter and tears; ㄱㄱ, ㄴㄴ shorthand stays.
                if ![0x314B, 0x314E, 0x3160, 0x315C].contains(scalar.value) { out.append(scalar) }
            case 0x27: out.append(scalar)  // don't, didn't
            default: break
            }
        }
        return String(out)
    }
}

/// The customer center's words, by intent.
public enum IntentLexicon {
    /// Groups of alternatives that must all appear (each group: any one of its words), and a weight.
    public struct Cue: Sendable {
        public let intent: BuyerIntent
        let intentIndex: Int
        public let groups: [[String]]
        public let weight: Double

        public init(_ intent: BuyerIntent, _ groups: [[String]], weight: Double) {
            self.intent = intent
            intentIndex = BuyerIntent.allCases.firstIndex(of: intent)!
            self.groups = groups.map { $0.map(IntentRecognizer.normalized) }
            self.weight = weight
        }

        func matches(_ text: String) -> Bool {
            groups.allSatisfy { group in group.contains { text.contains($0) } }
        }
    }

    static func cue(_ intent: BuyerIntent, _ weight: Double, _ groups: [String]...) -> Cue {
        Cue(intent, groups, weight: weight)
    }

    public static let standard: [Cue] = [
        // Where is it, when does it come.
        cue(
            .whereIsIt, 1.2,
            [
                "어디", "위치", "where", "트래킹", "tracking status", "배송현황", "배송상태", "배송 상태", "배송상황", "배송진행",
                "shipping status", "status",
            ]),
        cue(
            .whereIsIt, 1.2, ["언제", "when", "how long", "얼마나 걸"],
            ["도착", "오", "와", "옴", "받", "arriv", "get it", "deliver", "배송", "시작"]),
        cue(.whereIsIt, 1.0, ["오늘", "내일", "몇시", "몇 시", "주말"], ["오나", "도착", "와요", "받", "배송되", "올까"]),
        cue(.whereIsIt, 1.2, ["발송되", "발송 되", "발송됐", "출발했", "출발 했", "출발했나", "shipped", "ship 되", "dispatched"]),
        cue(.whereIsIt, 1.0, ["받을수", "받을 수", "receive it by", "get it by", "arrive by"]),
        cue(.whereIsIt, 1.0, ["배송", "발송", "출발", "ship"], ["했나요", "됐나요", "되었나요", "했어요?", "시작", "has it", "did it"]),
        cue(.whereIsIt, 1.0, ["배송조회", "배송 조회", "track"], ["부탁", "해주", "please", "좀"]),
        cue(.whereIsIt, 1.0, ["아직 배송중", "배송중인가", "도착예정", "도착 예정"]),
        // Tracking shows nothing.
        cue(
            .notFound, 2.5,
            [
                "조회가 안", "조회 안", "조회안", "조회가안", "조회 불가", "조회불가", "검색이 안", "검색안", "검색해도 안", "검색 안", "안 찾아", "안찾아",
                "추적이 안", "추적 안", "추적안", "못 찾", "can't be found", "cannot be found",
            ]),
        cue(
            .notFound, 2.0,
            [
                "정보가 없", "정보 없", "정보없", "결과가 없", "결과 없", "기록이 없", "등록된 정보", "미등록", "등록이 안", "등록되지", "등록 안된", "존재하지 않",
                "no result", "not registered", "invalid tracking",
            ]),
        cue(
            .notFound, 1.5, ["조회", "검색", "송장", "운송장", "택배사"],
            ["안나와", "안 나와", "안나옴", "안떠", "안 떠", "없다고", "없대", "없는번호", "아무것도"]),
        cue(.notFound, 2.0, ["조회"], ["안돼", "안되", "안 돼", "안 되"]),
        cue(
            .notFound, 2.5,
            [
                "not found", "no record", "no tracking information", "no data", "can't find any", "shows nothing",
                "no info",
            ]),
        cue(.notFound, 1.5, ["집하 전", "집하전"]),
        // Not moving.
        cue(
            .stuck, 2.5,
            [
                "멈춰", "멈췄", "멈춤", "멈춘", "멈추", "그대로", "똑같", "안움직", "안 움직", "안바뀌", "안 바뀌", "그 자리", "그자리", "stuck",
                "not moving", "hasn't moved", "has not moved", "not moved", "no movement", "hasn't budged",
            ]),
        cue(
            .stuck, 2.0,
            [
                "변동", "변화", "업데이트가 안", "업데이트 안", "업뎃", "소식없", "소식 없", "no update", "hasn't changed", "진행이 없", "진행이 안",
                "진행 안",
            ]),
        cue(.stuck, 2.0, ["업데이트", "업뎃", "update"], ["없", "since", "안돼", "안 돼", "안되", "안 되"]),
        cue(
            .stuck, 1.5,
            [
                "며칠째", "몇일째", "일째", "주째", "흘째", "름째", "달째", "for ages", "for a week", "in days", "for 5 days",
                "since last",
            ]),
        cue(.stuck, 1.5, ["출발을 안", "안넘어", "안 넘어", "출고대기", "출고 대기", "배송준비중", "origin facility", "sorting center"]),
        cue(.stuck, 1.0, ["허브", "물류센터", "센터"], ["안나와", "그대로", "계속"]),
        // Customs.
        cue(
            .customs, 3.0,
            [
                "통관", "세관", "관세", "부가세", "관부가세", "유니패스", "unipass", "반입신고", "수입신고", "반출", "통관부호", "개인통관", "customs",
                "import duty", "clearance",
            ]),
        cue(.customs, 1.5, ["세금", "tax"]),
        // Cancel.
        cue(.cancel, 2.5, ["취소", "cancel", "철회"]),
        // Returns and exchanges.
        cue(
            .returnExchange, 3.0,
            ["반품", "교환", "반송", "return", "exchange", "send it back", "send this back", "send back"]),
        cue(.returnExchange, 1.0, ["사이즈", "size", "불량", "파손", "broken", "wrong item", "다른 상품", "다른상품"]),
        cue(.returnExchange, 2.0, ["바꿔", "바꾸고", "바꿀", "교체", "swap", "replace", "치수"]),
        // Refunds.
        cue(.refundStatus, 2.5, ["환불", "refund", "money back", "돌려받"]),
        cue(
            .refundStatus, 2.5, ["환불", "refund", "취소", "결제"],
            [
                "언제", "됐", "됬", "처리", "들어", "입금", "진행", "완료", "얼마나", "확인", "소식", "아직", "기간", "안돼", "안되",
                "when", "processed", "yet", "status", "카드",
            ]),
        cue(
            .refundStatus, 2.5,
            [
                "돈이 안", "돈 언제", "돈언제", "돈이안", "카드에 있", "카드취소", "카드 취소", "where is my money", "카드사", "취소내역", "취소 내역",
                "승인취소",
            ]),
        cue(.refundStatus, 2.5, ["통장", "계좌", "입금", "bank account"]),
        // A number that looks made up.
        cue(.fakeNumber, 4.0, ["다른 사람", "다른사람"], ["송장", "번호", "number"]),
        cue(
            .fakeNumber, 3.0,
            ["아무거나", "아무 번호", "random", "실제로 안", "안보낸", "안 보낸", "발송처리만", "not actually", "nothing was actually"]),
        cue(
            .fakeNumber, 4.0, ["송장", "운송장", "번호", "number", "tracking", "조회"],
            [
                "다른주문", "다른 주문", "다른 물건", "다른물건", "제꺼 맞", "제 꺼 맞", "내꺼 맞", "이름이 달", "다른사람꺼", "다른 사람꺼", "someone else",
                "not mine",
            ]),
        cue(.fakeNumber, 2.0, ["송장", "번호"], ["아니에요", "아닌가요", "아니죠", "맞죠", "준거", "준 거"]),
        cue(
            .fakeNumber, 3.0,
            ["가짜", "허위", "사기", "조작", "엉터리", "엉뚱", "fake", "scam", "의심"]),
        cue(
            .fakeNumber, 2.0, ["송장", "운송장", "번호", "number", "택배사"],
            ["진짜", "맞아", "맞나", "맞게", "이상", "잘못", "틀", "wrong", "real", "다른 사람", "다른사람", "입력만", "입력한거", "자리수", "belong"]),
        // Delivered, yet nothing came.
        cue(
            .deliveredNotReceived, 4.0,
            ["완료", "delivered", "배달됐", "배송됐", "배달 됐", "배송 됐"],
            [
                "못받", "못 받", "안왔", "안 왔", "없어", "없음", "안옴", "안 옴", "didn't get", "didn't receive", "nothing", "never",
                "못찾", "분실", "받은게 없", "받은적이 없", "받은 적이 없", "수령 못", "수령못", "수령 안", "수령안", "어디 뒀", "모르겠", "wrong address",
                "없네", "없는데", "안 보", "안보여",
            ]),
        cue(
            .deliveredNotReceived, 3.0,
            [
                "다른집", "다른 집", "다른 동", "다른동", "옆집", "옆동", "옆 동", "문앞에 없", "문 앞에 없", "집앞에 없", "집 앞에 없", "우리집이 아니",
                "우리 집이 아니", "완료래", "완료라고", "says delivered", "marked delivered", "오배송", "wrong address", "택배함에도 없",
                "우편함에도 없", "경비실에도 없", "어디에 두셨", "못찾겠",
            ]),
        // A person, please.
        cue(
            .human, 3.0,
            ["상담원", "상담사", "사람", "직원", "담당자", "매니저", "사장님", "human", "agent", "person", "representative", "고객센터 연결"]),
        cue(
            .human, 2.0,
            [
                "연결", "통화", "전화", "직접", "연락처", "contact the seller", "상담 원해", "판매자님", "대화 가능", "call me", "talk to",
                "speak to", "speak with", "someone",
            ]),
        // Things that say nothing of the parcel: leave them to `other`.
        cue(
            .other, 1.5,
            [
                "재입고", "색상도", "사용법", "영수증", "쿠폰", "적립금", "리뷰", "성분", "할인", "정품", "설명서", "보증", "세일", "invoice",
                "waterproof", "in blue", "사이즈표", "사이즈 표", "size chart", "실측", "추천", "세금계산서", "현금영수증",
            ]),
    ]
}

/// What the word lists miss: a naive Bayes model over the character pairs and
/// triples of the tuning questions, asked only when no cue matched, so a
/// question phrased in a way nobody listed still finds the intent its
/// letters lean to. It answers `other` unless one intent clearly leads, or
/// when two thirds of the question's letter groups were never seen.
public struct CharacterModel: Sendable {
    private var counts: [[String: Int]]
    private var totals: [Int]
    private var priors: [Double]
    private var known: Set<String>

    public init(examples: [IntentCorpus.Example]) {
        let intents = BuyerIntent.allCases
        counts = Array(repeating: [:], count: intents.count)
        totals = Array(repeating: 0, count: intents.count)
        var perIntent = Array(repeating: 0, count: intents.count)
        var seen = Set<String>()
        for example in examples {
            let index = intents.firstIndex(of: example.intent)!
            perIntent[index] += 1
            for gram in Self.grams(IntentRecognizer.normalized(example.question)) {
                counts[index][gram, default: 0] += 1
                totals[index] += 1
                seen.insert(gram)
            }
        }
        known = seen
        priors = perIntent.map { log(Double($0 + 1) / Double(examples.count + intents.count)) }
    }

    /// The model of the customer center's own tuning questions.
    public static let standard = CharacterModel(examples: IntentCorpus.tuning)

    /// The likeliest intent and its share of the probability.
    public func classify(_ normalized: String) -> (intent: BuyerIntent, probability: Double) {
        let grams = Self.grams(normalized)
        // Letters hardly ever seen in a question: nothing to lean on.
        guard !grams.isEmpty, grams.count(where: known.contains) * 3 >= grams.count else { return (.other, 1) }
        let vocabulary = known.count
        var scores = priors
        for index in scores.indices {
            let denominator = log(Double(totals[index] + vocabulary))
            for gram in grams where known.contains(gram) {
                scores[index] += log(Double(counts[index][gram, default: 0] + 1)) - denominator
            }
        }
        let top = scores.max()!
        let sum = scores.reduce(0) { $0 + exp($1 - top) }
        let best = scores.firstIndex(of: top)!
        return (BuyerIntent.allCases[best], 1 / sum)
    }

    static func grams(_ text: String) -> [String] {
        let characters = Array(text)
        guard characters.count >= 2 else { return characters.map(String.init) }
        var grams: [String] = []
        grams.reserveCapacity(characters.count * 2)
        for start in 0..<(characters.count - 1) {
            grams.append(String(characters[start...start + 1]))
            if start + 2 < characters.count { grams.append(String(characters[start...start + 2])) }
        }
        return grams
    }
}
