import Foundation

/// A lane: where parcels go from and to, by which option and carrier.
public struct LaneKey: Sendable, Hashable, Comparable {
    public var origin: String
    public var destination: String
    public var shippingOption: String
    public var carrier: String

    public init(origin: String, destination: String, shippingOption: String, carrier: String) {
        self.origin = origin
        self.destination = destination
        self.shippingOption = shippingOption
        self.carrier = carrier
    }

    public static func < (left: LaneKey, right: LaneKey) -> Bool {
        (left.origin, left.destination, left.shippingOption, left.carrier)
            < (right.origin, right.destination, right.shippingOption, right.carrier)
    }
}

/// How a lane performed over its finished shipments.
public struct LaneStats: Sendable, Hashable {
    public let lane: LaneKey
    /// Settled shipments: finished, or shipped long enough ago to have arrived.
    public let shipments: Int
    public let delivered: Int
    /// Share whose tracking reached the buyer's side (a delivery, or the destination carrier).
    public let trackedShare: Double
    /// Share on a service that is not tracked end to end (economy mail, unregistered).
    public let untrackedServiceShare: Double
    /// Days from shipping to delivery, over delivered shipments.
    public let medianDeliveryDays: Double?
    public let p90DeliveryDays: Double?
    /// Share that hit an exception (failed attempt, customs hold, duties, loss, return) or never arrived.
    public let exceptionRate: Double
    /// Share that ended in a buyer claim, when claims are known.
    public let claimRate: Double?
    /// 0–100: tracked, few exceptions, and a predictable delivery time.
    public let stabilityScore: Int
}

/// Lane figures from many finished shipments, and the notice a product page can show.
public struct LaneAnalytics: Sendable {
    public init() {}

    /// A shipment counts once it is over: delivered, returned, lost, or expired.
    public static func isFinished(_ analysis: ShipmentAnalysis) -> Bool {
        analysis.status == .delivered || analysis.status == .expired || analysis.milestone == .returned
            || analysis.milestone == .lost
            || analysis.diagnoses.contains { $0.code == .refundEligible }
    }

    /// Finished, or shipped long enough ago that it has arrived or is in trouble
    /// (an untracked parcel never says it arrived).
    public static func isSettled(_ analysis: ShipmentAnalysis, afterDays days: Double) -> Bool {
        if isFinished(analysis) { return true }
        guard let shippedAt = analysis.document.shipment.shippedAt else { return false }
        return shippedAt.days(until: analysis.now) >= days
    }

    /// Tracking followed the parcel to the buyer's side: a delivery, or the
    /// destination carrier's scans (for cross-border parcels).
    public static func isTrackedToBuyer(_ analysis: ShipmentAnalysis) -> Bool {
        let timeline = analysis.timeline
        guard analysis.document.shipment.isCrossBorder else { return timeline.hasCarrierScan }
        return timeline.entries.contains { entry in
            entry.anomaly == nil
                && (entry.leg > 0
                    || (entry.milestone.map { $0 >= .handedToLastMile && $0 != .dutiesDue } ?? false))
        }
    }

    /// - Parameters:
    ///   - claimed: order ids that ended in a claim; nil when claims are not known.
    ///   - settledAfterDays: unfinished shipments count once shipped this long ago.
    public func lanes(
        _ analyses: [ShipmentAnalysis], claimed: Set<String>? = nil, settledAfterDays: Double = 30
    ) -> [LaneStats] {
        var groups: [LaneKey: [ShipmentAnalysis]] = [:]
        for analysis in analyses where Self.isSettled(analysis, afterDays: settledAfterDays) {
            let shipment = analysis.document.shipment
            let key = LaneKey(
                origin: shipment.origin ?? "?", destination: shipment.destination ?? "?",
                shippingOption: shipment.shippingOption ?? "?",
                // The seller's carrier: a parcel lost before the hand-off belongs to the same lane.
                carrier: analysis.prepared.carrier ?? "?")
            groups[key, default: []].append(analysis)
        }
        return groups.map { key, members in stats(key, members, claimed: claimed) }.sorted { $0.lane < $1.lane }
    }

