import Foundation

/// A marketplace's after-sales rules as data: which claims exist, every
/// window, who may take each action in each state, who pays return shipping,
/// and how long refunds take. `ClaimEngine` reads a profile; it never asks
/// which marketplace it is.
public final class ClaimProfile: Sendable {
    public let id: String
    public let name: LocalizedText
    /// The claim types a buyer or seller may open.
    public let offers: ClaimTypes
    /// Types the marketplace does not have, with what to do instead.
    public let missing: [ClaimType: Missing]
    public let openings: [Opening]
    public let transitions: [Transition]
    public let timers: [Timer]
    public let windows: Windows
    /// Return shipping by reason: who pays.
    public let returnShippingPayer: [ClaimReason: ClaimActor]
    public let refundDays: [RefundKind: DayRange]
    /// The seller's move where no law or platform sets a time: ParcelDesk's target, in business days.
    public let sellerTargets: [ClaimState: Int]

    public struct Missing: Sendable {
        public let rule: ClaimRule
        public let instead: LocalizedText
    }

    /// Who may open a type, at which order stages, under which window.
    public struct Opening: Sendable {
        public let type: ClaimType
        public let by: ClaimActors
        public let stages: CaseSet<OrderStage>
        public let window: OpeningWindow
        /// What the opened claim becomes at once.
        public let start: Start
    }

    public enum OpeningWindow: Sendable {
        /// No window beyond the stages.
        case none
        /// Korean law's withdrawal windows by reason (art. 17(1) and (3)).
        case withdrawalByReason
        /// The platform's dispute window: from dispatch to some days after delivery.
        case dispute
    }

    public enum Start: Sendable {
        case state(ClaimState)
        /// Cancelled at once before the seller confirms; a request after.
        case cancel
        /// Opened by the seller: done at once (a refund given, a sale cancelled).
        case doneWhenSeller(otherwise: ClaimState)
    }

    /// One allowed move: in `from`, `by` may take `action`, and the claim goes to `to`.
    public struct Transition: Sendable {
        public let types: ClaimTypes
        public let from: ClaimStates
        public let action: ClaimAction
        public let by: ClaimActors
        public let to: Target
        public let condition: Condition

        public init(
            _ types: ClaimTypes, from: ClaimStates, _ action: ClaimAction, by: ClaimActors, to: Target,
            when condition: Condition = .always
        ) {
            self.types = types
            self.from = from
            self.action = action
            self.by = by
            self.to = to
            self.condition = condition
        }
    }

    public enum Target: Sendable {
        case state(ClaimState)
        /// Back to the state before the hold.
        case resume
        /// Unchanged (an answer, a refusal that opens escalation).
        case stay
    }

    /// What else must hold for a transition; each failure has its rule.
    public enum Condition: Sendable {
        case always
        /// A tracking number that passes `check` for the carrier given (`reject_requires_dispatch`
        /// without one, `invalid_tracking_number` with a bad one).
        case dispatchNumber
        /// Within the seller's answer window (`seller_response_window`).
        case sellerAnswerOpen
        /// The negotiation period is over, or the seller refused (`negotiation_period`).
        case negotiationOver
        /// A return was agreed and its shipping window is open (`return_ship_window`).
        case returnShipOpen
        /// A refund after an agreed return waits for the buyer to ship it.
        case returnShippedIfAgreed
    }

    /// Moves that time makes on its own.
    public struct Timer: Sendable {
        public let types: ClaimTypes
        public let state: ClaimState
        public let kind: Kind
        public let to: ClaimState

        public enum Kind: Sendable {
            /// The seller neither answered nor agreed within the answer window: the buyer's request is granted.
            case sellerSilent
            /// An agreed return was not shipped in time.
            case returnNotShipped
        }
    }

    public struct Windows: Sendable {
        /// Change of mind: days after delivery (art. 17(1)).
        public var withdrawalDays: Int?
        /// Goods not as described: months after delivery, and days after the buyer noticed (art. 17(3)).
        public var defectMonths: Int?
        public var defectNoticedDays: Int?
        /// Return and exchange requests through the marketplace end with the purchase decision.
        public var claimsEndAtPurchaseDecision = false
        public var autoDecision: AutoDecision?
        /// Platform timers, in exact days.
        public var disputeDaysAfterDelivery: Double?
        public var sellerAnswerDays: Double?
        public var negotiationDays: Double?
        public var returnShipDays: Double?
        /// Refund due after the return is received, in business days (art. 18).
        public var refundBusinessDays: Int?
    }

