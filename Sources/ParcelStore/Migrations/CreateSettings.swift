import FluentKit
import SQLKit

/// The owner's settings (lane thresholds, message wording, the webhook
/// cursor) as small documents; outbound webhooks and their deliveries; and
/// the indexes the webhook collector reads its windows through.
struct CreateSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tables.settings.name)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("updated_at", .double, .required)
            .field("updated_by", .string, .required)
            .create()
        try await database.schema(Tables.webhooks.name)
            .field("id", .uuid, .identifier(auto: false))
            .field("url", .string, .required)
            .field("sealed_secret", .string, .required)
            .field("events", .string, .required)
            .field("created_at", .double, .required)
            .field("created_by", .string, .required)
            .create()
        try await database.schema(Tables.webhookDeliveries.name)
            .field("id", .uuid, .identifier(auto: false))
            .field("webhook_id", .uuid, .required, .references(Tables.webhooks.name, "id", onDelete: .cascade))
            .field("event_key", .string, .required)
            .field("type", .string, .required)
            .field("payload", .string, .required)
            .field("created_at", .double, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .double)
            .field("last_attempt_at", .double)
            .field("last_result", .string)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "webhook_deliveries_due").on(Tables.webhookDeliveries.name)
            .column("next_attempt_at").run()
        try await sql.create(index: "webhook_deliveries_webhook").on(Tables.webhookDeliveries.name)
            .column("webhook_id").column("state").run()
        // An event reaches a webhook once, however often its window is read or by how many collectors.
        try await sql.create(index: "webhook_deliveries_event").unique().on(Tables.webhookDeliveries.name)
            .column("webhook_id").column("event_key").run()
        try await sql.create(index: "webhook_deliveries_done").on(Tables.webhookDeliveries.name)
            .column("last_attempt_at").run()
        try await sql.create(index: "diagnoses_updated").on(Tables.diagnoses.name).column("updated_at").run()
        try await sql.create(index: "audit_log_at").on(Tables.auditLog.name).column("at").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for index in ["diagnoses_updated", "audit_log_at"] {
            try await sql.drop(index: index).run()
        }
        try await database.schema(Tables.webhookDeliveries.name).delete()
        try await database.schema(Tables.webhooks.name).delete()
        try await database.schema(Tables.settings.name).delete()
    }
}
