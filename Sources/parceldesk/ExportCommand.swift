import ArgumentParser
import Foundation
import ParcelApp
import ParcelCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export what ParcelDesk holds, for someone outside it.",
        subcommands: [ExportClaimCommand.self]
    )
}

struct ExportClaimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Write a claim's evidence bundle: one ZIP for a platform, a carrier or a mediator.",
        discussion: """
            The ZIP holds index.html (the claim in Korean: order, history, deadlines, the evidence \
            checklist, the tracking history), manifest.json (every file with its size and SHA-256), \
            tracking.csv, order.json (the buyer's contact details left out) and the uploaded files.

            Example:
              parceldesk export claim S-2001-C1 --out claim.zip
            """)

    @Argument(help: "The claim's id, or its label such as S-2001-C1.")
    var claim: String

    @Option(help: "Where to write the ZIP (default: claim-<label>.zip here).")
    var out: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (label, destination, entries) = try await CommandServices.with(try database.location()) {
            services, _ -> (String, URL, [ClaimService.BundleEntry]) in
            let now = Timestamp.current
            guard let id = try await services.claims.claimID(for: claim),
                let view = try await services.claims.view(id, now: now)
            else { throw ValidationError("no claim \(claim) (give its id or a label such as S-2001-C1)") }
            let destination = URL(fileURLWithPath: out ?? "claim-\(view.claim.label).zip")
            let entries = try await services.claims.bundle(id, to: destination, now: now)
            return (view.claim.label, destination, entries)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: destination.path)[.size] as? Int) ?? 0
        print("Wrote \(destination.path): claim \(label), \(entries.count) files, \(size) bytes.")
        for entry in entries { print("  \(entry.path)  \(entry.size) bytes  sha256 \(entry.sha256)") }
    }
}
