import FluentKit
import SQLKit

/// An index of every substring of `orders.search_text`, so a search for one
/// tracking number or order number reads its few matches instead of every
/// order (0.1 s at 100,000 orders).
///
/// SQLite: an FTS5 trigram table over `orders` (external content, keyed by
/// the order's rowid), kept by `SQLiteTransaction` as it writes orders. Not
/// by triggers: a statement that fires one runs in a savepoint, and FTS5
/// writes its pending words out at every savepoint, so an import of 80,000
/// orders took 60% longer with them.
/// PostgreSQL: a trigram GIN index when the `pg_trgm` extension is installed
/// or this account may install it; without it searches still work, by scan.
struct AddOrderSearchIndex: AsyncMigration {
    static let table = "order_search"

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.dialect.name == "postgresql" {
            try await prepareTrigramIndex(sql)
            return
        }
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE order_search USING fts5(
                search_text, content='orders', content_rowid='rowid', tokenize='trigram')
            """
        ).run()
        // Pending words are written out at 8 MB rather than 1 MB: an import of 100,000 orders
        // then merges fewer, larger pieces.
        try await sql.raw("INSERT INTO order_search(order_search, rank) VALUES ('hashsize', 8388608)").run()
        try await sql.raw("INSERT INTO order_search(order_search) VALUES ('rebuild')").run()
    }

    private func prepareTrigramIndex(_ sql: any SQLDatabase) async throws {
        let installed = try await sql.raw("SELECT 1 AS found FROM pg_extension WHERE extname = 'pg_trgm'").first()
        if installed == nil {
            // A trusted extension: the database's owner may create it. Anyone else gets the scan.
            let allowed = try await sql.raw(
                """
                SELECT 1 AS found FROM pg_available_extensions
                WHERE name = 'pg_trgm' AND has_database_privilege(current_database(), 'CREATE')
                  AND has_schema_privilege(current_schema(), 'CREATE')
                """
            ).first()
            guard allowed != nil else { return }
            do {
                try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            } catch {
                return
            }
        }
        // pg_trgm may live in a schema off the search path, where its operator class is not found.
        do {
            try await sql.raw(
                "CREATE INDEX IF NOT EXISTS orders_search_trigrams ON orders USING gin (search_text gin_trgm_ops)"
            ).run()
        } catch {
            return
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP INDEX IF EXISTS orders_search_trigrams").run()
            return
        }
        try await sql.raw("DROP TABLE IF EXISTS order_search").run()
    }
}
