import ArgumentParser
import Foundation
import ParcelCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read tracking numbers: valid or not, which carrier, and the number most likely meant.",
        discussion: """
            Checks the NUMBER arguments, or one number per line from standard input when none are given.
            Blank lines are skipped. Exit status: 0 when every number is valid, 1 when any is not, 2 on usage errors.

            Examples:
              parceldesk check LP00123456789012
              parceldesk check 6892-1234-5670 --context carrier=kr.lotte,destination=KR
              parceldesk check --json < numbers.txt
              parceldesk check --summary < numbers.txt
            """
    )

    @Argument(help: "Tracking numbers to check. Without any, reads standard input, one per line.")
    var numbers: [String] = []

    @Option(
        help: ArgumentHelp(
            "What is known about the orders: any of carrier=ID, destination=CC, marketplace=NAME, option=TEXT.",
            valueName: "key=value,…"))
    var context: String?

    @Flag(help: "Print JSON Lines: one object per input, in input order.")
    var json = false

    @Flag(help: "Read standard input and print one JSON object with counts (the fast bulk mode).")
    var summary = false

    @Option(help: "Language of the readable output: ko or en.")
    var lang: Language = .ko

    func validate() throws {
        if summary, !numbers.isEmpty {
            throw ValidationError("--summary reads standard input only: pipe the numbers in instead of listing them.")
        }
        if summary, json {
            throw ValidationError("--summary already prints JSON; use one of --summary or --json.")
        }
    }

    func run() throws {
        let detector = NumberDetector()
        let parsed: DetectionContext
        do {
            parsed = try context.map { try DetectionContext.parse($0, registry: detector.registry) } ?? .none
        } catch let error as DetectionContext.ParseError {
            throw ValidationError(error.description)
        }
        let prepared = detector.prepare(parsed)
        if summary {
            let result = Self.summarize(detector: detector, context: prepared, input: .standardInput)
            var output = OutputBuffer()
            output.line(Self.summaryJSON(result, registry: detector.registry))
            output.flush()
            if result.invalid > 0 { throw ExitCode(1) }
            return
        }
        var runner = CheckRunner(detector: detector, context: prepared, json: json, language: lang)
        var output = OutputBuffer()
        if numbers.isEmpty {
            ChunkedReader.lines { line in runner.check(line) { output.line($0) } }
        } else {
            for number in numbers { runner.check(number) { output.line($0) } }
        }
        output.flush()
        if runner.invalid > 0 { throw ExitCode(1) }
    }

    static func summarize(detector: NumberDetector, context: PreparedContext, input: FileHandle)
        -> NumberDetector.Summary
    {
        var result = NumberDetector.Summary(carrierCount: detector.registry.carriers.count)
        var reader = ChunkedReader(handle: input)
        while true {
            let more = reader.fill()
            let consumed = reader.buffer.withUnsafeBufferPointer { bytes in
                detector.summarize(
                    UnsafeBufferPointer(rebasing: bytes[0..<reader.filled]), context: context, final: !more,
                    into: &result)
            }
            reader.consume(consumed)
            if !more { break }
        }
        return result
    }

    static func summaryJSON(_ summary: NumberDetector.Summary, registry: CarrierRegistry) -> String {
        let byCarrier = zip(registry.carriers, summary.byCarrier).filter { $0.1 > 0 }.sorted { $0.0.id < $1.0.id }
            .map { "\"\($0.0.id)\":\($0.1)" }.joined(separator: ",")
        return
            "{\"total\":\(summary.total),\"valid\":\(summary.valid),\"invalid\":\(summary.invalid),\"byCarrier\":{\(byCarrier)}}"
    }
}

/// Checks inputs one by one and renders each, counting the invalid ones.
struct CheckRunner {
    let detector: NumberDetector
    let context: PreparedContext
    let json: Bool
    let language: Language
    private(set) var total = 0
    private(set) var invalid = 0

    init(detector: NumberDetector, context: PreparedContext, json: Bool, language: Language) {
        self.detector = detector
        self.context = context
        self.json = json
        self.language = language
    }

    mutating func check(_ line: String, emit: (String) -> Void) {
        guard !NumberDetector.isBlank(line) else { return }
        let result = detector.check(line, context: context)
        total += 1
        if !result.valid { invalid += 1 }
        emit(json ? result.jsonLine() : result.text(language, registry: detector.registry))
    }
}
