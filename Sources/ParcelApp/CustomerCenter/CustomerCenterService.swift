import Crypto
import Foundation
import ParcelCore
import Synchronization

/// The buyer's side of an order: the link that opens its buyer page, what
/// that page shows, and the customer center's conversation, which goes to
/// the seller's inbox when the desk cannot settle it alone.
public struct CustomerCenterService: Sendable {
    let repository: any CustomerCenterRepository
    let orders: OrderService
    let claims: ClaimService
    /// Derives every order's buyer token; only the tokens' SHA-256 is stored.
    let linkKey: Data
    public let recognizer: IntentRecognizer
    public let answers: BuyerAnswers
    let laneDays = LaneDaysCache()
    /// Orders whose link is known to be stored.
    private let linked = Shared<Set<UUID>>([])
    /// The order each stored token hash opened: a buyer's page refreshes
    /// itself, and the link never points elsewhere. Only tokens that opened
    /// an order are kept, so guessing cannot fill it.
    private let opened = Shared<[String: UUID]>([:])

    public init(
        repository: any CustomerCenterRepository, orders: OrderService, claims: ClaimService, linkKey: Data,
        recognizer: IntentRecognizer = IntentRecognizer(), answers: BuyerAnswers = BuyerAnswers()
    ) {
        self.repository = repository
        self.orders = orders
        self.claims = claims
        self.linkKey = linkKey
        self.recognizer = recognizer
        self.answers = answers
    }

    /// The longest reply, as `openapi.yaml`'s `TicketReplyInput.text` says.
    public static let replyLimit = 2000

    /// Characters of a buyer token: 22 of base64url, 132 random-looking bits.
    public static let tokenLength = 22

    // MARK: - Buyer links

    /// The token of the order's buyer page, recorded (as its hash) the first time it is asked for.
    /// The same order always has the same token under the same key, so the
    /// seller can copy the link again without it being stored readable.
    public func buyerToken(for orderID: UUID, now: Timestamp) async throws -> String {
        let token = Self.token(orderID: orderID, key: linkKey)
        if linked.withLock({ $0.contains(orderID) }) { return token }
        // A read first: showing an order must not take the write lock every time.
        let hash = Hashing.sha256(token)
        if try await repository.order(buyerTokenHash: hash) == nil {
            try await repository.saveBuyerLink(orderID: orderID, tokenHash: hash, at: now.epochSeconds)
        }
        linked.withLock { linked in
            if linked.count > 200_000 { linked.removeAll() }
            linked.insert(orderID)
        }
        return token
    }

