import FluentKit
import Foundation
import ParcelCore
import SQLKit

// Column lists and the values derived from rows that both engines share.

extension Store {
    static let orderColumns = [
        "id", "external_id", "marketplace", "placed_at", "placed_offset", "confirmed_at", "confirmed_offset",
        "promised_by", "promised_offset", "buyer_name", "buyer_phone", "buyer_email", "items", "search_text",
        "created_at", "updated_at",
    ]

    static func searchText(_ info: OrderInfo, trackingNumber: String?, legs: [ShipmentLeg]) -> String {
        var words = [info.id, info.buyerName ?? "", trackingNumber ?? ""]
        for leg in legs { words += [leg.trackingNumber, canonicalNumber(leg.trackingNumber)] }
        return words.filter { !$0.isEmpty }.joined(separator: " ").lowercased()
    }

    static let shipmentColumns = [
        "id", "order_id", "carrier", "tracking_number", "canonical_number", "shipping_option", "shipped_at",
        "shipped_offset", "origin", "destination", "status", "milestone", "last_event_at", "event_count",
        "top_severity", "review_due_at", "updated_at", "legs_digest", "findings_digest",
    ]

    /// Columns an analysis changes, for updates.
    static let shipmentStateColumns = [
        "carrier", "status", "milestone", "last_event_at", "event_count", "top_severity", "review_due_at",
        "updated_at", "legs_digest", "findings_digest",
    ]

    static let legColumns = ["id", "shipment_id", "position", "carrier", "tracking_number", "canonical_number"]

    static let eventColumns = [
        "shipment_id", "source", "carrier", "tracking_number", "time", "time_offset", "code", "text", "location",
        "dedupe_key", "received_at",
    ]
    /// The unique index that makes ingestion idempotent.
    static let eventConflictColumns = ["shipment_id", "dedupe_key"]
    static let eventReadColumns = [
        "source", "carrier", "tracking_number", "time", "time_offset", "code", "text", "location",
    ]

    static let findingColumns = [
        "shipment_id", "order_id", "code", "severity", "confidence", "since", "deadline", "sort_deadline",
        "summary_ko", "summary_en", "updated_at",
    ]

    /// One report of one scan for one shipment: the same report sent again has the same key.
    static func dedupeKey(_ shipmentID: UUID, _ event: RawTrackingEvent) -> String {
        Hashing.digest128(joining: [
            shipmentID.uuidString, event.source, event.carrier, canonicalNumber(event.trackingNumber),
            String(event.time.epochSeconds), event.code ?? "", event.text, event.location ?? "",
        ])
    }

    /// An event from packed cells in `eventReadColumns` order.
    static func event(_ cells: ArraySlice<PackedRows.Cell>) throws -> RawTrackingEvent {
        guard cells.count == eventReadColumns.count else { throw StoreError.corruptRow(column: "tracking event") }
        let base = cells.startIndex
        func text(_ offset: Int) throws -> String {
            guard let value = cells[base + offset].string else {
                throw StoreError.corruptRow(column: eventReadColumns[offset])
            }
            return value
        }
        guard let time = cells[base + 3].double, let offset = cells[base + 4].int else {
            throw StoreError.corruptRow(column: "time")
        }
        return RawTrackingEvent(
            source: try text(0), carrier: try text(1), trackingNumber: try text(2),
            time: Timestamp(stored: time, offset: offset), code: cells[base + 5].string, text: try text(6),
            location: cells[base + 7].string)
    }

    static func audit(
        _ sql: any SQLDatabase, actor: String, action: String, subject: String, detail: String, at: Double
    ) async throws {
        try await sql.insert(into: AuditEntryModel.schema).columns("at", "actor", "action", "subject", "detail")
            .values(SQLBind(at), SQLBind(actor), SQLBind(action), SQLBind(subject), SQLBind(detail)).run()
    }
}