    /// The marketplace decides the purchase when the buyer does not.
    public struct AutoDecision: Sendable {
        public var daysAfterDelivery: Double
        public var daysAfterDispatch: Double
        public var daysAfterOverseasDispatch: Double
        /// Suspended when tracking has no event this many days before the date.
        public var suspendWithoutEventDays: Double
    }

    public enum RefundKind: String, Sendable, CaseIterable {
        case full, partial
        case returnAndRefund = "return_and_refund"
        case deliveryDelay = "delivery_delay"
        case itemMismatch = "item_mismatch"
    }

    public struct DayRange: Sendable, Hashable {
        public let min: Int
        public let max: Int
        public let businessDays: Bool
    }

    /// Transitions by type and action, for the engine's lookups.
    let index: [[ClosedRange<Int>?]]
    /// `sellerTargets` by state, −1 where there is none.
    let sellerTargetDays: [Int]

    public init(
        id: String, name: LocalizedText, offers: ClaimTypes, missing: [ClaimType: Missing] = [:], openings: [Opening],
        transitions: [Transition], timers: [Timer], windows: Windows, returnShippingPayer: [ClaimReason: ClaimActor],
        refundDays: [RefundKind: DayRange], sellerTargets: [ClaimState: Int]
    ) {
        self.id = id
        self.name = name
        self.offers = offers
        self.missing = missing
        self.openings = openings
        self.windows = windows
        self.timers = timers
        self.returnShippingPayer = returnShippingPayer
        self.refundDays = refundDays
        self.sellerTargets = sellerTargets
        sellerTargetDays = ClaimState.allCases.map { sellerTargets[$0] ?? -1 }
        // One slice per (type, action), so the engine scans only the moves that can apply.
        var sorted: [Transition] = []
        var index = [[ClosedRange<Int>?]](
            repeating: [ClosedRange<Int>?](repeating: nil, count: ClaimAction.allCases.count),
            count: ClaimType.allCases.count)
        for type in ClaimType.allCases {
            for action in ClaimAction.allCases {
                let start = sorted.count
                sorted += transitions.filter { $0.types.contains(type) && $0.action == action }
                if sorted.count > start { index[Int(type.rawValue)][Int(action.rawValue)] = start...(sorted.count - 1) }
            }
        }
        self.transitions = sorted
        self.index = index
    }

    func moves(_ type: ClaimType, _ action: ClaimAction) -> ArraySlice<Transition> {
        guard let range = index[Int(type.rawValue)][Int(action.rawValue)] else { return [] }
        return transitions[range]
    }

    func opening(_ type: ClaimType) -> Opening? { openings.first { $0.type == type } }
}

/// The profiles ParcelDesk knows, by marketplace id; any other marketplace uses `generic`.
public struct ClaimProfiles: Sendable {
    public let profiles: [String: ClaimProfile]
    public let generic: ClaimProfile
    /// The same profiles in a list: a handful of ids compare faster than a hash.
    let list: [ClaimProfile]
    /// Every name a marketplace goes by (`스마트스토어`, `naver`), lowercased, to its profile.
    let names: [String: ClaimProfile]

    public init(_ profiles: [ClaimProfile], generic: ClaimProfile, registry: CarrierRegistry = .standard) {
        self.profiles = Dictionary(uniqueKeysWithValues: profiles.map { ($0.id, $0) })
        self.generic = generic
        list = profiles
        var names: [String: ClaimProfile] = [:]
        for profile in profiles {
            names[profile.id] = profile
            for alias in registry.marketplace(named: profile.id)?.aliases ?? [] { names[alias.lowercased()] = profile }
        }
        self.names = names
    }

    public static let standard = ClaimProfiles([.smartstore, .aliexpress], generic: .generic)

    /// The profile for a marketplace id or name (`smartstore`, `스마트스토어`, `AliExpress`).
    public func profile(for marketplace: String?) -> ClaimProfile {
        guard let marketplace else { return generic }
        for profile in list where profile.id == marketplace { return profile }
        if let profile = names[marketplace] { return profile }
        // Only a name with capitals or surrounding space can still match once folded.
        let bytes = marketplace.utf8
        guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) || bytes.first == 0x20 || bytes.last == 0x20 else {
            return generic
        }
        return names[marketplace.trimmed.lowercased()] ?? generic
    }
}
