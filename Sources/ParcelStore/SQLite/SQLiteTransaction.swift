import Foundation
import ParcelApp
import ParcelCore

/// `ShipmentTransaction` on the SQLite writer connection. Each statement is
/// prepared once and run once per row: for SQLite, which runs in-process,
/// that beats one long multi-row statement parsed anew for every batch.
struct SQLiteTransaction: ShipmentTransaction {
    let connection: SQLiteConnectionHandle

    func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
        try connection.shipments(holding: numbers)
    }

    func shipmentsSharingNumbers(_ numbers: [String]) async throws -> [UUID] {
        let statement = try connection.statement("SELECT id FROM shipments WHERE canonical_number = ?1")
        var found: [UUID] = []
        for number in Set(numbers) {
            statement.reset()
            statement.bind(1, number)
            // Most numbers are held by one shipment: ids are read only when a second row exists.
            guard try statement.step(), try statement.step() else { continue }
            statement.reset()
            statement.bind(1, number)
            while try statement.step() {
                guard let id = statement.uuid(0) else { throw StoreError.corruptRow(column: "shipments.id") }
                found.append(id)
            }
        }
        return found
    }

    /// Nothing to do: SQLite has one writer at a time.
    func lockShipments(_ ids: [UUID]) async throws {}

    func loadShipments(_ ids: [UUID]) async throws -> [LoadedShipment] {
        try connection.loadShipments(ids)
    }

    func ordersHolding(_ numbers: [String]) async throws -> [String: [OtherOrder]] {
        try connection.ordersHolding(numbers)
    }

    /// Each order with its words in the search index (`AddOrderSearchIndex`).
    func insertOrders(_ orders: [OrderRecord], now: Double) async throws {
        let statement = try connection.statement(SQLiteStatements.insertOrder)
        let index = try connection.statement(SQLiteStatements.indexWords)
        for order in orders {
            statement.bind(Tables.orders, order, now: now)
            do {
                try statement.run()
            } catch let failure as SQLiteFailure where failure.isUniqueViolation {
                throw OrderError.duplicateOrder(order.draft.info.id)
            }
            index.bind(1, Int(connection.lastInsertedRow))
            index.bind(2, order.searchText)
            try index.run()
        }
    }

    func insertShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        try insert(shipments, into: Tables.shipments, statement: SQLiteStatements.insertShipment, now: now)
    }

    /// The analysis columns; the indexed ones (status, review time) only when
    /// they changed: SQLite rewrites the index entries of every column an
    /// UPDATE sets, changed or not, and most scans change neither.
    func updateShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        let statement = try connection.statement(SQLiteStatements.updateShipment)
        let status = try connection.statement("UPDATE shipments SET status = ?2 WHERE id = ?1")
        let review = try connection.statement("UPDATE shipments SET review_due_at = ?2 WHERE id = ?1")
        for record in shipments {
            let state = record.state
            statement.bind(1, record.id)
            for (offset, column) in SQLiteStatements.unindexedState.enumerated() {
                statement.bind(Int32(offset + 2), column.value(record, now))
            }
            try statement.run()
            if record.storedStatus != state.status {
                status.bind(1, record.id)
                status.bind(2, state.status)
                try status.run()
            }
            if record.storedReviewDueAt != state.reviewDueAt {
                review.bind(1, record.id)
                review.bind(2, state.reviewDueAt)
                try review.run()
            }
        }
    }

    func replaceLegs(of shipments: [UUID], with legs: [LegRecord]) async throws {
        try delete(from: Tables.legs.name, of: shipments)
        try insert(legs, into: Tables.legs, statement: SQLiteStatements.insertLeg, now: 0)
    }

    func replaceFindings(of shipments: [UUID], with findings: [FindingRecord], now: Double) async throws {
        try delete(from: Tables.diagnoses.name, of: shipments)
        try insert(findings, into: Tables.diagnoses, statement: SQLiteStatements.insertFinding, now: now)
    }

    private func insert<Row>(_ rows: [Row], into table: Table<Row>, statement sql: String, now: Double) throws {
        guard !rows.isEmpty else { return }
        let statement = try connection.statement(sql)
        for row in rows {
            statement.bind(table, row, now: now)
            try statement.run()
        }
    }

    private func delete(from table: String, of shipments: [UUID]) throws {
        let delete = try connection.statement("DELETE FROM \(table) WHERE shipment_id = ?1")
        for shipment in shipments {
            delete.bind(1, shipment)
            try delete.run()
        }
    }

    /// The index forgets the old words (it needs them exactly) before it learns the new.
    func updateSearchText(_ updates: [SearchTextUpdate]) async throws {
        let stored = try connection.statement("SELECT rowid, search_text FROM orders WHERE id = ?1")
        let forget = try connection.statement(SQLiteStatements.forgetWords)
        let statement = try connection.statement("UPDATE orders SET search_text = ?2 WHERE id = ?1")
        let index = try connection.statement(SQLiteStatements.indexWords)
        for update in updates {
            stored.reset()
            stored.bind(1, update.order)
            guard try stored.step(), let row = stored.int(0) else { continue }
            let old = stored.string(1) ?? ""
            forget.bind(1, row)
            forget.bind(2, old)
            try forget.run()
            statement.bind(1, update.order)
            statement.bind(2, update.text)
            try statement.run()
            index.bind(1, row)
            index.bind(2, update.text)
            try index.run()
        }
    }

    func insertEvents(_ events: [PendingEvent], receivedAt: Double) async throws -> Set<String> {
        let statement = try connection.statement(SQLiteStatements.insertEvent)
        var stored: Set<String> = []
        stored.reserveCapacity(events.count)
        for item in events {
            statement.bind(Tables.trackingEvents, item, now: receivedAt)
            // A row not changed is a report stored before.
            if try statement.run() == 1 { stored.insert(item.key) }
        }
        return stored
    }

    func audit(_ entry: AuditEntry) async throws {
        try insert([entry], into: Tables.auditLog, statement: SQLiteStatements.insertAudit, now: entry.at)
    }
}

