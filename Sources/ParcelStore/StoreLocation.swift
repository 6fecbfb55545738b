import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notSQL
    case badDatabaseURL(String)
    case corruptRow(column: String)
    case closed

    public var description: String {
        switch self {
        case .notSQL: "the database driver does not speak SQL"
        case .badDatabaseURL(let reason): "DATABASE_URL: \(reason)"
        case .corruptRow(let column): "a stored row has no readable \(column)"
        case .closed: "the store is closed"
        }
    }
}

/// Where the data lives: an SQLite file by default, PostgreSQL when
/// `DATABASE_URL` says so, or memory for tests.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case memory
    case postgres(url: String)

    public static let defaultPath = "./parceldesk.sqlite"

    /// `--db PATH` wins (SQLite); otherwise `DATABASE_URL` (PostgreSQL);
    /// otherwise the SQLite file at `defaultPath`.
    public static func resolve(
        dbPath: String?, environment: [String: String], defaultPath: String = Self.defaultPath
    ) throws -> StoreLocation {
        if let dbPath { return dbPath == ":memory:" ? .memory : .sqlite(path: dbPath) }
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            // The +uds form reaches a PostgreSQL on the same machine through its socket file.
            let schemes = ["postgres://", "postgresql://", "postgres+uds://", "postgresql+uds://"]
            guard schemes.contains(where: url.hasPrefix) else {
                throw StoreError.badDatabaseURL(
                    "expected postgres://user:password@host:port/database or "
                        + "postgres+uds://user@localhost/path/to/.s.PGSQL.5432#database; got \"\(url)\"")
            }
            return .postgres(url: url)
        }
        return .sqlite(path: defaultPath)
    }

    /// The embedded SQLite default migrates itself when opened; PostgreSQL,
    /// which several servers may share, is migrated as its own step
    /// (`parceldesk migrate`), never as a side effect of starting one.
    public var migratesItself: Bool {
        if case .postgres = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite \(path)"
        case .memory: "SQLite in memory"
        case .postgres(let url): "PostgreSQL \(Self.redacted(url))"
        }
    }

    /// The URL without its password, for logs.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

extension Databases {
    /// Registers the store's database as the default (`Store.init` does).
    func use(_ location: StoreLocation) throws {
        switch location {
        case .sqlite(let path):
            use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        case .memory:
            use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
        case .postgres(let url):
            do {
                let configuration = try SQLPostgresConfiguration(url: url)
                use(
                    .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug),
                    as: .psql)
            } catch {
                throw StoreError.badDatabaseURL("\(error)")
            }
        }
    }
}
