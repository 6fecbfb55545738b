import FluentKit
import SQLKit

/// The Today page's counts by severity read each shipment's worst finding
/// (`shipments.top_severity`, one shipment per order) through this index,
/// instead of grouping every finding: 1 ms rather than 45 ms at 100,000 orders.
struct AddShipmentSeverityIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "shipments_top_severity").on(Tables.shipments.name)
            .column("top_severity").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "shipments_top_severity").run()
    }
}
