import FluentKit
import Foundation
import NIOPosix
import ParcelApp
import ParcelCore
import PostgresKit
import SQLKit
import SQLiteKit

/// Where SQLite and PostgreSQL part ways: the busy paths (`ShipmentTransaction`,
/// matching numbers, reading one order) each engine runs its own fastest
/// way; everything else is shared SQL over SQLKit.
protocol StoreEngine: Sendable {
    var name: String { get }
    var wantsCheckpoints: Bool { get }
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any ShipmentTransaction) async throws -> T)
        async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// For each canonical number, the shipments with a leg carrying it, as of the last commit.
    func shipments(holding numbers: [String]) async throws -> [String: [UUID]]
    func order(_ key: String) async throws -> StoredOrder?
    func checkpoint() async throws -> Store.CheckpointReport
    func integrityCheck(_ sql: any SQLDatabase) async throws -> String
    func close()
}

/// SQLite: the busy paths on `SQLiteFile`'s own connections (prepared
/// statements kept, one writer thread), one writer at a time.
struct SQLiteEngine: StoreEngine {
    let file: SQLiteFile
    let gate = WriteGate()
    let provider: @Sendable () -> any Database
    let preparedConnections = PreparedConnections()

    init(path: String, provider: @escaping @Sendable () -> any Database) throws {
        file = try SQLiteFile(path: path)
        self.provider = provider
    }

    var name: String { "sqlite" }
    var wantsCheckpoints: Bool { true }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any ShipmentTransaction) async throws -> T)
        async throws -> T
    {
        let file = file
        // SQLite has one writer at a time; taking turns here avoids lock contention.
        return try await gate.run {
            try await file.transaction { connection in try await body(SQLiteTransaction(connection: connection)) }
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let prepared = preparedConnections
        let database = provider()
        return try await gate.run {
            try await (database as! any SQLiteDatabase).withConnection { connection in
                if prepared.isNew(connection) {
                    for pragma in SQLiteFile.writerPragmas { _ = try await connection.query(pragma) }
                }
                let session = SQLiteSession(connection)
                // IMMEDIATE takes the write lock up front: a deferred transaction that
                // upgrades after another process wrote fails at once instead of waiting.
                _ = try await connection.query("BEGIN IMMEDIATE")
                do {
                    let result = try await body(session)
                    _ = try await connection.query("COMMIT")
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK")
                    throw error
                }
            }
        }
    }

    func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
        try file.read { try $0.shipments(holding: numbers) }
    }

    func order(_ key: String) async throws -> StoredOrder? {
        try file.read { try $0.order(key) }
    }

    /// When the writer reaches its own limit (`SQLiteFile.writerPragmas`),
    /// the checkpoint it makes inside a commit then finds little left to copy.
    func checkpoint() async throws -> Store.CheckpointReport {
        let started = ContinuousClock.now
        let file = file
        let pass = try await NIOThreadPool.singleton.runIfActive { try file.checkpoint() }
        return Store.CheckpointReport(
            logFrames: pass.logFrames, checkpointed: pass.checkpointed, duration: ContinuousClock.now - started)
    }

    /// The file's own check, then the search index against the orders it indexes, word for word.
    func integrityCheck(_ sql: any SQLDatabase) async throws -> String {
        let rows = try await sql.raw("PRAGMA integrity_check").all()
        let file = try rows.map { try $0.decode(column: "integrity_check", as: String.self) }.joined(separator: "; ")
        do {
            try await sql.raw(
                """
                INSERT INTO \(ident: AddOrderSearchIndex.table) (\(ident: AddOrderSearchIndex.table), rank)
                VALUES ('integrity-check', 1)
                """
            ).run()
        } catch {
            return (file == "ok" ? "" : file + "; ") + "\(AddOrderSearchIndex.table): \(String(reflecting: error))"
        }
        return file
    }

    func close() { file.close() }
}

/// PostgreSQL: batches of rows as one JSON parameter (`PostgresTransaction`),
/// order reads on connections of their own (`PostgresReadPool`).
struct PostgresEngine: StoreEngine {
    let provider: @Sendable () -> any Database
    let readPool: PostgresReadPool

    var name: String { "postgresql" }
    var wantsCheckpoints: Bool { false }

    /// Attempts of one transaction that PostgreSQL ended to break a deadlock
    /// or a serialization conflict, before the error reaches the caller.
    static let attempts = 4

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any ShipmentTransaction) async throws -> T)
        async throws -> T
    {
        try await write { sql in try await body(PostgresTransaction(sql: sql)) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await provider().transaction { database in try await body(try database.sql()) }
            } catch  where isRetryableConflict(error) && attempt < Self.attempts {
                // The transaction was rolled back whole; wait a little, differently each time, and run it again.
                readPool.logger.notice("transaction retried after a conflict", metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...20) * attempt))
                attempt += 1
            }
        }
    }

    func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
        try await PostgresTransaction(sql: try provider().sql()).shipments(holding: numbers)
    }

    func order(_ key: String) async throws -> StoredOrder? {
        guard let row = try await orderRow(key) else { return nil }
        var order = row.order
        // Most numbers are on one order only; the others are listed only when there are any.
        if row.holders > 1, let number = order.shipment.map({ canonicalNumber($0.trackingNumber) }) {
            order.otherOrders = try await PostgresTransaction(sql: try provider().sql()).ordersHolding([number])[
                number, default: []
            ]
            .filter { $0.id != order.info.id }
        }
        return order
    }

    /// The order row of `key`: by id through the read pool, by marketplace
    /// order number (rare) on one of Fluent's connections.
    private func orderRow(_ key: String) async throws -> PostgresOrderRow? {
        if let id = UUID(uuidString: key) { return try await readPool.order(id: id) }
        guard let postgres = provider() as? any PostgresDatabase else { throw StoreError.notSQL }
        let logger = readPool.logger
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let rows = try await connection.execute(PostgresOrderReadByExternalID(externalID: key), logger: logger)
                for try await row in rows { return row }
                return nil
            }
        }.get()
    }

    func checkpoint() async throws -> Store.CheckpointReport { Store.CheckpointReport() }

    func integrityCheck(_ sql: any SQLDatabase) async throws -> String { "ok" }

    func close() { readPool.close() }
}
