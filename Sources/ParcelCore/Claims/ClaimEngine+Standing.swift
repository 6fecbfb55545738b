import Foundation

/// What the engine says about an order and its claims at a moment: stage,
/// purchase decision, deadlines, the actions each side may take, the claims
/// each side may open.
extension ClaimEngine {
    /// The purchase decision at a moment: made (by the buyer or automatically), scheduled, or held back.
    public struct Decision: Sendable, Hashable {
        /// When the purchase was decided, if it has been by the moment asked about.
        public var decidedAt: Timestamp?
        /// When the marketplace will decide it, if nothing holds it back.
        public var scheduledAt: Timestamp?
        public var suspension: Suspension?

        public var at: Timestamp? { decidedAt }
    }

    /// Why the automatic purchase decision waits.
    public enum Suspension: String, Sendable, Hashable {
        /// No tracking event five days before the date (a number that never moved).
        case noTrackingEvent = "no_tracking_event"
        /// Tracking shows pickup or delivery before the order was placed.
        case scannedBeforeOrder = "scanned_before_order"
        /// A return, exchange, refund or dispute is open.
        case openClaim = "open_claim"

        public var label: LocalizedText {
            switch self {
            case .noTrackingEvent:
                LocalizedText(ko: "배송 조회 기록이 없어 보류", en: "held: tracking shows no event")
            case .scannedBeforeOrder:
                LocalizedText(ko: "주문 전 집화·배송 기록이 있어 보류", en: "held: tracking shows a scan before the order")
            case .openClaim:
                LocalizedText(ko: "진행 중인 클레임이 있어 보류", en: "held: a claim is open")
            }
        }
    }

    func decision(of order: ClaimOrder, others: Others, profile: ClaimProfile, at moment: Timestamp? = nil) -> Decision
    {
        var decision = Decision()
        if let decided = order.purchaseDecidedAt, moment.map({ decided <= $0 }) ?? true {
            decision.decidedAt = decided
            return decision
        }
        guard let rule = profile.windows.autoDecision else { return decision }
        let scheduled: Timestamp
        if let delivered = order.delivered {
            scheduled = delivered.adding(days: rule.daysAfterDelivery)
        } else if let dispatched = dispatchedAt(order, others: others) {
            scheduled = dispatched.adding(
                days: order.overseas ? rule.daysAfterOverseasDispatch : rule.daysAfterDispatch)
        } else {
            return decision
        }
        let moment = moment ?? scheduled
        if let tracking = order.tracking {
            if tracking.scannedBeforeOrder {
                decision.suspension = .scannedBeforeOrder
                return decision
            }
            let check = scheduled.adding(days: -rule.suspendWithoutEventDays)
            if moment >= check, tracking.firstScanAt.map({ $0 > check }) ?? true {
                decision.suspension = .noTrackingEvent
                return decision
            }
        }
        var effective = scheduled
        // An open claim holds the decision until it ends.
        holding: while true {
            switch others.hold(at: effective) {
            case .none: break holding
            case .open:
                decision.suspension = .openClaim
                return decision
            case .until(let end): effective = end
            }
        }
        if effective <= moment {
            decision.decidedAt = effective
        } else if others.blocksDecision(at: moment) {
            decision.suspension = .openClaim
        } else {
            decision.scheduledAt = effective
        }
        return decision
    }

    /// When the order left: as recorded, or by the dispatch that refused a cancel.
    func dispatchedAt(_ order: ClaimOrder, others: Others) -> Timestamp? {
        order.dispatchedAt ?? others.dispatchedByCancel.map { Timestamp(epochSeconds: $0, utcOffset: Timestamp.kst) }
    }

    /// The order's stage at `moment`.
    func stage(
        of order: ClaimOrder, others: Others, profile: ClaimProfile, at moment: Timestamp, decision: Decision? = nil
    ) -> OrderStage {
        if others.finished(.cancel, at: moment) { return .cancelled }
        if others.finished(.return, at: moment) { return .returned }
        if others.finished(.exchange, at: moment) { return .exchanged }
        let decision = decision ?? self.decision(of: order, others: others, profile: profile, at: moment)
        if decision.decidedAt != nil { return .purchaseDecided }
        if let delivered = order.delivered, delivered <= moment { return .delivered }
        if let dispatched = dispatchedAt(order, others: others), dispatched <= moment {
            if let scan = order.tracking?.firstScanAt, scan <= moment { return .delivering }
            return .dispatched
        }
        if let confirmed = order.confirmedAt, confirmed <= moment { return .confirmed }
        return .paid
    }

