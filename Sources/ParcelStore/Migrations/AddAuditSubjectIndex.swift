import FluentKit
import SQLKit

/// The order page reads the steps marked done on one order from the audit log.
struct AddAuditSubjectIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "audit_log_subject").on(Tables.auditLog.name).column("subject")
            .column("action").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "audit_log_subject").run()
    }
}
