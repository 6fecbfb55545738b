import FluentKit
import SQLKit

/// Claims on orders. The history in `claim_steps` is the truth; `state` and
/// the `next_due_*` columns are what the last judgment left, for lists and
/// the queue.
struct CreateClaims: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.claims.name)
            .field("id", .uuid, .identifier(auto: false))
            .field("order_id", .uuid, .required, .references(Tables.orders.name, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("type", .string, .required)
            .field("reason", .string, .required)
            .field("detail", .string)
            .field("noticed_at", .double)
            .field("noticed_offset", .int)
            .field("amount", .string)
            .field("state", .string, .required)
            .field("next_due_at", .double)
            .field("next_due_kind", .string)
            .field("next_due_who", .string)
            .field("opened_at", .double, .required)
            .field("updated_at", .double, .required)
            .unique(on: "order_id", "number")
            .create()
        let sql = try database.sql()
        try await sql.create(index: "claims_opened").on(Tables.claims.name).column("opened_at").column("id").run()
        try await sql.create(index: "claims_state").on(Tables.claims.name).column("state").run()
        try await sql.create(index: "claims_next_due").on(Tables.claims.name).column("next_due_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.claims.name).delete()
    }
}
