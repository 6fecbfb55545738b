import Foundation
import ParcelApp
import ParcelCore
import SQLKit

extension Store: SettingsRepository {
    public func setting(_ key: String) async throws -> String? {
        try await sql.select().column("value").from(Tables.settings.name).where("key", .equal, key).first()?
            .decode(column: "value", as: String.self)
    }

    public func updateSetting(
        _ key: String, at moment: Double, by actor: String, audit: AuditEntry, reviewShipments: Bool,
        change: @escaping @Sendable (String?) throws -> String?
    ) async throws -> String? {
        try await write { sql in
            // Two saves at once must not both start from the same text (SQLite has one writer anyway).
            try await Self.lock(Tables.settings.name, on: sql)
            let stored = try await sql.select().column("value").from(Tables.settings.name).where("key", .equal, key)
                .first()?.decode(column: "value", as: String.self)
            let value = try change(stored)
            try await Self.put(key, value: value, at: moment, by: actor, on: sql)
            try await sql.insert([audit], into: Tables.auditLog)
            if reviewShipments {
                // Due now, so the refresher re-diagnoses every shipment under the new thresholds.
                try await sql.update(Tables.shipments.name).set("review_due_at", to: moment)
                    .where("review_due_at", .greaterThan, moment).run()
            }
            return value
        }
    }

    static func put(_ key: String, value: String?, at moment: Double, by actor: String, on sql: any SQLDatabase)
        async throws
    {
        guard let value else {
            try await sql.delete(from: Tables.settings.name).where("key", .equal, key).run()
            return
        }
        let table = Tables.settings
        try await sql.insert(into: table.name).columns(table.columnNames)
            .values(table.binds(Tables.SettingRow(key: key, value: value, at: moment, by: actor), now: 0))
            .onConflict(with: ["key"]) { update in
                update.set(excludedValueOf: "value").set(excludedValueOf: "updated_at")
                    .set(excludedValueOf: "updated_by")
            }
            .run()
    }
}

extension Store: WebhookRepository {
    static let webhookCursorKey = "webhooks.cursor"

    public func insertWebhook(_ webhook: NewWebhook, audit: AuditEntry, limit: Int) async throws -> WebhookInsert {
        try await write { sql in
            // Two owners adding at once must not both pass the count (SQLite has one writer anyway).
            try await Self.lock(Tables.webhooks.name, on: sql)
            let urls = try await sql.select().column("url").from(Tables.webhooks.name).all()
                .map { try $0.decode(column: "url", as: String.self) }
            guard urls.count < limit else { return .full }
            guard !urls.contains(webhook.url) else { return .duplicate }
            try await sql.insert([webhook], into: Tables.webhooks)
            try await sql.insert([audit], into: Tables.auditLog)
            return .added
        }
    }

    public func deleteWebhook(_ id: UUID, audit: AuditEntry) async throws -> Bool {
        try await write { sql in
            let found = try await sql.select().column("id").from(Tables.webhooks.name).where("id", .equal, id).first()
            guard found != nil else { return false }
            // Deliveries first: SQLite enforces the cascade only with foreign keys switched on.
            try await sql.delete(from: Tables.webhookDeliveries.name).where("webhook_id", .equal, id).run()
            try await sql.delete(from: Tables.webhooks.name).where("id", .equal, id).run()
            try await sql.insert([audit], into: Tables.auditLog)
            return true
        }
    }

