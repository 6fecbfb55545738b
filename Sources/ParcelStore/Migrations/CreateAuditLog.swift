import FluentKit

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.auditLog.name)
            .field("id", .int64, .identifier(auto: true))
            .field("at", .double, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("detail", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.auditLog.name).delete()
    }
}
