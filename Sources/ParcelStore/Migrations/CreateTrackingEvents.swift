import FluentKit
import SQLKit

struct CreateTrackingEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.trackingEvents.name)
            .field("id", .int64, .identifier(auto: true))
            .field("shipment_id", .uuid, .required, .references(Tables.shipments.name, "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("carrier", .string, .required)
            .field("tracking_number", .string, .required)
            .field("time", .double, .required)
            .field("time_offset", .int, .required)
            .field("code", .string)
            .field("text", .string, .required)
            .field("location", .string)
            .field("dedupe_key", .string, .required)
            .field("received_at", .double, .required)
            // The same report delivered twice is stored once. Led by shipment_id, the same
            // index serves reading a shipment's events: one index to update per event, not two.
            .unique(on: "shipment_id", "dedupe_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tables.trackingEvents.name).delete()
    }
}
