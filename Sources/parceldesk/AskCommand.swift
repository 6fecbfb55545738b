import ArgumentParser
import Foundation
import ParcelCore

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Read buyers' questions as the customer center does: what each asks, and the answer from an order.",
        discussion: """
            Questions come from the arguments, or one per line on standard input. With --order (a claim \
            document, as `parceldesk claims` reads), each question is answered from that order's live state.

            Examples:
              parceldesk ask "제 택배 어디쯤 있나요?" "환불 언제 돼요"
              parceldesk ask --order examples/claim-return-smartstore.json --json < questions.txt
            """)

    @Argument(help: "Questions; none: one per line from standard input.")
    var questions: [String] = []

    @Option(help: "A claim document to answer from.")
    var order: String?

    @Option(help: "The moment to answer at (ISO 8601). Defaults to now.")
    var now: String?

    @Flag(help: "Print one JSON object a line: question, intent, confidence (and answer with --order).")
    var json = false

    @Option(help: "Language of the readable output: ko or en.")
    var lang: Language = .ko

    func run() throws {
        let moment = try resolveMoment(now)
        var asked = questions
        if asked.isEmpty {
            asked = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                .split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
        }
        var situation: BuyerSituation?
        if let order {
            let decoded: [ClaimDocument]
            do {
                decoded = try ClaimDocument.decode(from: try readDocumentInput(order)).documents
            } catch let error as DocumentError {
                throw ValidationError("\(order): \(error.description)")
            }
            guard decoded.count == 1 else { throw ValidationError("\(order): expected one claim document") }
            situation = BuyerSituation.of(decoded[0], now: moment)
        }
        let recognizer = IntentRecognizer()
        let answers = BuyerAnswers()
        var output = OutputBuffer()
        for question in asked {
            let recognition = recognizer.recognize(question)
            let answer = situation.map { answers.answer(recognition.intent, in: $0) }
            if json {
                var fields: [(String, JSONValue)] = [
                    ("question", .string(question)), ("intent", .string(recognition.intent.rawValue)),
                    ("confidence", .double(recognition.confidence)),
                ]
                if let answer {
                    fields.append(
                        ("answer", .object([("ko", .string(answer.text.ko)), ("en", .string(answer.text.en))])))
                    fields.append(("offer", .optional(answer.offer?.name)))
                    fields.append(("handOver", .bool(answer.handOver)))
                }
                output.line(JSONValue.object(fields).serialized())
            } else {
                output.line("\(question)\n  → \(recognition.intent.rawValue) (\(recognition.confidence))")
                if let answer { output.line("  \(answer.text.text(lang))") }
            }
        }
        output.flush()
    }
}

/// How well the customer center reads questions, on the labelled set's held-aside part.
struct IntentsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents",
        abstract: "The intent recognizer's accuracy on the held-aside questions, and its speed.")

    @Flag(help: "List the questions it got wrong.")
    var verbose = false

    func run() {
        let recognizer = IntentRecognizer()
        func score(_ examples: [IntentCorpus.Example]) -> (right: Int, wrong: [String]) {
            var wrong: [String] = []
            for example in examples {
                let found = recognizer.recognize(example.question).intent
                if found != example.intent {
                    wrong.append("  \(example.question)  → \(found.rawValue), labelled \(example.intent.rawValue)")
                }
            }
            return (examples.count - wrong.count, wrong)
        }
        let held = IntentCorpus.heldAside
        let tuning = IntentCorpus.tuning
        let heldScore = score(held)
        let tuningScore = score(tuning)
        let start = DispatchTime.now().uptimeNanoseconds
        var checksum = 0
        for _ in 0..<20 {
            for example in IntentCorpus.all { checksum &+= recognizer.recognize(example.question).intent.hashValue }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = Double(IntentCorpus.all.count * 20) / seconds
        func percent(_ right: Int, of count: Int) -> String {
            "\(right)/\(count) right: " + String(format: "%.1f%%", 100 * Double(right) / Double(count))
        }
        print(
            "held aside   \(percent(heldScore.right, of: held.count))"
                + " (written apart from the word lists and never read while writing them)")
        print(
            "tuning       \(percent(tuningScore.right, of: tuning.count))"
                + " (the questions the word lists were written and corrected against)")
        print("speed        " + String(format: "%.0f", rate) + " questions/s (one thread)")
        if verbose {
            for line in heldScore.wrong + tuningScore.wrong { print(line) }
        }
        _ = checksum
    }
}
