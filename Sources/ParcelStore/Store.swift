import Crypto
import FluentKit
import Foundation
import Logging
import NIOCore
import ParcelCore
import SQLKit

/// The repositories the server and the command line use, over one database.
/// Everything that writes takes the write gate on SQLite; reads never wait.
public struct Store: Sendable {
    /// A database handle on any of the group's event loops, spreading work
    /// over the connection pool.
    let provider: @Sendable () -> any Database
    public let isSQLite: Bool
    let gate: WriteGate?
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
        let transaction: @Sendable () async throws -> T = {
            try await database.transaction { database in try await body(try database.sql()) }
        }
        if let gate { return try await gate.run(transaction) }
        return try await transaction()
    }

    /// Settings a fresh SQLite file needs: write-ahead logging, so readers
    /// never wait for the writer and a killed process loses nothing committed.
    public func prepareDatabase() async throws {
        guard isSQLite else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
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

    /// Hex SHA-256, for tokens and dedupe keys.
    static func sha256(_ text: String) -> String {
        let digest = SHA256.hash(data: Data(text.utf8))
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
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
