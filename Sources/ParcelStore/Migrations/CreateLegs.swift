import FluentKit
import SQLKit

struct CreateLegs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LegModel.schema)
            .id()
            .field("shipment_id", .uuid, .required, .references(ShipmentModel.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("carrier", .string, .required)
            .field("tracking_number", .string, .required)
            .field("canonical_number", .string, .required)
            .unique(on: "shipment_id", "position")
            .create()
        // Events are matched to shipments by any leg's number.
        try await database.sql().create(index: "legs_canonical_number").on(LegModel.schema).column("canonical_number")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LegModel.schema).delete()
    }
}
