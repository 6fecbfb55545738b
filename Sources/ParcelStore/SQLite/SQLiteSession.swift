import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO

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
