import Foundation

/// Runs claims through a marketplace's profile: replays histories, judges
/// an action, and says what is due, what each side may do, and where the
/// order stands. Pure: every answer is a function of its inputs and `now`.
public struct ClaimEngine: Sendable {
    public let profiles: ClaimProfiles
    public let detector: NumberDetector
    /// A detection context per carrier of the registry, for checking dispatch numbers fast.
    let carrierContexts: [PreparedContext]
    let anyCarrier: PreparedContext

    public init(profiles: ClaimProfiles = .standard, detector: NumberDetector = NumberDetector()) {
        self.profiles = profiles
        self.detector = detector
        carrierContexts = detector.registry.carriers.map { detector.prepare(DetectionContext(carrier: $0.id)) }
        anyCarrier = detector.prepare(.none)
    }

    public func profile(for order: ClaimOrder) -> ClaimProfile {
        profiles.profile(for: order.marketplace)
    }

    // MARK: - The order's case

    /// An order with its claims replayed, ready to answer about any moment after the last action.
    public struct Case: Sendable {
        public let order: ClaimOrder
        public let profile: ClaimProfile
        public let claims: [Claim]
        /// Each claim's standing after its own history (before time moves it on).
        public let standings: [ClaimStanding]

        /// The order as its claims left it: a cancel refused by dispatching dispatched it.
        public var effective: ClaimOrder {
            var order = order
            guard order.dispatchedAt == nil,
                let refused = claims.indices.first(where: {
                    claims[$0].type == .cancel && standings[$0].state == .rejected
                        && standings[$0].dispatched != ClaimStanding.never
                })
            else { return order }
            order.dispatchedAt = standings[refused].dispatchedAt
            order.trackingNumber = standings[refused].dispatchNumber
            order.carrier = standings[refused].dispatchCarrier
            return order
        }
    }

    /// Replays every claim in the order they were opened, each through the profile.
    ///
    /// With `trusting`, a step the profile would refuse today is taken anyway: a stored
    /// history is what happened, even if the facts it was judged on have moved since
    /// (tracking found an earlier delivery, a profile's window changed).
    public func replay(_ order: ClaimOrder, claims: [Claim], trusting: Bool = false) throws(CaseError) -> Case {
        let profile = profile(for: order)
        // An order has a handful of claims; the bit mask of those replayed so far holds 64.
        guard claims.count <= 64 else { throw CaseError(claim: 64, step: nil, verdict: nil) }
        var standings: [ClaimStanding] = []
        var known: UInt64 = 0
        if claims.count > 0 {
            standings = Array(
                repeating: ClaimStanding(state: .requested, at: order.placedAt, amount: nil), count: claims.count)
        }
        // Claims in the order they were opened: an earlier one decides what a later one meets.
        func opened(_ index: Int) -> Timestamp { claims[index].history.first?.at ?? order.placedAt }
        let sequence = claims.count < 2 ? nil : claims.indices.sorted { opened($0) < opened($1) }
        for position in claims.indices {
            let index = sequence?[position] ?? position
            let claim = claims[index]
            guard !claim.history.isEmpty else { throw CaseError(claim: index, step: nil, verdict: nil) }
            let others = Others(
                claims: claims, standings: standings, known: known, excluding: index, profile: profile)
            var opened: ClaimStanding?
            let first = open(
                claim.history[0], claim: claim, standing: &opened, order: order, others: others, profile: profile)
            if !first.rule.allows, trusting { opened = forcedOpening(claim, step: claim.history[0], profile: profile) }
            guard first.rule.allows || trusting, var standing = opened else {
                throw CaseError(claim: index, step: 0, verdict: verdict(first, on: claim.history[0], standing: opened))
            }
            for position in claim.history.indices.dropFirst() {
                let outcome = act(
                    claim.history[position], claim: claim, standing: &standing, order: order, others: others,
                    profile: profile)
                if !outcome.rule.allows, trusting {
                    forceStep(claim.history[position], claim: claim, standing: &standing, profile: profile)
                    continue
                }
                guard outcome.rule.allows else {
                    throw CaseError(
                        claim: index, step: position,
                        verdict: verdict(outcome, on: claim.history[position], standing: standing))
                }
            }
            standings[index] = standing
            known |= 1 << UInt64(index)
        }
        return Case(order: order, profile: profile, claims: claims, standings: standings)
    }