    // MARK: - Deadlines

    /// A claim's open deadlines after `now`, earliest first.
    public func deadlines(
        _ standing: ClaimStanding, type: ClaimType, order: ClaimOrder, profile: ClaimProfile, now: Timestamp
    ) -> [ClaimDeadline] {
        var entries: [Standing.Entry] = []
        collectDeadlines(standing, type: type, claim: 0, profile: profile, now: now, into: &entries)
        entries.sort { $0.deadline.due < $1.deadline.due }
        return entries.map(\.deadline)
    }

    /// Adds a claim's deadlines after `now` to `entries`, tagged with the claim's index.
    func collectDeadlines(
        _ standing: ClaimStanding, type: ClaimType, claim: Int, profile: ClaimProfile, now: Timestamp,
        into entries: inout [Standing.Entry]
    ) {
        let windows = profile.windows
        func add(_ kind: DeadlineKind, _ due: Timestamp?, _ who: ClaimActor) {
            if let due, due > now {
                entries.append(Standing.Entry(claim: claim, deadline: ClaimDeadline(kind, due: due, who: who)))
            }
        }
        func sellerTarget() {
            let days = profile.sellerTargetDays[Int(standing.state.rawValue)]
            if days >= 0 {
                add(.sellerAction, LegalCalendar.end(businessDays: days, after: standing.lastActionAt), .seller)
            }
        }
        switch standing.state {
        case _ where standing.state.isFinal:
            break
        case .negotiation:
            if standing.answeredAt == nil, let days = windows.sellerAnswerDays {
                add(.sellerResponse, standing.openedAt.adding(days: days), .seller)
            }
            if !standing.sellerRefused, let days = windows.negotiationDays {
                add(.negotiationEnds, standing.openedAt.adding(days: days), .buyer)
            }
        case .resolved:
            if standing.returnAgreed, standing.returnShippedAt == nil, let agreed = standing.agreedAt,
                let days = windows.returnShipDays
            {
                add(.returnShip, agreed.adding(days: days), .buyer)
            }
        case .collecting where type.takesGoodsBack && standing.returnShippedAt == nil && windows.returnShipDays != nil:
            add(
                .returnShip,
                standing.agreedAt.flatMap { agreed in windows.returnShipDays.map { agreed.adding(days: $0) } }, .buyer)
        case .collected where type == .return:
            if let days = windows.refundBusinessDays, let collected = standing.collectedAt {
                add(.refundDue, LegalCalendar.end(businessDays: days, after: collected), .seller)
            } else {
                sellerTarget()
            }
        default:
            sellerTarget()
        }
    }

    /// The order's own deadlines after `now` (windows, the purchase decision), earliest first.
    func orderDeadlines(
        _ order: ClaimOrder, stage: OrderStage, decision: Decision, profile: ClaimProfile, claims: [Claim],
        standings: [ClaimStanding], now: Timestamp, into entries: inout [Standing.Entry]
    ) {
        func add(_ kind: DeadlineKind, _ due: Timestamp?, _ who: ClaimActor) {
            if let due, due > now {
                entries.append(Standing.Entry(claim: -1, deadline: ClaimDeadline(kind, due: due, who: who)))
            }
        }
        guard stage != .cancelled, stage != .returned else { return }
        add(.autoDecide, decision.scheduledAt, .platform)
        if let delivered = order.delivered {
            let windows = profile.windows
            if let days = windows.withdrawalDays {
                add(.withdrawalWindow, LegalCalendar.end(days: days, after: delivered), .buyer)
            }
            if let months = windows.defectMonths {
                add(.defectWindow, LegalCalendar.end(months: months, after: delivered), .buyer)
            }
            // Once a dispute is opened, the window to open one no longer matters.
            if let days = windows.disputeDaysAfterDelivery,
                !claims.indices.contains(where: { claims[$0].type.isDispute && !standings[$0].state.isFinal })
            {
                add(.disputeWindow, delivered.adding(days: days), .buyer)
            }
        }
    }

    // MARK: - Who may do what

