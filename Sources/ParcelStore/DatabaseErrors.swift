import AsyncKit
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import SQLiteNIO

// How the store reads the errors its drivers throw.

/// Whether a write was refused by a UNIQUE or PRIMARY KEY constraint, on
/// either engine and either SQLite path (our own connections or Fluent's).
func isUniqueViolation(_ error: any Error) -> Bool {
    switch error {
    case let failure as SQLiteFailure:
        failure.isUniqueViolation
    case let failure as SQLiteError:
        failure.reason == .constraintUniqueFailed || failure.reason == .constraintPrimaryKeyFailed
    case let failure as PSQLError:
        failure.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw
    default:
        false
    }
}

/// The value a PostgreSQL unique violation names in its detail
/// (`Key (external_id)=(A-1) already exists.`); nil elsewhere.
func violatedKeyValue(_ error: any Error) -> String? {
    guard let detail = (error as? PSQLError)?.serverInfo?[.detail],
        let start = detail.range(of: ")=("), let end = detail.range(of: ") already exists", options: .backwards),
        start.upperBound <= end.lowerBound
    else { return nil }
    return String(detail[start.upperBound..<end.lowerBound])
}

/// Whether PostgreSQL gave up on a transaction to break a deadlock (40P01)
/// or a serialization conflict (40001): the transaction did nothing and may
/// simply run again.
func isRetryableConflict(_ error: any Error) -> Bool {
    guard let failure = error as? PSQLError, let state = failure.serverInfo?[.sqlState] else { return false }
    return state == "40P01" || state == "40001"
}

extension Store {
    /// Whether `error` means the database cannot be reached or cannot take the
    /// request now (refused or lost connections, a server shutting down, an
    /// SQLite file locked by another process), as opposed to a bug or a bad request.
    public static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case let failure as PSQLError:
            switch failure.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
                .sslUnsupported, .failedToAddSSLHandler:
                return true
            case .server:
                // Class 08 is a connection exception; 57P01–57P03 a server shutting down or starting.
                let state = failure.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
            default:
                return false
            }
        case let failure as SQLiteFailure:
            // Another process has held the file's write lock past the busy timeout.
            return failure.isBusy
        case is NIOConnectionError, is IOError, is ChannelError, is ConnectionPoolTimeoutError:
            return true
        default:
            return false
        }
    }
}
