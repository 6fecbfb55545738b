import FluentKit
import SQLKit

struct CreateDiagnoses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.diagnoses.name)
            .field("id", .int64, .identifier(auto: true))
            .field("shipment_id", .uuid, .required, .references(Tables.shipments.name, "id", onDelete: .cascade))
            .field("order_id", .uuid, .required)
            .field("code", .string, .required)
            .field("severity", .int, .required)
            .field("confidence", .double, .required)
            .field("since", .double, .required)
            .field("deadline", .double)
            // The deadline, or a far-future stand-in when there is none: the queue's order
            // as plain columns, so one index serves it on both engines (NULLs sort differently).
            .field("sort_deadline", .double, .required)
            .field("summary_ko", .string, .required)
            .field("summary_en", .string, .required)
            .field("updated_at", .double, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "diagnoses_shipment_id").on(Tables.diagnoses.name).column("shipment_id").run()
        // The queue reads this index in order and stops at its limit.
        try await sql.raw(
            "CREATE INDEX diagnoses_queue ON \(ident: Tables.diagnoses.name) (severity DESC, sort_deadline, since)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.diagnoses.name).delete()
    }
}
