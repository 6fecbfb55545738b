import Foundation
import NIOCore
import Vapor

/// Runs the server until it is stopped (Ctrl-C, SIGTERM): the one entry the
/// command line uses, so it never touches Vapor itself.
public enum ServerRunner {
    public static func run(_ configuration: ServerConfiguration) async throws {
        // Vapor must not read ParcelDesk's own arguments as its commands.
        let app = try await Application.make(Environment(name: "production", arguments: ["parceldesk"]))
        do {
            _ = try await configure(app, configuration: configuration)
            app.logger.info("database: \(configuration.location)")
            try await app.execute()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            try? await app.asyncShutdown()
            throw ServerStartError.addressInUse(host: configuration.host, port: configuration.port)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