    static func token(orderID: UUID, key: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("buyer page \(orderID.uuidString.lowercased())".utf8), using: SymmetricKey(data: key))
        return String(Hashing.base64URL(code).prefix(tokenLength))
    }

    /// What the buyer page shows: the order, its tracking and its claims at `now`. Nil for a token
    /// that opens nothing.
    public func buyerView(token: String, now: Timestamp) async throws -> BuyerView? {
        let hash = Hashing.sha256(token)
        var orderID = opened.withLock { $0[hash] }
        if orderID == nil, let stored = try await repository.order(buyerTokenHash: hash) {
            opened.withLock { opened in
                if opened.count >= 100_000 { opened.removeAll() }
                opened[hash] = stored
            }
            orderID = stored
        }
        guard let orderID, let detail = try await orders.detail(orderID.uuidString, now: now) else { return nil }
        let orderClaims = try await claims.claims(of: detail.order, analysis: detail.analysis, now: now)
        let situation = BuyerSituation(
            order: orderClaims.report.order, analysis: detail.analysis, report: orderClaims.report, now: now)
        var expectation: DeliveryExpectation?
        if let shipment = detail.order.shipment, detail.analysis?.status != .delivered {
            let days = try await laneDays.days(
                for: [shipment.origin, shipment.destination, shipment.shippingOption, shipment.carrier], now: now
            ) {
                try await repository.deliveryDays(
                    origin: shipment.origin, destination: shipment.destination,
                    shippingOption: shipment.shippingOption, carrier: shipment.carrier, limit: 500)
            }
            expectation = DeliveryExpectation(deliveryDays: days, shippedAt: shipment.shippedAt, now: now)
        }
        return BuyerView(
            token: token, detail: detail, claims: orderClaims, situation: situation, expectation: expectation,
            ticket: try await repository.currentTicket(ofOrder: orderID))
    }

    // MARK: - The conversation

    /// What the customer center said to one question.
    public struct Reply: Sendable {
        public let recognition: IntentRecognizer.Recognition
        public let answer: BuyerAnswer
        /// The ticket in the seller's inbox, when the question went there.
        public let ticket: Ticket?
    }

    /// Answers a buyer's question from the live order and keeps the
    /// conversation. A person asked for, a question the desk cannot answer,
    /// or the same question a second time opens (or reopens) the ticket in
    /// the seller's inbox. Nil when the token opens nothing.
    public func ask(token: String, question: String, language: Language = .ko, now: Timestamp) async throws -> (
        view: BuyerView, reply: Reply
    )? {
        guard let view = try await buyerView(token: token, now: now) else { return nil }
        // What reads text back stops at a NUL: the question is kept without it.
        let question = question.replacingOccurrences(of: "\u{0}", with: "")
        let recognition = recognizer.recognize(question)
        let answer = answers.answer(recognition.intent, in: view.situation)
        var earlier: [TicketMessage] = []
        if let current = view.ticket { earlier = try await repository.messages(ofTicket: current.id) }
        let repeated = earlier.contains { $0.author == .buyer && $0.intent == recognition.intent }
        let escalates = answer.handOver || repeated
        var ticket =
            view.ticket
            ?? Ticket(
                id: UUID.forNewRow(), orderID: view.detail.order.id, orderExternalID: view.detail.order.info.id,
                status: .selfServed, reason: nil, openedAt: now, updatedAt: now, waitingSince: nil)
        ticket.updatedAt = now
        // Handed over now (not already waiting): in the audit log, which the webhooks read.
        var handedOver: AuditEntry?
        if escalates {
            if ticket.status != .open {
                ticket.reason = recognition.intent
                ticket.waitingSince = now
                handedOver = AuditEntry(
                    at: now.epochSeconds, actor: "buyer", action: "tickets.open", subject: ticket.id.uuidString,
                    detail: "\(view.detail.order.info.id) \(recognition.intent.rawValue)")
            }
            ticket.status = .open
        }
        let messages = [
            TicketMessage(ticketID: ticket.id, author: .buyer, text: question, intent: recognition.intent, at: now),
            TicketMessage(ticketID: ticket.id, author: .desk, text: answer.text.text(language), intent: nil, at: now),
        ]
        try await repository.save(ticket, appending: messages, audit: handedOver)
        let after = BuyerView(
            token: view.token, detail: view.detail, claims: view.claims, situation: view.situation,
            expectation: view.expectation, ticket: ticket)
        return (after, Reply(recognition: recognition, answer: answer, ticket: escalates ? ticket : nil))
    }

    // MARK: - The inbox

    public func tickets(_ filter: TicketFilter = TicketFilter()) async throws -> [Ticket] {
        var filter = filter
        filter.limit = max(1, min(filter.limit, 500))
        return try await repository.tickets(filter)
    }

    /// A ticket with its conversation and the order as it is now.
    public struct Conversation: Sendable {
        public let ticket: Ticket
        public let messages: [TicketMessage]
        public let detail: OrderDetail?
    }

    /// The buyer's current conversation, for the buyer page.
    public func messages(of ticket: Ticket?) async throws -> [TicketMessage] {
        guard let ticket else { return [] }
        return try await repository.messages(ofTicket: ticket.id)
    }

    public func conversation(_ id: UUID, now: Timestamp) async throws -> Conversation? {
        guard let ticket = try await repository.ticket(id) else { return nil }
        return Conversation(
            ticket: ticket, messages: try await repository.messages(ofTicket: id),
            detail: try await orders.detail(ticket.orderID.uuidString, now: now))
    }

    /// The seller's reply: the buyer sees it on the buyer page; the ticket waits for the buyer.
    public func reply(to id: UUID, text: String, now: Timestamp) async throws -> Ticket {
        let text = text.replacingOccurrences(of: "\u{0}", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw TicketError.emptyReply }
        guard text.count <= Self.replyLimit else { throw TicketError.tooLong(Self.replyLimit) }
        guard var ticket = try await repository.ticket(id) else { throw TicketError.unknownTicket(id.uuidString) }
        guard ticket.status != .closed else { throw TicketError.closed }
        ticket.status = .answered
        ticket.waitingSince = nil
        ticket.updatedAt = now
        try await repository.save(
            ticket, appending: [TicketMessage(ticketID: id, author: .seller, text: text, intent: nil, at: now)],
            audit: nil)
        return ticket
    }

    public func close(_ id: UUID, now: Timestamp) async throws -> Ticket {
        guard var ticket = try await repository.ticket(id) else { throw TicketError.unknownTicket(id.uuidString) }
        ticket.status = .closed
        ticket.waitingSince = nil
        ticket.updatedAt = now
        try await repository.save(ticket, appending: [], audit: nil)
        return ticket
    }
}

/// One order as its buyer sees it.
public struct BuyerView: Sendable {
    public let token: String
    public let detail: OrderDetail
    public let claims: ClaimService.OrderClaims
    public let situation: BuyerSituation
    /// What is normal on this parcel's lane now; nil once delivered, or for a lane with too few deliveries.
    public let expectation: DeliveryExpectation?
    /// The conversation so far, when there is one.
    public let ticket: Ticket?
}

/// Each lane's delivery days, read at most once every ten minutes: every
/// buyer page of a lane shows the same figures, and they move slowly.
final class LaneDaysCache: Sendable {
    private let entries = Mutex<[[String?]: (at: Double, days: [Double])]>([:])
    static let lifetime = 600.0

    func days(
        for lane: [String?], now: Timestamp, read: () async throws -> [Double]
    ) async throws -> [Double] {
        let moment = now.epochSeconds
        if let hit = entries.withLock({ $0[lane] }), abs(moment - hit.at) < Self.lifetime { return hit.days }
        let days = try await read()
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[lane] = (moment, days)
        }
        return days
    }
}

/// A value the service's copies share (it is a struct), behind a lock.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) { self.value = Mutex(value) }

    func withLock<T>(_ body: (inout Value) -> T) -> T { value.withLock { body(&$0) } }
}
