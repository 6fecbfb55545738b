import Foundation
import ParcelCore

/// A claim as stored: its history (the truth) and what the last judgment
/// left for lists and the queue (state, next deadline).
public struct StoredClaim: Sendable {
    public let id: UUID
    public let orderID: UUID
    /// The order's marketplace number, for people.
    public let orderExternalID: String
    /// 1, 2, … in the order the order's claims were opened: `S-2001-C2`.
    public let number: Int
    public let detail: String?
    public let claim: Claim
    /// Who in ParcelDesk recorded each history step (`user:…`, `token:…`, `buyer-page`).
    public let recordedBy: [String]
    public let state: ClaimState
    public let nextDeadline: ClaimDeadline?
    public let openedAt: Timestamp
    public let updatedAt: Timestamp

    public init(
        id: UUID, orderID: UUID, orderExternalID: String, number: Int, detail: String?, claim: Claim,
        recordedBy: [String], state: ClaimState, nextDeadline: ClaimDeadline?, openedAt: Timestamp,
        updatedAt: Timestamp
    ) {
        self.id = id
        self.orderID = orderID
        self.orderExternalID = orderExternalID
        self.number = number
        self.detail = detail
        self.claim = claim
        self.recordedBy = recordedBy
        self.state = state
        self.nextDeadline = nextDeadline
        self.openedAt = openedAt
        self.updatedAt = updatedAt
    }

    /// How many steps the history holds: what an action was judged against.
    public var version: Int { claim.history.count }

    /// `S-2001-C2`: how people name the claim.
    public var label: String { "\(orderExternalID)-C\(number)" }
}

/// A claim about to be stored, with its first step.
public struct NewClaimRecord: Sendable {
    public let id: UUID
    public let orderID: UUID
    public let number: Int
    public let type: ClaimType
    public let reason: ClaimReason
    public let detail: String?
    public let noticedAt: Timestamp?
    public let amount: Decimal?
    public let step: ClaimStep
    public let recordedBy: String
    public let cache: ClaimCache

    public init(
        id: UUID, orderID: UUID, number: Int, type: ClaimType, reason: ClaimReason, detail: String?,
        noticedAt: Timestamp?, amount: Decimal?, step: ClaimStep, recordedBy: String, cache: ClaimCache
    ) {
        self.id = id
        self.orderID = orderID
        self.number = number
        self.type = type
        self.reason = reason
        self.detail = detail
        self.noticedAt = noticedAt
        self.amount = amount
        self.step = step
        self.recordedBy = recordedBy
        self.cache = cache
    }
}

/// What a judgment leaves on the claim's row: its state now and its next deadline.
public struct ClaimCache: Sendable, Equatable {
    public let state: ClaimState
    public let nextDeadline: ClaimDeadline?
    public let updatedAt: Double

    public init(state: ClaimState, nextDeadline: ClaimDeadline?, updatedAt: Double) {
        self.state = state
        self.nextDeadline = nextDeadline
        self.updatedAt = updatedAt
    }
}

/// A step to append to a stored claim: at `position`, which must be the next one.
public struct ClaimStepRecord: Sendable {
    public let claimID: UUID
    public let position: Int
    public let step: ClaimStep
    public let recordedBy: String
    public let idempotencyKey: String?
    public let cache: ClaimCache

    public init(
        claimID: UUID, position: Int, step: ClaimStep, recordedBy: String, idempotencyKey: String?, cache: ClaimCache
    ) {
        self.claimID = claimID
        self.position = position
        self.step = step
        self.recordedBy = recordedBy
        self.idempotencyKey = idempotencyKey
        self.cache = cache
    }
}

/// A file attached to a claim: stored on disk, described here.
public struct EvidenceRecord: Sendable, Equatable {
    public let id: UUID
    public let claimID: UUID
    public let kind: EvidenceKind
    /// The name it was uploaded with, for people; never used as a path.
    public let name: String
    public let mediaType: String
    public let size: Int
    /// Lowercase hex SHA-256 of the content.
    public let sha256: String
    /// Where the file lives under the evidence directory.
    public let storageKey: String
    public let uploadedAt: Timestamp
    public let uploadedBy: String

    public init(
        id: UUID, claimID: UUID, kind: EvidenceKind, name: String, mediaType: String, size: Int, sha256: String,
        storageKey: String, uploadedAt: Timestamp, uploadedBy: String
    ) {
        self.id = id
        self.claimID = claimID
        self.kind = kind
        self.name = name
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.storageKey = storageKey
        self.uploadedAt = uploadedAt
        self.uploadedBy = uploadedBy
    }
}

