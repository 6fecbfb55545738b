import Crypto
import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ParcelCore
import SQLKit
import SQLiteKit

/// The repositories the server and the command line use, over one database.
/// Everything that writes takes the write gate on SQLite; reads never wait.
public struct Store: Sendable {
    /// A database handle on any of the group's event loops, spreading work
    /// over the connection pool.
    let provider: @Sendable () -> any Database
    public let isSQLite: Bool
    let gate: WriteGate?
    let preparedConnections = PreparedConnections()
    public let diagnoser: Diagnoser
    public let playbook: Playbook

    public init(
        databases: Databases, logger: Logger, eventLoopGroup: any EventLoopGroup, diagnoser: Diagnoser = Diagnoser()
    ) {
        let provider: @Sendable () -> any Database = {
            databases.database(logger: logger, on: eventLoopGroup.any())!
        }
        self.provider = provider
        self.isSQLite = (provider() as? any SQLDatabase)?.dialect.name == "sqlite"
        // SQLite has one writer at a time; taking turns here avoids lock contention.
        self.gate = isSQLite ? WriteGate() : nil
        self.diagnoser = diagnoser
        self.playbook = Playbook(registry: diagnoser.detector.registry)
    }

    public var database: any Database { provider() }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Runs `body` in one transaction, one writer at a time on SQLite.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let gate else {
            return try await database.transaction { database in try await body(try database.sql()) }
        }
        return try await gate.run {
            try await withSQLiteSession { session in
                // IMMEDIATE takes the write lock up front: a deferred transaction that
                // upgrades after another process wrote fails at once instead of waiting.
                _ = try await session.connection.query("BEGIN IMMEDIATE")
                do {
                    let result = try await body(session)
                    _ = try await session.connection.query("COMMIT")
                    return result
                } catch {
                    _ = try? await session.connection.query("ROLLBACK")
                    throw error
                }
            }
        }
    }

    private func withSQLiteSession<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteSession) async throws -> T
    ) async throws -> T {
        let prepared = preparedConnections
        return try await (database as! any SQLiteDatabase).withConnection { connection in
            if prepared.isNew(connection) {
                for pragma in Self.writerPragmas { _ = try await connection.query(pragma) }
            }
            return try await body(SQLiteSession(connection))
        }
    }

    /// Settings for each SQLite connection that writes, made once when it
    /// first writes (the pool keeps its connections). A large page
    /// cache keeps a batch's index pages from being spilled mid-transaction;
    /// statement journals stay in memory; in WAL mode `synchronous=NORMAL`
    /// loses nothing when the process dies (a commit is in the log before it
    /// returns), only possibly the last commits on power loss. A writer
    /// checkpoints by itself only past 10,000 pages (40 MB) of log: the
    /// server checkpoints in the background (`WALCheckpointer`), and long
    /// command-line imports make fewer, larger checkpoints.
    static let writerPragmas = [
        "PRAGMA cache_size=-65536", "PRAGMA temp_store=MEMORY",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA wal_autocheckpoint=10000",
    ]

    /// Settings a fresh SQLite file needs: write-ahead logging, so readers
    /// never wait for the writer and a killed process loses nothing committed.
    public func prepareDatabase() async throws {
        guard isSQLite else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }

    /// Fails when the database does not answer.
    public func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS one").first()
    }

    /// `PRAGMA integrity_check` on SQLite ("ok" when sound); PostgreSQL checks itself.
    public func integrityCheck() async throws -> String {
        guard isSQLite else { return "ok" }
        let rows = try await sql.raw("PRAGMA integrity_check").all()
        return try rows.map { try $0.decode(column: "integrity_check", as: String.self) }.joined(separator: "; ")
    }
}

// MARK: - Small helpers shared by the repositories

extension Timestamp {
    init(stored epoch: Double, offset: Int) {
        self.init(epochSeconds: epoch, utcOffset: offset)
    }
}

enum Hashing {
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Hex SHA-256, for tokens.
    static func sha256(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// The first 128 bits of SHA-256 in hex: keys that only have to tell
    /// rows apart, half the index space of a full digest.
    static func digest128(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)).prefix(16))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in bytes {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// Tracking numbers as they are matched: upper-case letters and digits only.
func canonicalNumber(_ number: String) -> String {
    String(
        number.uppercased().unicodeScalars.filter { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }.map(
            Character.init))
}

/// The SQLite connections already given `Store.writerPragmas`.
final class PreparedConnections: Sendable {
    private let seen = NIOLockedValueBox<Set<ObjectIdentifier>>([])

    /// True the first time a connection is seen.
    func isNew(_ connection: SQLiteConnection) -> Bool {
        seen.withLockedValue { $0.insert(ObjectIdentifier(connection)).inserted }
    }
}

/// One SQLite connection seen both as SQLKit's database and as SQLiteNIO's,
/// so that the raw fast paths (`as? any SQLiteDatabase`) stay on it.
struct SQLiteSession: SQLDatabase, SQLiteDatabase {
    let connection: SQLiteConnection
    private let sql: any SQLDatabase

    init(_ connection: SQLiteConnection) {
        self.connection = connection
        self.sql = connection.sql(queryLogLevel: nil)
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    func query(
        _ query: String, _ binds: [SQLiteData], logger: Logger, _ onRow: @escaping @Sendable (SQLiteRow) -> Void
    ) -> EventLoopFuture<Void> {
        connection.query(query, binds, logger: logger, onRow)
    }

    func query(_ query: String, _ binds: [SQLiteData], _ onRow: @escaping @Sendable (SQLiteRow) -> Void) async throws {
        try await connection.query(query, binds, onRow)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>)
        -> EventLoopFuture<T>
    {
        closure(connection)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        try await closure(connection)
    }
}