    /// The actions each side may take on a claim at `now`.
    public struct Allowed: Sendable, Hashable {
        public var buyer = ClaimActions()
        public var seller = ClaimActions()
        public var platform = ClaimActions()

        public subscript(actor: ClaimActor) -> ClaimActions {
            get {
                switch actor {
                case .buyer: buyer
                case .seller: seller
                case .platform: platform
                }
            }
            set {
                switch actor {
                case .buyer: buyer = newValue
                case .seller: seller = newValue
                case .platform: platform = newValue
                }
            }
        }
    }

    public func allowed(
        _ standing: ClaimStanding, claim: Claim, order: ClaimOrder, profile: ClaimProfile, now: Timestamp
    )
        -> Allowed
    {
        var allowed = Allowed()
        guard !standing.state.isFinal else { return allowed }
        for move in profile.transitions where move.types.contains(claim.type) && move.from.contains(standing.state) {
            for actor in ClaimActor.allCases where move.by.contains(actor) && !allowed[actor].contains(move.action) {
                let probe = ClaimStep(move.action, by: actor, at: now)
                // A number is asked for when the action is taken; here only time and state decide.
                if move.condition == .dispatchNumber
                    || check(
                        move.condition, step: probe, claim: claim, standing: standing, order: order, profile: profile)
                        == nil
                {
                    allowed[actor].insert(move.action)
                }
            }
        }
        return allowed
    }

    /// A claim type one side may open now, and until when (nil: no set end).
    public struct Opening: Sendable, Hashable {
        public let type: ClaimType
        public let until: Timestamp?
        /// For windows that depend on the reason: each reason's end.
        public let reasons: [ReasonWindow]
    }

    public struct ReasonWindow: Sendable, Hashable {
        public let reason: ClaimReason
        public let until: Timestamp?
    }

    /// The whole case at `now`: every claim advanced by time, the order's stage and deadlines.
    public struct Standing: Sendable {
        public let stage: OrderStage
        public let decision: Decision
        public let claims: [ClaimStanding]
        /// Every deadline after now, the order's and its claims', earliest first.
        public let deadlines: [Entry]

        public struct Entry: Sendable, Hashable {
            /// The claim's index, −1 for the order's own.
            public let claim: Int
            public let deadline: ClaimDeadline
        }

        /// The earliest deadline of the order and its open claims.
        public var nextDeadline: ClaimDeadline? { deadlines.first?.deadline }
        public var orderDeadlines: [ClaimDeadline] { deadlines(of: -1) }
        public var claimDeadlines: [[ClaimDeadline]] { claims.indices.map { deadlines(of: $0) } }

        /// A claim's deadlines (−1: the order's), earliest first.
        public func deadlines(of claim: Int) -> [ClaimDeadline] {
            deadlines.filter { $0.claim == claim }.map(\.deadline)
        }
    }

    public func standing(of item: Case, now: Timestamp) -> Standing {
        let profile = item.profile
        var claims = item.standings
        for index in claims.indices {
            Self.advance(&claims[index], type: item.claims[index].type, to: now, profile: profile)
        }
        let others = Others(claims: item.claims, standings: claims, excluding: -1)
        let decision = decision(of: item.order, others: others, profile: profile, at: now)
        let stage = stage(of: item.order, others: others, profile: profile, at: now, decision: decision)
        var deadlines: [Standing.Entry] = []
        deadlines.reserveCapacity(claims.count * 2 + 4)
        orderDeadlines(
            item.order, stage: stage, decision: decision, profile: profile, claims: item.claims, standings: claims,
            now: now, into: &deadlines)
        for index in claims.indices {
            collectDeadlines(
                claims[index], type: item.claims[index].type, claim: index, profile: profile, now: now,
                into: &deadlines)
        }
        if deadlines.count > 1 { deadlines.sort { $0.deadline.due < $1.deadline.due } }
        return Standing(stage: stage, decision: decision, claims: claims, deadlines: deadlines)
    }

