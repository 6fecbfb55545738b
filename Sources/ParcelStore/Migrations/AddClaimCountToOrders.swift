import FluentKit
import FluentSQL
import SQLKit

/// How many claims an order has: an order read (the busiest read) asks for
/// its claims only when there are any.
struct AddClaimCountToOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.orders.name)
            .field("claim_count", .int, .required, .sql(.default(0))).update()
        try await database.sql().update(Tables.orders.name)
            .set(
                SQLIdentifier("claim_count"),
                to: SQLRaw("(SELECT COUNT(*) FROM claims WHERE claims.order_id = orders.id)")
            )
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.orders.name).deleteField("claim_count").update()
    }
}
