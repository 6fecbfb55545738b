import FluentKit
import FluentSQL
import SQLKit

/// Sign-in tokens that expire and tokens that can be revoked: `kind`
/// (`session` or `api`), `expires_at`, `revoked_at`. Tokens made before
/// this migration are API tokens that never expire.
struct AddTokenLifetimes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(Tables.apiTokens.name)
            .field("kind", .string, .required, .sql(.default("api"))).update()
        try await database.schema(Tables.apiTokens.name).field("expires_at", .double).update()
        try await database.schema(Tables.apiTokens.name).field("revoked_at", .double).update()
        try await database.sql().create(index: "api_tokens_user_id").on(Tables.apiTokens.name).column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "api_tokens_user_id").run()
        for column in ["revoked_at", "expires_at", "kind"] {
            try await database.schema(Tables.apiTokens.name).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
