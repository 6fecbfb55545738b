import Crypto
import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ParcelCore
import PostgresKit
import SQLKit
import SQLiteKit

/// The repositories the server and the command line use, over one database.
/// Everything that writes takes the write gate on SQLite; reads never wait.
public struct Store: Sendable {
    /// A database handle on any of the group's event loops, spreading work
    /// over the connection pool.
    let provider: @Sendable () -> any Database
    /// Where the data is: `.memory` has become a temporary file here.
    public let location: StoreLocation
    /// The busy reads and writes on SQLite; nil on PostgreSQL.
    let sqliteFile: SQLiteFile?
    /// A temporary file that `close` removes (the `.memory` location).
    let temporaryPath: String?
    let gate: WriteGate?
    /// The order read's connections on PostgreSQL; nil on SQLite.
    let readPool: PostgresReadPool?
    let preparedConnections = PreparedConnections()
    public let diagnoser: Diagnoser
    public let playbook: Playbook

    /// Registers `location` as the default database of `databases` and opens
    /// it. `.memory` becomes a temporary SQLite file, removed by `close`: the
    /// SQLite library cannot share a database in memory between connections.
    public init(
        location: StoreLocation, databases: Databases, logger: Logger, eventLoopGroup: any EventLoopGroup,
        diagnoser: Diagnoser = Diagnoser()
    ) throws {
        var location = location
        if case .memory = location {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "parceldesk-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sqlite"
            ).path
            location = .sqlite(path: path)
            temporaryPath = path
        } else {
            temporaryPath = nil
        }
        try databases.use(location)
        let provider: @Sendable () -> any Database = {
            databases.database(logger: logger, on: eventLoopGroup.any())!
        }
        self.provider = provider
        self.location = location
        if case .sqlite(let path) = location {
            sqliteFile = try SQLiteFile(path: path)
            // SQLite has one writer at a time; taking turns here avoids lock contention.
            gate = WriteGate()
        } else {
            sqliteFile = nil
            gate = nil
        }
        if case .postgres(let url) = location {
            readPool = PostgresReadPool(
                configuration: try SQLPostgresConfiguration(url: url).coreConfiguration, group: eventLoopGroup,
                connectionsPerLoop: 2, logger: logger)
        } else {
            readPool = nil
        }
        self.diagnoser = diagnoser
        self.playbook = Playbook(registry: diagnoser.detector.registry)
    }

    public var isSQLite: Bool { sqliteFile != nil }

    public var database: any Database { provider() }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Closes the store's own SQLite connections (Fluent's close with their
    /// `Databases`) and removes a temporary file.
    public func close() {
        sqliteFile?.close()
        readPool?.close()
        if let temporaryPath {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporaryPath + suffix) }
        }
    }

    /// Runs `body` in one transaction of the busy paths, one writer at a time
    /// on SQLite: there on the writer connection and its thread.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) async throws -> T)
        async throws -> T
    {
        guard let sqliteFile, let gate else {
            return try await database.transaction { database in
                try await body(PostgresTransaction(sql: try database.sql()))
            }
        }
        return try await gate.run {
            try await sqliteFile.transaction { connection in try await body(SQLiteTransaction(connection: connection)) }
        }
    }

    /// Runs `body` in one transaction through SQLKit, one writer at a time on
    /// SQLite: for the rare writes (accounts) that the busy paths' engine does not cover.
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
                for pragma in SQLiteFile.writerPragmas { _ = try await connection.query(pragma) }
            }
            return try await body(SQLiteSession(connection))
        }
    }

    /// What a checkpoint did.
    public struct CheckpointReport: Sendable {
        /// Pages in the log, and how many of them are now in the database file.
        public var logFrames = 0
        public var checkpointed = 0
        public var duration: Duration = .zero
    }

    /// Copies SQLite's write-ahead log back into the database file, on a
    /// connection of its own and alongside the writer, holding nobody up.
    /// When the writer reaches its own limit (`SQLiteFile.writerPragmas`),
    /// the checkpoint it makes inside a commit then finds little left to
    /// copy. (Taking the writer's turn to copy the last pages, so that the
    /// log could start over sooner, was tried: on this disk the sync it
    /// needs held batches up longer than the writer's own checkpoint does.)
    /// Nothing to do on PostgreSQL.
    @discardableResult
    public func checkpoint() async throws -> CheckpointReport {
        guard let sqliteFile else { return CheckpointReport() }
        let started = ContinuousClock.now
        let pass = try await NIOThreadPool.singleton.runIfActive { try sqliteFile.checkpoint() }
        return CheckpointReport(
            logFrames: pass.logFrames, checkpointed: pass.checkpointed, duration: ContinuousClock.now - started)
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

    /// `digest128` of `parts` joined by U+001F, without building the joined text.
    static func digest128(joining parts: [String]) -> String {
        var hasher = SHA256()
        for (index, part) in parts.enumerated() {
            if index > 0 { hasher.update(data: unitSeparator) }
            var part = part
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return hex(hasher.finalize().prefix(16))
    }

    private static let unitSeparator: [UInt8] = [0x1F]

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
    var number = number
    // Byte by byte for ASCII, which nearly every number is; other text goes through
    // Unicode upper-casing first ("ı" becomes "I").
    let ascii = number.withUTF8 { utf8 -> String? in
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 {
                let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
                if (upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z"))
                    || (upper >= UInt8(ascii: "0") && upper <= UInt8(ascii: "9"))
                {
                    buffer[count] = upper
                    count += 1
                }
            }
            return count
        }
    }
    return ascii
        ?? String(
            number.uppercased().unicodeScalars.filter { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }.map(
                Character.init))
}

/// The SQLite connections already given `SQLiteFile.writerPragmas`.
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
