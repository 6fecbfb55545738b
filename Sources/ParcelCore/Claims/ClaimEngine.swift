import Foundation

/// Runs claims through a marketplace's profile: replays histories, judges
/// an action, and says what is due, what each side may do, and where the
/// order stands. Pure: every answer is a function of its inputs and `now`.
public struct ClaimEngine: Sendable {
    public let profiles: ClaimProfiles
    public let detector: NumberDetector

    public init(profiles: ClaimProfiles = .standard, detector: NumberDetector = NumberDetector()) {
        self.profiles = profiles
        self.detector = detector
    }

    public func profile(for order: ClaimOrder) -> ClaimProfile {
        profiles.profile(for: order.marketplace, registry: detector.registry)
    }

    /// A history entry the profile refuses.
    public struct ReplayError: Error, Sendable, Hashable {
        /// Index into the claim's history.
        public let step: Int
        public let verdict: ClaimVerdict
    }

    // MARK: - The order's case

    /// An order with its claims replayed, ready to answer about any moment after the last action.
    public struct Case: Sendable {
        public let order: ClaimOrder
        public let profile: ClaimProfile
        public let claims: [Claim]
        /// Each claim's standing after its own history (before time moves it on).
        public private(set) var standings: [ClaimStanding]
        /// The order as the claims left it: a cancel refused by dispatching dispatched it.
        public private(set) var effective: ClaimOrder
    }

    /// Replays every claim in the order they were opened, each through the profile.
    public func replay(_ order: ClaimOrder, claims: [Claim]) throws(CaseError) -> Case {
        let profile = profile(for: order)
        var effective = order
        var standings = [ClaimStanding?](repeating: nil, count: claims.count)
        let sequence = claims.indices.sorted {
            (claims[$0].history.first?.at ?? order.placedAt) < (claims[$1].history.first?.at ?? order.placedAt)
        }
        for index in sequence {
            let claim = claims[index]
            guard !claim.history.isEmpty else { throw CaseError(claim: index, step: nil, verdict: nil) }
            let others = Others(claims: claims, standings: standings, excluding: index)
            var standing: ClaimStanding?
            for (position, step) in claim.history.enumerated() {
                let verdict = judge(
                    step, claim: claim, standing: standing, order: effective, others: others, profile: profile)
                guard verdict.allowed, let next = verdict.standing else {
                    throw CaseError(claim: index, step: position, verdict: verdict)
                }
                standing = next
                if claim.type == .cancel, next.state == .rejected, effective.dispatchedAt == nil {
                    effective.dispatchedAt = next.dispatchedAt
                    effective.trackingNumber = next.dispatchNumber
                    effective.carrier = next.dispatchCarrier
                }
            }
            standings[index] = standing
        }
        return Case(
            order: order, profile: profile, claims: claims, standings: standings.map { $0! }, effective: effective)
    }

    /// Why a case could not be replayed: the claim, the history step, and the verdict that refused it.
    public struct CaseError: Error, Sendable, Hashable {
        public let claim: Int
        /// nil: the claim has no history at all.
        public let step: Int?
        public let verdict: ClaimVerdict?
    }

    /// The other claims of the order, as the one being judged sees them.
    struct Others {
        let claims: [Claim]
        let standings: [ClaimStanding?]
        let excluding: Int

        /// An open claim of `type` exists at `moment`.
        func open(_ type: ClaimType, at moment: Timestamp) -> Bool {
            for index in claims.indices where index != excluding && claims[index].type == type {
                guard let standing = standings[index] else { continue }
                if standing.openedAt <= moment, !(standing.endedAt.map { $0 <= moment } ?? false) { return true }
            }
            return false
        }

        /// A finished claim of `type` made the order end (cancelled, returned, exchanged) at or before `moment`.
        func finished(_ type: ClaimType, at moment: Timestamp) -> Bool {
            for index in claims.indices where index != excluding && claims[index].type == type {
                guard let standing = standings[index], standing.state == .done, let ended = standing.endedAt else {
                    continue
                }
                if ended <= moment { return true }
            }
            return false
        }

        /// An open claim that holds back the purchase decision.
        func blocksDecision(at moment: Timestamp) -> Bool {
            for index in claims.indices where index != excluding && claims[index].type != .cancel {
                guard let standing = standings[index] else { continue }
                if standing.openedAt <= moment, !(standing.endedAt.map { $0 <= moment } ?? false) { return true }
            }
            return false
        }
    }

    // MARK: - Judging one action