    func stats(_ lane: LaneKey, _ members: [ShipmentAnalysis], claimed: Set<String>?) -> LaneStats {
        let count = Double(members.count)
        let tracked = members.filter(Self.isTrackedToBuyer).count
        var days: [Double] = []
        var exceptions = 0
        var untrackedCount = 0
        for analysis in members {
            let deliveredAt = analysis.timeline.entries.last { $0.anomaly == nil && $0.status == .delivered }?.time
            if let deliveredAt, let shippedAt = analysis.document.shipment.shippedAt {
                days.append(shippedAt.days(until: deliveredAt))
            }
            let troubled = analysis.timeline.entries.contains { entry in
                entry.anomaly == nil
                    && (entry.status == .exception || entry.status == .attemptFailed || entry.reason != nil
                        || entry.customsStage == .hold)
            }
            // An untracked service that goes quiet has not failed; it was never going to say more.
            let untracked = analysis.diagnoses.contains { $0.code == .untrackedService }
            if untracked { untrackedCount += 1 }
            if troubled || (analysis.status != .delivered && !untracked) { exceptions += 1 }
        }
        days.sort()
        let median = Self.percentile(days, 0.5)
        let p90 = Self.percentile(days, 0.9)
        let trackedShare = Double(tracked) / count
        let exceptionRate = Double(exceptions) / count
        // Predictability: how close the slow tail is to the typical case.
        let consistency = median.flatMap { median in p90.map { median > 0 && $0 > 0 ? min(1, median / $0) : 1 } } ?? 0
        let score = Int((100 * (0.35 * trackedShare + 0.35 * (1 - exceptionRate) + 0.3 * consistency)).rounded())
        return LaneStats(
            lane: lane, shipments: members.count, delivered: days.count, trackedShare: trackedShare,
            untrackedServiceShare: Double(untrackedCount) / count,
            medianDeliveryDays: median, p90DeliveryDays: p90, exceptionRate: exceptionRate,
            claimRate: claimed.map { claimed in
                Double(members.filter { claimed.contains($0.document.order.id) }.count) / count
            },
            stabilityScore: score)
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// What a product page can tell buyers about a lane, from its own figures.
    public func shippingNotice(_ stats: LaneStats, registry: CarrierRegistry = .standard) -> LocalizedText {
        let carrier = registry.carrier(id: stats.lane.carrier)?.name ?? LocalizedText(stats.lane.carrier)
        let crossBorder = stats.lane.origin != stats.lane.destination
        let origin = Self.countryName(stats.lane.origin)
        var ko: [String] = []
        var en: [String] = []
        if crossBorder {
            ko.append("이 상품은 \(origin.ko)에서 \(Korean.toward(carrier.ko)) 발송되어 한국 세관 통관을 거친 뒤 국내 택배사가 배달합니다.")
            en.append(
                "This item ships from \(origin.en) with \(carrier.en), clears Korean customs, and is delivered by a Korean carrier."
            )
        } else {
            ko.append("이 상품은 \(Korean.toward(carrier.ko)) 배송됩니다.")
            en.append("This item is delivered by \(carrier.en).")
        }
        if let median = stats.medianDeliveryDays, let p90 = stats.p90DeliveryDays, stats.delivered >= 5 {
            let typical = Int(median.rounded())
            let late = max(typical, Int(p90.rounded(.up)))
            ko.append("최근 \(stats.delivered)건 기준으로 보통 발송 후 \(typical)일, 늦어도 \(late)일 안에 도착했습니다.")
            en.append(
                "Over the last \(stats.delivered) deliveries it usually arrived \(typical) days after shipping, and within \(late) days at the latest."
            )
        }
        if crossBorder {
            ko.append("통관 중에는 조회가 1~3일 멈춘 것처럼 보일 수 있지만 배송은 계속됩니다.")
            en.append("Tracking may pause for one to three days during customs; the parcel keeps moving.")
        }
        // Lost or stuck parcels also stop tracking; only an untracked service warrants this sentence.
        if stats.untrackedServiceShare >= 0.5, stats.trackedShare < 0.9 {
            let percent = Int((stats.trackedShare * 100).rounded())
            ko.append("이 배송 방식은 약 \(percent)%만 도착까지 조회됩니다. 조회가 멈춰도 걱정 마시고 문의해 주세요.")
            en.append(
                "Only about \(percent)% of parcels on this service can be tracked all the way; if tracking stops, just ask us."
            )
        }
        return LocalizedText(ko: ko.joined(separator: " "), en: en.joined(separator: " "))
    }

    public static func countryName(_ code: String) -> LocalizedText {
        switch code {
        case "CN": LocalizedText(ko: "중국", en: "China")
        case "KR": LocalizedText(ko: "한국", en: "Korea")
        case "US": LocalizedText(ko: "미국", en: "the United States")
        case "JP": LocalizedText(ko: "일본", en: "Japan")
        case "HK": LocalizedText(ko: "홍콩", en: "Hong Kong")
        default:
            LocalizedText(
                ko: S10.operators.first { $0.country == code }?.countryName ?? code,
                en: S10.operators.first { $0.country == code }?.countryName ?? code)
        }
    }
}