extension SQLiteStatementHandle {
    /// Binds every column of `table` for `row`, in the table's order from parameter 1.
    func bind<Row>(_ table: Table<Row>, _ row: Row, now: Double) {
        for (offset, column) in table.columns.enumerated() { bind(Int32(offset + 1), column.value(row, now)) }
    }

    func bind(_ index: Int32, _ cell: Cell) {
        switch cell {
        case .null: bindNull(index)
        case .text(let text): bind(index, text)
        case .double(let value): bind(index, value)
        case .int(let value): bind(index, value)
        case .uuid(let id): bind(index, id)
        }
    }
}

/// The SQL of the statements the SQLite paths keep prepared.
enum SQLiteStatements {
    static let insertOrder = Tables.orders.sqliteInsert()
    static let insertShipment = Tables.shipments.sqliteInsert()
    /// The state columns but the indexed two, which `updateShipments` sets only when they change.
    static let unindexedState = Tables.shipmentState.filter { !["status", "review_due_at"].contains($0.name) }
    static let updateShipment =
        "UPDATE shipments SET "
        + unindexedState.enumerated().map { "\($1.name) = ?\($0 + 2)" }.joined(separator: ", ") + " WHERE id = ?1"
    static let insertLeg = Tables.legs.sqliteInsert()
    static let insertFinding = Tables.diagnoses.sqliteInsert()
    static let insertEvent = Tables.trackingEvents.sqliteInsert(
        suffix: " ON CONFLICT (\(Tables.eventConflictColumns.joined(separator: ", "))) DO NOTHING")
    static let insertAudit = Tables.auditLog.sqliteInsert()
    /// One row at a time, with `VALUES`: a statement that may write several rows runs in a
    /// savepoint, where FTS5 writes out its pending words (`AddOrderSearchIndex`).
    static let indexWords = "INSERT INTO \(AddOrderSearchIndex.table) (rowid, search_text) VALUES (?1, ?2)"
    static let forgetWords =
        "INSERT INTO \(AddOrderSearchIndex.table) (\(AddOrderSearchIndex.table), rowid, search_text) VALUES ('delete', ?1, ?2)"

