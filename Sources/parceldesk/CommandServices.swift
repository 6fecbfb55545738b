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

    static func services(over store: Store, configuration: ServerConfiguration) -> Services {
        Services(
            store: store, passwords: Passwords(cost: configuration.bcryptCost),
            sessionLifetime: Double(configuration.sessionHours) * 3600)
    }

    /// Opens (and migrates) the database at `location`, runs `body`, and
    /// closes the database whether `body` returns or throws.
    static func with<T>(_ location: StoreLocation, _ body: (Services, Store) async throws -> T) async throws -> T {
        let configuration = try configuration()
        let handle = try await StoreHandle.open(location, migrate: true)
        do {
            let result = try await body(services(over: handle.store, configuration: configuration), handle.store)
            await handle.close()
            return result
        } catch {
            await handle.close()
            throw error
        }
    }
}
