import Crypto
import Foundation
import ParcelCore

public enum WebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    case url
    case noEvents
    case tooMany(limit: Int)
    case duplicate
    case unreadableSecret

    public var description: String {
        switch self {
        case .url:
            "url: an https:// address (http:// only to this machine), at most 500 characters, no user or password"
        case .noEvents: "events: choose at least one"
        case .tooMany(let limit): "at most \(limit) webhooks"
        case .duplicate: "url: there is a webhook for this address already"
        case .unreadableSecret: "the webhook's secret cannot be opened with this installation's secret key"
        }
    }
}

/// Outbound webhooks: the owner names a URL and the events; ParcelDesk
/// sends each event as JSON, signed with the webhook's own secret
/// (`ParcelDesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`),
/// and retries with growing pauses until the receiver answers 2xx.
///
/// Events are collected from what the store keeps anyway (claims' and
/// tickets' audit entries, findings), a window at a time. Each window reaches
/// `replaySeconds` back behind the last one, so a long transaction that
/// committed late (an import stamps its findings when it starts) is still
/// seen, and a delivery is stored once per webhook and event key, so reading
/// an event again (or two servers collecting at once) never queues it twice.
public struct WebhookService: Sendable {
    let repository: any WebhookRepository
    let key: Data

    /// Receivers on this machine or a private network (a test receiver, an
    /// office server) are refused unless the installation allows them.
    let allowsPrivateAddresses: Bool

    public static let maximumWebhooks = 10
    public static let maximumAttempts = 10
    /// Each window is read again this far back: a write that took longer than
    /// this to commit is the only kind an event can be missed by.
    public static let replaySeconds = 900.0
    /// Delivered and given-up deliveries are kept this long for the page.
    public static let keepSeconds = 30 * 86_400.0

    public init(repository: any WebhookRepository, key: Data, allowsPrivateAddresses: Bool = false) {
        self.repository = repository
        self.key = key
        self.allowsPrivateAddresses = allowsPrivateAddresses
    }

    public func webhooks() async throws -> [WebhookStatus] { try await repository.webhooks() }

