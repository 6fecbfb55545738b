import Foundation
import Logging
import NIOCore
import ParcelApp
import ParcelCore
import PostgresNIO

/// Order reads on PostgreSQL, as named prepared statements: PostgreSQL
/// parses and plans each once per connection instead of on every read.
///
/// Rows come back in PostgreSQL's binary format: the order and shipment
/// columns as they are, and the events as one array per column (one pass
/// over the shipment's events; the arrays share its order, sorted by id
/// here), cheaper for PostgreSQL than building JSON and for this server
/// than splitting it again (docs/PERFORMANCE.md).
enum PostgresOrderRead {
    static let select = """
        SELECT \(Store.orderFields.map(\.column).joined(separator: ", ")),
               (SELECT COUNT(*) FROM shipments same WHERE same.canonical_number = s.canonical_number) AS holders,
               \(PostgresOrderRow.eventColumns.map { "e.\($0)" }.joined(separator: ", "))
        FROM orders o LEFT JOIN shipments s ON s.order_id = o.id
        LEFT JOIN LATERAL (
            SELECT \(PostgresOrderRow.eventColumns.map { "array_agg(\($0)) AS \($0)" }.joined(separator: ", "))
            FROM tracking_events WHERE shipment_id = s.id
        ) e ON true
        """
}

/// Orders by id, any number in one statement (`PostgresReadPool` gathers them).
struct PostgresOrderBatchRead: PostgresOrderReading {
    // Named here: the default name is built by reflection on every execution.
    static let name = "parceldesk.orders-by-id"
    static let sql = PostgresOrderRead.select + " WHERE o.id = ANY($1)"

    let ids: [UUID]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(ids)
        return bindings
    }
}

/// The same read by marketplace order number.
struct PostgresOrderReadByExternalID: PostgresOrderReading {
    static let name = "parceldesk.order-by-external-id"
    static let sql = PostgresOrderRead.select + " WHERE o.external_id = $1"

    let externalID: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(externalID)
        return bindings
    }
}

protocol PostgresOrderReading: PostgresPreparedStatement where Row == PostgresOrderRow {}

extension PostgresOrderReading {
    func decodeRow(_ row: PostgresRow) throws -> PostgresOrderRow {
        try PostgresOrderRow(row)
    }
}

/// One order read: the order with its events, and how many shipments
/// (this one included) carry its tracking number.
struct PostgresOrderRow: Sendable {
    static let eventColumns = ["id"] + Store.eventReadColumns

    let order: StoredOrder
    let holders: Int

    init(_ row: PostgresRow) throws {
        let cells = Array(row)
        let fields = Store.orderFields.count
        guard cells.count == fields + 1 + Self.eventColumns.count else {
            throw StoreError.corruptRow(column: "order read (\(cells.count) columns)")
        }
        holders = try BinaryCells.value(cells[fields], "holders", of: .int8, BinaryCells.readInt) ?? 0
        let events = try Self.events(Array(cells[(fields + 1)...]))
        order = try BinaryCells(cells: cells[..<fields]).storedOrder(events: events)
    }

    /// The events of the per-column arrays, by id.
    private static func events(_ columns: [PostgresCell]) throws -> [RawTrackingEvent] {
        var count: Int?
        // Column `index` of every event; all columns have as many as the first.
        func column<T>(_ index: Int, _ type: PostgresDataType, _ read: (inout ByteBuffer, Int) -> T?) throws -> [T?] {
            let values = try BinaryCells.array(columns[index], eventColumns[index], of: type, read)
            guard values.count == count ?? values.count else {
                throw StoreError.corruptRow(column: eventColumns[index])
            }
            count = values.count
            return values
        }
        func required<T>(_ index: Int, _ type: PostgresDataType, _ read: (inout ByteBuffer, Int) -> T?) throws -> [T] {
            try column(index, type, read).map { value in
                guard let value else { throw StoreError.corruptRow(column: eventColumns[index]) }
                return value
            }
        }
        let ids = try required(0, .int8, BinaryCells.readInt)
        guard !ids.isEmpty else { return [] }
        let sources = try required(1, .text, BinaryCells.readText)
        let carriers = try required(2, .text, BinaryCells.readText)
        let numbers = try required(3, .text, BinaryCells.readText)
        let times = try required(4, .float8, BinaryCells.readDouble)
        let offsets = try required(5, .int8, BinaryCells.readInt)
        let codes = try column(6, .text, BinaryCells.readText)
        let texts = try required(7, .text, BinaryCells.readText)
        let locations = try column(8, .text, BinaryCells.readText)
        return ids.indices.sorted { ids[$0] < ids[$1] }.map { index in
            RawTrackingEvent(
                source: sources[index], carrier: carriers[index], trackingNumber: numbers[index],
                time: Timestamp(stored: times[index], offset: offsets[index]), code: codes[index],
                text: texts[index], location: locations[index])
        }
    }
}

