import Logging
import NIOCore
import SQLiteNIO

/// Copies committed pages from an SQLite file's write-ahead log into the
/// database file, on a connection of its own: a checkpoint then never waits
/// for the pool's connections, and reads and writes never queue behind one.
/// PASSIVE checkpoints wait for nobody, so run often they leave the writer
/// little to copy when the log reaches its own limit.
public final class WALCheckpointer: Sendable {
    private let connection: SQLiteConnection

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    public static func open(
        path: String, logger: Logger = Logger(label: "parceldesk.checkpoint"),
        on eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    ) async throws -> WALCheckpointer {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: .singleton, logger: logger, on: eventLoop)
        return WALCheckpointer(connection: connection)
    }

    /// One PASSIVE checkpoint: the frames in the log and how many of them are now in the database file.
    @discardableResult
    public func checkpoint() async throws -> (logFrames: Int, checkpointed: Int) {
        let row = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)").first
        return (row?.column("log")?.integer ?? 0, row?.column("checkpointed")?.integer ?? 0)
    }

    /// Closes the connection; also from a cancelled task (the server's
    /// shutdown cancels the checkpoint loop), which SQLiteNIO's async close refuses.
    public func close() async throws {
        try await connection.close().get()
    }
}
