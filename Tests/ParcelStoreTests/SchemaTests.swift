import Foundation
import SQLKit
import Testing

@testable import ParcelStore

/// `Tables` (what the store writes) against what the migrations created. In
/// the Store suite, whose tests take turns with the one PostgreSQL database.
extension StoreTests {
    struct MigratedColumn: Equatable {
        let name: String
        let nullable: Bool
        /// PostgreSQL's type name; nil on SQLite, whose declared types are advisory.
        let type: String?
    }

    static func migrated(_ table: String, engine: Engine, sql: any SQLDatabase) async throws -> [MigratedColumn] {
        switch engine {
        case .sqlite:
            return try await sql.raw("SELECT name, \"notnull\" AS required, pk FROM pragma_table_info(\(bind: table))")
                .all().map { row in
                    MigratedColumn(
                        name: try row.decode(column: "name", as: String.self),
                        nullable: try row.decode(column: "required", as: Int.self) == 0
                            && row.decode(column: "pk", as: Int.self) == 0,
                        type: nil)
                }
        case .postgres:
            return try await sql.raw(
                """
                SELECT column_name, is_nullable, data_type FROM information_schema.columns
                WHERE table_name = \(bind: table) AND table_schema = current_schema()
                """
            ).all().map { row in
                MigratedColumn(
                    name: try row.decode(column: "column_name", as: String.self),
                    nullable: try row.decode(column: "is_nullable", as: String.self) == "YES",
                    type: try row.decode(column: "data_type", as: String.self))
            }
        }
    }

    static func postgresName(_ type: ColumnType) -> String {
        switch type {
        case .uuid: "uuid"
        case .text: "text"
        case .double: "double precision"
        case .int: "bigint"
        }
    }

    func checkTable<Row>(_ table: Table<Row>, engine: Engine, sql: any SQLDatabase) async throws {
        let columns = try await Self.migrated(table.name, engine: engine, sql: sql)
        #expect(!columns.isEmpty, "no table \(table.name)")
        let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
        for column in table.columns {
            guard let found = byName[column.name] else {
                Issue.record("\(table.name).\(column.name) is described but not migrated")
                continue
            }
            #expect(found.nullable == column.nullable, "\(table.name).\(column.name): nullable \(found.nullable)")
            if let type = found.type {
                #expect(type == Self.postgresName(column.type), "\(table.name).\(column.name) is \(type)")
            }
        }
        // Every column an insert must fill is described (a generated id is the database's).
        let described = Set(table.columnNames)
        for column in columns where !described.contains(column.name) {
            #expect(
                column.nullable || column.name == "id", "\(table.name).\(column.name) is required but not described")
        }
    }

    @Test(
        "every described table and column exists as migrated, with its type and nullability",
        arguments: Engine.available)
    func tablesMatchMigrations(engine: Engine) async throws {
        try await engine.withStore { desk in
            let sql = desk.store.sql
            try await checkTable(Tables.orders, engine: engine, sql: sql)
            try await checkTable(Tables.shipments, engine: engine, sql: sql)
            try await checkTable(Tables.legs, engine: engine, sql: sql)
            try await checkTable(Tables.diagnoses, engine: engine, sql: sql)
            try await checkTable(Tables.trackingEvents, engine: engine, sql: sql)
            try await checkTable(Tables.auditLog, engine: engine, sql: sql)
            try await checkTable(Tables.users, engine: engine, sql: sql)
            try await checkTable(Tables.apiTokens, engine: engine, sql: sql)
            try await checkTable(Tables.claims, engine: engine, sql: sql)
            try await checkTable(Tables.claimSteps, engine: engine, sql: sql)
            try await checkTable(Tables.claimEvidence, engine: engine, sql: sql)
            try await checkTable(Tables.buyerLinks, engine: engine, sql: sql)
            try await checkTable(Tables.tickets, engine: engine, sql: sql)
            try await checkTable(Tables.ticketMessages, engine: engine, sql: sql)
            try await checkTable(Tables.sourceKeys, engine: engine, sql: sql)
            try await checkTable(Tables.settings, engine: engine, sql: sql)
            try await checkTable(Tables.webhooks, engine: engine, sql: sql)
            try await checkTable(Tables.webhookDeliveries, engine: engine, sql: sql)
        }
    }

    @Test(
        "sign-ins made before tokens could expire last twelve hours from when they were made; API tokens stay",
        arguments: Engine.available)
    func oldSignInsExpire(engine: Engine) async throws {
        let before = Array(StoreMigrations.all.prefix { !($0 is AddTokenLifetimes) })
        try await engine.withHandle(migratedThrough: before) { handle in
            let sql = handle.store.sql
            let user = UUID()
            try await sql.raw(
                """
                INSERT INTO users (id, email, password_hash, role, created_at)
                VALUES (\(bind: user), 'owner@shop.kr', 'x', 'owner', 0)
                """
            ).run()
            for (name, hash) in [("session", "h1"), ("cli", "h2")] {
                try await sql.raw(
                    """
                    INSERT INTO api_tokens (id, user_id, name, token_hash, created_at)
                    VALUES (\(bind: UUID()), \(bind: user), \(bind: name), \(bind: hash), 1000)
                    """
                ).run()
            }

            try await handle.migrate()

            let rows = try await sql.raw("SELECT name, kind, expires_at FROM api_tokens ORDER BY name").all()
            let tokens = try rows.map {
                (
                    try $0.decode(column: "name", as: String.self), try $0.decode(column: "kind", as: String.self),
                    try $0.decode(column: "expires_at", as: Double?.self)
                )
            }
            #expect(tokens.map(\.0) == ["cli", "session"])
            #expect(tokens.map(\.1) == ["api", "session"])
            #expect(tokens.map(\.2) == [nil, 1000 + 12 * 3600])
        }
    }
}
