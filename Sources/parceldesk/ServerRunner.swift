import ArgumentParser
import Foundation
import Logging
import NIOCore
import ParcelCore
import ParcelServer
import ParcelStore
import Vapor

enum Server {
    /// Logs go to standard error, as text or JSON lines.
    static func bootstrapLogging(_ configuration: ServerConfiguration) {
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        }
    }

    static func run(
        _ configuration: ServerConfiguration, prepared: ((Application, ServerParts) async throws -> Void)? = nil
    )
        async throws
    {
        bootstrapLogging(configuration)
        // Vapor must not read ParcelDesk's own arguments as its commands.
        let app = try await Application.make(Environment(name: "production", arguments: ["parceldesk"]))
        do {
            let parts = try await configure(app, configuration: configuration)
            app.logger.info("database: \(configuration.location)")
            try await prepared?(app, parts)
            try await app.execute()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            try? await app.asyncShutdown()
            throw ValidationError(
                "\(configuration.host):\(configuration.port) is already in use; choose another with --port "
                    + "(or PARCELDESK_PORT), or stop what is listening there")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
