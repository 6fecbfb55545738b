import Foundation
import ParcelApp
import ParcelCore
import SQLKit

// What both engines read back the same way.

extension Store {
    /// The columns of an event as read back, in the order `event(_:)` takes them.
    static let eventReadColumns = [
        "source", "carrier", "tracking_number", "time", "time_offset", "code", "text", "location",
    ]

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
}

extension SQLDatabase {
    /// Inserts `rows` with SQLKit: for the rare writes (accounts, the audit log outside the busy paths).
    func insert<Row>(_ rows: [Row], into table: Table<Row>, now: Double = 0) async throws {
        guard !rows.isEmpty else { return }
        var insert = self.insert(into: table.name).columns(table.columnNames)
        for row in rows { insert = insert.values(table.binds(row, now: now)) }
        try await insert.run()
    }
}