    /// A stored request the profile would refuse now: opened as it was then.
    func forcedOpening(_ claim: Claim, step: ClaimStep, profile: ClaimProfile) -> ClaimStanding {
        let state: ClaimState
        switch profile.opening(claim.type)?.start {
        case .state(let start): state = start
        case .doneWhenSeller(let otherwise): state = step.by == .seller ? .done : otherwise
        case .cancel, nil: state = .requested
        }
        return ClaimStanding(state: state, at: step.at, amount: step.amount ?? claim.amount)
    }

    /// A stored step the profile would refuse now: its move taken without its conditions,
    /// or only its moment kept when the state has no such move.
    func forceStep(_ step: ClaimStep, claim: Claim, standing: inout ClaimStanding, profile: ClaimProfile) {
        if let move = profile.moves(claim.type, step.action).first(where: { $0.from.contains(standing.state) }) {
            apply(move, step: step, claim: claim, to: &standing)
        } else {
            standing.lastActionAt = step.at
        }
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
        let standings: [ClaimStanding]
        /// Which standings are known yet (bit per claim): while replaying, the later ones are not.
        let known: UInt64
        let excluding: Int
        /// Whose timers move the others on: a dispute left unanswered is decided by the time it is asked about.
        let profile: ClaimProfile?

        init(
            claims: [Claim], standings: [ClaimStanding], known: UInt64 = .max, excluding: Int,
            profile: ClaimProfile? = nil
        ) {
            self.claims = claims
            self.standings = standings
            self.known = known
            self.excluding = excluding
            self.profile = profile
        }

        @inline(__always)
        func counts(_ index: Int) -> Bool { index != excluding && known & (1 << UInt64(index)) != 0 }

        /// Claim `index` as it stands at `moment`, its timers run.
        @inline(__always)
        func standing(_ index: Int, at moment: Timestamp) -> ClaimStanding {
            guard let profile, !profile.timers.isEmpty else { return standings[index] }
            var standing = standings[index]
            ClaimEngine.advance(&standing, type: claims[index].type, to: moment, profile: profile)
            return standing
        }

        /// An open claim of `type` exists at `moment`.
        func open(_ type: ClaimType, at moment: Timestamp) -> Bool {
            let at = moment.epochSeconds
            for index in claims.indices where counts(index) && claims[index].type == type {
                let standing = standing(index, at: moment)
                if standing.opened <= at, !(standing.ended != ClaimStanding.never && standing.ended <= at) {
                    return true
                }
            }
            return false
        }

        /// A finished claim of `type` made the order end (cancelled, returned, exchanged) at or before `moment`.
        func finished(_ type: ClaimType, at moment: Timestamp) -> Bool {
            let at = moment.epochSeconds
            for index in claims.indices where counts(index) && claims[index].type == type {
                let standing = standings[index]
                if standing.state == .done, standing.ended != ClaimStanding.never, standing.ended <= at { return true }
            }
            return false
        }

        /// An open claim that holds back the purchase decision.
        func blocksDecision(at moment: Timestamp) -> Bool {
            let at = moment.epochSeconds
            for index in claims.indices where counts(index) && claims[index].type != .cancel {
                let standing = standing(index, at: moment)
                if standing.opened <= at, !(standing.ended != ClaimStanding.never && standing.ended <= at) {
                    return true
                }
            }
            return false
        }

        /// When a cancel refused by dispatching dispatched the order, if one did.
        var dispatchedByCancel: Double? {
            for index in claims.indices where counts(index) && claims[index].type == .cancel {
                let standing = standings[index]
                if standing.state == .rejected, standing.dispatched != ClaimStanding.never {
                    return standing.dispatched
                }
            }
            return nil
        }
    }

    // MARK: - Judging one action

