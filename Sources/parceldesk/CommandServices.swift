import ArgumentParser
import Foundation
import ParcelApp
import ParcelServer
import ParcelStore

/// The services over a store opened for one command, with the settings
/// (`PARCELDESK_BCRYPT_COST`, `PARCELDESK_SESSION_HOURS`) read and checked
/// by the same `ServerConfiguration.load` the server uses.
enum CommandServices {
    static func configuration() throws -> ServerConfiguration {
        do {
            return try ServerConfiguration.load(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Opens the database at `location` as the server would (SQLite migrated,
    /// PostgreSQL refused while migrations are pending), runs `body`, and
    /// closes the database whether `body` returns or throws.
    static func with<T>(_ location: StoreLocation, _ body: (Services, Store) async throws -> T) async throws -> T {
        let configuration = try configuration()
        let handle = try await StoreHandle.open(location, migrate: location.migratesItself)
        do {
            if !location.migratesItself {
                let pending = try await handle.pendingMigrations()
                if pending > 0 { throw ValidationError("\(ServerStartError.pendingMigrations(pending))") }
            }
            let services = try configuration.services(over: handle.store)
            try await services.settings.load()
            let result = try await body(services, handle.store)
            await handle.close()
            return result
        } catch {
            await handle.close()
            throw error
        }
    }
}