    public func webhooks() async throws -> [WebhookStatus] {
        let hooks = try await sql.select().columns("id", "url", "events", "created_at", "created_by")
            .from(Tables.webhooks.name).orderBy("created_at").all()
        var statuses: [WebhookStatus] = []
        for row in hooks {
            let id = try row.decode(column: "id", as: UUID.self)
            let counts = try await sql.select().column("state").column(
                SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
            )
            .from(Tables.webhookDeliveries.name).where("webhook_id", .equal, id).groupBy("state").all()
            var byState: [String: Int] = [:]
            for count in counts {
                byState[try count.decode(column: "state", as: String.self)] = try count.decode(
                    column: "n", as: Int.self)
            }
            let last = try await sql.select().columns("last_attempt_at", "last_result").from(
                Tables.webhookDeliveries.name
            )
            .where("webhook_id", .equal, id).where("last_attempt_at", .isNot, SQLLiteral.null)
            .orderBy("last_attempt_at", .descending).limit(1).first()
            statuses.append(
                WebhookStatus(
                    id: id, url: try row.decode(column: "url", as: String.self),
                    events: try row.decode(column: "events", as: String.self).split(separator: ",")
                        .compactMap { WebhookEventType(rawValue: String($0)) },
                    createdAt: Timestamp(epochSeconds: try row.decode(column: "created_at", as: Double.self)),
                    createdBy: try row.decode(column: "created_by", as: String.self),
                    pending: byState["pending"] ?? 0, failed: byState["failed"] ?? 0,
                    lastAttempt: try last?.decode(column: "last_attempt_at", as: Double?.self)
                        .map { Timestamp(epochSeconds: $0) },
                    lastResult: try last?.decode(column: "last_result", as: String?.self)))
        }
        return statuses
    }

    public func webhookTargets() async throws -> [WebhookTarget] {
        try await sql.select().columns("id", "events", "created_at").from(Tables.webhooks.name).orderBy("created_at")
            .all()
            .map { row in
                WebhookTarget(
                    id: try row.decode(column: "id", as: UUID.self),
                    events: try row.decode(column: "events", as: String.self).split(separator: ",")
                        .compactMap { WebhookEventType(rawValue: String($0)) },
                    createdAt: try row.decode(column: "created_at", as: Double.self))
            }
    }

    public func webhookCursor() async throws -> Double? {
        try await setting(Self.webhookCursorKey).flatMap { Double($0) }
    }

    public func webhookSources(after: Double, through: Double) async throws -> WebhookSources {
        var sources = WebhookSources()
        sources.entries = try await sql.select().columns("id", "at", "actor", "action", "subject", "detail")
            .from(Tables.auditLog.name).where("at", .greaterThan, after).where("at", .lessThanOrEqual, through)
            .where { group in
                group.where("action", .like, "claims.%").orWhere("action", .equal, "tickets.open")
            }
            .where("action", .notEqual, "claims.evidence").orderBy("id").all()
            .map { row in (try row.decode(column: "id", as: Int.self), try Self.auditEntry(row)) }
        let findings = Tables.diagnoses.name
        let orders = Tables.orders.name
        sources.findings = try await sql.select()
            .columns(
                SQLColumn("order_id", table: findings), SQLColumn("code", table: findings),
                SQLColumn("severity", table: findings), SQLColumn("summary_ko", table: findings),
                SQLColumn("summary_en", table: findings), SQLColumn("deadline", table: findings),
                SQLColumn("updated_at", table: findings), SQLColumn("external_id", table: orders)
            )
            .from(Tables.diagnoses.name)
            .join(
                Tables.orders.name, on: SQLColumn("id", table: orders), .equal, SQLColumn("order_id", table: findings)
            )
            .where(SQLColumn("updated_at", table: findings), .greaterThan, SQLBind(after))
            .where(SQLColumn("updated_at", table: findings), .lessThanOrEqual, SQLBind(through))
            .where(SQLColumn("severity", table: findings), .greaterThanOrEqual, SQLBind(Severity.act.rank))
            .all()
            .map { row in
                WebhookSources.Finding(
                    orderID: try row.decode(column: "order_id", as: UUID.self),
                    orderNumber: try row.decode(column: "external_id", as: String.self),
                    code: try row.decode(column: "code", as: String.self),
                    severity: try Self.severity(row.decode(column: "severity", as: Int.self)),
                    summary: LocalizedText(
                        ko: try row.decode(column: "summary_ko", as: String.self),
                        en: try row.decode(column: "summary_en", as: String.self)),
                    deadline: try row.decode(column: "deadline", as: Double?.self),
                    at: try row.decode(column: "updated_at", as: Double.self))
            }
        return sources
    }

