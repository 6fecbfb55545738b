import FluentKit
import SQLKit

struct CreateDiagnoses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DiagnosisModel.schema)
            .field("id", .int64, .identifier(auto: true))
            .field("shipment_id", .uuid, .required, .references(ShipmentModel.schema, "id", onDelete: .cascade))
            .field("order_id", .uuid, .required)
            .field("code", .string, .required)
            .field("severity", .int, .required)
            .field("confidence", .double, .required)
            .field("since", .double, .required)
            .field("deadline", .double)
            .field("summary_ko", .string, .required)
            .field("summary_en", .string, .required)
            .field("updated_at", .double, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "diagnoses_shipment_id").on(DiagnosisModel.schema).column("shipment_id").run()
        try await sql.create(index: "diagnoses_queue").on(DiagnosisModel.schema).column("severity").column("since")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DiagnosisModel.schema).delete()
    }
}
