import Logging
import OpenAPIRuntime
import ParcelStore
import Vapor

/// The server's one error path. Every error becomes the API's
/// `{"error": …}`: an error meant for the caller with its reason, the
/// database out of reach as 503 with `Retry-After`, anything else a plain
/// "internal error". What is logged is the route, the status, the error's
/// type and a message known to be safe: never a body, a header, or an
/// error's own description, which for the OpenAPI runtime holds the whole
/// request and response (a password, a token).
struct ProblemMiddleware: AsyncMiddleware {
    let logger: Logger
    /// Whether an error means the database cannot be reached.
    let isUnavailable: @Sendable (any Error) -> Bool

    static let retryAfterSeconds = 5

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let cause = Self.cause(of: error)
            if let abort = cause as? any AbortError {
                return problem(abort.status, abort.reason)
            }
            let route = "\(request.method.rawValue) \(request.route.map { "/" + $0.path.string } ?? request.url.path)"
            if isUnavailable(cause) {
                logger.warning(
                    "database unavailable",
                    metadata: ["route": .string(route), "status": "503", "errorType": .string(Self.typeName(cause))])
                let response = problem(
                    .serviceUnavailable, "the database cannot be reached or is busy; try again shortly")
                response.headers.replaceOrAdd(name: "Retry-After", value: "\(Self.retryAfterSeconds)")
                return response
            }
            var metadata: Logger.Metadata = [
                "route": .string(route), "status": "500", "errorType": .string(Self.typeName(cause)),
            ]
            if let safe = cause as? any SafeToLog { metadata["message"] = .string(safe.logMessage) }
            if let server = error as? ServerError { metadata["operation"] = .string(server.operationID) }
            logger.error("request failed", metadata: metadata)
            return problem(.internalServerError, "internal error")
        }
    }

    /// The error a handler threw, out of the OpenAPI runtime's wrapper.
    static func cause(of error: any Error) -> any Error {
        var current = error
        while let server = current as? ServerError { current = server.underlyingError }
        return current
    }

    static func typeName(_ error: any Error) -> String { String(reflecting: type(of: error)) }
}

/// An error whose `logMessage` carries no request data and no secret, so
/// the error path may log it.
protocol SafeToLog: Error {
    var logMessage: String { get }
}

extension StoreError: SafeToLog {
    var logMessage: String {
        switch self {
        case .notSQL: "the database driver does not speak SQL"
        // The URL itself may carry a password.
        case .badDatabaseURL: "the database URL cannot be used"
        case .corruptRow(let column): "a stored row cannot be read (\(column))"
        case .closed: "the store is closed"
        }
    }
}

extension SQLiteFailure: SafeToLog {
    /// SQLite's own message names tables, columns and constraints, never a bound value.
    var logMessage: String { "SQLite error \(code): \(message)" }
}
