import Foundation
import ParcelApp
import ParcelCore
import SQLKit

extension Store: SourceKeyRepository {
    public func saveSourceKey(source: String, sealed: String, at moment: Double, by actor: String, audit: AuditEntry)
        async throws
    {
        try await write { sql in
            try await sql.insert(into: "source_keys").columns("source", "sealed", "updated_at", "updated_by")
                .values(SQLBind(source), SQLBind(sealed), SQLBind(moment), SQLBind(actor))
                .onConflict(with: ["source"]) { update in
                    update.set(excludedValueOf: "sealed").set(excludedValueOf: "updated_at")
                        .set(excludedValueOf: "updated_by")
                }
                .run()
            try await sql.insert([audit], into: Tables.auditLog)
        }
    }

    public func sourceKeys() async throws -> [SourceKeyStatus] {
        try await sql.select().columns("source", "updated_at", "updated_by").from("source_keys").orderBy("source")
            .all()
            .map { row in
                SourceKeyStatus(
                    source: try row.decode(column: "source", as: String.self),
                    updatedAt: Timestamp(
                        epochSeconds: try row.decode(column: "updated_at", as: Double.self), utcOffset: Timestamp.kst),
                    updatedBy: try row.decode(column: "updated_by", as: String.self))
            }
    }

    public func sealedSourceKey(source: String) async throws -> String? {
        try await sql.select().column("sealed").from("source_keys").where("source", .equal, source).first()?
            .decode(column: "sealed", as: String.self)
    }
}
