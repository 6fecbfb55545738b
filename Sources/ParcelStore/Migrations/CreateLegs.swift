import FluentKit
import SQLKit

struct CreateLegs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.legs.name)
            .id()
            .field("shipment_id", .uuid, .required, .references(Tables.shipments.name, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("carrier", .string, .required)
            .field("tracking_number", .string, .required)
            .field("canonical_number", .string, .required)
            .unique(on: "shipment_id", "position")
            .create()
        // Events are matched to shipments by any leg's number.
        try await database.sql().create(index: "legs_canonical_number").on(Tables.legs.name).column("canonical_number")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.legs.name).delete()
    }
}
