/// What is normal right now for one parcel, from its lane's own delivery
/// history: how long parcels on this lane usually take, how far this one
/// is, when to expect it, and from when it is worth asking. The buyer
/// page's "is this normal?" answer.
public struct DeliveryExpectation: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        /// Sooner than parcels on this lane usually arrive: nothing to worry about.
        case early
        /// Between the usual and the late end of the lane's deliveries.
        case usual
        /// Later than nine in ten deliveries on this lane: worth asking.
        case late
    }

    /// Whole days since the parcel shipped.
    public let elapsedDays: Int
    /// The lane's median and 90th-percentile days from shipping to delivery.
    public let typicalDays: Int
    public let lateDays: Int
    /// How many deliveries the figures rest on.
    public let deliveries: Int
    /// The KST days the parcel usually arrives between.
    public let expectedFrom: String
    public let expectedBy: String
    public let phase: Phase

    /// The lane needs this many deliveries before its figures say anything.
    public static let minimumDeliveries = 5

    /// Nil when the lane has too few deliveries, or the parcel has not shipped.
    public init?(lane stats: LaneStats, shippedAt: Timestamp?, now: Timestamp) {
        guard let median = stats.medianDeliveryDays, let p90 = stats.p90DeliveryDays else { return nil }
        self.init(median: median, p90: p90, deliveries: stats.delivered, shippedAt: shippedAt, now: now)
    }

    /// From the lane's own delivery times in days (shipped to delivered), as the store keeps them.
    public init?(deliveryDays days: [Double], shippedAt: Timestamp?, now: Timestamp) {
        let sorted = days.sorted()
        guard let median = LaneAnalytics.percentile(sorted, 0.5), let p90 = LaneAnalytics.percentile(sorted, 0.9)
        else { return nil }
        self.init(median: median, p90: p90, deliveries: sorted.count, shippedAt: shippedAt, now: now)
    }

    init?(median: Double, p90: Double, deliveries: Int, shippedAt: Timestamp?, now: Timestamp) {
        guard let shippedAt, deliveries >= Self.minimumDeliveries else { return nil }
        typicalDays = Int(median.rounded())
        lateDays = max(typicalDays, Int(p90.rounded(.up)))
        self.deliveries = deliveries
        elapsedDays = max(0, Int(shippedAt.days(until: now)))
        expectedFrom = shippedAt.adding(days: Double(typicalDays)).day()
        expectedBy = shippedAt.adding(days: Double(lateDays)).day()
        phase = elapsedDays < typicalDays ? .early : elapsedDays <= lateDays ? .usual : .late
    }

    /// The sentence the buyer page shows, in both languages.
    public var text: LocalizedText {
        let usual = LocalizedText(
            ko: "이 경로의 택배는 최근 \(deliveries)건 기준 보통 발송 후 \(typicalDays)일, 늦어도 \(lateDays)일 안에 도착했습니다. "
                + "고객님의 택배는 발송 후 \(elapsedDays)일이 지났습니다. ",
            en: "On this route, the last \(deliveries) parcels usually arrived \(typicalDays) days after shipping, "
                + "and within \(lateDays) days at the latest. Yours shipped \(elapsedDays) days ago. ")
        let now: LocalizedText =
            switch phase {
            case .early:
                LocalizedText(
                    ko: "아직 평소보다 이른 시점이니 걱정하지 않으셔도 됩니다. \(expectedFrom)~\(expectedBy) 사이 도착을 예상합니다.",
                    en:
                        "That is still early for this route, so there is no need to worry. Expect it between \(expectedFrom) and \(expectedBy)."
                )
            case .usual:
                LocalizedText(
                    ko: "지금이 보통 도착하는 시기입니다. \(expectedBy)까지 도착하지 않으면 문의해 주세요.",
                    en:
                        "This is when parcels on this route usually arrive. If it has not come by \(expectedBy), please ask us."
                )
            case .late:
                LocalizedText(
                    ko: "이 경로의 대부분보다 늦어지고 있습니다. 판매자에게 문의해 주시면 바로 확인해 드립니다.",
                    en:
                        "It is taking longer than most parcels on this route. Please ask the seller, and they will look into it."
                )
            }
        return LocalizedText(ko: usual.ko + now.ko, en: usual.en + now.en)
    }
}
