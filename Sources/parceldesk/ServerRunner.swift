import ArgumentParser
import Logging
import ParcelServer

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

    static func run(_ configuration: ServerConfiguration) async throws {
        bootstrapLogging(configuration)
        do {
            try await ServerRunner.run(configuration)
        } catch let error as ServerStartError {
            // Something the user chose (a port, a database): a usage error, exit 2.
            throw ValidationError("\(error)")
        }
    }
}