    /// How an action was judged, without the claim it leaves (which `take` updates in place).
    /// Plain values only: the engine makes one per step of every claim it replays.
    struct Outcome {
        var rule: ClaimRule
        var closedAt: Timestamp?
        var opensAt: Timestamp?

        init(_ rule: ClaimRule, closedAt: Timestamp? = nil, opensAt: Timestamp? = nil) {
            self.rule = rule
            self.closedAt = closedAt
            self.opensAt = opensAt
        }

        static let ok = Outcome(.ok)
    }

    /// The verdict on `step`, with what was wrong with its tracking number when that was the reason.
    func verdict(_ outcome: Outcome, on step: ClaimStep, standing: ClaimStanding?) -> ClaimVerdict {
        var problem: LocalizedText?
        if outcome.rule == .invalidTrackingNumber {
            problem =
                step.trackingNumber.flatMap { numberProblem($0, carrier: step.carrier) }
                ?? LocalizedText(ko: "운송장 번호가 없습니다.", en: "No tracking number was given.")
        }
        return ClaimVerdict(
            outcome.rule, standing: standing, closedAt: outcome.closedAt, opensAt: outcome.opensAt,
            numberProblem: problem)
    }

    /// Judges `step` on a claim that stands as `standing` (nil: the step opens it).
    func judge(
        _ step: ClaimStep, claim: Claim, standing: ClaimStanding?, order: ClaimOrder, others: Others,
        profile: ClaimProfile
    ) -> ClaimVerdict {
        var standing = standing
        let outcome = take(step, claim: claim, standing: &standing, order: order, others: others, profile: profile)
        return verdict(outcome, on: step, standing: standing)
    }

    /// Takes `step`: the claim is moved on by time to the step's moment, then changed when the
    /// step is allowed, and left as time left it when refused.
    func take(
        _ step: ClaimStep, claim: Claim, standing: inout ClaimStanding?, order: ClaimOrder, others: Others,
        profile: ClaimProfile
    ) -> Outcome {
        guard var current = standing else {
            return open(step, claim: claim, standing: &standing, order: order, others: others, profile: profile)
        }
        let outcome = act(step, claim: claim, standing: &current, order: order, others: others, profile: profile)
        standing = current
        return outcome
    }

    /// Takes `step` on a claim that exists.
    func act(
        _ step: ClaimStep, claim: Claim, standing: inout ClaimStanding, order: ClaimOrder, others: Others,
        profile: ClaimProfile
    ) -> Outcome {
        Self.advance(&standing, type: claim.type, to: step.at, profile: profile)
        if let missed = missedTimer(step, standing: standing, profile: profile) { return missed }
        let state = standing.state
        guard step.action != .request, !state.isFinal else { return Outcome(.notAllowedInState) }
        if let amount = step.amount, let total = order.total, amount > total { return Outcome(.amountTooLarge) }
        var inState = false
        for move in profile.moves(claim.type, step.action) where move.from.contains(state) {
            inState = true
            guard move.by.contains(step.by) else { continue }
            if let refusal = check(
                move.condition, step: step, claim: claim, standing: standing, order: order, profile: profile)
            {
                return refusal
            }
            apply(move, step: step, claim: claim, to: &standing)
            return .ok
        }
        return Outcome(inState ? .notAllowedForActor : .notAllowedInState)
    }