    // Reads are single-table statements without ORDER BY, DISTINCT or joins:
    // with any of those SQLite marks a parameter as able to change the plan,
    // and then prepares the statement again every time it is bound.
    static let orderColumns = Store.orderFields.filter { $0.column.hasPrefix("o.") }.map(\.name)
    static let shipmentColumns = Store.orderFields.filter { $0.column.hasPrefix("s.") }.map {
        "\($0.column.dropFirst(2)) AS \($0.name)"
    }
    static let orderByID = "SELECT \(orderColumns.joined(separator: ", ")) FROM orders WHERE id = ?1"
    static let orderByExternalID =
        "SELECT \(orderColumns.joined(separator: ", ")) FROM orders WHERE external_id = ?1"
    static let shipmentOfOrder =
        "SELECT \(shipmentColumns.joined(separator: ", ")) FROM shipments WHERE order_id = ?1"
    static let shipmentByID =
        "SELECT \(shipmentColumns.joined(separator: ", ")), order_id FROM shipments WHERE id = ?1"
    static let eventsOfShipment =
        "SELECT id, \(Store.eventReadColumns.joined(separator: ", ")) FROM tracking_events WHERE shipment_id = ?1"
}

// MARK: - Reads, on the writer inside a transaction or on a pooled reader

extension SQLiteConnectionHandle {
    func shipments(holding numbers: [String]) throws -> [String: [UUID]] {
        let statement = try statement("SELECT shipment_id FROM legs WHERE canonical_number = ?1")
        var found: [String: [UUID]] = [:]
        for number in numbers {
            statement.reset()
            statement.bind(1, number)
            while try statement.step() {
                guard let shipment = statement.uuid(0) else { throw StoreError.corruptRow(column: "legs.shipment_id") }
                // A number pasted on two orders belongs to both: each gets the event.
                if !(found[number]?.contains(shipment) ?? false) { found[number, default: []].append(shipment) }
            }
        }
        return found
    }

    func loadShipments(_ ids: [UUID]) throws -> [LoadedShipment] {
        let shipments = try statement(SQLiteStatements.shipmentByID)
        let orders = try statement(SQLiteStatements.orderByID)
        let orderColumn = shipments.columnIndexes["order_id"] ?? 0
        var loaded: [LoadedShipment] = []
        loaded.reserveCapacity(ids.count)
        for id in ids {
            shipments.reset()
            shipments.bind(1, id)
            guard try shipments.step(), let orderID = shipments.uuid(orderColumn) else { continue }
            orders.reset()
            orders.bind(1, orderID)
            guard try orders.step() else { throw StoreError.corruptRow(column: "shipments.order_id") }
            // Both statements stay on their rows while the events are read with a third.
            let events = try self.events(of: id)
            loaded.append(try SQLiteRowColumns(orders, shipments).loadedShipment(events: events))
        }
        return loaded
    }

    /// A shipment's stored events, in arrival order.
    func events(of shipment: UUID) throws -> [RawTrackingEvent] {
        let statement = try statement(SQLiteStatements.eventsOfShipment)
        statement.bind(1, shipment)
        var events: [(id: Int, event: RawTrackingEvent)] = []
        while try statement.step() {
            guard let id = statement.int(0), let source = statement.string(1), let carrier = statement.string(2),
                let number = statement.string(3), let time = statement.double(4), let offset = statement.int(5),
                let text = statement.string(7)
            else { throw StoreError.corruptRow(column: "tracking_events") }
            events.append(
                (
                    id,
                    RawTrackingEvent(
                        source: source, carrier: carrier, trackingNumber: number,
                        time: Timestamp(stored: time, offset: offset), code: statement.string(6), text: text,
                        location: statement.string(8))
                ))
        }
        // The index gives them in key order; arrival order is the id's.
        events.sort { $0.id < $1.id }
        return events.map(\.event)
    }

