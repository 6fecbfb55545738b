import FluentKit
import Logging
import NIOCore
import NIOPosix

/// A store opened outside a server (the command line, tests): owns its
/// database connections and closes them.
public final class StoreHandle: Sendable {
    public let store: Store
    public let location: StoreLocation
    let databases: Databases
    let logger: Logger

    private init(store: Store, location: StoreLocation, databases: Databases, logger: Logger) {
        self.store = store
        self.location = location
        self.databases = databases
        self.logger = logger
    }

    /// Opens the database at `location`, running pending migrations when `migrate` is set.
    public static func open(
        _ location: StoreLocation, migrate: Bool, logger: Logger = Logger(label: "parceldesk.store")
    )
        async throws -> StoreHandle
    {
        let group = MultiThreadedEventLoopGroup.singleton
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
        let store: Store
        do {
            store = try Store(location: location, databases: databases, logger: logger, eventLoopGroup: group)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        let handle = StoreHandle(store: store, location: store.location, databases: databases, logger: logger)
        do {
            if migrate { try await handle.migrate() }
        } catch {
            await handle.close()
            throw error
        }
        return handle
    }

    /// Runs every migration not yet applied.
    public func migrate() async throws {
        let migrations = Migrations()
        migrations.add(StoreMigrations.all)
        let migrator = Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Removes every table (tests start from nothing on a shared PostgreSQL).
    public func revertAll() async throws {
        let migrations = Migrations()
        migrations.add(StoreMigrations.all)
        let migrator = Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
        try await migrator.setupIfNeeded().get()
        try await migrator.revertAllBatches().get()
    }

    public func close() async {
        await databases.shutdownAsync()
        store.close()
    }
}
