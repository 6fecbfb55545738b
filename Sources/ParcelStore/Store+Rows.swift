import FluentKit
import Foundation
import ParcelCore
import SQLKit
import SQLiteNIO

// Rows as bound SQL values, written in bulk: one statement carries hundreds
// of rows, which is what makes imports and event batches fast on both engines.

extension Store {
    static let orderColumns = [
        "id", "external_id", "marketplace", "placed_at", "placed_offset", "confirmed_at", "confirmed_offset",
        "promised_by", "promised_offset", "buyer_name", "buyer_phone", "buyer_email", "items", "search_text",
        "created_at", "updated_at",
    ]

    static func orderRow(_ id: UUID, _ draft: OrderDraft, searchText: String, now: Double) throws
        -> [any SQLExpression]
    {
        let info = draft.info
        let items = String(decoding: try JSONEncoder().encode(draft.items), as: UTF8.self)
        return [
            SQLBind(id), SQLBind(info.id), SQLBind(info.marketplace), SQLBind(info.placedAt.epochSeconds),
            SQLBind(info.placedAt.utcOffset), SQLBind(info.confirmedAt?.epochSeconds),
            SQLBind(info.confirmedAt?.utcOffset), SQLBind(info.promisedBy?.epochSeconds),
            SQLBind(info.promisedBy?.utcOffset), SQLBind(info.buyerName), SQLBind(draft.buyerPhone),
            SQLBind(draft.buyerEmail), SQLBind(items), SQLBind(searchText), SQLBind(now), SQLBind(now),
        ]
    }

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

    /// Columns an analysis changes, for upserts.
    static let shipmentStateColumns = [
        "carrier", "status", "milestone", "last_event_at", "event_count", "top_severity", "review_due_at",
        "updated_at", "legs_digest", "findings_digest",
    ]

    static func shipmentRow(
        _ id: UUID, _ orderID: UUID, _ shipment: ShipmentInfo, _ state: ShipmentState, now: Double
    ) -> [any SQLExpression] {
        [
            SQLBind(id), SQLBind(orderID), SQLBind(state.legs.first?.carrier.nilIfEmpty ?? shipment.carrier),
            SQLBind(shipment.trackingNumber), SQLBind(canonicalNumber(shipment.trackingNumber)),
            SQLBind(shipment.shippingOption), SQLBind(shipment.shippedAt?.epochSeconds),
            SQLBind(shipment.shippedAt?.utcOffset), SQLBind(shipment.origin), SQLBind(shipment.destination),
            SQLBind(state.status), SQLBind(state.milestone), SQLBind(state.lastEventAt), SQLBind(state.eventCount),
            SQLBind(state.topSeverity), SQLBind(state.reviewDueAt), SQLBind(now), SQLBind(state.legsDigest),
            SQLBind(state.findingsDigest),
        ]
    }

    static let legColumns = ["id", "shipment_id", "position", "carrier", "tracking_number", "canonical_number"]

    static func legRows(_ shipmentID: UUID, _ legs: [ShipmentLeg]) -> [[any SQLExpression]] {
        legs.enumerated().map { position, leg in
            [
                SQLBind(UUID()), SQLBind(shipmentID), SQLBind(position), SQLBind(leg.carrier),
                SQLBind(leg.trackingNumber), SQLBind(canonicalNumber(leg.trackingNumber)),
            ]
        }
    }

    static let eventColumns = [
        "shipment_id", "source", "carrier", "tracking_number", "time", "time_offset", "code", "text", "location",
        "dedupe_key", "received_at",
    ]
    /// The unique index that makes ingestion idempotent.
    static let eventConflictColumns = ["shipment_id", "dedupe_key"]
    static let eventReadColumns = [
        "source", "carrier", "tracking_number", "time", "time_offset", "code", "text", "location",
    ]

    /// One report of one scan for one shipment: the same report sent again has the same key.
    static func dedupeKey(_ shipmentID: UUID, _ event: RawTrackingEvent) -> String {
        Hashing.digest128(
            [
                shipmentID.uuidString, event.source, event.carrier, canonicalNumber(event.trackingNumber),
                String(event.time.epochSeconds), event.code ?? "", event.text, event.location ?? "",
            ].joined(separator: "\u{1F}"))
    }

    static func eventRow(_ shipmentID: UUID, _ event: RawTrackingEvent, receivedAt: Double) -> [any SQLExpression] {
        eventRow(shipmentID, event, key: dedupeKey(shipmentID, event), receivedAt: receivedAt)
    }