    /// The claim types each side may open at `now`.
    public func openings(_ item: Case, standing: Standing, now: Timestamp) -> [ClaimActor: [Opening]] {
        let profile = item.profile
        let others = Others(claims: item.claims, standings: standing.claims, excluding: -1)
        var result: [ClaimActor: [Opening]] = [.buyer: [], .seller: []]
        for actor in [ClaimActor.buyer, .seller] {
            for type in ClaimType.allCases where profile.offers.contains(type) {
                guard let opening = profile.opening(type), opening.by.contains(actor),
                    opening.stages.contains(standing.stage), !others.open(type, at: now)
                else { continue }
                if standing.stage == .purchaseDecided, profile.windows.claimsEndAtPurchaseDecision, actor == .buyer,
                    type != .cancel
                {
                    continue
                }
                guard actor == .buyer else {
                    result[actor]!.append(Opening(type: type, until: nil, reasons: []))
                    continue
                }
                switch opening.window {
                case .none:
                    result[actor]!.append(Opening(type: type, until: nil, reasons: []))
                case .dispute:
                    let end = item.effective.delivered.flatMap { delivered in
                        profile.windows.disputeDaysAfterDelivery.map { delivered.adding(days: $0) }
                    }
                    if end.map({ now < $0 }) ?? true {
                        result[actor]!.append(Opening(type: type, until: end, reasons: []))
                    }
                case .withdrawalByReason:
                    var reasons: [ReasonWindow] = []
                    for reason in ClaimReason.allCases {
                        let end = legalWindow(
                            type, reason: reason, noticedAt: nil, order: item.effective, profile: profile)?.end
                        if end.map({ now < $0 }) ?? true { reasons.append(ReasonWindow(reason: reason, until: end)) }
                    }
                    // Smartstore takes no buyer's request once the purchase is decided.
                    if profile.windows.claimsEndAtPurchaseDecision, let decided = standing.decision.scheduledAt {
                        reasons = reasons.map {
                            ReasonWindow(reason: $0.reason, until: min($0.until ?? decided, decided))
                        }
                    }
                    guard !reasons.isEmpty else { continue }
                    let until = reasons.contains { $0.until == nil } ? nil : reasons.compactMap(\.until).max()
                    result[actor]!.append(Opening(type: type, until: until, reasons: reasons))
                }
            }
        }
        return result
    }
}

extension ClaimProfile {
    /// Who pays to send the goods back, when they go back.
    public func returnShippingPayer(_ claim: Claim, standing: ClaimStanding) -> ClaimActor? {
        guard claim.type.takesGoodsBack || standing.returnAgreed else { return nil }
        return returnShippingPayer[claim.reason]
    }

    /// Which refund it is, for the durations the profile gives.
    public func refundKind(_ claim: Claim, standing: ClaimStanding, order: ClaimOrder) -> RefundKind? {
        switch claim.type {
        case .exchange: return nil
        case .return: return .returnAndRefund
        case .disputeNonDelivery: return .deliveryDelay
        case .disputeNotAsDescribed: return standing.returnAgreed ? .returnAndRefund : .itemMismatch
        case .cancel: return .full
        case .refund:
            if claim.reason == .late || claim.reason == .notReceived { return .deliveryDelay }
            if claim.reason == .notAsDescribed || claim.reason == .wrongItem { return .itemMismatch }
            guard let amount = standing.amount else { return .full }
            return order.total.map { amount < $0 } ?? true ? .partial : .full
        }
    }

    /// How long the refund takes, by its kind.
    public func refundDays(_ claim: Claim, standing: ClaimStanding, order: ClaimOrder) -> (RefundKind, DayRange)? {
        guard let kind = refundKind(claim, standing: standing, order: order), let range = refundDays[kind] else {
            return nil
        }
        return (kind, range)
    }
}

extension ClaimEngine.Others {
    enum Hold {
        case none
        /// Until the latest of the claims open at the moment ends.
        case until(Timestamp)
        /// A claim open at the moment has not ended.
        case open
    }

    /// Whether claims open at `moment` hold the purchase decision, and until when.
    func hold(at moment: Timestamp) -> Hold {
        let at = moment.epochSeconds
        var latest = ClaimStanding.never
        for index in claims.indices where counts(index) && claims[index].type != .cancel {
            let standing = standings[index]
            guard standing.opened <= at else { continue }
            guard standing.ended != ClaimStanding.never else { return .open }
            if standing.ended > at, standing.ended > latest { latest = standing.ended }
        }
        return latest == ClaimStanding.never ? .none : .until(Timestamp(epochSeconds: latest, utcOffset: Timestamp.kst))
    }
}

extension ClaimProfile.Condition: Equatable {}
