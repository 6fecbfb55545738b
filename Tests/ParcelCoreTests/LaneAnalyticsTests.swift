import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("Lane analytics on simulated populations")
struct LaneAnalyticsTests {
    static let now = time("2026-11-22T09:00:00+09:00")
    let analytics = LaneAnalytics()

    func population(_ config: SimulationConfig, count: Int = 1500, seed: UInt64 = 21) -> [ShipmentAnalysis] {
        var config = config
        config.days = 90
        let diagnoser = Diagnoser()
        return Simulator(seed: seed, now: Self.now, config: config).documents(count: count).map {
            diagnoser.analyze($0, now: Self.now)
        }
    }

    func lane(_ stats: [LaneStats], option: String, origin: String = "CN") throws -> LaneStats {
        try #require(stats.first { $0.lane.shippingOption == option && $0.lane.origin == origin })
    }

    @Test("an untracked economy lane shows a low tracked share; the standard lane a high one")
    func trackedShare() throws {
        var config = SimulationConfig()
        config.faultPercents[.untrackedOption] = 40
        let stats = analytics.lanes(population(config))
        let economy = try lane(stats, option: "Cainiao Super Economy Global")
        let standard = try lane(stats, option: "AliExpress Standard Shipping")
        #expect(economy.trackedShare < 0.2)
        #expect(standard.trackedShare > 0.8)
        #expect(economy.stabilityScore < standard.stabilityScore)
    }

    @Test("delivery times: domestic faster than cross-border, median never above p90")
    func deliveryTimes() throws {
        let stats = analytics.lanes(population(SimulationConfig()))
        let crossBorder = try lane(stats, option: "AliExpress Standard Shipping")
        let domestic = stats.filter { $0.lane.origin == "KR" && $0.delivered >= 20 }
        #expect(!domestic.isEmpty)
        let crossMedian = try #require(crossBorder.medianDeliveryDays)
        #expect(crossMedian > 4 && crossMedian < 15)
        for lane in domestic + [crossBorder] {
            let median = try #require(lane.medianDeliveryDays)
            let p90 = try #require(lane.p90DeliveryDays)
            #expect(median <= p90)
            #expect(lane.delivered <= lane.shipments)
            #expect((0...1).contains(lane.exceptionRate))
            #expect((0...100).contains(lane.stabilityScore))
        }
        #expect(domestic.allSatisfy { $0.medianDeliveryDays! < crossMedian })
    }

    @Test("more faults on the same lane: more exceptions, a lower stability score")
    func faultsLowerStability() throws {
        let calm = try lane(analytics.lanes(population(.uniform(0))), option: "AliExpress Standard Shipping")
        let rough = try lane(analytics.lanes(population(.uniform(12))), option: "AliExpress Standard Shipping")
        #expect(calm.exceptionRate < 0.05)
        #expect(rough.exceptionRate > calm.exceptionRate + 0.2)
        #expect(rough.stabilityScore < calm.stabilityScore)
    }

    @Test("claim rate is the claimed share of the lane's settled orders, and absent when claims are unknown")
    func claimRate() throws {
        let analyses = population(SimulationConfig(), count: 600)
        let settled = analyses.filter { LaneAnalytics.isSettled($0, afterDays: 30) }
        let claimed = Set(settled.enumerated().filter { $0.offset % 5 == 0 }.map(\.element.document.order.id))
        let stats = analytics.lanes(analyses, claimed: claimed)
        for lane in stats {
            let members = settled.filter {
                $0.document.shipment.shippingOption == lane.lane.shippingOption
                    && $0.prepared.carrier == lane.lane.carrier && $0.document.shipment.origin == lane.lane.origin
            }
            let expected =
                Double(members.filter { claimed.contains($0.document.order.id) }.count) / Double(members.count)
            #expect(lane.claimRate == expected)
        }
        #expect(analytics.lanes(analyses).allSatisfy { $0.claimRate == nil })
    }

    @Test("nearest-rank percentiles")
    func percentiles() {
        let values = [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        #expect(LaneAnalytics.percentile(values, 0.5) == 5)
        #expect(LaneAnalytics.percentile(values, 0.9) == 9)
        #expect(LaneAnalytics.percentile([4], 0.9) == 4)
        #expect(LaneAnalytics.percentile([], 0.5) == nil)
    }

    @Test("the product-page notice states the lane's own figures, in both languages")
    func shippingNotice() throws {
        var config = SimulationConfig()
        config.faultPercents[.untrackedOption] = 40
        let stats = analytics.lanes(population(config))
        let standard = try lane(stats, option: "AliExpress Standard Shipping")
        let notice = analytics.shippingNotice(standard)
        let typical = Int(standard.medianDeliveryDays!.rounded())
        let latest = max(typical, Int(standard.p90DeliveryDays!.rounded(.up)))
        #expect(notice.ko.contains("최근 \(standard.delivered)건 기준으로 보통 발송 후 \(typical)일, 늦어도 \(latest)일"))
        #expect(notice.en.contains("usually arrived \(typical) days after shipping, and within \(latest) days"))
        #expect(notice.ko.contains("통관"))
        #expect(notice.ko.contains("중국에서 차이냐오(Cainiao)로 발송"))
        #expect(!notice.ko.contains("%"))
        expectWhole(notice.en, language: .en, "standard notice en")

        let economy = analytics.shippingNotice(try lane(stats, option: "Cainiao Super Economy Global"))
        #expect(economy.ko.contains("%만 도착까지 조회됩니다"))
        #expect(economy.en.contains("can be tracked all the way"))

        let domestic = try #require(stats.first { $0.lane.origin == "KR" && $0.lane.carrier == "kr.cjlogistics" })
        let domesticNotice = analytics.shippingNotice(domestic)
        #expect(!domesticNotice.ko.contains("통관"))
        #expect(domesticNotice.ko.hasPrefix("이 상품은 CJ대한통운으로 배송됩니다."))
    }
}
