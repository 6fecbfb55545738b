import FluentKit

struct CreateAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.apiTokens.name)
            .id()
            .field("user_id", .uuid, .required, .references(Tables.users.name, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .double, .required)
            .field("last_used_at", .double)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.apiTokens.name).delete()
    }
}