    /// Opening a claim: the type, who opens it, the order's stage, open claims, windows.
    func open(
        _ step: ClaimStep, claim: Claim, standing: inout ClaimStanding?, order: ClaimOrder, others: Others,
        profile: ClaimProfile
    ) -> Outcome {
        guard step.action == .request else { return Outcome(.unknownClaim) }
        guard profile.offers.contains(claim.type), let opening = profile.opening(claim.type) else {
            return Outcome(profile.missing[claim.type]?.rule ?? .notOffered)
        }
        guard opening.by.contains(step.by) else { return Outcome(.notAllowedForActor) }
        let at = step.at
        let stage = self.stage(of: order, others: others, profile: profile, at: at)
        if stage == .purchaseDecided, profile.windows.claimsEndAtPurchaseDecision, step.by == .buyer,
            claim.type != .cancel
        {
            return Outcome(.purchaseDecided, closedAt: decision(of: order, others: others, profile: profile).at)
        }
        guard opening.stages.contains(stage) else { return Outcome(.notAllowedInState) }
        if others.open(claim.type, at: at) { return Outcome(.claimOpen) }
        if step.by == .buyer,
            let closed = windowClosed(opening.window, claim: claim, order: order, profile: profile, at: at)
        {
            return Outcome(closed.rule, closedAt: closed.end)
        }
        let amount = step.amount ?? claim.amount
        if let amount, let total = order.total, amount > total { return Outcome(.amountTooLarge) }
        var rule = ClaimRule.ok
        let state: ClaimState
        switch opening.start {
        case .state(let start):
            state = start
        case .cancel:
            if step.by == .seller {
                state = .done
            } else if stage == .paid {
                state = .done
                rule = .cancelAutoBeforeConfirm
            } else {
                state = .requested
            }
        case .doneWhenSeller(let otherwise):
            state = step.by == .seller ? .done : otherwise
        }
        var opened = ClaimStanding(state: state, at: at, amount: amount)
        if claim.type == .refund, state == .done { opened.refundedAt = at }
        standing = opened
        return Outcome(rule)
    }

