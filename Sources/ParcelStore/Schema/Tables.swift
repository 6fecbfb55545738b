import Foundation
import ParcelApp
import ParcelCore

/// Every table the store writes, column by column. Adding a column is an
/// edit here and a migration.
enum Tables {
    static let orders = Table<OrderRecord>(
        name: "orders",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.id) },
            Column("external_id", .text) { row, _ in .text(row.draft.info.id) },
            Column("marketplace", .text, nullable: true) { row, _ in Cell(row.draft.info.marketplace) },
            Column("placed_at", .double) { row, _ in .double(row.draft.info.placedAt.epochSeconds) },
            Column("placed_offset", .int) { row, _ in .int(row.draft.info.placedAt.utcOffset) },
            Column("confirmed_at", .double, nullable: true) { row, _ in
                Cell(row.draft.info.confirmedAt?.epochSeconds)
            },
            Column("confirmed_offset", .int, nullable: true) { row, _ in Cell(row.draft.info.confirmedAt?.utcOffset) },
            Column("promised_by", .double, nullable: true) { row, _ in Cell(row.draft.info.promisedBy?.epochSeconds) },
            Column("promised_offset", .int, nullable: true) { row, _ in Cell(row.draft.info.promisedBy?.utcOffset) },
            Column("buyer_name", .text, nullable: true) { row, _ in Cell(row.draft.info.buyerName) },
            Column("buyer_phone", .text, nullable: true) { row, _ in Cell(row.draft.buyerPhone) },
            Column("buyer_email", .text, nullable: true) { row, _ in Cell(row.draft.buyerEmail) },
            Column("items", .text) { row, _ in .text(row.itemsJSON) },
            Column("search_text", .text) { row, _ in .text(row.searchText) },
            Column("created_at", .double) { _, now in .double(now) },
            Column("updated_at", .double) { _, now in .double(now) },
            Column("claim_count", .int) { _, _ in .int(0) },
        ])

    static let shipments = Table<ShipmentRecord>(
        name: "shipments",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.id) },
            Column("order_id", .uuid) { row, _ in .uuid(row.orderID) },
            Column("tracking_number", .text) { row, _ in .text(row.shipment.trackingNumber) },
            Column("canonical_number", .text) { row, _ in .text(canonicalNumber(row.shipment.trackingNumber)) },
            Column("shipping_option", .text, nullable: true) { row, _ in Cell(row.shipment.shippingOption) },
            Column("shipped_at", .double, nullable: true) { row, _ in Cell(row.shipment.shippedAt?.epochSeconds) },
            Column("shipped_offset", .int, nullable: true) { row, _ in Cell(row.shipment.shippedAt?.utcOffset) },
            Column("origin", .text, nullable: true) { row, _ in Cell(row.shipment.origin) },
            Column("destination", .text, nullable: true) { row, _ in Cell(row.shipment.destination) },
            Column("carrier", .text, nullable: true) { row, _ in Cell(row.carrier) },
            Column("status", .text) { row, _ in .text(row.state.status) },
            Column("milestone", .text, nullable: true) { row, _ in Cell(row.state.milestone) },
            Column("last_event_at", .double, nullable: true) { row, _ in Cell(row.state.lastEventAt) },
            Column("event_count", .int) { row, _ in .int(row.state.eventCount) },
            Column("top_severity", .int) { row, _ in .int(row.state.topSeverity) },
            Column("review_due_at", .double) { row, _ in .double(row.state.reviewDueAt) },
            Column("updated_at", .double) { _, now in .double(now) },
            Column("legs_digest", .text, nullable: true) { row, _ in .text(row.state.legsDigest) },
            Column("findings_digest", .text, nullable: true) { row, _ in .text(row.state.findingsDigest) },
        ])

    /// The shipment columns an analysis changes.
    static let shipmentState = shipments.columns([
        "carrier", "status", "milestone", "last_event_at", "event_count", "top_severity", "review_due_at",
        "updated_at", "legs_digest", "findings_digest",
    ])

    static let legs = Table<LegRecord>(
        name: "legs",
        columns: [
            Column("id", .uuid) { _, _ in .uuid(UUID.forNewRow()) },
            Column("shipment_id", .uuid) { row, _ in .uuid(row.shipmentID) },
            Column("position", .int) { row, _ in .int(row.position) },
            Column("carrier", .text) { row, _ in .text(row.leg.carrier) },
            Column("tracking_number", .text) { row, _ in .text(row.leg.trackingNumber) },
            Column("canonical_number", .text) { row, _ in .text(canonicalNumber(row.leg.trackingNumber)) },
        ])

    static let diagnoses = Table<FindingRecord>(
        name: "diagnoses",
        columns: [
            Column("shipment_id", .uuid) { row, _ in .uuid(row.shipmentID) },
            Column("order_id", .uuid) { row, _ in .uuid(row.orderID) },
            Column("code", .text) { row, _ in .text(row.finding.code) },
            Column("severity", .int) { row, _ in .int(row.finding.severity) },
            Column("confidence", .double) { row, _ in .double(row.finding.confidence) },
            Column("since", .double) { row, _ in .double(row.finding.since) },
            Column("deadline", .double, nullable: true) { row, _ in Cell(row.finding.deadline) },
            Column("sort_deadline", .double) { row, _ in .double(row.sortDeadline) },
            Column("summary_ko", .text) { row, _ in .text(row.finding.summaryKo) },
            Column("summary_en", .text) { row, _ in .text(row.finding.summaryEn) },
            Column("updated_at", .double) { _, now in .double(now) },
        ])

    /// `now` is the moment the batch was received.
    static let trackingEvents = Table<PendingEvent>(
        name: "tracking_events",
        columns: [
            Column("shipment_id", .uuid) { row, _ in .uuid(row.shipment) },
            Column("source", .text) { row, _ in .text(row.event.source) },
            Column("carrier", .text) { row, _ in .text(row.event.carrier) },
            Column("tracking_number", .text) { row, _ in .text(row.event.trackingNumber) },
            Column("time", .double) { row, _ in .double(row.event.time.epochSeconds) },
            Column("time_offset", .int) { row, _ in .int(row.event.time.utcOffset) },
            Column("code", .text, nullable: true) { row, _ in Cell(row.event.code) },
            Column("text", .text) { row, _ in .text(row.event.text) },
            Column("location", .text, nullable: true) { row, _ in Cell(row.event.location) },
            Column("dedupe_key", .text) { row, _ in .text(row.key) },
            Column("received_at", .double) { _, now in .double(now) },
        ])

    /// The unique index that makes ingestion idempotent.
    static let eventConflictColumns = ["shipment_id", "dedupe_key"]

    static let auditLog = Table<AuditEntry>(
        name: "audit_log",
        columns: [
            Column("at", .double) { row, _ in .double(row.at) },
            Column("actor", .text) { row, _ in .text(row.actor) },
            Column("action", .text) { row, _ in .text(row.action) },
            Column("subject", .text) { row, _ in .text(row.subject) },
            Column("detail", .text) { row, _ in .text(row.detail) },
        ])

    static let claims = Table<NewClaimRecord>(
        name: "claims",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.id) },
            Column("order_id", .uuid) { row, _ in .uuid(row.orderID) },
            Column("number", .int) { row, _ in .int(row.number) },
            Column("type", .text) { row, _ in .text(row.type.name) },
            Column("reason", .text) { row, _ in .text(row.reason.name) },
            Column("detail", .text, nullable: true) { row, _ in Cell(row.detail) },
            Column("noticed_at", .double, nullable: true) { row, _ in Cell(row.noticedAt?.epochSeconds) },
            Column("noticed_offset", .int, nullable: true) { row, _ in Cell(row.noticedAt?.utcOffset) },
            Column("amount", .text, nullable: true) { row, _ in Cell(row.amount.map { "\($0)" }) },
            Column("state", .text) { row, _ in .text(row.cache.state.name) },
            Column("next_due_at", .double, nullable: true) { row, _ in Cell(row.cache.nextDeadline?.due.epochSeconds) },
            Column("next_due_kind", .text, nullable: true) { row, _ in Cell(row.cache.nextDeadline?.kind.name) },
            Column("next_due_who", .text, nullable: true) { row, _ in Cell(row.cache.nextDeadline?.who.name) },
            Column("opened_at", .double) { row, _ in .double(row.step.at.epochSeconds) },
            Column("updated_at", .double) { row, _ in .double(row.cache.updatedAt) },
        ])

    static let claimSteps = Table<ClaimStepRecord>(
        name: "claim_steps",
        columns: [
            Column("claim_id", .uuid) { row, _ in .uuid(row.claimID) },
            Column("position", .int) { row, _ in .int(row.position) },
            Column("action", .text) { row, _ in .text(row.step.action.name) },
            Column("party", .text) { row, _ in .text(row.step.by.name) },
            Column("at", .double) { row, _ in .double(row.step.at.epochSeconds) },
            Column("at_offset", .int) { row, _ in .int(row.step.at.utcOffset) },
            Column("note", .text, nullable: true) { row, _ in Cell(row.step.note) },
            Column("tracking_number", .text, nullable: true) { row, _ in Cell(row.step.trackingNumber) },
            Column("carrier", .text, nullable: true) { row, _ in Cell(row.step.carrier) },
            Column("amount", .text, nullable: true) { row, _ in Cell(row.step.amount.map { "\($0)" }) },
            Column("recorded_by", .text) { row, _ in .text(row.recordedBy) },
            Column("idempotency_key", .text, nullable: true) { row, _ in Cell(row.idempotencyKey) },
        ])

    static let claimEvidence = Table<EvidenceRecord>(
        name: "claim_evidence",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.id) },
            Column("claim_id", .uuid) { row, _ in .uuid(row.claimID) },
            Column("kind", .text) { row, _ in .text(row.kind.rawValue) },
            Column("name", .text) { row, _ in .text(row.name) },
            Column("media_type", .text) { row, _ in .text(row.mediaType) },
            Column("size", .int) { row, _ in .int(row.size) },
            Column("sha256", .text) { row, _ in .text(row.sha256) },
            Column("storage_key", .text) { row, _ in .text(row.storageKey) },
            Column("uploaded_at", .double) { row, _ in .double(row.uploadedAt.epochSeconds) },
            Column("uploaded_by", .text) { row, _ in .text(row.uploadedBy) },
        ])

    struct UserRow: Sendable {
        let user: User
        let passwordHash: String
    }

    static let users = Table<UserRow>(
        name: "users",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.user.id) },
            Column("email", .text) { row, _ in .text(row.user.email) },
            Column("password_hash", .text) { row, _ in .text(row.passwordHash) },
            Column("role", .text) { row, _ in .text(row.user.role.rawValue) },
            Column("created_at", .double) { row, _ in .double(row.user.createdAt) },
        ])

    struct TokenRow: Sendable {
        let token: AccessToken
        let hash: String
    }

    static let apiTokens = Table<TokenRow>(
        name: "api_tokens",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.token.id) },
            Column("user_id", .uuid) { row, _ in .uuid(row.token.userID) },
            Column("name", .text) { row, _ in .text(row.token.name) },
            Column("token_hash", .text) { row, _ in .text(row.hash) },
            Column("created_at", .double) { row, _ in .double(row.token.createdAt) },
            Column("last_used_at", .double, nullable: true) { _, _ in .null },
            Column("kind", .text) { row, _ in .text(row.token.kind.rawValue) },
            Column("expires_at", .double, nullable: true) { row, _ in Cell(row.token.expiresAt) },
            Column("revoked_at", .double, nullable: true) { row, _ in Cell(row.token.revokedAt) },
        ])

    struct BuyerLinkRow: Sendable {
        let orderID: UUID
        let tokenHash: String
        let at: Double
    }

    static let buyerLinks = Table<BuyerLinkRow>(
        name: "buyer_links",
        columns: [
            Column("token_hash", .text) { row, _ in .text(row.tokenHash) },
            Column("order_id", .uuid) { row, _ in .uuid(row.orderID) },
            Column("created_at", .double) { row, _ in .double(row.at) },
        ])

    static let tickets = Table<Ticket>(
        name: "tickets",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.id) },
            Column("order_id", .uuid) { row, _ in .uuid(row.orderID) },
            Column("order_external_id", .text) { row, _ in .text(row.orderExternalID) },
            Column("status", .text) { row, _ in .text(row.status.rawValue) },
            Column("reason", .text, nullable: true) { row, _ in Cell(row.reason?.rawValue) },
            Column("opened_at", .double) { row, _ in .double(row.openedAt.epochSeconds) },
            Column("updated_at", .double) { row, _ in .double(row.updatedAt.epochSeconds) },
            Column("waiting_since", .double, nullable: true) { row, _ in Cell(row.waitingSince?.epochSeconds) },
        ])

    /// The ticket columns a later turn of the conversation changes.
    static let ticketState = tickets.columns(["status", "reason", "updated_at", "waiting_since"])

    static let ticketMessages = Table<TicketMessage>(
        name: "ticket_messages",
        columns: [
            Column("ticket_id", .uuid) { row, _ in .uuid(row.ticketID) },
            Column("author", .text) { row, _ in .text(row.author.rawValue) },
            Column("text", .text) { row, _ in .text(row.text) },
            Column("intent", .text, nullable: true) { row, _ in Cell(row.intent?.rawValue) },
            Column("at", .double) { row, _ in .double(row.at.epochSeconds) },
        ])

    struct SourceKeyRow: Sendable {
        let source: String
        let sealed: String
        let at: Double
        let by: String
    }

    /// A tracking source's API key, sealed (`SourceKeyService`).
    static let sourceKeys = Table<SourceKeyRow>(
        name: "source_keys",
        columns: [
            Column("source", .text) { row, _ in .text(row.source) },
            Column("sealed", .text) { row, _ in .text(row.sealed) },
            Column("updated_at", .double) { row, _ in .double(row.at) },
            Column("updated_by", .text) { row, _ in .text(row.by) },
        ])

    struct SettingRow: Sendable {
        let key: String
        let value: String
        let at: Double
        let by: String
    }

    /// One of the owner's settings as a JSON document (`SettingsService`), or the webhook cursor.
    static let settings = Table<SettingRow>(
        name: "settings",
        columns: [
            Column("key", .text) { row, _ in .text(row.key) },
            Column("value", .text) { row, _ in .text(row.value) },
            Column("updated_at", .double) { row, _ in .double(row.at) },
            Column("updated_by", .text) { row, _ in .text(row.by) },
        ])

    /// An outbound webhook; its signing secret sealed like the source keys.
    static let webhooks = Table<NewWebhook>(
        name: "webhooks",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.id) },
            Column("url", .text) { row, _ in .text(row.url) },
            Column("sealed_secret", .text) { row, _ in .text(row.sealedSecret) },
            Column("events", .text) { row, _ in .text(row.events.map(\.rawValue).joined(separator: ",")) },
            Column("created_at", .double) { row, _ in .double(row.at) },
            Column("created_by", .text) { row, _ in .text(row.by) },
        ])

    /// One event for one webhook: `pending` with its next attempt, then `delivered` or `failed`.
    static let webhookDeliveries = Table<WebhookDelivery>(
        name: "webhook_deliveries",
        columns: [
            Column("id", .uuid) { row, _ in .uuid(row.id) },
            Column("webhook_id", .uuid) { row, _ in .uuid(row.webhookID) },
            Column("event_key", .text) { row, _ in .text(row.eventKey) },
            Column("type", .text) { row, _ in .text(row.type.rawValue) },
            Column("payload", .text) { row, _ in .text(row.payload) },
            Column("created_at", .double) { row, _ in .double(row.createdAt) },
            Column("state", .text) { _, _ in .text("pending") },
            Column("attempts", .int) { _, _ in .int(0) },
            Column("next_attempt_at", .double, nullable: true) { row, _ in .double(row.createdAt) },
        ])
}
