import FluentKit
import Foundation
import ParcelCore
import SQLKit

/// `StoreTransaction` on PostgreSQL, where every statement is a round trip
/// to another process. A batch of rows goes as one JSON parameter that
/// `json_to_recordset` turns into rows: one short statement to parse and one
/// value to bind, not thousands of parameters for SQLKit to serialize and
/// PostgreSQL to read. Rows come back the same way, packed into one value.
struct PostgresTransaction: StoreTransaction {
    let sql: any SQLDatabase

    func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
        var found: [String: [UUID]] = [:]
        guard !numbers.isEmpty else { return found }
        let rows = try await packed(
            "SELECT DISTINCT canonical_number, shipment_id FROM legs WHERE canonical_number = ANY(\(bind: Self.array(numbers))::text[])",
            columns: ["canonical_number", "shipment_id"])
        for cells in rows {
            guard cells.count == 2, let number = cells[0].string, let shipment = cells[1].string.flatMap(UUID.init)
            else { throw StoreError.corruptRow(column: "legs.shipment_id") }
            // A number pasted on two orders belongs to both: each gets the event.
            found[number, default: []].append(shipment)
        }
        return found
    }

    func shipmentsSharingNumbers(_ numbers: [String]) async throws -> [UUID] {
        guard !numbers.isEmpty else { return [] }
        let rows = try await packed(
            """
            SELECT id FROM shipments WHERE canonical_number IN (
                SELECT canonical_number FROM shipments WHERE canonical_number = ANY(\(bind: Self.array(numbers))::text[])
                GROUP BY canonical_number HAVING COUNT(*) > 1)
            """, columns: ["id"])
        return try rows.map { cells in
            guard let id = cells.first?.string.flatMap(UUID.init) else {
                throw StoreError.corruptRow(column: "shipments.id")
            }
            return id
        }
    }

    func loadShipments(_ ids: [UUID]) async throws -> [LoadedShipment] {
        guard !ids.isEmpty else { return [] }
        let rows = try await packed(
            """
            SELECT \(unsafeRaw: Store.orderSelection) FROM shipments s JOIN orders o ON o.id = s.order_id
            WHERE s.id = ANY(\(bind: Self.array(ids.map(\.uuidString)))::uuid[])
            """, columns: Store.orderFields.map(\.name))
        let events = try await events(of: ids)
        return try rows.map { cells in
            let columns = PackedColumns(cells: cells)
            return try columns.loadedShipment(events: try columns.uuid("s_id").flatMap { events[$0] } ?? [])
        }
    }

    /// Every stored event of the given shipments, in arrival order.
    func events(of shipmentIDs: [UUID]) async throws -> [UUID: [RawTrackingEvent]] {
        var events: [UUID: [RawTrackingEvent]] = [:]
        let rows = try await packed(
            """
            SELECT id, shipment_id, \(unsafeRaw: Store.eventReadColumns.joined(separator: ", ")) FROM tracking_events
            WHERE shipment_id = ANY(\(bind: Self.array(shipmentIDs.map(\.uuidString)))::uuid[])
            """, columns: ["shipment_id"] + Store.eventReadColumns, orderBy: "id")
        for cells in rows {
            guard let shipment = cells.first?.string.flatMap(UUID.init(uuidString:)) else {
                throw StoreError.corruptRow(column: "shipment_id")
            }
            events[shipment, default: []].append(try Store.event(cells.dropFirst()))
        }
        return events
    }

    func ordersHolding(_ numbers: [String]) async throws -> [String: [OtherOrder]] {
        var found: [String: [OtherOrder]] = [:]
        guard !numbers.isEmpty else { return found }
        let rows = try await packed(
            """
            SELECT s.canonical_number, s.tracking_number, o.external_id
            FROM shipments s JOIN orders o ON o.id = s.order_id
            WHERE s.canonical_number = ANY(\(bind: Self.array(Array(Set(numbers))))::text[])
            """, columns: ["canonical_number", "tracking_number", "external_id"])
        for cells in rows {
            guard cells.count == 3, let number = cells[0].string, let tracking = cells[1].string,
                let order = cells[2].string
            else { throw StoreError.corruptRow(column: "shipments.tracking_number") }
            found[number, default: []].append(OtherOrder(id: order, trackingNumber: tracking))
        }
        return found
    }

    func insertOrders(_ orders: [OrderRecord], now: Double) async throws {
        let rows = try orders.map { order -> [JSONValue] in
            let info = order.draft.info
            return [
                .string(order.id.uuidString), .string(info.id), .optional(info.marketplace),
                .double(info.placedAt.epochSeconds), .int(info.placedAt.utcOffset),
                .optional(info.confirmedAt?.epochSeconds), .optional(info.confirmedAt?.utcOffset),
                .optional(info.promisedBy?.epochSeconds), .optional(info.promisedBy?.utcOffset),
                .optional(info.buyerName), .optional(order.draft.buyerPhone), .optional(order.draft.buyerEmail),
                .string(try order.itemsJSON), .string(order.searchText), .double(now), .double(now),
            ]
        }
        try await insert(OrderModel.schema, Self.orderTypes, rows)
    }

    func insertShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        let rows = shipments.map { record -> [JSONValue] in
            let shipment = record.shipment
            return [
                .string(record.id.uuidString), .string(record.orderID.uuidString), .string(shipment.trackingNumber),
                .string(canonicalNumber(shipment.trackingNumber)), .optional(shipment.shippingOption),
                .optional(shipment.shippedAt?.epochSeconds), .optional(shipment.shippedAt?.utcOffset),
                .optional(shipment.origin), .optional(shipment.destination),
            ] + Self.state(record, now: now)
        }
        try await insert(ShipmentModel.schema, Self.shipmentTypes, rows)
    }

    func updateShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        guard !shipments.isEmpty else { return }
        let columns = [("id", "uuid")] + Self.stateTypes
        let assignments = Store.shipmentStateColumns.map { "\($0) = x.\($0)" }.joined(separator: ", ")
        let rows = shipments.map { [.string($0.id.uuidString)] + Self.state($0, now: now) }
        try await sql.raw(
            "UPDATE shipments SET \(unsafeRaw: assignments) FROM " + Self.recordset(rows, columns)
                + " WHERE shipments.id = x.id"
        ).run()
    }

    func replaceLegs(of shipments: [UUID], with legs: [LegRecord]) async throws {
        try await delete(from: LegModel.schema, shipments)
        let rows = legs.map { record -> [JSONValue] in
            [
                .string(UUID().uuidString), .string(record.shipmentID.uuidString), .int(record.position),
                .string(record.leg.carrier), .string(record.leg.trackingNumber),
                .string(canonicalNumber(record.leg.trackingNumber)),
            ]
        }
        try await insert(LegModel.schema, Self.legTypes, rows)
    }

    func replaceFindings(of shipments: [UUID], with findings: [FindingRecord], now: Double) async throws {
        try await delete(from: DiagnosisModel.schema, shipments)
        let rows = findings.map { record -> [JSONValue] in
            let finding = record.finding
            return [
                .string(record.shipmentID.uuidString), .string(record.orderID.uuidString), .string(finding.code),
                .int(finding.severity), .double(finding.confidence), .double(finding.since),
                .optional(finding.deadline), .double(record.sortDeadline), .string(finding.summaryKo),
                .string(finding.summaryEn), .double(now),
            ]
        }
        try await insert(DiagnosisModel.schema, Self.findingTypes, rows)
    }

    func updateSearchText(_ updates: [(order: UUID, text: String)]) async throws {
        guard !updates.isEmpty else { return }
        let columns = [("id", "uuid"), ("search_text", "text")]
        let rows = updates.map { [JSONValue.string($0.order.uuidString), .string($0.text)] }
        try await sql.raw(
            "UPDATE orders SET search_text = x.search_text FROM " + Self.recordset(rows, columns)
                + " WHERE orders.id = x.id"
        ).run()
    }

    func insertEvents(_ events: [PendingEvent], receivedAt: Double) async throws -> Set<String> {
        guard !events.isEmpty else { return [] }
        let rows = events.map { item -> [JSONValue] in
            let event = item.event
            return [
                .string(item.shipment.uuidString), .string(event.source), .string(event.carrier),
                .string(event.trackingNumber), .double(event.time.epochSeconds), .int(event.time.utcOffset),
                .optional(event.code), .string(event.text), .optional(event.location), .string(item.key),
                .double(receivedAt),
            ]
        }
        let names = Self.eventTypes.map(\.0).joined(separator: ", ")
        // In the order given, so ids follow arrival; the keys stored come back as one value.
        let row = try await sql.raw(
            "WITH stored AS (INSERT INTO tracking_events (\(unsafeRaw: names)) SELECT \(unsafeRaw: names) FROM "
                + Self.recordset(rows, Self.eventTypes, ordered: true)
                    + """
                     ORDER BY x.position ON CONFLICT (shipment_id, dedupe_key) DO NOTHING RETURNING dedupe_key)
                    SELECT COALESCE(string_agg(dedupe_key, ' '), '') AS keys FROM stored
                    """
        ).first()
        // Dedupe keys are hex digits: a space cannot occur in one.
        let keys = try row?.decode(column: "keys", as: String.self) ?? ""
        return Set(keys.split(separator: " ").map(String.init))
    }

    func audit(actor: String, action: String, subject: String, detail: String, at: Double) async throws {
        try await Store.audit(sql, actor: actor, action: action, subject: subject, detail: detail, at: at)
    }

    // MARK: - Rows as JSON

    static let orderTypes = [
        ("id", "uuid"), ("external_id", "text"), ("marketplace", "text"), ("placed_at", "float8"),
        ("placed_offset", "int8"), ("confirmed_at", "float8"), ("confirmed_offset", "int8"), ("promised_by", "float8"),
        ("promised_offset", "int8"), ("buyer_name", "text"), ("buyer_phone", "text"), ("buyer_email", "text"),
        ("items", "text"), ("search_text", "text"), ("created_at", "float8"), ("updated_at", "float8"),
    ]
    static let stateTypes = [
        ("carrier", "text"), ("status", "text"), ("milestone", "text"), ("last_event_at", "float8"),
        ("event_count", "int8"), ("top_severity", "int8"), ("review_due_at", "float8"), ("updated_at", "float8"),
        ("legs_digest", "text"), ("findings_digest", "text"),
    ]
    static let shipmentTypes =
        [
            ("id", "uuid"), ("order_id", "uuid"), ("tracking_number", "text"), ("canonical_number", "text"),
            ("shipping_option", "text"), ("shipped_at", "float8"), ("shipped_offset", "int8"), ("origin", "text"),
            ("destination", "text"),
        ] + stateTypes
    static let legTypes = [
        ("id", "uuid"), ("shipment_id", "uuid"), ("position", "int8"), ("carrier", "text"),
        ("tracking_number", "text"), ("canonical_number", "text"),
    ]
    static let findingTypes = [
        ("shipment_id", "uuid"), ("order_id", "uuid"), ("code", "text"), ("severity", "int8"),
        ("confidence", "float8"), ("since", "float8"), ("deadline", "float8"), ("sort_deadline", "float8"),
        ("summary_ko", "text"), ("summary_en", "text"), ("updated_at", "float8"),
    ]
    static let eventTypes = [
        ("shipment_id", "uuid"), ("source", "text"), ("carrier", "text"), ("tracking_number", "text"),
        ("time", "float8"), ("time_offset", "int8"), ("code", "text"), ("text", "text"), ("location", "text"),
        ("dedupe_key", "text"), ("received_at", "float8"),
    ]

    /// The analysis columns of a shipment, in `stateTypes` order.
    static func state(_ record: ShipmentRecord, now: Double) -> [JSONValue] {
        let state = record.state
        return [
            .optional(record.carrier), .string(state.status), .optional(state.milestone),
            .optional(state.lastEventAt), .int(state.eventCount), .int(state.topSeverity),
            .double(state.reviewDueAt), .double(now), .optional(state.legsDigest), .optional(state.findingsDigest),
        ]
    }

    /// `json_to_recordset(rows) AS x(…)`: the rows, sent as one JSON
    /// parameter, as typed columns (with `position`, their place in the
    /// array, when `ordered`).
    static func recordset(_ rows: [[JSONValue]], _ columns: [(String, String)], ordered: Bool = false)
        -> SQLQueryString
    {
        let json = JSONValue.array(rows.map { row in .object(zip(columns, row).map { ($0.0, $1) }) }).serialized()
        let definition = columns.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        guard ordered else { return "json_to_recordset(\(bind: json)::json) AS x(\(unsafeRaw: definition))" }
        let names = columns.map(\.0).joined(separator: ", ")
        return
            "ROWS FROM (json_to_recordset(\(bind: json)::json) AS (\(unsafeRaw: definition))) WITH ORDINALITY AS x(\(unsafeRaw: names), position)"
    }

    /// A PostgreSQL array literal of values that need no quoting (UUIDs, canonical numbers).
    static func array(_ values: [String]) -> String {
        "{" + values.joined(separator: ",") + "}"
    }

    private func insert(_ table: String, _ columns: [(String, String)], _ rows: [[JSONValue]]) async throws {
        guard !rows.isEmpty else { return }
        let names = columns.map(\.0).joined(separator: ", ")
        try await sql.raw(
            "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: names) FROM "
                + Self.recordset(rows, columns)
        ).run()
    }

    private func delete(from table: String, _ shipments: [UUID]) async throws {
        guard !shipments.isEmpty else { return }
        try await sql.raw(
            "DELETE FROM \(unsafeRaw: table) WHERE shipment_id = ANY(\(bind: Self.array(shipments.map(\.uuidString)))::uuid[])"
        ).run()
    }

    /// `columns` of the rows `query` selects, packed by PostgreSQL into one JSON value.
    private func packed(_ query: SQLQueryString, columns: [String], orderBy: String? = nil) async throws -> [[PackedRows
        .Cell]]
    {
        let outer: SQLQueryString =
            "SELECT \(unsafeRaw: PackedRows.aggregate(columns, orderBy: orderBy)) AS packed FROM (" + query
            + ") AS packed_rows"
        let row = try await sql.raw(outer).first()
        return try PackedRows.parse(try row?.decode(column: "packed", as: String.self) ?? "[]")
    }
}

/// A packed row (`PackedRows`) of `Store.orderFields`, read by name.
struct PackedColumns: OrderColumns {
    let cells: [PackedRows.Cell]

    private func cell(_ column: String) throws -> PackedRows.Cell {
        guard let index = Store.orderFieldIndex[column], index < cells.count else {
            throw StoreError.corruptRow(column: column)
        }
        return cells[index]
    }

    func string(_ column: String) throws -> String? { try cell(column).string }
    func double(_ column: String) throws -> Double? { try cell(column).double }
    func int(_ column: String) throws -> Int? { try cell(column).int }
}

/// An SQLKit row read by column name.
struct SQLRowColumns: OrderColumns {
    let row: any SQLRow

    func string(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
    func double(_ column: String) throws -> Double? { try row.decode(column: column, as: Double?.self) }
    func int(_ column: String) throws -> Int? { try row.decode(column: column, as: Int?.self) }
}