    /// The window that has closed on a buyer's claim at `at`, if any.
    func windowClosed(
        _ window: ClaimProfile.OpeningWindow, claim: Claim, order: ClaimOrder, profile: ClaimProfile, at: Timestamp
    ) -> (rule: ClaimRule, end: Timestamp)? {
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
            guard
                let window = legalWindow(
                    claim.type, reason: claim.reason, noticedAt: claim.noticedAt, order: order, profile: profile),
                at >= window.end
            else { return nil }
            return window
        }
    }

    /// The legal window that binds a buyer's claim of this reason: the one that ends first.
    func legalWindow(
        _ type: ClaimType, reason: ClaimReason, noticedAt: Timestamp?, order: ClaimOrder, profile: ClaimProfile
    ) -> (rule: ClaimRule, end: Timestamp)? {
        let windows = profile.windows
        if reason.isSellersFault {
            var earliest: Timestamp?
            if let noticedAt, let days = windows.defectNoticedDays {
                earliest = LegalCalendar.end(days: days, after: noticedAt)
            }
            if let delivered = order.delivered, let months = windows.defectMonths {
                let end = LegalCalendar.end(months: months, after: delivered)
                if earliest.map({ end < $0 }) ?? true { earliest = end }
            }
            return earliest.map { (.defectWindow, $0) }
        }
        // Money back for a parcel that is late or never came has no withdrawal window.
        if type == .refund, reason == .late || reason == .notReceived { return nil }
        guard let delivered = order.delivered, let days = windows.withdrawalDays else { return nil }
        return (.withdrawalWindow, LegalCalendar.end(days: days, after: delivered))
    }

    /// The refusal a transition's condition gives, or nil when it holds.
    func check(
        _ condition: ClaimProfile.Condition, step: ClaimStep, claim: Claim, standing: ClaimStanding, order: ClaimOrder,
        profile: ClaimProfile
    ) -> Outcome? {
        let windows = profile.windows
        switch condition {
        case .always:
            return nil
        case .dispatchNumber:
            guard let number = step.trackingNumber, !number.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
                return Outcome(claim.type == .cancel ? .rejectRequiresDispatch : .invalidTrackingNumber)
            }
            return validNumber(number, carrier: step.carrier) ? nil : Outcome(.invalidTrackingNumber)
        case .sellerAnswerOpen:
            // The window is for the first answer; once it came, the conversation goes on.
            guard standing.answeredAt == nil, let days = windows.sellerAnswerDays else { return nil }
            let end = standing.openedAt.adding(days: days)
            return step.at >= end ? Outcome(.sellerResponseWindow, closedAt: end) : nil
        case .negotiationOver:
            guard let days = windows.negotiationDays, !standing.sellerRefused else { return nil }
            if claim.type == .disputeNonDelivery, let eligible = order.tracking?.refundEligibleSince,
                eligible <= step.at
            {
                return nil
            }
            let opens = standing.openedAt.adding(days: days)
            return step.at < opens ? Outcome(.negotiationPeriod, opensAt: opens) : nil
        case .returnShipOpen:
            guard let agreed = standing.agreedAt, standing.returnAgreed || claim.type.takesGoodsBack,
                standing.returnShippedAt == nil
            else {
                return Outcome(.notAllowedInState)
            }
            guard let days = windows.returnShipDays else { return nil }
            let end = agreed.adding(days: days)
            return step.at >= end ? Outcome(.returnShipWindow, closedAt: end) : nil
        case .returnShippedIfAgreed:
            return standing.returnAgreed && standing.returnShippedAt == nil ? Outcome(.notAllowedInState) : nil
        }
    }

    /// Why a dispatch number is refused: it fails `check`, or it belongs to another carrier than the one named.
    /// Whether a dispatch number passes `check` for the carrier named (any carrier when none is).
    func validNumber(_ number: String, carrier: String?) -> Bool {
        guard let carrier, !carrier.isEmpty else {
            return detector.verdict(number, context: anyCarrier).valid
        }
        guard let index = detector.registry.carrierIndex[carrier] else {
            return numberProblem(number, carrier: carrier) == nil
        }
        let verdict = detector.verdict(number, context: carrierContexts[index])
        if verdict.valid, Int(verdict.carrier) == index { return true }
        return numberProblem(number, carrier: carrier) == nil
    }

    public func numberProblem(_ number: String, carrier: String?) -> LocalizedText? {
        let registry = detector.registry
        var carrierID: String?
        var index: Int?
        if let carrier, !carrier.isEmpty {
            if let exact = registry.carrierIndex[carrier] {
                index = exact
                carrierID = carrier
            } else if let known = registry.resolveCarrier(carrier) {
                index = registry.carrierIndex[known.id]
                carrierID = known.id
            } else {
                return LocalizedText(ko: "알 수 없는 택배사입니다: \(carrier)", en: "Unknown carrier: \(carrier)")
            }
        }
        // The fast verdict settles a valid number for its own carrier; the full check says what is wrong.
        let verdict = detector.verdict(number, context: index.map { carrierContexts[$0] } ?? anyCarrier)
        if verdict.valid, index.map({ Int(verdict.carrier) == $0 }) ?? true { return nil }
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
    static func advance(_ standing: inout ClaimStanding, type: ClaimType, to moment: Timestamp, profile: ClaimProfile) {
        for timer in profile.timers where timer.state == standing.state && timer.types.contains(type) {
            guard let due = timerDue(timer.kind, standing: standing, profile: profile), due <= moment else { continue }
            standing.state = timer.to
            standing.lastActionAt = due
            if timer.kind == .sellerSilent { standing.grantedBySilence = true }
            if standing.state.isFinal { standing.endedAt = due }
            // A timer's new state may have timers of its own.
            advance(&standing, type: type, to: moment, profile: profile)
            return
        }
    }

    /// An action that came after a timer already decided: named by the window it missed.
    func missedTimer(_ step: ClaimStep, standing: ClaimStanding, profile: ClaimProfile) -> Outcome? {
        let windows = profile.windows
        if standing.grantedBySilence, step.by == .seller, [.respond, .agree, .reject].contains(step.action),
            let days = windows.sellerAnswerDays
        {
            return Outcome(.sellerResponseWindow, closedAt: standing.openedAt.adding(days: days))
        }
        if step.action == .shipReturn, standing.returnAgreed, standing.returnShippedAt == nil,
            let agreed = standing.agreedAt, let days = windows.returnShipDays, step.at >= agreed.adding(days: days)
        {
            return Outcome(.returnShipWindow, closedAt: agreed.adding(days: days))
        }
        return nil
    }

    static func timerDue(_ kind: ClaimProfile.Timer.Kind, standing: ClaimStanding, profile: ClaimProfile) -> Timestamp?
    {
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
