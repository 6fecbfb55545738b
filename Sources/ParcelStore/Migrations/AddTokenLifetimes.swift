import FluentKit
import FluentSQL
import SQLKit

/// Sign-in tokens that expire and tokens that can be revoked: `kind`
/// (`session` or `api`), `expires_at`, `revoked_at`. Tokens made before
/// this migration are API tokens that never expire, except the sign-ins
/// (named `session` then): those last the default session lifetime from
/// when they were made, so an old sign-in does not become a key for ever.
struct AddTokenLifetimes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(Tables.apiTokens.name)
            .field("kind", .string, .required, .sql(.default("api"))).update()
        try await database.schema(Tables.apiTokens.name).field("expires_at", .double).update()
        try await database.schema(Tables.apiTokens.name).field("revoked_at", .double).update()
        try await database.sql().update(Tables.apiTokens.name)
            .set("kind", to: "session")
            .set(SQLIdentifier("expires_at"), to: SQLRaw("created_at + \(Self.oldSessionLifetime)"))
            .where("name", .equal, "session").run()
        try await database.sql().create(index: "api_tokens_user_id").on(Tables.apiTokens.name).column("user_id").run()
    }

    /// Twelve hours, the default session lifetime when this migration was
    /// written: fixed here, since a migration must do the same on every database.
    static let oldSessionLifetime = 12 * 3600

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "api_tokens_user_id").run()
        for column in ["revoked_at", "expires_at", "kind"] {
            try await database.schema(Tables.apiTokens.name).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
