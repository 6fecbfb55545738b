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
            if migrate {
                try await handle.migrate()
                if try await store.repairSearchIndex() {
                    logger.notice("the orders search index was made again: it did not hold every order")
                }
            }
        } catch {
            await handle.close()
            throw error
        }
        return handle
    }

    /// Runs every migration of `list` not yet applied: all of them, unless
    /// a test stops at an older schema to see the data carried forward.
    public func migrate(_ list: [any Migration] = StoreMigrations.all) async throws {
        let migrator = try await readyMigrator(list)
        try await migrator.prepareBatch().get()
    }

    /// How many migrations have not run yet.
    public func pendingMigrations() async throws -> Int {
        let migrator = try await readyMigrator(StoreMigrations.all)
        return try await migrator.previewPrepareBatch().get().count
    }

    /// Undoes the migrations the last `migrate` ran (a test of what a migration carries forward).
    public func revertLastMigrations() async throws {
        let migrator = try await readyMigrator(StoreMigrations.all)
        try await migrator.revertLastBatch().get()
    }

    /// Removes every table (tests start from nothing on a shared PostgreSQL).
    public func revertAll() async throws {
        let migrator = try await readyMigrator(StoreMigrations.all)
        try await migrator.revertAllBatches().get()
    }

    /// A migrator over `list`, its bookkeeping table created.
    private func readyMigrator(_ list: [any Migration]) async throws -> Migrator {
        let migrations = Migrations()
        migrations.add(list)
        let migrator = Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
        try await migrator.setupIfNeeded().get()
        return migrator
    }

    public func close() async {
        await databases.shutdownAsync()
        store.close()
    }
}
