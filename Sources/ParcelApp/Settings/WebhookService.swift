import Crypto
import Foundation
import ParcelCore

public enum WebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    case url
    case noEvents
    case tooMany(limit: Int)
    case unreadableSecret

    public var description: String {
        switch self {
        case .url:
            "url: an https:// address (http:// only to this machine), at most 500 characters, no user or password"
        case .noEvents: "events: choose at least one"
        case .tooMany(let limit): "at most \(limit) webhooks"
        case .unreadableSecret: "the webhook's secret cannot be opened with this installation's secret key"
        }
    }
}

/// Outbound webhooks: the owner names a URL and the events; ParcelDesk
/// sends each event as JSON, signed with the webhook's own secret
/// (`ParcelDesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`),
/// and retries with growing pauses until the receiver answers 2xx.
///
/// Events are collected from what the store already keeps (claims' audit
/// entries, findings, handed-over tickets), a window at a time behind a
/// cursor that moves in the same transaction that stores the deliveries:
/// an event is queued once, and none is lost to a restart.
public struct WebhookService: Sendable {
    let repository: any WebhookRepository
    let key: Data

    public static let maximumWebhooks = 10
    public static let maximumAttempts = 10
    /// The window stops this far behind now, so a transaction still open when
    /// it is read (stamped earlier, committed later) is not skipped.
    public static let settleSeconds = 15.0

    public init(repository: any WebhookRepository, key: Data) {
        self.repository = repository
        self.key = key
    }

    public func webhooks() async throws -> [WebhookStatus] { try await repository.webhooks() }