    /// Judges `step` on a claim that stands as `standing` (nil: the step opens it).
    func judge(
        _ step: ClaimStep, claim: Claim, standing: ClaimStanding?, order: ClaimOrder, others: Others,
        profile: ClaimProfile
    ) -> ClaimVerdict {
        guard var standing else {
            return open(step, claim: claim, order: order, others: others, profile: profile)
        }
        advance(&standing, type: claim.type, to: step.at, order: order, profile: profile)
        if let missed = missedTimer(step, standing: standing, profile: profile) { return missed }
        guard step.action != .request, !standing.state.isFinal else {
            return ClaimVerdict(.notAllowedInState, standing: standing)
        }
        let moves = profile.moves(claim.type, step.action)
        var inState = false
        for move in moves where move.from.contains(standing.state) {
            inState = true
            guard move.by.contains(step.by) else { continue }
            if let refusal = check(
                move.condition, step: step, claim: claim, standing: standing, order: order, profile: profile)
            {
                return refusal
            }
            var next = standing
            apply(move, step: step, claim: claim, to: &next)
            return ClaimVerdict(.ok, standing: next)
        }
        return ClaimVerdict(inState ? .notAllowedForActor : .notAllowedInState, standing: standing)
    }

    /// Opening a claim: the type, who opens it, the order's stage, open claims, windows.
    func open(_ step: ClaimStep, claim: Claim, order: ClaimOrder, others: Others, profile: ClaimProfile)
        -> ClaimVerdict
    {
        guard step.action == .request else { return ClaimVerdict(.unknownClaim, standing: nil) }
        guard profile.offers.contains(claim.type), let opening = profile.opening(claim.type) else {
            return ClaimVerdict(profile.missing[claim.type]?.rule ?? .notOffered, standing: nil)
        }
        guard opening.by.contains(step.by) else { return ClaimVerdict(.notAllowedForActor, standing: nil) }
        let at = step.at
        let stage = self.stage(of: order, others: others, profile: profile, at: at)
        if stage == .purchaseDecided, profile.windows.claimsEndAtPurchaseDecision, step.by == .buyer,
            claim.type != .cancel
        {
            return ClaimVerdict(
                .purchaseDecided, standing: nil, closedAt: decision(of: order, others: others, profile: profile).at)
        }
        guard opening.stages.contains(stage) else { return ClaimVerdict(.notAllowedInState, standing: nil) }
        if others.open(claim.type, at: at) { return ClaimVerdict(.claimOpen, standing: nil) }
        if step.by == .buyer,
            let closed = windowClosed(opening.window, claim: claim, order: order, profile: profile, at: at)
        {
            return ClaimVerdict(closed.rule, standing: nil, closedAt: closed.at)
        }
        let amount = step.amount ?? claim.amount
        if let amount, let total = order.total, amount > total {
            return ClaimVerdict(.amountTooLarge, standing: nil)
        }
        switch opening.start {
        case .state(let state):
            return ClaimVerdict(.ok, standing: ClaimStanding(state: state, at: at, amount: amount))
        case .cancel:
            if step.by == .seller {
                return ClaimVerdict(.ok, standing: ClaimStanding(state: .done, at: at, amount: amount))
            }
            if stage == .paid {
                return ClaimVerdict(
                    .cancelAutoBeforeConfirm, standing: ClaimStanding(state: .done, at: at, amount: amount))
            }
            return ClaimVerdict(.ok, standing: ClaimStanding(state: .requested, at: at, amount: amount))
        case .doneWhenSeller(let otherwise):
            var standing = ClaimStanding(state: step.by == .seller ? .done : otherwise, at: at, amount: amount)
            if standing.state == .done { standing.refundedAt = at }
            return ClaimVerdict(.ok, standing: standing)
        }
    }

    /// The window that has closed on a buyer's claim at `at`, if any.
    func windowClosed(
        _ window: ClaimProfile.OpeningWindow, claim: Claim, order: ClaimOrder, profile: ClaimProfile, at: Timestamp
    ) -> (rule: ClaimRule, at: Timestamp)? {
        switch window {
        case .none:
            return nil
        case .dispute:
            guard let delivered = order.delivered, let days = profile.windows.disputeDaysAfterDelivery else {
                return nil
            }
            let end = delivered.adding(days: days)
            return at >= end ? (.disputeWindow, end) : nil
        case .withdrawalByReason:
            for (rule, end) in legalWindows(
                claim.type, reason: claim.reason, noticedAt: claim.noticedAt, order: order, profile: profile)
            where at >= end {
                return (rule, end)
            }
            return nil
        }
    }

