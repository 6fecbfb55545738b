import FluentKit
import SQLKit

/// Buyer page links (only each token's SHA-256) and the buyers'
/// conversations with their messages.
struct CreateCustomerCenter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.buyerLinks.name)
            .field("token_hash", .string, .identifier(auto: false))
            .field("order_id", .uuid, .required, .references(Tables.orders.name, "id", onDelete: .cascade))
            .field("created_at", .double, .required)
            .create()
        try await database.schema(Tables.tickets.name)
            .field("id", .uuid, .identifier(auto: false))
            .field("order_id", .uuid, .required, .references(Tables.orders.name, "id", onDelete: .cascade))
            .field("order_external_id", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("opened_at", .double, .required)
            .field("updated_at", .double, .required)
            .field("waiting_since", .double)
            .create()
        try await database.schema(Tables.ticketMessages.name)
            .field("id", .int64, .identifier(auto: true))
            .field("ticket_id", .uuid, .required, .references(Tables.tickets.name, "id", onDelete: .cascade))
            .field("author", .string, .required)
            .field("text", .string, .required)
            .field("intent", .string)
            .field("at", .double, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "buyer_links_order").on(Tables.buyerLinks.name).column("order_id").run()
        try await sql.create(index: "tickets_order").on(Tables.tickets.name).column("order_id").column("status").run()
        try await sql.create(index: "tickets_status").on(Tables.tickets.name).column("status").column("updated_at")
            .run()
        // The buyer page's "usual days on this lane": the lane's latest deliveries without a scan of all shipments.
        try await sql.create(index: "shipments_lane_delivered").on(Tables.shipments.name)
            .column("shipping_option").column("carrier").column("status").column("last_event_at").run()
        try await sql.create(index: "ticket_messages_ticket").on(Tables.ticketMessages.name).column("ticket_id")
            .column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "shipments_lane_delivered").run()
        try await database.schema(Tables.ticketMessages.name).delete()
        try await database.schema(Tables.tickets.name).delete()
        try await database.schema(Tables.buyerLinks.name).delete()
    }
}
