import Foundation
import ParcelCore
import ZIPFoundation

/// One ZIP with everything a platform, a carrier or a mediator needs to
/// judge a claim: `index.html` (readable in Korean), `manifest.json` (every
/// file with its size and SHA-256), `tracking.csv`, `order.json`, and the
/// uploaded files under `files/`.
extension ClaimService {
    /// Writes the claim's bundle to `destination` (replaced if it exists); returns the manifest's entries.
    @discardableResult
    public func bundle(_ id: UUID, to destination: URL, now: Timestamp) async throws -> [BundleEntry] {
        guard let view = try await view(id, now: now),
            let order = try await orders.order(view.claim.orderID.uuidString)
        else { throw Failure.claimNotFound }
        let analysis = order.document.map { diagnoser.analyze($0, now: now) }
        let scratch = try files.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let building = scratch.appendingPathComponent("bundle.zip")
        let archive = try Archive(url: building, accessMode: .create)

        var entries: [BundleEntry] = []
        func add(_ path: String, _ data: Data, kind: String, mediaType: String) throws {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) })
            entries.append(
                BundleEntry(path: path, kind: kind, mediaType: mediaType, size: data.count, sha256: Self.sha256(data)))
        }

        try add(
            "order.json", Data(Self.orderRecord(order, view: view).serialized().utf8), kind: "order_record",
            mediaType: "application/json")
        try add(
            "tracking.csv", Data(Self.trackingCSV(analysis).utf8), kind: "tracking_history",
            mediaType: "text/csv; charset=utf-8")
        for (index, evidence) in view.evidence.enumerated() {
            let url = files.url(key: evidence.storageKey)
            let data = try Data(contentsOf: url)
            // What is on disk must still be what was uploaded.
            guard Self.sha256(data) == evidence.sha256 else { throw BundleError.fileChanged(evidence.name) }
            try add(
                String(format: "files/%02d-%@", index + 1, evidence.name), data, kind: evidence.kind.rawValue,
                mediaType: evidence.mediaType)
        }
        try add(
            "index.html", Data(Self.index(view, order: order, analysis: analysis, entries: entries, now: now).utf8),
            kind: "index", mediaType: "text/html; charset=utf-8")
        let manifest: JSONValue = .object([
            ("claim", .string(view.claim.label)),
            ("claimId", .string(view.claim.id.uuidString)),
            ("order", .string(order.info.id)),
            ("generatedAt", .string(now.utcString)),
            (
                "files",
                .array(
                    entries.map {
                        .object([
                            ("path", .string($0.path)), ("kind", .string($0.kind)),
                            ("mediaType", .string($0.mediaType)),
                            ("size", .int($0.size)), ("sha256", .string($0.sha256)),
                        ])
                    })
            ),
        ])
        try add("manifest.json", Data(manifest.serialized().utf8), kind: "manifest", mediaType: "application/json")
        if FileManager.default.fileExists(atPath: destination.path) {
            try FileManager.default.removeItem(at: destination)
        }
        try FileManager.default.moveItem(at: building, to: destination)
        return entries
    }

    public struct BundleEntry: Sendable, Equatable {
        public let path: String
        public let kind: String
        public let mediaType: String
        public let size: Int
        public let sha256: String
    }

    public enum BundleError: Error, Sendable, Equatable {
        /// An evidence file on disk no longer matches the hash stored when it was uploaded.
        case fileChanged(String)
    }

    /// The order as stored, for the record; the buyer's contact details are left out.
    static func orderRecord(_ order: StoredOrder, view: View) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(order.info.id)),
            ("marketplace", .optional(order.info.marketplace)),
            ("placedAt", .string(order.info.placedAt.utcString)),
            ("confirmedAt", .optional(order.info.confirmedAt?.utcString)),
            ("buyer", .optional(order.info.buyerName.map(Masking.name))),
            (
                "items",
                .array(
                    order.items.map { item in
                        .object([
                            ("name", .string(item.name)), ("quantity", .int(item.quantity)),
                            ("price", .optional(item.price.map { "\($0)" })),
                        ])
                    })
            ),
        ]
        if let shipment = order.shipment {
            fields.append(
                (
                    "shipment",
                    .object([
                        ("carrier", .optional(shipment.carrier)), ("trackingNumber", .string(shipment.trackingNumber)),
                        ("shippingOption", .optional(shipment.shippingOption)),
                        ("shippedAt", .optional(shipment.shippedAt?.utcString)),
                    ])
                ))
        }
        fields.append(("stage", .string(view.report.standing.stage.name)))
        return .object(fields)
    }

    /// The merged timeline as a spreadsheet opens it: UTF-8 with a byte-order mark, formulas neutralized.
    static func trackingCSV(_ analysis: ShipmentAnalysis?) -> String {
        var rows = [["time_kst", "status", "milestone", "location", "text", "sources"]]
        if let timeline = analysis?.timeline {
            for entry in timeline.entries {
                rows.append([
                    entry.time.display(), entry.status?.rawValue ?? "unknown", entry.milestone?.rawValue ?? "",
                    timeline.location(entry) ?? "", timeline.text(entry),
                    timeline.sources(entry).joined(separator: " "),
                ])
            }
        }
        return SpreadsheetText.csv(rows)
    }
}

/// Personal data as buyer-facing pages and shared bundles show it.
public enum Masking {
    /// 김민수 → 김*수, 김민 → 김*, John Smith → J*** S****; a one-letter word after the first is hidden
    /// whole (김 철 수 → 김 * *), so no name shows more than its first letter and its last.
    public static func name(_ name: String) -> String {
        let words = name.split(separator: " ")
        if words.count > 1 {
            return words.enumerated().map { index, word in
                if word.count == 1 { return index == 0 ? String(word) : "*" }
                return String(word.prefix(1)) + String(repeating: "*", count: word.count - 1)
            }.joined(separator: " ")
        }
        let letters = Array(name)
        switch letters.count {
        case 0: return ""
        case 1: return "*"
        case 2: return String(letters[0]) + "*"
        default:
            return String(letters[0]) + String(repeating: "*", count: letters.count - 2) + String(letters.last!)
        }
    }

    /// 010-1234-5678 → 010-****-5678, +82 10-1234-5678 the same; any other number shows only its last four digits.
    public static func phone(_ phone: String) -> String {
        var digits = phone.filter(\.isNumber)
        if digits.hasPrefix("82"), digits.count >= 11 { digits = "0" + digits.dropFirst(2) }
        guard digits.count >= 10, digits.hasPrefix("01") else {
            return digits.count > 4 ? "****-" + digits.suffix(4) : String(repeating: "*", count: digits.count)
        }
        return "\(digits.prefix(3))-****-\(digits.suffix(4))"
    }
}
