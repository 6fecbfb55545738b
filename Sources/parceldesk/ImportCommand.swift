import ArgumentParser
import Foundation
import ParcelApp
import ParcelCore
import ParcelStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import orders from a marketplace's CSV export.",
        discussion: """
            All or nothing: any bad row and nothing is imported; the report names every bad line, column \
            and reason. With --skip-bad the good rows go in and the rest are reported. Tracking numbers are \
            kept as given; numbers the check thinks are wrong are listed.
            """)

    @Argument(help: "The CSV file (UTF-8 or CP949; comma- or tab-separated).")
    var file: String

    @Option(help: "aliexpress, smartstore or generic.")
    var format: ImportFormat

    @Option(help: "column=field for the generic format (repeatable), e.g. --map 주문번호=externalId.")
    var map: [String] = []

    @Flag(help: "Import the good rows and report the bad ones.")
    var skipBad = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let progress = ProgressBar(label: "import", enabled: isatty(STDERR_FILENO) != 0 && !json)
        let report = try await CommandServices.with(try database.location()) { services, _ in
            try await services.imports.run(
                data, format: format, mappings: map, skipBad: skipBad, now: .current, actor: "cli",
                progress: { done, total in progress.update(done, of: total) })
        }
        progress.finish()
        print(json ? Self.json(report) : Self.text(report, file: file))
        if !report.succeeded { throw ExitCode(1) }
    }

    static func text(_ report: ImportReport, file: String) -> String {
        var lines: [String] = []
        if report.succeeded {
            lines.append("Imported \(report.imported) order(s) from \(report.rows) row(s) of \(file).")
            if report.skipped > 0 { lines.append("Skipped \(report.skipped) bad line(s):") }
        } else {
            lines.append(
                "Nothing imported from \(file): \(report.problems.count) problem(s). Fix them, or use --skip-bad.")
        }
        lines += report.problems.map { "  \($0)" }
        if !report.flagged.isEmpty {
            lines.append("Tracking numbers to check (kept as given):")
            for flag in report.flagged {
                let fix =
                    flag.suggestions.isEmpty ? "" : " — maybe \(flag.suggestions.prefix(3).joined(separator: ", "))"
                lines.append(
                    "  line \(flag.line), order \(flag.externalID): \(flag.trackingNumber) (\(flag.kind))\(fix)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: ImportReport) -> String {
        JSONValue.object([
            ("format", .string(report.format.rawValue)), ("rows", .int(report.rows)),
            ("imported", .int(report.imported)),
            ("skipped", .int(report.skipped)),
            (
                "problems",
                .array(
                    report.problems.map {
                        .object([
                            ("line", .int($0.line)), ("column", .optional($0.column)), ("message", .string($0.message)),
                        ])
                    })
            ),
            (
                "flaggedNumbers",
                .array(
                    report.flagged.map {
                        .object([
                            ("line", .int($0.line)), ("externalId", .string($0.externalID)),
                            ("trackingNumber", .string($0.trackingNumber)), ("kind", .string($0.kind)),
                            ("suggestions", .strings($0.suggestions)),
                        ])
                    })
            ),
        ]).serialized()
    }
}

extension ImportFormat: ExpressibleByArgument {}

/// A one-line progress bar on standard error, for terminals only.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let enabled: Bool
    private let lock = NSLock()

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
