import FluentKit

/// Every action on a claim, in order: who took it (`party`), when, and who
/// in ParcelDesk recorded it. An idempotency key, when the caller sent one,
/// is unique per claim: the same request twice records one step.
struct CreateClaimSteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.claimSteps.name)
            .field("id", .int64, .identifier(auto: true))
            .field("claim_id", .uuid, .required, .references(Tables.claims.name, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("action", .string, .required)
            .field("party", .string, .required)
            .field("at", .double, .required)
            .field("at_offset", .int, .required)
            .field("note", .string)
            .field("tracking_number", .string)
            .field("carrier", .string)
            .field("amount", .string)
            .field("recorded_by", .string, .required)
            .field("idempotency_key", .string)
            .unique(on: "claim_id", "position")
            .unique(on: "claim_id", "idempotency_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.claimSteps.name).delete()
    }
}
