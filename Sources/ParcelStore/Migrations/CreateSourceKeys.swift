import FluentKit

/// The tracking sources' API keys, sealed (AES-GCM under a key from the installation's secret).
struct CreateSourceKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.sourceKeys.name)
            .field("source", .string, .identifier(auto: false))
            .field("sealed", .string, .required)
            .field("updated_at", .double, .required)
            .field("updated_by", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.sourceKeys.name).delete()
    }
}