    public func enqueue(_ deliveries: [WebhookDelivery], cursor: Double?) async throws -> Int {
        try await write { sql in
            let table = Tables.webhookDeliveries
            var queued = 0
            for delivery in deliveries {
                // One at a time: the rows a webhook already has are skipped, and counted as not new.
                let inserted = try await sql.insert(into: table.name).columns(table.columnNames)
                    .values(table.binds(delivery, now: 0))
                    .ignoringConflicts(with: ["webhook_id", "event_key"]).returning("id").all()
                queued += inserted.count
            }
            if let cursor {
                let stored = try await sql.select().column("value").from(Tables.settings.name)
                    .where("key", .equal, Self.webhookCursorKey).first()?.decode(column: "value", as: String.self)
                if (stored.flatMap { Double($0) } ?? -.infinity) < cursor {
                    try await Self.put(Self.webhookCursorKey, value: String(cursor), at: cursor, by: "system", on: sql)
                }
            }
            return queued
        }
    }

    public func pruneDeliveries(before moment: Double) async throws {
        try await write { sql in
            try await sql.delete(from: Tables.webhookDeliveries.name).where("state", .notEqual, "pending")
                .where("last_attempt_at", .lessThan, moment).run()
        }
    }

    public func dueDeliveries(now: Double, limit: Int) async throws -> [DueDelivery] {
        let deliveries = Tables.webhookDeliveries.name
        let hooks = Tables.webhooks.name
        return try await sql.select()
            .columns(
                SQLColumn("id", table: deliveries), SQLColumn("webhook_id", table: deliveries),
                SQLColumn("event_key", table: deliveries), SQLColumn("type", table: deliveries),
                SQLColumn("payload", table: deliveries),
                SQLColumn("created_at", table: deliveries), SQLColumn("attempts", table: deliveries),
                SQLColumn("url", table: hooks), SQLColumn("sealed_secret", table: hooks)
            )
            .from(Tables.webhookDeliveries.name)
            .join(
                Tables.webhooks.name, on: SQLColumn("id", table: hooks), .equal,
                SQLColumn("webhook_id", table: deliveries)
            )
            .where(SQLColumn("next_attempt_at", table: deliveries), .lessThanOrEqual, SQLBind(now))
            .orderBy(SQLColumn("next_attempt_at", table: deliveries)).limit(limit).all()
            .map { row in
                guard let type = WebhookEventType(rawValue: try row.decode(column: "type", as: String.self)) else {
                    throw StoreError.corruptRow(column: "webhook_deliveries.type")
                }
                return DueDelivery(
                    delivery: WebhookDelivery(
                        id: try row.decode(column: "id", as: UUID.self),
                        webhookID: try row.decode(column: "webhook_id", as: UUID.self),
                        eventKey: try row.decode(column: "event_key", as: String.self), type: type,
                        payload: try row.decode(column: "payload", as: String.self),
                        createdAt: try row.decode(column: "created_at", as: Double.self)),
                    url: try row.decode(column: "url", as: String.self),
                    sealedSecret: try row.decode(column: "sealed_secret", as: String.self),
                    attempts: try row.decode(column: "attempts", as: Int.self))
            }
    }

    public func recordAttempt(_ id: UUID, outcome: DeliveryOutcome, at moment: Double) async throws {
        let (state, next, result): (String, Double?, String) =
            switch outcome {
            case .delivered(let status): ("delivered", nil, "HTTP \(status)")
            case .failed(let result, let retryAt): (retryAt == nil ? "failed" : "pending", retryAt, result)
            }
        try await write { sql in
            try await sql.update(Tables.webhookDeliveries.name)
                .set("state", to: state).set("next_attempt_at", to: next).set("last_attempt_at", to: moment)
                .set("last_result", to: result).set(
                    SQLColumn("attempts"), to: SQLBinaryExpression(SQLColumn("attempts"), .add, SQLLiteral.numeric("1"))
                )
                .where("id", .equal, id).run()
        }
    }
}

extension Store {
    /// PostgreSQL: the table's writers wait for each other until the transaction ends; readers do not.
    static func lock(_ table: String, on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("LOCK TABLE \(ident: table) IN SHARE ROW EXCLUSIVE MODE").run()
    }

    /// An `audit_log` row read with its five columns.
    static func auditEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            at: try row.decode(column: "at", as: Double.self), actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            detail: try row.decode(column: "detail", as: String.self))
    }

    static func severity(_ rank: Int) throws -> Severity {
        guard let severity = Severity.allCases.first(where: { $0.rank == rank }) else {
            throw StoreError.corruptRow(column: "diagnoses.severity")
        }
        return severity
    }
}
