import Foundation

/// An order as the claims engine sees it: the moments that open and close
/// windows, and what tracking says about them.
public struct ClaimOrder: Sendable, Hashable {
    public var id: String
    public var marketplace: String?
    public var placedAt: Timestamp
    public var confirmedAt: Timestamp?
    public var dispatchedAt: Timestamp?
    /// Delivery as the seller or the marketplace recorded it; tracking's own is in `tracking`.
    public var deliveredAt: Timestamp?
    /// The buyer decided the purchase (구매확정) themselves.
    public var purchaseDecidedAt: Timestamp?
    public var total: Decimal?
    /// Shipped from abroad: the longer automatic purchase decision applies.
    public var overseas: Bool
    public var trackingNumber: String?
    public var carrier: String?
    /// What the parcel's tracking shows; nil when no shipment is known.
    public var tracking: TrackingFacts?

    public init(
        id: String, marketplace: String? = nil, placedAt: Timestamp, confirmedAt: Timestamp? = nil,
        dispatchedAt: Timestamp? = nil, deliveredAt: Timestamp? = nil, purchaseDecidedAt: Timestamp? = nil,
        total: Decimal? = nil, overseas: Bool = false, trackingNumber: String? = nil, carrier: String? = nil,
        tracking: TrackingFacts? = nil
    ) {
        self.id = id
        self.marketplace = marketplace
        self.placedAt = placedAt
        self.confirmedAt = confirmedAt
        self.dispatchedAt = dispatchedAt
        self.deliveredAt = deliveredAt
        self.purchaseDecidedAt = purchaseDecidedAt
        self.total = total
        self.overseas = overseas
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.tracking = tracking
    }

    /// Delivery as recorded, else as tracked.
    public var delivered: Timestamp? { deliveredAt ?? tracking?.deliveredAt }
}

/// The tracking facts that claims depend on, from the diagnosis engine.
public struct TrackingFacts: Sendable, Hashable {
    /// The first real carrier scan.
    public var firstScanAt: Timestamp?
    public var deliveredAt: Timestamp?
    /// Pickup or delivery scanned before the order was placed: a number reused or made up.
    public var scannedBeforeOrder: Bool
    /// Since when no update for long entitles the buyer to a refund or reship (`refund_eligible`).
    public var refundEligibleSince: Timestamp?

    public init(
        firstScanAt: Timestamp? = nil, deliveredAt: Timestamp? = nil, scannedBeforeOrder: Bool = false,
        refundEligibleSince: Timestamp? = nil
    ) {
        self.firstScanAt = firstScanAt
        self.deliveredAt = deliveredAt
        self.scannedBeforeOrder = scannedBeforeOrder
        self.refundEligibleSince = refundEligibleSince
    }

    /// What an analysis shows.
    public init(_ analysis: ShipmentAnalysis) {
        let entries = analysis.timeline.entries
        let scans = entries.filter { $0.anomaly == nil && $0.isCarrierScan }
        firstScanAt = scans.first?.time
        deliveredAt = analysis.status == .delivered ? scans.last(where: { $0.status == .delivered })?.time : nil
        let placed = analysis.document.order.placedAt
        scannedBeforeOrder = entries.contains {
            $0.time < placed && ($0.status == .delivered || $0.milestone == .pickedUp)
        }
        refundEligibleSince = analysis.diagnoses.first { $0.code == .refundEligible }?.since
    }
}

/// One action in a claim's history, or one being attempted.
public struct ClaimStep: Sendable, Hashable {
    public var action: ClaimAction
    public var by: ClaimActor
    public var at: Timestamp
    public var note: String?
    public var trackingNumber: String?
    public var carrier: String?
    public var amount: Decimal?

    public init(
        _ action: ClaimAction, by: ClaimActor, at: Timestamp, note: String? = nil, trackingNumber: String? = nil,
        carrier: String? = nil, amount: Decimal? = nil
    ) {
        self.action = action
        self.by = by
        self.at = at
        self.note = note
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.amount = amount
    }
}

/// A claim with the history that made it what it is; its first step is the request.
public struct Claim: Sendable, Hashable {
    public var id: String
    public var type: ClaimType
    public var reason: ClaimReason
    /// When the buyer noticed (or could have noticed) the goods differ: starts the 30-day window.
    public var noticedAt: Timestamp?
    /// A partial refund's amount; nil is the whole order.
    public var amount: Decimal?
    public var history: [ClaimStep]

    public init(
        id: String, type: ClaimType, reason: ClaimReason, noticedAt: Timestamp? = nil, amount: Decimal? = nil,
        history: [ClaimStep]
    ) {
        self.id = id
        self.type = type
        self.reason = reason
        self.noticedAt = noticedAt
        self.amount = amount
        self.history = history
    }
}

/// Where a claim stands after its history (and the time since) has run through a profile.
public struct ClaimStanding: Sendable, Hashable {
    public var state: ClaimState
    /// The state a hold interrupted.
    public var heldFrom: ClaimState
    public var openedAt: Timestamp
    public var lastActionAt: Timestamp
    /// The seller answered the dispute (responded, agreed or refused).
    public var answeredAt: Timestamp?
    public var sellerRefused = false
    /// The buyer's request was granted because the seller did not answer in time.
    public var grantedBySilence = false
    public var escalatedAt: Timestamp?
    /// The seller accepted goods back, or the sides agreed.
    public var agreedAt: Timestamp?
    /// The agreement includes returning the goods.
    public var returnAgreed = false
    public var returnShippedAt: Timestamp?
    public var collectedAt: Timestamp?
    public var dispatchedAt: Timestamp?
    public var dispatchNumber: String?
    public var dispatchCarrier: String?
    public var refundedAt: Timestamp?
    public var amount: Decimal?
    /// When the claim reached a final state.
    public var endedAt: Timestamp?

    init(state: ClaimState, at: Timestamp, amount: Decimal?) {
        self.state = state
        heldFrom = state
        openedAt = at
        lastActionAt = at
        self.amount = amount
        if state.isFinal { endedAt = at }
    }
}

/// A deadline: what it is for, when it falls, and whose move it is.
public struct ClaimDeadline: Sendable, Hashable {
    public let kind: DeadlineKind
    public let due: Timestamp
    public let who: ClaimActor

    public init(_ kind: DeadlineKind, due: Timestamp, who: ClaimActor) {
        self.kind = kind
        self.due = due
        self.who = who
    }
}

/// The outcome of judging one action.
public struct ClaimVerdict: Sendable, Hashable {
    public let rule: ClaimRule
    /// The claim after the action, or as it was when refused (nil for a refused opening).
    public let standing: ClaimStanding?
    /// For a window: the moment it closed.
    public let closedAt: Timestamp?
    /// For a period not yet over: the moment the action becomes possible.
    public let opensAt: Timestamp?
    /// Why a tracking number was not accepted.
    public let numberProblem: LocalizedText?

    public var allowed: Bool { rule.allows }

    init(
        _ rule: ClaimRule, standing: ClaimStanding?, closedAt: Timestamp? = nil, opensAt: Timestamp? = nil,
        numberProblem: LocalizedText? = nil
    ) {
        self.rule = rule
        self.standing = standing
        self.closedAt = closedAt
        self.opensAt = opensAt
        self.numberProblem = numberProblem
    }
}
