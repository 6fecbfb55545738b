/// The thresholds diagnosis rules use. Defaults come from the sellers'
/// playbook; any of them can be overridden per lane.
public struct DiagnosisPolicy: Sendable, Hashable {
    /// A first scan up to this late is normal (tell the buyer so); after it, act.
    public var notActivatedHours = 72.0
    public var stalledOriginDays = 4.0
    public var stalledInternationalDays = 7.0
    /// Customs taking longer than this, or repeating a stage this many times.
    public var customsDays = 3.0
    public var customsRepeats = 3
    public var handoffDays = 3.0
    public var sourcesDisagreeHours = 24.0
    /// No change at all: prepare the backup plan.
    public var longSilenceDays = 10.0
    /// No change (or a failed delivery) this long entitles the buyer to a refund or reship.
    public var refundDays = 60.0
    public var deadlineNearDays = 2.0
    /// Tracking that stays silent this long is treated as expired.
    public var expiredDays = 60.0

    public init() {}
}

/// Thresholds that differ on some lanes: any field left nil keeps the default.
public struct PolicyOverride: Sendable, Hashable {
    public var notActivatedHours: Double?
    public var stalledOriginDays: Double?
    public var stalledInternationalDays: Double?
    public var customsDays: Double?
    public var customsRepeats: Int?
    public var handoffDays: Double?
    public var sourcesDisagreeHours: Double?
    public var longSilenceDays: Double?
    public var refundDays: Double?
    public var deadlineNearDays: Double?
    public var expiredDays: Double?

    public init(
        notActivatedHours: Double? = nil, stalledOriginDays: Double? = nil, stalledInternationalDays: Double? = nil,
        customsDays: Double? = nil, customsRepeats: Int? = nil, handoffDays: Double? = nil,
        sourcesDisagreeHours: Double? = nil, longSilenceDays: Double? = nil, refundDays: Double? = nil,
        deadlineNearDays: Double? = nil, expiredDays: Double? = nil
    ) {
        self.notActivatedHours = notActivatedHours
        self.stalledOriginDays = stalledOriginDays
        self.stalledInternationalDays = stalledInternationalDays
        self.customsDays = customsDays
        self.customsRepeats = customsRepeats
        self.handoffDays = handoffDays
        self.sourcesDisagreeHours = sourcesDisagreeHours
        self.longSilenceDays = longSilenceDays
        self.refundDays = refundDays
        self.deadlineNearDays = deadlineNearDays
        self.expiredDays = expiredDays
    }

    func apply(to policy: inout DiagnosisPolicy) {
        if let notActivatedHours { policy.notActivatedHours = notActivatedHours }
        if let stalledOriginDays { policy.stalledOriginDays = stalledOriginDays }
        if let stalledInternationalDays { policy.stalledInternationalDays = stalledInternationalDays }
        if let customsDays { policy.customsDays = customsDays }
        if let customsRepeats { policy.customsRepeats = customsRepeats }
        if let handoffDays { policy.handoffDays = handoffDays }
        if let sourcesDisagreeHours { policy.sourcesDisagreeHours = sourcesDisagreeHours }
        if let longSilenceDays { policy.longSilenceDays = longSilenceDays }
        if let refundDays { policy.refundDays = refundDays }
        if let deadlineNearDays { policy.deadlineNearDays = deadlineNearDays }
        if let expiredDays { policy.expiredDays = expiredDays }
    }
}

/// A lane: where from, where to, by which shipping option. Nil matches anything.
public struct LaneMatch: Sendable, Hashable {
    public var origin: String?
    public var destination: String?
    /// Matched as a case-insensitive substring of the order's shipping option.
    public var shippingOption: String?

    public init(origin: String? = nil, destination: String? = nil, shippingOption: String? = nil) {
        self.origin = origin
        self.destination = destination
        self.shippingOption = shippingOption
    }

    func matches(origin: String?, destination: String?, shippingOption: String?) -> Bool {
        if let wanted = self.origin, wanted != origin { return false }
        if let wanted = self.destination, wanted != destination { return false }
        if let wanted = self.shippingOption {
            guard let option = shippingOption, TextSearch.contains(option, wanted) else { return false }
        }
        return true
    }

    var specificity: Int {
        (origin == nil ? 0 : 1) + (destination == nil ? 0 : 1) + (shippingOption == nil ? 0 : 2)
    }
}

/// Marketplace deadlines that bound what a buyer can still do.
public struct MarketplaceDeadlines: Sendable, Hashable {
    /// The buyer may open a dispute until this many days after delivery.
    public var disputeDaysAfterDelivery: Double?
    /// The purchase is decided automatically this many days after delivery.
    public var autoConfirmDaysAfterDelivery: Double?

    public init(disputeDaysAfterDelivery: Double? = nil, autoConfirmDaysAfterDelivery: Double? = nil) {
        self.disputeDaysAfterDelivery = disputeDaysAfterDelivery
        self.autoConfirmDaysAfterDelivery = autoConfirmDaysAfterDelivery
    }
}

/// Default thresholds, lane overrides and marketplace deadlines in one place.
public struct PolicyBook: Sendable, Hashable {
    public var defaults: DiagnosisPolicy
    /// Applied from least to most specific, so a lane with an option beats a country pair.
    public var lanes: [(LaneMatch, PolicyOverride)]
    public var marketplaces: [String: MarketplaceDeadlines]

    public static func == (left: PolicyBook, right: PolicyBook) -> Bool {
        left.defaults == right.defaults && left.marketplaces == right.marketplaces
            && left.lanes.map(\.0) == right.lanes.map(\.0) && left.lanes.map(\.1) == right.lanes.map(\.1)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(defaults)
        hasher.combine(lanes.map(\.0))
    }

    public init(
        defaults: DiagnosisPolicy = DiagnosisPolicy(), lanes: [(LaneMatch, PolicyOverride)] = [],
        marketplaces: [String: MarketplaceDeadlines] = PolicyBook.standardMarketplaces
    ) {
        self.defaults = defaults
        self.lanes = lanes.enumerated().sorted { left, right in
            left.element.0.specificity != right.element.0.specificity
                ? left.element.0.specificity < right.element.0.specificity : left.offset < right.offset
        }.map(\.element)
        self.marketplaces = marketplaces
    }

    /// AliExpress: disputes until 15 days after delivery is confirmed.
    /// Smartstore: purchase decided automatically 8 days after delivery.
    public static let standardMarketplaces: [String: MarketplaceDeadlines] = [
        "aliexpress": MarketplaceDeadlines(disputeDaysAfterDelivery: 15),
        "smartstore": MarketplaceDeadlines(autoConfirmDaysAfterDelivery: 8),
    ]

    /// Cheap untracked options stay silent longer before anyone should worry.
    public static let standard = PolicyBook(lanes: [
        (LaneMatch(shippingOption: "economy"), PolicyOverride(stalledInternationalDays: 12, longSilenceDays: 15)),
        (LaneMatch(origin: "KR", destination: "KR"), PolicyOverride(notActivatedHours: 48, stalledOriginDays: 2)),
    ])

    public func policy(origin: String?, destination: String?, shippingOption: String?) -> DiagnosisPolicy {
        var policy = defaults
        // Lanes are kept sorted by specificity, so later (more specific) overrides win.
        // Read in place: copying a lane retains its strings, on every shipment.
        lanes.withUnsafeBufferPointer { lanes in
            for index in lanes.indices
            where lanes[index].0.matches(origin: origin, destination: destination, shippingOption: shippingOption) {
                lanes[index].1.apply(to: &policy)
            }
        }
        return policy
    }
}