    /// Adds a webhook; answers its signing secret, shown this once.
    public func add(url text: String, events: [WebhookEventType], now: Timestamp, actor: String) async throws -> (
        id: UUID, secret: String
    ) {
        let url = try Self.checkedURL(text)
        let events = WebhookEventType.subscribable.filter(events.contains)
        guard !events.isEmpty else { throw WebhookError.noEvents }
        let existing = try await repository.webhooks()
        guard existing.count < Self.maximumWebhooks else { throw WebhookError.tooMany(limit: Self.maximumWebhooks) }
        if existing.isEmpty, let cursor = try await repository.webhookCursor() {
            // Nobody was listening since the cursor stopped: the first webhook hears from now on.
            _ = try await repository.enqueue(
                [], cursorFrom: cursor, to: max(cursor, now.epochSeconds - Self.settleSeconds))
        }
        let secret = "whsec_" + AccountService.randomToken()
        let sealed = try AES.GCM.seal(Data(secret.utf8), using: SymmetricKey(data: key))
        guard let combined = sealed.combined else { throw WebhookError.unreadableSecret }
        let id = UUID.forNewRow()
        try await repository.insertWebhook(
            NewWebhook(
                id: id, url: url, sealedSecret: combined.base64EncodedString(), events: events, at: now.epochSeconds,
                by: actor),
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "settings.webhook", subject: id.uuidString,
                detail: "\(url) \(events.map(\.rawValue).joined(separator: ","))"))
        return (id, secret)
    }

    public func remove(_ id: UUID, now: Timestamp, actor: String) async throws -> Bool {
        try await repository.deleteWebhook(
            id,
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "settings.webhook_removed", subject: id.uuidString))
    }

    /// Queues a `webhook.test` for one webhook, sent with the next deliveries.
    public func sendTest(to id: UUID, now: Timestamp) async throws -> Bool {
        guard try await repository.webhooks().contains(where: { $0.id == id }) else { return false }
        let delivery = Self.delivery(
            to: id, type: .test, at: now.epochSeconds,
            data: [("message", .string("ParcelDesk test delivery"))])
        let cursor = try await repository.webhookCursor()
        // The cursor stays where it is: only this one delivery is added.
        return try await repository.enqueue([delivery], cursorFrom: cursor, to: cursor ?? now.epochSeconds)
    }

    /// `https://…`, or `http://` to this machine (a receiver under test); no credentials.
    static func checkedURL(_ text: String) throws -> String {
        let text = text.trimmed
        guard text.utf8.count <= 500, let url = URLComponents(string: text), let host = url.host, !host.isEmpty,
            url.user == nil, url.password == nil
        else { throw WebhookError.url }
        switch url.scheme?.lowercased() {
        case "https": return text
        case "http" where ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()): return text
        default: throw WebhookError.url
        }
    }

    // MARK: - Collecting

    /// Turns what happened up to `now - settleSeconds` into deliveries for
    /// the webhooks subscribed; answers how many were queued.
    @discardableResult
    public func collect(now: Timestamp) async throws -> Int {
        let hooks = try await repository.webhooks()
        guard !hooks.isEmpty else { return 0 }
        let through = now.epochSeconds - Self.settleSeconds
        let cursor = try await repository.webhookCursor()
        guard let after = cursor else {
            // The first run: from now on, not the shop's whole history.
            _ = try await repository.enqueue([], cursorFrom: nil, to: through)
            return 0
        }
        guard after < through else { return 0 }
        let sources = try await repository.webhookSources(after: after, through: through)
        var events: [(WebhookEventType, Double, [(String, JSONValue)])] = []
        for entry in sources.claimEntries {
            let action = String(entry.action.dropFirst("claims.".count))
            events.append(
                (
                    action == "open" ? .claimOpened : .claimUpdated, entry.at,
                    [
                        ("claim", .string(entry.subject)), ("action", .string(action)),
                        ("detail", .string(entry.detail)), ("by", .string(entry.actor)),
                    ]
                ))
        }
        for (orderID, findings) in Dictionary(grouping: sources.findings, by: \.orderID) {
            let sorted = findings.sorted { $0.severity > $1.severity }
            events.append(
                (
                    .orderFindings, sorted.map(\.at).max() ?? through,
                    [
                        ("orderId", .string(orderID.uuidString)), ("orderNumber", .string(sorted[0].orderNumber)),
                        (
                            "findings",
                            .array(
                                sorted.map { finding in
                                    .object([
                                        ("code", .string(finding.code)),
                                        ("severity", .string(finding.severity.rawValue)),
                                        (
                                            "summary",
                                            .object([
                                                ("ko", .string(finding.summary.ko)),
                                                ("en", .string(finding.summary.en)),
                                            ])
                                        ),
                                        (
                                            "deadline",
                                            .optional(finding.deadline.map { Timestamp(epochSeconds: $0).utcString })
                                        ),
                                    ])
                                })
                        ),
                    ]
                ))
        }
        for ticket in sources.tickets {
            events.append(
                (
                    .ticketOpened, ticket.at,
                    [
                        ("ticket", .string(ticket.id.uuidString)), ("orderNumber", .string(ticket.orderNumber)),
                        ("reason", .optional(ticket.reason)),
                    ]
                ))
        }
        events.sort { $0.1 < $1.1 }
        var deliveries: [WebhookDelivery] = []
        for (type, at, data) in events {
            for hook in hooks where hook.events.contains(type) {
                deliveries.append(Self.delivery(to: hook.id, type: type, at: at, data: data))
            }
        }
        guard try await repository.enqueue(deliveries, cursorFrom: after, to: through) else { return 0 }
        return deliveries.count
    }

    static func delivery(to webhook: UUID, type: WebhookEventType, at: Double, data: [(String, JSONValue)])
        -> WebhookDelivery
    {
        let id = UUID.forNewRow()
        let body: JSONValue = .object([
            ("id", .string(id.uuidString)), ("type", .string(type.rawValue)),
            ("createdAt", .string(Timestamp(epochSeconds: at).utcString)), ("data", .object(data)),
        ])
        return WebhookDelivery(id: id, webhookID: webhook, type: type, payload: body.serialized(), createdAt: at)
    }

    // MARK: - Sending

    /// Sends what is due, one at a time; answers how many were delivered.
    @discardableResult
    public func deliverDue(now: Timestamp, transport: any WebhookTransport, limit: Int = 50) async throws -> Int {
        var delivered = 0
        for due in try await repository.dueDeliveries(now: now.epochSeconds, limit: limit) {
            let outcome: DeliveryOutcome
            do {
                let secret = try openSecret(due.sealedSecret)
                let stamp = String(Int(now.epochSeconds))
                let body = Data(due.delivery.payload.utf8)
                let status = try await transport.post(
                    due.url,
                    headers: [
                        ("Content-Type", "application/json"), ("User-Agent", "ParcelDesk-Webhooks"),
                        ("ParcelDesk-Event", due.delivery.type.rawValue),
                        ("ParcelDesk-Delivery", due.delivery.id.uuidString),
                        ("ParcelDesk-Signature", "t=\(stamp),v1=\(Self.signature(body, at: stamp, secret: secret))"),
                    ], body: body)
                outcome =
                    (200..<300).contains(status)
                    ? .delivered(status: status) : retry("HTTP \(status)", after: due.attempts + 1, now: now)
            } catch WebhookError.unreadableSecret {
                outcome = .failed(result: WebhookError.unreadableSecret.description, retryAt: nil)
            } catch {
                outcome = retry(String(describing: error).prefix(200).description, after: due.attempts + 1, now: now)
            }
            if case .delivered = outcome { delivered += 1 }
            try await repository.recordAttempt(due.delivery.id, outcome: outcome, at: now.epochSeconds)
        }
        return delivered
    }

    /// Pauses of 30 s, 1, 2, 4 … minutes, at most 6 hours; after `maximumAttempts`, given up.
    func retry(_ result: String, after attempts: Int, now: Timestamp) -> DeliveryOutcome {
        guard attempts < Self.maximumAttempts else { return .failed(result: result, retryAt: nil) }
        let pause = min(30 * pow(2, Double(attempts - 1)), 6 * 3600)
        return .failed(result: result, retryAt: now.epochSeconds + pause)
    }

    /// Hex HMAC-SHA256 of `<t>.<body>` under the webhook's secret: what a receiver recomputes.
    public static func signature(_ body: Data, at stamp: String, secret: String) -> String {
        var message = Data((stamp + ".").utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    func openSecret(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let opened = try? AES.GCM.open(box, using: SymmetricKey(data: key))
        else { throw WebhookError.unreadableSecret }
        return String(decoding: opened, as: UTF8.self)
    }
}