    /// The legal windows that bind a buyer's claim of this reason, earliest first.
    func legalWindows(
        _ type: ClaimType, reason: ClaimReason, noticedAt: Timestamp?, order: ClaimOrder, profile: ClaimProfile
    ) -> [(ClaimRule, Timestamp)] {
        let windows = profile.windows
        if reason.isSellersFault {
            var ends: [(ClaimRule, Timestamp)] = []
            if let noticedAt, let days = windows.defectNoticedDays {
                ends.append((.defectWindow, LegalCalendar.end(days: days, after: noticedAt)))
            }
            if let delivered = order.delivered, let months = windows.defectMonths {
                ends.append((.defectWindow, LegalCalendar.end(months: months, after: delivered)))
            }
            return ends.sorted { $0.1 < $1.1 }
        }
        // Money back for a parcel that is late or never came has no withdrawal window.
        if type == .refund, reason == .late || reason == .notReceived { return [] }
        guard let delivered = order.delivered, let days = windows.withdrawalDays else { return [] }
        return [(.withdrawalWindow, LegalCalendar.end(days: days, after: delivered))]
    }

    /// The refusal a transition's condition gives, or nil when it holds.
    func check(
        _ condition: ClaimProfile.Condition, step: ClaimStep, claim: Claim, standing: ClaimStanding, order: ClaimOrder,
        profile: ClaimProfile
    ) -> ClaimVerdict? {
        let windows = profile.windows
        switch condition {
        case .always:
            return nil
        case .dispatchNumber:
            guard let number = step.trackingNumber, !number.allSatisfy(\.isWhitespace) else {
                return ClaimVerdict(
                    claim.type == .cancel ? .rejectRequiresDispatch : .invalidTrackingNumber, standing: standing,
                    numberProblem: claim.type == .cancel
                        ? nil : LocalizedText(ko: "운송장 번호가 없습니다.", en: "No tracking number was given."))
            }
            if let problem = numberProblem(number, carrier: step.carrier) {
                return ClaimVerdict(.invalidTrackingNumber, standing: standing, numberProblem: problem)
            }
            return nil
        case .sellerAnswerOpen:
            guard let days = windows.sellerAnswerDays else { return nil }
            let end = standing.openedAt.adding(days: days)
            return step.at >= end ? ClaimVerdict(.sellerResponseWindow, standing: standing, closedAt: end) : nil
        case .negotiationOver:
            guard let days = windows.negotiationDays, !standing.sellerRefused else { return nil }
            if claim.type == .disputeNonDelivery, let eligible = order.tracking?.refundEligibleSince,
                eligible <= step.at
            {
                return nil
            }
            let opens = standing.openedAt.adding(days: days)
            return step.at < opens ? ClaimVerdict(.negotiationPeriod, standing: standing, opensAt: opens) : nil
        case .returnShipOpen:
            guard let agreed = standing.agreedAt, standing.returnAgreed || claim.type.takesGoodsBack,
                standing.returnShippedAt == nil
            else {
                return ClaimVerdict(.notAllowedInState, standing: standing)
            }
            guard let days = windows.returnShipDays else { return nil }
            let end = agreed.adding(days: days)
            return step.at >= end ? ClaimVerdict(.returnShipWindow, standing: standing, closedAt: end) : nil
        case .returnShippedIfAgreed:
            return standing.returnAgreed && standing.returnShippedAt == nil
                ? ClaimVerdict(.notAllowedInState, standing: standing) : nil
        }
    }

    /// Why a dispatch number is refused: it fails `check`, or it belongs to another carrier than the one named.
    public func numberProblem(_ number: String, carrier: String?) -> LocalizedText? {
        var carrierID: String?
        if let carrier, !carrier.isEmpty {
            guard let known = detector.registry.resolveCarrier(carrier) else {
                return LocalizedText(ko: "알 수 없는 택배사입니다: \(carrier)", en: "Unknown carrier: \(carrier)")
            }
            carrierID = known.id
        }
        let report = detector.check(number, context: DetectionContext(carrier: carrierID))
        guard report.valid else {
            return LocalizedText(
                ko: "\(Korean.topic(number)) 어느 택배사의 운송장 번호 형식에도 맞지 않습니다.",
                en: "\(number) is not a valid tracking number for any carrier.")
        }
        if let carrierID, !report.candidates.contains(where: { $0.valid && $0.carrier == carrierID }) {
            let name = detector.registry.carrier(id: carrierID)?.name ?? LocalizedText(carrierID)
            return LocalizedText(
                ko: "\(Korean.topic(number)) \(name.ko) 운송장 번호 형식이 아닙니다.",
                en: "\(number) is not a valid \(name.en) tracking number.")
        }
        return nil
    }

