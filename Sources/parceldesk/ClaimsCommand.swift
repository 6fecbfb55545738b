import ArgumentParser
import Foundation
import ParcelCore

struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Say where an order and its claims stand under the marketplace's rules, and judge one action.",
        discussion: """
            Reads a claim document (or a JSON array of them) from FILE, or from standard input with -: \
            the order, optionally its shipment and events, its claims with their histories, and \
            optionally an "attempt" to judge. Prints the order's stage and next deadline, each claim's \
            state, deadlines and allowed actions, and the claims each side may open. No database.

            Exit status 0 when the document is read (whether or not the attempt is allowed), 2 when it \
            cannot be (the error names the field, or the history step the rules refuse).

            Example:
              parceldesk claims examples/claim-return.json --now 2026-11-12T10:00:00+09:00 --json
            """
    )

    @Argument(help: "A claim document file, or - for standard input.")
    var file: String

    @Option(help: "The moment to judge at (ISO 8601, e.g. 2026-11-22T09:00:00+09:00). Defaults to now.")
    var now: String?

    @Flag(help: "Print JSON (an object for one document, an array for several).")
    var json = false

    @Option(help: "Language of the readable output: ko or en.")
    var lang: Language = .ko

    func run() throws {
        let moment = try resolveMoment(now)
        let name = file == "-" ? "standard input" : file
        let data = try readDocumentInput(file)
        let decoded: (documents: [ClaimDocument], single: Bool)
        do {
            decoded = try ClaimDocument.decode(from: data)
        } catch {
            throw ValidationError("\(name): \(error.description)")
        }
        let engine = ClaimEngine()
        let diagnoser = Diagnoser()
        var reports: [ClaimReport] = []
        for (index, document) in decoded.documents.enumerated() {
            do {
                reports.append(try engine.report(document, now: moment, diagnoser: diagnoser))
            } catch {
                let prefix = decoded.single ? "" : "[\(index)]."
                throw ValidationError("\(name): \(prefix)\(engine.describe(error, in: document))")
            }
        }
        var output = OutputBuffer()
        if json {
            let values = reports.map { $0.json() }
            output.line((decoded.single ? values[0] : .array(values)).serialized())
        } else {
            output.line(reports.map { $0.text(lang) }.joined(separator: "\n\n"))
        }
        output.flush()
    }
}
