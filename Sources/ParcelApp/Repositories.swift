import Foundation
import ParcelCore

/// What the order and tracking use cases need from storage. `ParcelStore`
/// implements it on SQLite and PostgreSQL; tests may use a fake.
public protocol OrderRepository: Sendable {
    /// Runs `body` in one write transaction: when this returns, all of it is
    /// committed; when it throws, none of it is.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any ShipmentTransaction) async throws -> T)
        async throws -> T
    /// For each canonical number, the shipments with a leg carrying it, as of the last commit.
    func shipments(holding numbers: [String]) async throws -> [String: [UUID]]
    /// Which of these marketplace order numbers are taken.
    func existingExternalIDs(_ ids: [String]) async throws -> Set<String>
    /// Shipments whose review time (`ShipmentState.reviewDueAt`) is at or before `moment`, soonest first.
    func shipmentsDue(at moment: Double, limit: Int) async throws -> [UUID]
    /// One order by its id or, failing that, its marketplace order number, with its events.
    func order(_ key: String) async throws -> StoredOrder?
    /// Newest first.
    func orders(_ filter: OrderFilter) async throws -> OrderPage
    /// Open findings at or above `minimum`, most severe first, then the nearest deadline.
    func queue(minimum: Severity, limit: Int) async throws -> [QueueItem]
    /// How many orders sit at each severity, each counted once at its worst finding.
    func queueSummary() async throws -> [Severity: Int]
    func counts() async throws -> StoreCounts
}

/// The reads and writes of one transaction of the busy paths. The steps
/// (matching, dedupe keys, analysis, what changed) are written once in the
/// services over this; each engine says how to read and write the rows.
public protocol ShipmentTransaction: Sendable {
    /// Takes the write locks of these shipments, in one order for every
    /// transaction, before anything else touches them: two batches over the
    /// same shipments then wait for each other instead of deadlocking.
    func lockShipments(_ ids: [UUID]) async throws
    /// For each canonical number, the shipments with a leg carrying it.
    func shipments(holding numbers: [String]) async throws -> [String: [UUID]]
    /// Shipments whose canonical number is also on another shipment, among `numbers`.
    func shipmentsSharingNumbers(_ numbers: [String]) async throws -> [UUID]
    /// The shipments with their orders and every stored event, in arrival order.
    func loadShipments(_ ids: [UUID]) async throws -> [LoadedShipment]
    /// For each canonical number, every order whose shipment carries it.
    func ordersHolding(_ numbers: [String]) async throws -> [String: [OtherOrder]]

    /// Throws `OrderError.duplicateOrder` for an external id already taken.
    func insertOrders(_ orders: [OrderRecord], now: Double) async throws
    func insertShipments(_ shipments: [ShipmentRecord], now: Double) async throws
    /// Writes the analysis columns of shipments that exist.
    func updateShipments(_ shipments: [ShipmentRecord], now: Double) async throws
    func replaceLegs(of shipments: [UUID], with legs: [LegRecord]) async throws
    func replaceFindings(of shipments: [UUID], with findings: [FindingRecord], now: Double) async throws
    func updateSearchText(_ updates: [SearchTextUpdate]) async throws
    /// Inserts the events not stored yet; returns the dedupe keys of those it stored.
    func insertEvents(_ events: [PendingEvent], receivedAt: Double) async throws -> Set<String>
    func audit(_ entry: AuditEntry) async throws
}

/// What the account use cases need from storage.
public protocol AccountRepository: Sendable {
    /// Throws `AccountError.emailTaken` for an e-mail already in use.
    func insertUser(_ user: User, passwordHash: String, audit: AuditEntry) async throws
    func user(email: String) async throws -> (user: User, passwordHash: String)?
    func users() async throws -> [User]
    /// Removes the user and their tokens with the audit entry, in one transaction, unless they are the
    /// last owner; answers their tokens' ids (to forget), or nil when nothing was removed.
    func deleteUser(_ id: UUID, audit: AuditEntry) async throws -> DeletedUser
    /// Replaces a user's password hash; false for no such user.
    func setPasswordHash(userID: UUID, hash: String, audit: AuditEntry) async throws -> Bool
    func insertToken(_ token: AccessToken, hash: String, audit: AuditEntry) async throws
    /// The token with this hash and its user, revoked or expired ones too.
    func token(hash: String) async throws -> (user: User, token: AccessToken)?
    func tokens(of user: UUID) async throws -> [AccessToken]
    /// Marks tokens revoked at `at`; returns how many were still live.
    func revokeTokens(_ ids: [UUID], at: Double, audit: AuditEntry) async throws -> Int
    func auditLog(limit: Int) async throws -> [AuditEntry]
    /// One subject's entries of one action, oldest first.
    func auditLog(subject: String, action: String) async throws -> [AuditEntry]
    func appendAudit(_ entry: AuditEntry) async throws
}

/// One line of the seller's record of who did what.
public struct AuditEntry: Sendable, Equatable {
    public var at: Double
    /// `user:<email>`, `token:<name> (<email>)`, `cli`, `system`.
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String

    public init(at: Double, actor: String, action: String, subject: String = "", detail: String = "") {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

/// Buyer page links and the buyers' conversations.
public protocol CustomerCenterRepository: Sendable {
    /// Records that `tokenHash` opens `orderID`'s buyer page; a second call for the same hash does nothing.
    func saveBuyerLink(orderID: UUID, tokenHash: String, at: Double) async throws
    func order(buyerTokenHash: String) async throws -> UUID?
    /// The order's conversation that is not closed, if any.
    func currentTicket(ofOrder orderID: UUID) async throws -> Ticket?
    func ticket(_ id: UUID) async throws -> Ticket?
    /// Oldest-waiting first, then newest.
    func tickets(_ filter: TicketFilter) async throws -> [Ticket]
    func messages(ofTicket id: UUID) async throws -> [TicketMessage]
    /// Days from shipping to the last scan of the lane's delivered shipments, the latest `limit` of them.
    func deliveryDays(origin: String?, destination: String?, shippingOption: String?, carrier: String?, limit: Int)
        async throws -> [Double]
    /// Writes the ticket (inserted or updated), appends the messages and the audit entry, in one transaction.
    func save(_ ticket: Ticket, appending messages: [TicketMessage], audit: AuditEntry?) async throws
}
