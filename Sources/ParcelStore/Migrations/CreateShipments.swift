import FluentKit
import SQLKit

struct CreateShipments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.shipments.name)
            .id()
            .field("order_id", .uuid, .required, .references(Tables.orders.name, "id", onDelete: .cascade))
            .field("carrier", .string)
            .field("tracking_number", .string, .required)
            .field("canonical_number", .string, .required)
            .field("shipping_option", .string)
            .field("shipped_at", .double)
            .field("shipped_offset", .int)
            .field("origin", .string)
            .field("destination", .string)
            .field("status", .string, .required)
            .field("milestone", .string)
            .field("last_event_at", .double)
            .field("event_count", .int, .required)
            .field("top_severity", .int, .required)
            .field("review_due_at", .double, .required)
            .field("updated_at", .double, .required)
            // What the legs and findings rows last written hold, so a refresh that changes
            // neither leaves them alone.
            .field("legs_digest", .string)
            .field("findings_digest", .string)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "shipments_canonical_number").on(Tables.shipments.name).column("canonical_number")
            .run()
        // One shipment per order, kept by the store; a plain index, because a second unique
        // constraint would make the state upsert (ON CONFLICT (id)) fail on SQLite.
        try await sql.create(index: "shipments_order_id").on(Tables.shipments.name).column("order_id").run()
        try await sql.create(index: "shipments_review_due_at").on(Tables.shipments.name).column("review_due_at").run()
        try await sql.create(index: "shipments_status").on(Tables.shipments.name).column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.shipments.name).delete()
    }
}