    static func eventRow(_ shipmentID: UUID, _ event: RawTrackingEvent, key: String, receivedAt: Double)
        -> [any SQLExpression]
    {
        [
            SQLBind(shipmentID), SQLBind(event.source), SQLBind(event.carrier), SQLBind(event.trackingNumber),
            SQLBind(event.time.epochSeconds), SQLBind(event.time.utcOffset), SQLBind(event.code), SQLBind(event.text),
            SQLBind(event.location), SQLBind(key), SQLBind(receivedAt),
        ]
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

    static let findingColumns = [
        "shipment_id", "order_id", "code", "severity", "confidence", "since", "deadline", "sort_deadline",
        "summary_ko", "summary_en", "updated_at",
    ]

    /// `sort_deadline` for findings without a deadline: after every real one.
    static let noDeadline = 1e15

    static func findingRow(_ shipmentID: UUID, _ orderID: UUID, _ finding: ShipmentState.Finding, now: Double)
        -> [any SQLExpression]
    {
        [
            SQLBind(shipmentID), SQLBind(orderID), SQLBind(finding.code), SQLBind(finding.severity),
            SQLBind(finding.confidence), SQLBind(finding.since), SQLBind(finding.deadline),
            SQLBind(finding.deadline ?? noDeadline), SQLBind(finding.summaryKo), SQLBind(finding.summaryEn),
            SQLBind(now),
        ]
    }

    /// Multi-row inserts, split so no statement exceeds the engines' bind limits.
    static func insert(
        _ sql: any SQLDatabase, into table: String, columns: [String], rows: [[any SQLExpression]],
        ignoringConflictsOn conflictColumns: [String] = []
    ) async throws {
        guard !rows.isEmpty else { return }
        for chunk in rows.chunked(max(1, 30_000 / columns.count)) {
            let builder = sql.insert(into: table).columns(columns)
            for row in chunk { builder.values(row) }
            if !conflictColumns.isEmpty { builder.ignoringConflicts(with: conflictColumns) }
            try await builder.run()
        }
    }

    static func storedOrder(_ row: any SQLRow, shipmentID: UUID?, events: [RawTrackingEvent]) throws -> StoredOrder {
        func time(_ epoch: String, _ offset: String) throws -> Timestamp? {
            guard let value = try row.decode(column: epoch, as: Double?.self) else { return nil }
            return Timestamp(stored: value, offset: try row.decode(column: offset, as: Int?.self) ?? 0)
        }
        let info = OrderInfo(
            id: try row.decode(column: "external_id", as: String.self),
            marketplace: try row.decode(column: "marketplace", as: String?.self),
            placedAt: try time("placed_at", "placed_offset")!,
            confirmedAt: try time("confirmed_at", "confirmed_offset"),
            promisedBy: try time("promised_by", "promised_offset"),
            buyerName: try row.decode(column: "buyer_name", as: String?.self))
        var shipment: ShipmentInfo?
        if shipmentID != nil {
            shipment = ShipmentInfo(
                carrier: try row.decode(column: "s_carrier", as: String?.self),
                trackingNumber: try row.decode(column: "s_tracking_number", as: String.self),
                shippingOption: try row.decode(column: "s_shipping_option", as: String?.self),
                shippedAt: try time("s_shipped_at", "s_shipped_offset"),
                origin: try row.decode(column: "s_origin", as: String?.self),
                destination: try row.decode(column: "s_destination", as: String?.self))
        }
        let items = try JSONDecoder().decode(
            [OrderItem].self, from: Data(try row.decode(column: "items", as: String.self).utf8))
        return StoredOrder(
            id: try row.decode(column: "id", as: UUID.self), shipmentID: shipmentID, info: info,
            buyerPhone: try row.decode(column: "buyer_phone", as: String?.self),
            buyerEmail: try row.decode(column: "buyer_email", as: String?.self), items: items, shipment: shipment,
            events: events, createdAt: Timestamp(epochSeconds: try row.decode(column: "created_at", as: Double.self)))
    }

    static func audit(
        _ sql: any SQLDatabase, actor: String, action: String, subject: String, detail: String, at: Double
    ) async throws {
        try await sql.insert(into: AuditEntryModel.schema).columns("at", "actor", "action", "subject", "detail")
            .values(SQLBind(at), SQLBind(actor), SQLBind(action), SQLBind(subject), SQLBind(detail)).run()
    }
}
