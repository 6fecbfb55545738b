import ArgumentParser
import Foundation
import ParcelCore

struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Merge a shipment's tracking events, say where it really is, what is wrong, and what to do.",
        discussion: """
            Reads one shipment document (or a JSON array of them, or JSON Lines) from FILE, or from \
            standard input with -. Exit status 0 on success, 2 on input that cannot be read (the error \
            names the field and its position).

            Example:
              parceldesk simulate --count 3 --seed 7 | parceldesk diagnose - --lang en
            """
    )

    @Argument(help: "A shipment document file, or - for standard input.")
    var file: String

    @Option(help: "The moment to diagnose at (ISO 8601, e.g. 2026-11-22T09:00:00+09:00). Defaults to now.")
    var now: String?

    @Flag(help: "Print JSON (an object for one document, an array for several).")
    var json = false

    @Option(help: "Language of the readable output and of action texts in JSON: ko or en.")
    var lang: Language = .ko

    func run() throws {
        let moment = try resolveMoment(now)
        let data = try readDocumentInput(file)
        let decoded: (documents: [ShipmentDocument], single: Bool)
        do {
            decoded = try ShipmentDocument.decode(from: data)
        } catch {
            throw ValidationError("\(file == "-" ? "standard input" : file): \(error.description)")
        }
        let diagnoser = Diagnoser()
        let playbook = Playbook()
        var output = OutputBuffer()
        if json {
            let results = decoded.documents.map {
                diagnoser.analyze($0, now: moment).json(language: lang, playbook: playbook)
            }
            output.line((decoded.single ? results[0] : .array(results)).serialized())
        } else {
            for (index, document) in decoded.documents.enumerated() {
                if index > 0 { output.line("") }
                output.line(diagnoser.analyze(document, now: moment).text(lang, playbook: playbook))
            }
        }
        output.flush()
    }
}