/// Cells in PostgreSQL's binary format, read by `Store.orderFields` name.
struct BinaryCells: OrderColumns {
    let cells: ArraySlice<PostgresCell>

    private func cell(_ column: String) throws -> PostgresCell {
        guard let index = Store.orderFieldIndex[column], index < cells.count else {
            throw StoreError.corruptRow(column: column)
        }
        return cells[cells.startIndex + index]
    }

    func string(_ column: String) throws -> String? { try string(cell(column), column) }
    func double(_ column: String) throws -> Double? { try double(cell(column), column) }
    func int(_ column: String) throws -> Int? { try int(cell(column), column) }

    func uuid(_ column: String) throws -> UUID? {
        let cell = try cell(column)
        guard let bytes = cell.bytes else { return nil }
        guard cell.dataType == .uuid, bytes.readableBytes == 16 else { throw StoreError.corruptRow(column: column) }
        return bytes.withUnsafeReadableBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }

    func string(_ cell: PostgresCell, _ column: String) throws -> String? {
        try Self.value(cell, column, of: .text, Self.readText)
    }

    func double(_ cell: PostgresCell, _ column: String) throws -> Double? {
        try Self.value(cell, column, of: .float8, Self.readDouble)
    }

    func int(_ cell: PostgresCell, _ column: String) throws -> Int? {
        try Self.value(cell, column, of: .int8, Self.readInt)
    }

    /// A cell of `type` read by `read` (given the bytes and their count), nil for NULL.
    static func value<T>(
        _ cell: PostgresCell, _ column: String, of type: PostgresDataType, _ read: (inout ByteBuffer, Int) -> T?
    ) throws -> T? {
        guard var bytes = cell.bytes else { return nil }
        guard cell.dataType == type, let value = read(&bytes, bytes.readableBytes) else {
            throw StoreError.corruptRow(column: column)
        }
        return value
    }

    /// The elements of a one-dimensional array of `type` (none for NULL), each read by `read`.
    static func array<T>(
        _ cell: PostgresCell, _ column: String, of type: PostgresDataType, _ read: (inout ByteBuffer, Int) -> T?
    ) throws -> [T?] {
        guard var bytes = cell.bytes else { return [] }
        // Header: dimensions, a has-nulls flag, the element type, then (length, lower bound) per dimension.
        guard let dimensions = bytes.readInteger(as: Int32.self), bytes.readInteger(as: Int32.self) != nil,
            let elementType = bytes.readInteger(as: UInt32.self), elementType == type.rawValue
        else { throw StoreError.corruptRow(column: column) }
        if dimensions == 0 { return [] }
        guard dimensions == 1, let count = bytes.readInteger(as: Int32.self), count >= 0,
            bytes.readInteger(as: Int32.self) != nil
        else { throw StoreError.corruptRow(column: column) }
        var values: [T?] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = bytes.readInteger(as: Int32.self) else { throw StoreError.corruptRow(column: column) }
            if length < 0 {
                values.append(nil)
                continue
            }
            guard length <= bytes.readableBytes, let value = read(&bytes, Int(length)) else {
                throw StoreError.corruptRow(column: column)
            }
            values.append(value)
        }
        return values
    }

    static func readText(_ bytes: inout ByteBuffer, _ length: Int) -> String? {
        bytes.readString(length: length)
    }

    static func readInt(_ bytes: inout ByteBuffer, _ length: Int) -> Int? {
        guard length == 8 else { return nil }
        return bytes.readInteger(as: Int64.self).map { Int($0) }
    }

    static func readDouble(_ bytes: inout ByteBuffer, _ length: Int) -> Double? {
        guard length == 8 else { return nil }
        return bytes.readInteger(as: UInt64.self).map { Double(bitPattern: $0) }
    }
}