/// An open claim's next deadline, as the queue lists it (no history needed).
public struct ClaimDue: Sendable, Equatable {
    public let id: UUID
    public let orderID: UUID
    public let orderExternalID: String
    public let number: Int
    public let type: ClaimType
    public let state: ClaimState
    public let deadline: ClaimDeadline
    /// The order's marketplace, for the queue's filter.
    public var marketplace: String?

    public init(
        id: UUID, orderID: UUID, orderExternalID: String, number: Int, type: ClaimType, state: ClaimState,
        deadline: ClaimDeadline, marketplace: String? = nil
    ) {
        self.marketplace = marketplace
        self.id = id
        self.orderID = orderID
        self.orderExternalID = orderExternalID
        self.number = number
        self.type = type
        self.state = state
        self.deadline = deadline
    }

    public var label: String { "\(orderExternalID)-C\(number)" }
}

/// Which claims a list shows.
public struct ClaimFilter: Sendable {
    public var state: ClaimState?
    public var type: ClaimType?
    public var limit = 50
    /// The last row of the previous page: `(openedAt, id)`, newest first.
    public var cursor: ClaimCursor?

    public init(state: ClaimState? = nil, type: ClaimType? = nil, limit: Int = 50, cursor: ClaimCursor? = nil) {
        self.state = state
        self.type = type
        self.limit = limit
        self.cursor = cursor
    }
}

public struct ClaimCursor: Sendable, Equatable {
    public let openedAt: Double
    public let id: UUID

    public init(openedAt: Double, id: UUID) {
        self.openedAt = openedAt
        self.id = id
    }

    /// The cursor an API client got back; nil for text no list gave out.
    public init?(encoded: String) {
        guard let cursor = OrderCursor(encoded: encoded) else { return nil }
        self.init(openedAt: cursor.placedAt, id: cursor.id)
    }

    public var encoded: String { OrderCursor(placedAt: openedAt, id: id).encoded }
}

public struct ClaimPage: Sendable {
    public var items: [StoredClaim]
    public var nextCursor: String?

    public init(items: [StoredClaim], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// What the claim use cases need from storage.
public protocol ClaimRepository: Sendable {
    /// The order's claims, in the order they were opened, as of the last commit.
    func claims(ofOrder orderID: UUID) async throws -> [StoredClaim]
    func claim(_ id: UUID) async throws -> StoredClaim?
    /// Newest first, `filter.limit` at a time.
    func claims(_ filter: ClaimFilter) async throws -> ClaimPage
    /// Runs `body` holding the order's claims against every other writer of them: a change judged
    /// against what `body` reads first cannot be overtaken by another one.
    func lockingClaims<T: Sendable>(
        ofOrder orderID: UUID, _ body: @escaping @Sendable (any ClaimTransaction) async throws -> T
    ) async throws -> T
    /// The step an idempotency key already recorded on a claim, if any.
    func step(claim: UUID, idempotencyKey: String) async throws -> Int?
    func evidence(of claim: UUID) async throws -> [EvidenceRecord]
    /// Claims whose stored next deadline is at or before `moment`: time may have moved them on.
    func claimsDue(at moment: Double, limit: Int) async throws -> [UUID]
    /// Open claims with a deadline at or before `moment`, soonest first: the queue's claim rows.
    func claimDeadlines(before moment: Double, limit: Int) async throws -> [ClaimDue]
    /// Marketplace order numbers whose claims ended with money or goods back (lane analytics' claim rate).
    func ordersWithClaimOutcomes() async throws -> Set<String>
}

/// The writes of one claim transaction, and the reads that decide them.
public protocol ClaimTransaction: Sendable {
    /// The order's claims as they are inside the transaction.
    func claims(ofOrder orderID: UUID) async throws -> [StoredClaim]
    func insertClaim(_ claim: NewClaimRecord) async throws
    /// Throws `ClaimStoreError.duplicateKey` when the idempotency key is taken on this claim.
    func appendStep(_ step: ClaimStepRecord) async throws
    func updateCache(claim: UUID, _ cache: ClaimCache) async throws
    /// The bytes of evidence already stored for a claim.
    func evidenceSize(of claim: UUID) async throws -> Int
    func insertEvidence(_ evidence: EvidenceRecord) async throws
    func audit(_ entry: AuditEntry) async throws
}

public enum ClaimStoreError: Error, Sendable, Equatable {
    /// Another request with the same idempotency key recorded its step first.
    case duplicateKey
}
