import Foundation

/// An order as the claims engine sees it: the moments that open and close
/// windows, and what tracking says about them. Moments are kept as seconds
/// (−∞ for "not yet"), as in `ClaimStanding`: the engine copies orders often.
public struct ClaimOrder: Sendable, Hashable {
    public var id: String
    public var marketplace: String?
    var placed: Double
    var confirmed: Double
    var dispatched: Double
    var delivered_: Double
    var decided: Double
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
        placed = placedAt.epochSeconds
        confirmed = confirmedAt?.epochSeconds ?? ClaimStanding.never
        dispatched = dispatchedAt?.epochSeconds ?? ClaimStanding.never
        delivered_ = deliveredAt?.epochSeconds ?? ClaimStanding.never
        decided = purchaseDecidedAt?.epochSeconds ?? ClaimStanding.never
        self.total = total
        self.overseas = overseas
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.tracking = tracking
    }

    public var placedAt: Timestamp {
        get { Timestamp(epochSeconds: placed, utcOffset: Timestamp.kst) }
        set { placed = newValue.epochSeconds }
    }
    /// When the seller confirmed (accepted) the order.
    public var confirmedAt: Timestamp? {
        get { ClaimStanding.moment(confirmed) }
        set { confirmed = newValue?.epochSeconds ?? ClaimStanding.never }
    }
    public var dispatchedAt: Timestamp? {
        get { ClaimStanding.moment(dispatched) }
        set { dispatched = newValue?.epochSeconds ?? ClaimStanding.never }
    }
    /// Delivery as the seller or the marketplace recorded it; tracking's own is in `tracking`.
    public var deliveredAt: Timestamp? {
        get { ClaimStanding.moment(delivered_) }
        set { delivered_ = newValue?.epochSeconds ?? ClaimStanding.never }
    }
    /// The buyer decided the purchase (구매확정) themselves.
    public var purchaseDecidedAt: Timestamp? {
        get { ClaimStanding.moment(decided) }
        set { decided = newValue?.epochSeconds ?? ClaimStanding.never }
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
    /// From when no update for long entitles the buyer to a refund or reship (`refund_eligible`).
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
        // The finding's `since` is when the silence began; the right to a refund comes at its threshold.
        refundEligibleSince = analysis.diagnoses.first { $0.code == .refundEligible }.map {
            $0.since.adding(hours: $0.figures.thresholdHours ?? 60 * 24)
        }
    }
}

/// One action in a claim's history, or one being attempted.
public struct ClaimStep: Sendable, Hashable {
    public var action: ClaimAction
    public var by: ClaimActor
    public var at: Timestamp
    /// What most steps do not carry, kept out of line: the engine copies steps as it replays them.
    var details: Details?

    final class Details: Sendable, Hashable {
        let note: String?
        let trackingNumber: String?
        let carrier: String?
        let amount: Decimal?

        init(note: String?, trackingNumber: String?, carrier: String?, amount: Decimal?) {
            self.note = note
            self.trackingNumber = trackingNumber
            self.carrier = carrier
            self.amount = amount
        }

        static func make(note: String?, trackingNumber: String?, carrier: String?, amount: Decimal?) -> Details? {
            note == nil && trackingNumber == nil && carrier == nil && amount == nil
                ? nil : Details(note: note, trackingNumber: trackingNumber, carrier: carrier, amount: amount)
        }

        static func == (left: Details, right: Details) -> Bool {
            left.note == right.note && left.trackingNumber == right.trackingNumber && left.carrier == right.carrier
                && left.amount == right.amount
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(note)
            hasher.combine(trackingNumber)
            hasher.combine(carrier)
            hasher.combine(amount)
        }
    }

    public init(
        _ action: ClaimAction, by: ClaimActor, at: Timestamp, note: String? = nil, trackingNumber: String? = nil,
        carrier: String? = nil, amount: Decimal? = nil
    ) {
        self.action = action
        self.by = by
        self.at = at
        details = Details.make(note: note, trackingNumber: trackingNumber, carrier: carrier, amount: amount)
    }

