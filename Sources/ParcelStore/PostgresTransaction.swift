import Foundation
import ParcelApp
import ParcelCore
import SQLKit

/// `ShipmentTransaction` on PostgreSQL, where every statement is a round trip
/// to another process. A batch of rows goes as one JSON parameter that
/// `json_to_recordset` turns into rows: one short statement to parse and one
/// value to bind, not thousands of parameters for SQLKit to serialize and
/// PostgreSQL to read. Rows come back the same way, packed into one value.
struct PostgresTransaction: ShipmentTransaction {
    let sql: any SQLDatabase

    func lockShipments(_ ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        // ORDER BY under FOR UPDATE: PostgreSQL locks the rows in the order it returns them.
        _ = try await sql.raw(
            "SELECT id FROM shipments WHERE id = ANY(\(bind: Self.array(ids.map(\.text)))::uuid[]) ORDER BY id FOR UPDATE"
        ).all()
    }

    func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
        var found: [String: [UUID]] = [:]
        guard !numbers.isEmpty else { return found }
        let rows = try await packed(
            "SELECT DISTINCT canonical_number, shipment_id FROM legs WHERE canonical_number = ANY(\(bind: Self.array(numbers))::text[])",
            columns: ["canonical_number", "shipment_id"])
        for cells in rows {
            guard cells.count == 2, let number = cells[0].string,
                let shipment = cells[1].string.flatMap(UUID.init(text:))
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
            guard let id = cells.first?.string.flatMap(UUID.init(text:)) else {
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
            WHERE s.id = ANY(\(bind: Self.array(ids.map(\.text)))::uuid[])
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
            WHERE shipment_id = ANY(\(bind: Self.array(shipmentIDs.map(\.text)))::uuid[])
            """, columns: ["shipment_id"] + Store.eventReadColumns, orderBy: "id")
        for cells in rows {
            guard let shipment = cells.first?.string.flatMap(UUID.init(text:)) else {
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
        do {
            try await insert(orders, into: Tables.orders, now: now)
        } catch  where isUniqueViolation(error) {
            // Checked before the transaction; a create that raced it lands here.
            throw OrderError.duplicateOrder(violatedKeyValue(error) ?? orders[0].draft.info.id)
        }
    }

    func insertShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        try await insert(shipments, into: Tables.shipments, now: now)
    }

    func updateShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        guard !shipments.isEmpty else { return }
        let state = Tables.shipmentState
        let columns = [("id", "uuid")] + Tables.shipments.postgresTypes(state)
        let assignments = state.map { "\($0.name) = x.\($0.name)" }.joined(separator: ", ")
        let rows = shipments.map {
            [JSONValue.string($0.id.text)] + Tables.shipments.cells($0, now: now, state).map(\.json)
        }
        try await sql.raw(
            "UPDATE shipments SET \(unsafeRaw: assignments) FROM " + Self.recordset(rows, columns)
                + " WHERE shipments.id = x.id"
        ).run()
    }

    func replaceLegs(of shipments: [UUID], with legs: [LegRecord]) async throws {
        try await delete(from: Tables.legs.name, shipments)
        try await insert(legs, into: Tables.legs, now: 0)
    }

    func replaceFindings(of shipments: [UUID], with findings: [FindingRecord], now: Double) async throws {
        try await delete(from: Tables.diagnoses.name, shipments)
        try await insert(findings, into: Tables.diagnoses, now: now)
    }

    func updateSearchText(_ updates: [SearchTextUpdate]) async throws {
        guard !updates.isEmpty else { return }
        let columns = [("id", "uuid"), ("search_text", "text")]
        let rows = updates.map { [JSONValue.string($0.order.text), .string($0.text)] }
        try await sql.raw(
            "UPDATE orders SET search_text = x.search_text FROM " + Self.recordset(rows, columns)
                + " WHERE orders.id = x.id"
        ).run()
    }

    func insertEvents(_ events: [PendingEvent], receivedAt: Double) async throws -> Set<String> {
        guard !events.isEmpty else { return [] }
        let table = Tables.trackingEvents
        let rows = events.map { table.cells($0, now: receivedAt).map(\.json) }
        let names = table.columnNames.joined(separator: ", ")
        // In the order given, so ids follow arrival; the keys stored come back as one value.
        let row = try await sql.raw(
            "WITH stored AS (INSERT INTO tracking_events (\(unsafeRaw: names)) SELECT \(unsafeRaw: names) FROM "
                + Self.recordset(rows, table.postgresTypes(), ordered: true)
                    + """
                     ORDER BY x.position ON CONFLICT (shipment_id, dedupe_key) DO NOTHING RETURNING dedupe_key)
                    SELECT COALESCE(string_agg(dedupe_key, ' '), '') AS keys FROM stored
                    """
        ).first()
        // Dedupe keys are hex digits: a space cannot occur in one.
        let keys = try row?.decode(column: "keys", as: String.self) ?? ""
        return Set(keys.split(separator: " ").map(String.init))
    }

    func audit(_ entry: AuditEntry) async throws {
        try await insert([entry], into: Tables.auditLog, now: entry.at)
    }

    // MARK: - Rows as JSON

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

    /// All `rows` in one statement, as one JSON parameter.
    private func insert<Row>(_ rows: [Row], into table: Table<Row>, now: Double) async throws {
        guard !rows.isEmpty else { return }
        let names = table.columnNames.joined(separator: ", ")
        let values = rows.map { table.cells($0, now: now).map(\.json) }
        try await sql.raw(
            "INSERT INTO \(unsafeRaw: table.name) (\(unsafeRaw: names)) SELECT \(unsafeRaw: names) FROM "
                + Self.recordset(values, table.postgresTypes())
        ).run()
    }

    private func delete(from table: String, _ shipments: [UUID]) async throws {
        guard !shipments.isEmpty else { return }
        try await sql.raw(
            "DELETE FROM \(unsafeRaw: table) WHERE shipment_id = ANY(\(bind: Self.array(shipments.map(\.text)))::uuid[])"
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
