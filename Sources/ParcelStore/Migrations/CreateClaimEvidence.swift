import FluentKit
import SQLKit

/// What is known of each evidence file; the bytes live on disk
/// (`DiskEvidenceFiles`), under `storage_key`.
struct CreateClaimEvidence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.claimEvidence.name)
            .field("id", .uuid, .identifier(auto: false))
            .field("claim_id", .uuid, .required, .references(Tables.claims.name, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("uploaded_at", .double, .required)
            .field("uploaded_by", .string, .required)
            .create()
        try await database.sql().create(index: "claim_evidence_claim_id").on(Tables.claimEvidence.name)
            .column("claim_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.claimEvidence.name).delete()
    }
}
