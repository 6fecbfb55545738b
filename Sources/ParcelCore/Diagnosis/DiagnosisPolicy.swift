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

extension PolicyOverride {
    /// One threshold a seller may set per lane: its stored key, unit and sane range.
    public enum Field: String, Sendable, CaseIterable {
        case notActivatedHours = "not_activated_hours"
        case stalledOriginDays = "stalled_origin_days"
        case stalledInternationalDays = "stalled_international_days"
        case customsDays = "customs_days"
        case customsRepeats = "customs_repeats"
        case handoffDays = "handoff_days"
        case sourcesDisagreeHours = "sources_disagree_hours"
        case longSilenceDays = "long_silence_days"
        case refundDays = "refund_days"
        case deadlineNearDays = "deadline_near_days"
        case expiredDays = "expired_days"

        public enum Unit: Sendable { case hours, days, times }

        public var unit: Unit {
            switch self {
            case .notActivatedHours, .sourcesDisagreeHours: .hours
            case .customsRepeats: .times
            default: .days
            }
        }

        /// Beyond these a threshold would silence its finding or raise it on every parcel.
        public var range: ClosedRange<Double> {
            switch unit {
            case .hours: 1...2160
            case .days: 0.5...365
            case .times: 2...20
            }
        }

        public var name: LocalizedText {
            switch self {
            case .notActivatedHours: LocalizedText(ko: "첫 스캔을 기다리는 시간", en: "Wait for the first scan")
            case .stalledOriginDays: LocalizedText(ko: "출발지에서 멈춤", en: "Stalled at origin")
            case .stalledInternationalDays: LocalizedText(ko: "국제 구간에서 멈춤", en: "Stalled in transit abroad")
            case .customsDays: LocalizedText(ko: "통관이 걸리는 기간", en: "Customs taking longer than")
            case .customsRepeats: LocalizedText(ko: "같은 통관 단계 반복", en: "Same customs stage repeated")
            case .handoffDays: LocalizedText(ko: "국내 택배사 인계 대기", en: "Wait for the domestic hand-off")
            case .sourcesDisagreeHours: LocalizedText(ko: "조회 화면끼리 어긋남", en: "Sources disagreeing")
            case .longSilenceDays: LocalizedText(ko: "오래 소식 없음 (대안 준비)", en: "Long silence (prepare plan B)")
            case .refundDays: LocalizedText(ko: "환불·재발송 기준", en: "Refund or reship after")
            case .deadlineNearDays: LocalizedText(ko: "기한 임박 알림", en: "Deadline is near within")
            case .expiredDays: LocalizedText(ko: "조회 만료로 보는 기간", en: "Tracking treated as expired after")
            }
        }

        public func value(in override: PolicyOverride) -> Double? {
            switch self {
            case .notActivatedHours: override.notActivatedHours
            case .stalledOriginDays: override.stalledOriginDays
            case .stalledInternationalDays: override.stalledInternationalDays
            case .customsDays: override.customsDays
            case .customsRepeats: override.customsRepeats.map(Double.init)
            case .handoffDays: override.handoffDays
            case .sourcesDisagreeHours: override.sourcesDisagreeHours
            case .longSilenceDays: override.longSilenceDays
            case .refundDays: override.refundDays
            case .deadlineNearDays: override.deadlineNearDays
            case .expiredDays: override.expiredDays
            }
        }

        public func value(in policy: DiagnosisPolicy) -> Double {
            switch self {
            case .notActivatedHours: policy.notActivatedHours
            case .stalledOriginDays: policy.stalledOriginDays
            case .stalledInternationalDays: policy.stalledInternationalDays
            case .customsDays: policy.customsDays
            case .customsRepeats: Double(policy.customsRepeats)
            case .handoffDays: policy.handoffDays
            case .sourcesDisagreeHours: policy.sourcesDisagreeHours
            case .longSilenceDays: policy.longSilenceDays
            case .refundDays: policy.refundDays
            case .deadlineNearDays: policy.deadlineNearDays
            case .expiredDays: policy.expiredDays
            }
        }

        public func set(_ value: Double?, in override: inout PolicyOverride) {
            switch self {
            case .notActivatedHours: override.notActivatedHours = value
            case .stalledOriginDays: override.stalledOriginDays = value
            case .stalledInternationalDays: override.stalledInternationalDays = value
            case .customsDays: override.customsDays = value
            case .customsRepeats: override.customsRepeats = value.map { Int($0.rounded()) }
            case .handoffDays: override.handoffDays = value
            case .sourcesDisagreeHours: override.sourcesDisagreeHours = value
            case .longSilenceDays: override.longSilenceDays = value
            case .refundDays: override.refundDays = value
            case .deadlineNearDays: override.deadlineNearDays = value
            case .expiredDays: override.expiredDays = value
            }
        }
    }

    /// The thresholds this override sets, by field.
    public var values: [(Field, Double)] {
        Field.allCases.compactMap { field in field.value(in: self).map { (field, $0) } }
    }
}
