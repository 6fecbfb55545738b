import Foundation
import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("The customer center: what a buyer's question asks, and the answer from the live order")
struct IntentRecognizerTests {
    let recognizer = IntentRecognizer()

    static func accuracy(_ examples: [IntentCorpus.Example], _ recognizer: IntentRecognizer) -> (Double, [String]) {
        var wrong: [String] = []
        for example in examples {
            let found = recognizer.recognize(example.question).intent
            if found != example.intent {
                wrong.append("\(example.question) → \(found.rawValue), not \(example.intent.rawValue)")
            }
        }
        return (Double(examples.count - wrong.count) / Double(examples.count), wrong)
    }

    @Test("the labelled set covers every intent with 300 questions or more, in Korean, English and both")
    func corpus() {
        let all = IntentCorpus.all
        #expect(all.count >= 300)
        for intent in BuyerIntent.allCases {
            #expect(all.filter { $0.intent == intent }.count >= 20, "\(intent.rawValue)")
            #expect(IntentCorpus.heldAside.filter { $0.intent == intent }.count >= 10, "\(intent.rawValue)")
        }
        let mixed = all.filter { example in
            example.question.unicodeScalars.contains { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }
                && example.question.contains { $0.isASCII && $0.isLetter }
        }
        #expect(mixed.count >= 10)
        #expect(Set(IntentCorpus.heldAside.map(\.question)).isDisjoint(with: IntentCorpus.tuning.map(\.question)))
    }

    // The issue's target, 90%; 91.7% when measured (docs/PERFORMANCE.md). This
    // guards what was reached, so a change that reads fewer questions right fails.
    @Test("at least 90% right on the held-aside questions, written apart from the word lists")
    func heldAside() {
        let (accuracy, wrong) = Self.accuracy(IntentCorpus.heldAside, recognizer)
        #expect(accuracy >= 0.90, "\(wrong.count) wrong")
    }

    @Test("a question no cue speaks for goes by its letters: the character model reads what the lists miss")
    func characterModel() {
        let lexiconAlone = IntentRecognizer(model: nil)
        let (alone, _) = Self.accuracy(IntentCorpus.heldAside, lexiconAlone)
        let (both, _) = Self.accuracy(IntentCorpus.heldAside, recognizer)
        #expect(both > alone)
        #expect(recognizer.recognize("zxcv").intent == .other)
        #expect(recognizer.recognize("ㅁㄴㅇㄹ").intent == .other)
    }

    @Test("and on the questions its words were written from")
    func tuning() {
        let (accuracy, wrong) = Self.accuracy(IntentCorpus.tuning, recognizer)
        #expect(accuracy >= 0.95, "\(wrong.joined(separator: "\n"))")
    }

    @Test(
        "spacing, laughter, tears and full-width letters do not change the reading",
        arguments: [
            ("제 택배 어디쯤 있나요?", "제택배어디쯤있나요ㅠㅠ"), ("배송완료인데 못받았어요", "배송 완료인데 못 받았어요!!"),
            ("환불 언제 돼요", "환불언제돼요ㅋㅋ"), ("ＣＡＮＣＥＬ ｐｌｅａｓｅ", "cancel please"),
        ])
    func normalization(first: String, second: String) {
        #expect(recognizer.recognize(first).intent == recognizer.recognize(second).intent)
        #expect(IntentRecognizer.normalized("ＣＡＮＣＥＬ") == "cancel")
    }

    @Test("a question with nothing to go on is other, and a clear one is confident")
    func confidence() {
        #expect(recognizer.recognize("").intent == .other)
        #expect(recognizer.recognize("ㅋㅋㅋ").intent == .other)
        #expect(recognizer.recognize("통관이 안끝나요").confidence >= 0.8)
    }

    // MARK: - Answers

    static func situation(_ document: String, now: String) throws -> BuyerSituation {
        let decoded = try ClaimDocument.decode(from: Data(document.utf8)).documents[0]
        return BuyerSituation.of(decoded, now: time(now))
    }

    static let delivering = """
        {"order": {"id": "S-1", "marketplace": "smartstore", "placedAt": "2026-11-17T10:00:00+09:00",
                   "confirmedAt": "2026-11-17T12:00:00+09:00"},
         "shipment": {"carrier": "kr.cjlogistics", "trackingNumber": "123456789013", "shippedAt": "2026-11-18T09:00:00+09:00",
                      "origin": "KR", "destination": "KR"},
         "events": [{"source": "cjlogistics", "time": "2026-11-18T18:00:00+09:00", "code": "11", "text": "집화처리", "location": "서울"},
                    {"source": "cjlogistics", "time": "2026-11-19T05:00:00+09:00", "code": "44", "text": "간선하차", "location": "대전HUB"}],
         "claims": []}
        """

    @Test("where is it: the status, the last scan's time and place, and what comes next")
    func whereIsIt() throws {
        let situation = try Self.situation(Self.delivering, now: "2026-11-19T12:00:00+09:00")
        let answer = BuyerAnswers().answer(recognizer.recognize("제 택배 어디쯤 있나요?").intent, in: situation)
        #expect(answer.intent == .whereIsIt)
        #expect(answer.text.ko.contains("대전HUB"))
        #expect(answer.text.ko.contains("2026-11-19 05:00"))
        #expect(answer.text.en.contains("1–2 days"))
        #expect(!answer.handOver)
    }

    @Test("where is it, for a parcel the seller's screen calls stuck: no 'usually 1–2 days', the seller is checking")
    func whereIsItWhenStuck() throws {
        let situation = try Self.situation(Self.delivering, now: "2026-12-05T12:00:00+09:00")
        #expect(situation.analysis?.diagnoses.contains { $0.code == .longSilence || $0.code == .stalledOrigin } == true)
        let answer = BuyerAnswers().answer(.whereIsIt, in: situation)
        #expect(answer.text.ko.contains("대전HUB"))
        #expect(!answer.text.en.contains("1–2 days"))
        #expect(answer.text.en.contains("checking with the carrier"))
    }

    @Test("cancel: offered while the order has not shipped, refused with the way out once it has")
    func cancel() throws {
        let unshipped = """
            {"order": {"id": "S-2", "marketplace": "smartstore", "placedAt": "2026-11-17T10:00:00+09:00"}, "claims": []}
            """
        let before = BuyerAnswers().answer(.cancel, in: try Self.situation(unshipped, now: "2026-11-17T11:00:00+09:00"))
        #expect(before.offer == .cancel)
        let after = BuyerAnswers().answer(
            .cancel, in: try Self.situation(Self.delivering, now: "2026-11-19T12:00:00+09:00"))
        // Smartstore takes a return request once the parcel is on its way: that is the way out offered.
        #expect(after.offer == .return)
        #expect(after.text.ko.contains("이미 발송"))
        #expect(after.text.en.contains("button below"))
    }

    @Test("a person, or a question it cannot answer, goes to the seller's inbox")
    func handOver() throws {
        let situation = try Self.situation(Self.delivering, now: "2026-11-19T12:00:00+09:00")
        #expect(BuyerAnswers().answer(.human, in: situation).handOver)
        #expect(BuyerAnswers().answer(.other, in: situation).handOver)
        #expect(!BuyerAnswers().answer(.stuck, in: situation).handOver)
    }

    @Test("is the number fake: a number the carrier scans is real, and the answer says whose it is")
    func fakeNumber() throws {
        let answer = BuyerAnswers().answer(
            .fakeNumber, in: try Self.situation(Self.delivering, now: "2026-11-19T12:00:00+09:00"))
        #expect(answer.text.ko.contains("123456789013"))
        #expect(answer.text.en.contains("real"))
    }
}
