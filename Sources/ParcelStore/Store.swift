import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import ParcelApp
import ParcelCore
import PostgresKit
import SQLKit

/// The repositories (`OrderRepository`, `AccountRepository`) over one
/// database. The engine is chosen once, here: SQLite (`SQLiteEngine`) or
/// PostgreSQL (`PostgresEngine`); what both share is written once over SQLKit.
public struct Store: Sendable {
    /// A database handle on any of the group's event loops, spreading work
    /// over the connection pool.
    let provider: @Sendable () -> any Database
    /// Where the data is: `.memory` has become a temporary file here.
    public let location: StoreLocation
    let engine: any StoreEngine
    /// A temporary file that `close` removes (the `.memory` location).
    let temporaryPath: String?

    /// Registers `location` as the default database of `databases` and opens
    /// it. `.memory` becomes a temporary SQLite file, removed by `close`: the
    /// SQLite library cannot share a database in memory between connections.
    public init(
        location: StoreLocation, databases: Databases, logger: Logger, eventLoopGroup: any EventLoopGroup
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
        guard let first = databases.database(logger: logger, on: eventLoopGroup.any()) else { throw StoreError.notSQL }
        // Once the application has shut its databases down, a request still finishing gets the
        // first handle back, whose closed pool answers with an error instead of a crash.
        let provider: @Sendable () -> any Database = {
            databases.database(logger: logger, on: eventLoopGroup.any()) ?? first
        }
        self.provider = provider
        self.location = location
        switch location {
        case .sqlite(let path):
            engine = try SQLiteEngine(path: path, provider: provider)
        case .postgres(let url):
            engine = PostgresEngine(
                provider: provider,
                readPool: PostgresReadPool(
                    configuration: try SQLPostgresConfiguration(url: url).coreConfiguration, group: eventLoopGroup,
                    connectionsPerLoop: 2, logger: logger))
        case .memory:
            preconditionFailure("the memory location became a file above")
        }
    }

    /// `sqlite` or `postgresql`, for `/health`.
    public var engineName: String { engine.name }

    /// Whether the server should copy SQLite's write-ahead log back (`checkpoint`) as it runs.
    public var wantsCheckpoints: Bool { engine.wantsCheckpoints }

    var database: any Database { provider() }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Closes the store's own connections (Fluent's close with their
    /// `Databases`) and removes a temporary file.
    public func close() {
        engine.close()
        if let temporaryPath {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporaryPath + suffix) }
            // The evidence directory beside it (`DiskEvidenceFiles.defaultRoot`).
            try? FileManager.default.removeItem(
                at: DiskEvidenceFiles.defaultRoot(for: location).deletingLastPathComponent())
        }
    }

    /// Runs `body` in one transaction of the busy paths, one writer at a time on SQLite.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any ShipmentTransaction) async throws -> T)
        async throws -> T
    {
        try await engine.transaction(body)
    }

    /// Runs `body` in one transaction through SQLKit, one writer at a time
    /// on SQLite: for the rare writes (accounts) that the busy paths' engine does not cover.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.write(body)
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
    /// Nothing to do on PostgreSQL.
    @discardableResult
    public func checkpoint() async throws -> CheckpointReport {
        try await engine.checkpoint()
    }

    /// Fails when the database does not answer.
    public func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS one").first()
    }

    /// `PRAGMA integrity_check` on SQLite ("ok" when sound); PostgreSQL checks itself.
    public func integrityCheck() async throws -> String {
        try await engine.integrityCheck(sql)
    }
}

extension Timestamp {
    init(stored epoch: Double, offset: Int) {
        self.init(epochSeconds: epoch, utcOffset: offset)
    }
}
