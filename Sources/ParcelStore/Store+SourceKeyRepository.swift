import Foundation
import ParcelApp
import ParcelCore
import SQLKit

extension Store: SourceKeyRepository {
    public func saveSourceKey(source: String, sealed: String, at moment: Double, by actor: String, audit: AuditEntry)
        async throws
    {
        let table = Tables.sourceKeys
        let row = Tables.SourceKeyRow(source: source, sealed: sealed, at: moment, by: actor)
        try await write { sql in
            try await sql.insert(into: table.name).columns(table.columnNames).values(table.binds(row, now: 0))
                .onConflict(with: ["source"]) { update in
                    update.set(excludedValueOf: "sealed").set(excludedValueOf: "updated_at")
                        .set(excludedValueOf: "updated_by")
                }
                .run()
            try await sql.insert([audit], into: Tables.auditLog)
        }
    }

    public func sourceKeys() async throws -> [SourceKeyStatus] {
        try await sql.select().columns("source", "updated_at", "updated_by").from(Tables.sourceKeys.name).orderBy(
            "source"
        )
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
        try await sql.select().column("sealed").from(Tables.sourceKeys.name).where("source", .equal, source).first()?
            .decode(column: "sealed", as: String.self)
    }
}