    func apply(_ move: ClaimProfile.Transition, step: ClaimStep, claim: Claim, to standing: inout ClaimStanding) {
        let before = standing.state
        switch move.to {
        case .state(let state): standing.state = state
        case .resume: standing.state = standing.heldFrom
        case .stay: break
        }
        if standing.state == .held, before != .held { standing.heldFrom = before }
        standing.lastActionAt = step.at
        switch step.action {
        case .respond:
            standing.answeredAt = standing.answeredAt ?? step.at
        case .reject where claim.type.isDispute && before == .negotiation:
            standing.answeredAt = standing.answeredAt ?? step.at
            standing.sellerRefused = true
        case .approve, .collect:
            if claim.type.takesGoodsBack, before == .requested { standing.agreedAt = step.at }
        case .agree:
            if step.by == .seller { standing.answeredAt = standing.answeredAt ?? step.at }
            standing.agreedAt = step.at
            // A not-as-described dispute settled without a sum sends the goods back; with one, they stay.
            standing.returnAgreed = claim.type == .disputeNotAsDescribed && step.amount == nil
            if let amount = step.amount { standing.amount = amount }
        case .shipReturn:
            standing.returnShippedAt = step.at
            if claim.type.takesGoodsBack, standing.agreedAt == nil { standing.agreedAt = step.at }
        case .collected:
            standing.collectedAt = step.at
        case .dispatch:
            record(dispatch: step, in: &standing)
        case .reject where claim.type == .cancel:
            // A cancel is refused only by dispatching: the refusal carries the number.
            record(dispatch: step, in: &standing)
        case .refund:
            standing.refundedAt = step.at
            if let amount = step.amount { standing.amount = amount }
        case .escalate:
            standing.escalatedAt = step.at
        default:
            break
        }
        if standing.state.isFinal { standing.endedAt = step.at }
    }

    func record(dispatch step: ClaimStep, in standing: inout ClaimStanding) {
        standing.dispatchedAt = step.at
        standing.dispatchNumber = step.trackingNumber
        standing.dispatchCarrier = step.carrier.flatMap { detector.registry.resolveCarrier($0)?.id } ?? step.carrier
    }

    /// Moves the claim on by the profile's timers up to `moment`.
    func advance(
        _ standing: inout ClaimStanding, type: ClaimType, to moment: Timestamp, order: ClaimOrder, profile: ClaimProfile
    ) {
        for timer in profile.timers where timer.state == standing.state && timer.types.contains(type) {
            guard let due = timerDue(timer.kind, standing: standing, profile: profile), due <= moment else { continue }
            standing.state = timer.to
            standing.lastActionAt = due
            if timer.kind == .sellerSilent { standing.grantedBySilence = true }
            if standing.state.isFinal { standing.endedAt = due }
            // A timer's new state may have timers of its own.
            advance(&standing, type: type, to: moment, order: order, profile: profile)
            return
        }
    }

    /// An action that came after a timer already decided: named by the window it missed.
    func missedTimer(_ step: ClaimStep, standing: ClaimStanding, profile: ClaimProfile) -> ClaimVerdict? {
        let windows = profile.windows
        if standing.grantedBySilence, step.by == .seller, [.respond, .agree, .reject].contains(step.action),
            let days = windows.sellerAnswerDays
        {
            return ClaimVerdict(
                .sellerResponseWindow, standing: standing, closedAt: standing.openedAt.adding(days: days))
        }
        if step.action == .shipReturn, standing.returnAgreed, standing.returnShippedAt == nil,
            let agreed = standing.agreedAt, let days = windows.returnShipDays, step.at >= agreed.adding(days: days)
        {
            return ClaimVerdict(.returnShipWindow, standing: standing, closedAt: agreed.adding(days: days))
        }
        return nil
    }

    func timerDue(_ kind: ClaimProfile.Timer.Kind, standing: ClaimStanding, profile: ClaimProfile) -> Timestamp? {
        switch kind {
        case .sellerSilent:
            guard standing.answeredAt == nil, let days = profile.windows.sellerAnswerDays else { return nil }
            return standing.openedAt.adding(days: days)
        case .returnNotShipped:
            guard standing.returnAgreed, standing.returnShippedAt == nil, let agreed = standing.agreedAt,
                let days = profile.windows.returnShipDays
            else { return nil }
            return agreed.adding(days: days)
        }
    }
}
