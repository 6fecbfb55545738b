import Foundation
import PostgresNIO
import SQLiteNIO

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