    /// Adds a webhook; answers its signing secret, shown this once.
    public func add(url text: String, events: [WebhookEventType], now: Timestamp, actor: String) async throws -> (
        id: UUID, secret: String
    ) {
        let url = try Self.checkedURL(text, allowsPrivate: allowsPrivateAddresses)
        let events = WebhookEventType.subscribable.filter(events.contains)
        guard !events.isEmpty else { throw WebhookError.noEvents }
        let secret = "whsec_" + AccountService.randomToken()
        let sealed = try AES.GCM.seal(Data(secret.utf8), using: SymmetricKey(data: key))
        guard let combined = sealed.combined else { throw WebhookError.unreadableSecret }
        let id = UUID.forNewRow()
        let inserted = try await repository.insertWebhook(
            NewWebhook(
                id: id, url: url, sealedSecret: combined.base64EncodedString(), events: events, at: now.epochSeconds,
                by: actor),
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "settings.webhook", subject: id.uuidString,
                detail: "\(url) \(events.map(\.rawValue).joined(separator: ","))"),
            limit: Self.maximumWebhooks)
        switch inserted {
        case .added: break
        case .full: throw WebhookError.tooMany(limit: Self.maximumWebhooks)
        case .duplicate: throw WebhookError.duplicate
        }
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
        guard try await repository.webhookTargets().contains(where: { $0.id == id }) else { return false }
        let delivery = Self.delivery(
            to: id, key: "test:" + UUID.forNewRow().uuidString, type: .test, at: now.epochSeconds,
            data: [("message", .string("ParcelDesk test delivery"))])
        return try await repository.enqueue([delivery], cursor: nil) == 1
    }

    /// `https://…` to a public address; `http://` or private addresses only when the installation allows them. No credentials.
    static func checkedURL(_ text: String, allowsPrivate: Bool) throws -> String {
        let text = text.trimmed
        // Only what a URL may carry unescaped: no spaces, quotes, angle brackets, controls or NUL.
        let allowed = CharacterSet.urlQueryAllowed.union(.urlPathAllowed).union(CharacterSet(charactersIn: "%#[]@:"))
        guard text.utf8.count <= 500, text.unicodeScalars.allSatisfy(allowed.contains),
            let url = URLComponents(string: text), let host = url.host, Self.isHost(host),
            url.user == nil, url.password == nil, (url.port ?? 443).isValidPort,
            let scheme = url.scheme?.lowercased(), ["https", "http"].contains(scheme)
        else { throw WebhookError.url }
        if allowsPrivate { return text }
        guard scheme == "https", !NetworkAddress.isPrivate(host: host) else { throw WebhookError.url }
        return text
    }

    /// A DNS name (letters, digits, inner hyphens, dotted) or an IP address.
    static func isHost(_ host: String) -> Bool {
        if NetworkAddress.bytes(host) != nil { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.utf8.count <= 253 && !labels.isEmpty
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    // MARK: - Collecting

    /// Turns what happened since the last window (and `replaySeconds` before
    /// it) into deliveries for the webhooks subscribed, each event only for
    /// webhooks that existed when it happened; answers how many were new.
    @discardableResult
    public func collect(now: Timestamp) async throws -> Int {
        let hooks = try await repository.webhookTargets()
        guard let firstCreated = hooks.map(\.createdAt).min() else { return 0 }
        let through = now.epochSeconds
        // Nobody listened before the first webhook: no window reaches further back than it.
        let after = max(try await repository.webhookCursor() ?? firstCreated, firstCreated) - Self.replaySeconds
        let sources = try await repository.webhookSources(after: after, through: through)
        var events: [(key: String, type: WebhookEventType, at: Double, data: [(String, JSONValue)])] = []
        for (id, entry) in sources.entries {
            let data: [(String, JSONValue)]
            let type: WebhookEventType
            if entry.action == "tickets.open" {
                let parts = entry.detail.split(separator: " ", maxSplits: 1).map(String.init)
                type = .ticketOpened
                data = [
                    ("ticket", .string(entry.subject)), ("orderNumber", .string(parts.first ?? "")),
                    ("reason", .optional(parts.count > 1 ? parts[1] : nil)),
                ]
            } else {
                let action = String(entry.action.dropFirst("claims.".count))
                type = action == "open" ? .claimOpened : .claimUpdated
                data = [
                    ("claim", .string(entry.subject)), ("action", .string(action)),
                    ("detail", .string(entry.detail)), ("by", .string(entry.actor)),
                ]
            }
            events.append(("audit:\(id)", type, entry.at, data))
        }
        let written = Dictionary(grouping: sources.findings) { FindingsKey(order: $0.orderID, at: $0.at) }
        for (key, findings) in written {
            let sorted = findings.sorted { $0.severity > $1.severity }
            events.append(
                (
                    "findings:\(key.order.uuidString):\(Int((key.at * 1000).rounded()))", .orderFindings, key.at,
                    [
                        ("orderId", .string(key.order.uuidString)), ("orderNumber", .string(sorted[0].orderNumber)),
                        ("findings", .array(sorted.map(Self.finding))),
                    ]
                ))
        }
        events.sort { $0.at < $1.at }
        var deliveries: [WebhookDelivery] = []
        for event in events {
            for hook in hooks where hook.events.contains(event.type) && event.at >= hook.createdAt {
                deliveries.append(
                    Self.delivery(to: hook.id, key: event.key, type: event.type, at: event.at, data: event.data))
            }
        }
        let queued = try await repository.enqueue(deliveries, cursor: through)
        try await repository.pruneDeliveries(before: through - Self.keepSeconds)
        return queued
    }

    struct FindingsKey: Hashable {
        let order: UUID
        let at: Double
    }

    static func finding(_ finding: WebhookSources.Finding) -> JSONValue {
        .object([
            ("code", .string(finding.code)), ("severity", .string(finding.severity.rawValue)),
            ("summary", .object([("ko", .string(finding.summary.ko)), ("en", .string(finding.summary.en))])),
            ("deadline", .optional(finding.deadline.map { Timestamp(epochSeconds: $0).utcString })),
        ])
    }

    static func delivery(
        to webhook: UUID, key: String, type: WebhookEventType, at: Double, data: [(String, JSONValue)]
    ) -> WebhookDelivery {
        let id = UUID.forNewRow()
        let body: JSONValue = .object([
            ("id", .string(id.uuidString)), ("type", .string(type.rawValue)),
            ("createdAt", .string(Timestamp(epochSeconds: at).utcString)), ("data", .object(data)),
        ])
        return WebhookDelivery(
            id: id, webhookID: webhook, eventKey: key, type: type, payload: body.serialized(), createdAt: at)
    }

    // MARK: - Sending

    /// Sends what is due, one at a time, each signed at the moment it is
    /// sent; a receiver that failed once is not tried again in the same run,
    /// so one that is down does not hold up the others. Answers how many were delivered.
    @discardableResult
    public func deliverDue(
        clock: @Sendable () -> Timestamp, transport: any WebhookTransport, limit: Int = 50
    ) async throws -> Int {
        var delivered = 0
        var failing: Set<UUID> = []
        for due in try await repository.dueDeliveries(now: clock().epochSeconds, limit: limit)
        where !failing.contains(due.delivery.webhookID) {
            let outcome: DeliveryOutcome
            do {
                let secret = try openSecret(due.sealedSecret)
                let stamp = String(Int(clock().epochSeconds))
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
                    ? .delivered(status: status) : retry("HTTP \(status)", after: due.attempts + 1, now: clock())
            } catch WebhookError.unreadableSecret {
                outcome = .failed(result: WebhookError.unreadableSecret.description, retryAt: nil)
            } catch {
                outcome = retry(
                    String(describing: error).prefix(200).description, after: due.attempts + 1, now: clock())
            }
            if case .delivered = outcome { delivered += 1 } else { failing.insert(due.delivery.webhookID) }
            try await repository.recordAttempt(due.delivery.id, outcome: outcome, at: clock().epochSeconds)
        }
        return delivered
    }

    /// Pauses of 30 s, 1, 2, 4 … minutes (the ninth about two hours, some
    /// four hours in all); after `maximumAttempts`, given up.
    func retry(_ result: String, after attempts: Int, now: Timestamp) -> DeliveryOutcome {
        guard attempts < Self.maximumAttempts else { return .failed(result: result, retryAt: nil) }
        return .failed(result: result, retryAt: now.epochSeconds + Self.pause(after: attempts))
    }

    public static func pause(after attempts: Int) -> Double { 30 * pow(2, Double(attempts - 1)) }

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

extension Int {
    fileprivate var isValidPort: Bool { (1...65535).contains(self) }
}