    public var note: String? {
        get { details?.note }
        set { details = Details.make(note: newValue, trackingNumber: trackingNumber, carrier: carrier, amount: amount) }
    }
    public var trackingNumber: String? {
        get { details?.trackingNumber }
        set { details = Details.make(note: note, trackingNumber: newValue, carrier: carrier, amount: amount) }
    }
    public var carrier: String? {
        get { details?.carrier }
        set { details = Details.make(note: note, trackingNumber: trackingNumber, carrier: newValue, amount: amount) }
    }
    public var amount: Decimal? {
        get { details?.amount }
        set { details = Details.make(note: note, trackingNumber: trackingNumber, carrier: carrier, amount: newValue) }
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
///
/// Moments are kept as seconds (with −∞ for "not yet") and shown on the
/// Korean clock: the engine copies standings for every step of every claim,
/// and a `Timestamp?` is three times the size.
public struct ClaimStanding: Sendable, Hashable {
    public var state: ClaimState
    /// The state a hold interrupted.
    public var heldFrom: ClaimState
    public var sellerRefused = false
    /// The buyer's request was granted because the seller did not answer in time.
    public var grantedBySilence = false
    /// The agreement includes returning the goods.
    public var returnAgreed = false
    var opened: Double
    var lastAction: Double
    var answered = Self.never
    var escalated = Self.never
    var agreed = Self.never
    var returnShipped = Self.never
    var collected = Self.never
    var dispatched = Self.never
    var refunded = Self.never
    var ended = Self.never
    public var dispatchNumber: String?
    public var dispatchCarrier: String?
    public var amount: Decimal?

    static let never = -Double.infinity

    init(state: ClaimState, at: Timestamp, amount: Decimal?) {
        self.state = state
        heldFrom = state
        opened = at.epochSeconds
        lastAction = at.epochSeconds
        self.amount = amount
        if state.isFinal { ended = at.epochSeconds }
    }

    static func moment(_ seconds: Double) -> Timestamp? {
        seconds == never ? nil : Timestamp(epochSeconds: seconds, utcOffset: Timestamp.kst)
    }

    public var openedAt: Timestamp {
        get { Timestamp(epochSeconds: opened, utcOffset: Timestamp.kst) }
        set { opened = newValue.epochSeconds }
    }
    public var lastActionAt: Timestamp {
        get { Timestamp(epochSeconds: lastAction, utcOffset: Timestamp.kst) }
        set { lastAction = newValue.epochSeconds }
    }
    /// The seller answered the dispute (responded, agreed or refused).
    public var answeredAt: Timestamp? {
        get { Self.moment(answered) }
        set { answered = newValue?.epochSeconds ?? Self.never }
    }
    public var escalatedAt: Timestamp? {
        get { Self.moment(escalated) }
        set { escalated = newValue?.epochSeconds ?? Self.never }
    }
    /// The seller accepted goods back, or the sides agreed.
    public var agreedAt: Timestamp? {
        get { Self.moment(agreed) }
        set { agreed = newValue?.epochSeconds ?? Self.never }
    }
    public var returnShippedAt: Timestamp? {
        get { Self.moment(returnShipped) }
        set { returnShipped = newValue?.epochSeconds ?? Self.never }
    }
    public var collectedAt: Timestamp? {
        get { Self.moment(collected) }
        set { collected = newValue?.epochSeconds ?? Self.never }
    }
    public var dispatchedAt: Timestamp? {
        get { Self.moment(dispatched) }
        set { dispatched = newValue?.epochSeconds ?? Self.never }
    }
    public var refundedAt: Timestamp? {
        get { Self.moment(refunded) }
        set { refunded = newValue?.epochSeconds ?? Self.never }
    }
    /// When the claim reached a final state.
    public var endedAt: Timestamp? {
        get { Self.moment(ended) }
        set { ended = newValue?.epochSeconds ?? Self.never }
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
