import FluentKit
import SQLKit

struct CreateOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.orders.name)
            .id()
            .field("external_id", .string, .required)
            .field("marketplace", .string)
            .field("placed_at", .double, .required)
            .field("placed_offset", .int, .required)
            .field("confirmed_at", .double)
            .field("confirmed_offset", .int)
            .field("promised_by", .double)
            .field("promised_offset", .int)
            .field("buyer_name", .string)
            .field("buyer_phone", .string)
            .field("buyer_email", .string)
            .field("items", .string, .required)
            .field("search_text", .string, .required)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .unique(on: "external_id")
            .create()
        // The order list is newest first, paged by (placed_at, id): read straight off this index.
        try await database.sql().create(index: "orders_newest").on(Tables.orders.name).column("placed_at")
            .column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.orders.name).delete()
    }
}
