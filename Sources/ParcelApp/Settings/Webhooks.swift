import Foundation
import ParcelCore

/// What a webhook can be told about.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    /// An order's findings changed and at least one needs the seller (act or urgent).
    case orderFindings = "order.findings"
    case claimOpened = "claim.opened"
    /// A claim moved: an action by the seller, the buyer, or a deadline passing.
    case claimUpdated = "claim.updated"
    /// A buyer's question handed over to a person.
    case ticketOpened = "ticket.opened"
    /// Sent from Settings to try the receiver.
    case test = "webhook.test"

    public var name: LocalizedText {
        switch self {
        case .orderFindings: LocalizedText(ko: "조치가 필요한 배송 문제", en: "Tracking problems that need you")
        case .claimOpened: LocalizedText(ko: "새 클레임", en: "New claims")
        case .claimUpdated: LocalizedText(ko: "클레임 진행", en: "Claim updates")
        case .ticketOpened: LocalizedText(ko: "상담원 연결 요청", en: "Questions handed to a person")
        case .test: LocalizedText(ko: "테스트", en: "Test")
        }
    }

    /// The events a seller subscribes to; the test goes to one webhook when asked.
    public static let subscribable: [WebhookEventType] = [.orderFindings, .claimOpened, .claimUpdated, .ticketOpened]
}

/// A receiver as the Settings page lists it; never its secret.
public struct WebhookStatus: Sendable, Equatable {
    public let id: UUID
    public let url: String
    public let events: [WebhookEventType]
    public let createdAt: Timestamp
    public let createdBy: String
    /// Deliveries not made yet (waiting or retrying).
    public let pending: Int
    /// Deliveries given up on after every retry.
    public let failed: Int
    public let lastAttempt: Timestamp?
    /// The receiver's HTTP status on the last attempt, or what went wrong.
    public let lastResult: String?

    public init(
        id: UUID, url: String, events: [WebhookEventType], createdAt: Timestamp, createdBy: String, pending: Int,
        failed: Int, lastAttempt: Timestamp?, lastResult: String?
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.pending = pending
        self.failed = failed
        self.lastAttempt = lastAttempt
        self.lastResult = lastResult
    }
}

/// A webhook as written: the secret sealed.
public struct NewWebhook: Sendable, Equatable {
    public let id: UUID
    public let url: String
    public let sealedSecret: String
    public let events: [WebhookEventType]
    public let at: Double
    public let by: String
}

/// One event bound for one webhook.
public struct WebhookDelivery: Sendable, Equatable {
    public let id: UUID
    public let webhookID: UUID
    /// What the event was read from (`audit:<id>`, `findings:<order>:<ms>`, `test:<id>`): a webhook
    /// gets each at most once, however often its window is read.
    public let eventKey: String
    public let type: WebhookEventType
    /// The JSON body, exactly as signed and sent.
    public let payload: String
    public let createdAt: Double

    public init(
        id: UUID, webhookID: UUID, eventKey: String, type: WebhookEventType, payload: String, createdAt: Double
    ) {
        self.id = id
        self.webhookID = webhookID
        self.eventKey = eventKey
        self.type = type
        self.payload = payload
        self.createdAt = createdAt
    }
}

/// A delivery that is due, with where it goes.
public struct DueDelivery: Sendable {
    public let delivery: WebhookDelivery
    public let url: String
    public let sealedSecret: String
    public let attempts: Int

    public init(delivery: WebhookDelivery, url: String, sealedSecret: String, attempts: Int) {
        self.delivery = delivery
        self.url = url
        self.sealedSecret = sealedSecret
        self.attempts = attempts
    }
}

/// How one attempt ended.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered(status: Int)
    /// `retryAt` nil: given up.
    case failed(result: String, retryAt: Double?)
}

/// What happened in a window, read from what the store keeps anyway.
public struct WebhookSources: Sendable {
    public struct Finding: Sendable {
        public let orderID: UUID
        public let orderNumber: String
        public let code: String
        public let severity: Severity
        public let summary: LocalizedText
        public let deadline: Double?
        /// When the shipment's findings were written (one stamp for all of them).
        public let at: Double

        public init(
            orderID: UUID, orderNumber: String, code: String, severity: Severity, summary: LocalizedText,
            deadline: Double?, at: Double
        ) {
            self.orderID = orderID
            self.orderNumber = orderNumber
            self.code = code
            self.severity = severity
            self.summary = summary
            self.deadline = deadline
            self.at = at
        }
    }

    /// Audit entries by their row id: claims' (`claims.open`, `claims.<action>`, `claims.deadline`)
    /// and questions handed to a person (`tickets.open`).
    public var entries: [(id: Int, entry: AuditEntry)] = []
    /// Act-or-urgent findings written in the window.
    public var findings: [Finding] = []

    public init(entries: [(id: Int, entry: AuditEntry)] = [], findings: [Finding] = []) {
        self.entries = entries
        self.findings = findings
    }
}

/// A webhook as the collector needs it.
public struct WebhookTarget: Sendable, Equatable {
    public let id: UUID
    public let events: [WebhookEventType]
    public let createdAt: Double

    public init(id: UUID, events: [WebhookEventType], createdAt: Double) {
        self.id = id
        self.events = events
        self.createdAt = createdAt
    }
}

/// How adding a webhook went.
public enum WebhookInsert: Sendable, Equatable {
    case added
    /// There are `limit` already.
    case full
    /// This address is there already.
    case duplicate
}

public protocol WebhookRepository: Sendable {
    /// Checks the count and the address and inserts, in one write transaction.
    func insertWebhook(_ webhook: NewWebhook, audit: AuditEntry, limit: Int) async throws -> WebhookInsert
    /// Removes it and its deliveries; false when there is none.
    func deleteWebhook(_ id: UUID, audit: AuditEntry) async throws -> Bool
    /// Each webhook with its delivery counts and last answer, for the Settings page.
    func webhooks() async throws -> [WebhookStatus]
    func webhookTargets() async throws -> [WebhookTarget]
    /// Where the last collection stopped; nil before the first.
    func webhookCursor() async throws -> Double?
    /// Claim and ticket audit entries, and act-or-urgent findings, in `(after, through]`.
    func webhookSources(after: Double, through: Double) async throws -> WebhookSources
    /// Stores the deliveries a webhook does not have yet (by event key), and moves the cursor
    /// forward to `cursor` when given, in one transaction; answers how many were new.
    func enqueue(_ deliveries: [WebhookDelivery], cursor: Double?) async throws -> Int
    func dueDeliveries(now: Double, limit: Int) async throws -> [DueDelivery]
    func recordAttempt(_ id: UUID, outcome: DeliveryOutcome, at: Double) async throws
    /// Forgets deliveries made (or given up on) before `before`.
    func pruneDeliveries(before: Double) async throws
}

/// Sends one signed request; answers the receiver's HTTP status.
public protocol WebhookTransport: Sendable {
    func post(_ url: String, headers: [(String, String)], body: Data) async throws -> Int
}