    func ordersHolding(_ numbers: [String]) throws -> [String: [OtherOrder]] {
        let shipments = try statement("SELECT tracking_number, order_id FROM shipments WHERE canonical_number = ?1")
        let orders = try statement("SELECT external_id FROM orders WHERE id = ?1")
        var found: [String: [OtherOrder]] = [:]
        for number in Set(numbers) {
            shipments.reset()
            shipments.bind(1, number)
            while try shipments.step() {
                guard let tracking = shipments.string(0), let orderID = shipments.uuid(1) else {
                    throw StoreError.corruptRow(column: "shipments.tracking_number")
                }
                orders.reset()
                orders.bind(1, orderID)
                guard try orders.step(), let order = orders.string(0) else {
                    throw StoreError.corruptRow(column: "shipments.order_id")
                }
                found[number, default: []].append(OtherOrder(id: order, trackingNumber: tracking))
            }
        }
        return found
    }

    /// How many shipments carry `number` (canonical).
    func shipmentCount(number: String) throws -> Int {
        let statement = try statement("SELECT COUNT(*) FROM shipments WHERE canonical_number = ?1")
        statement.bind(1, number)
        try statement.step()
        return statement.int(0) ?? 0
    }

    /// One order by id or marketplace order number, with its shipment and events.
    func order(_ key: String) throws -> StoredOrder? {
        let id = UUID(uuidString: key)
        let orders = try statement(id == nil ? SQLiteStatements.orderByExternalID : SQLiteStatements.orderByID)
        if let id { orders.bind(1, id) } else { orders.bind(1, key) }
        guard try orders.step(), let orderID = orders.uuid(0) else { return nil }
        let shipments = try statement(SQLiteStatements.shipmentOfOrder)
        shipments.bind(1, orderID)
        let shipped = try shipments.step()
        let columns = SQLiteRowColumns(orders, shipments, shipped: shipped)
        let events = try columns.uuid("s_id").map { try self.events(of: $0) } ?? []
        var order = try columns.storedOrder(events: events)
        // Most numbers are on one order only; the others are listed only when there are any.
        if let number = order.shipment.map({ canonicalNumber($0.trackingNumber) }),
            try shipmentCount(number: number) > 1
        {
            order.otherOrders = try ordersHolding([number])[number, default: []].filter { $0.id != order.info.id }
        }
        return order
    }
}

/// The current rows of SQLite statements, read by column name: an order's
/// and its shipment's (columns prefixed `s_`). The columns of a statement
/// without a row (an order not shipped) read as NULL.
struct SQLiteRowColumns: OrderColumns {
    let statements: [(statement: SQLiteStatementHandle, onRow: Bool)]

    init(_ order: SQLiteStatementHandle, _ shipment: SQLiteStatementHandle, shipped: Bool = true) {
        statements = [(order, true), (shipment, shipped)]
    }

    private func read<T>(_ column: String, _ value: (SQLiteStatementHandle, Int32) -> T?) throws -> T? {
        for (statement, onRow) in statements {
            if let index = statement.columnIndexes[column] { return onRow ? value(statement, index) : nil }
        }
        throw StoreError.corruptRow(column: column)
    }

    func string(_ column: String) throws -> String? { try read(column) { $0.string($1) } }
    func double(_ column: String) throws -> Double? { try read(column) { $0.double($1) } }
    func int(_ column: String) throws -> Int? { try read(column) { $0.int($1) } }
}
