import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("What is normal right now, from the lane's own deliveries")
struct DeliveryExpectationTests {
    static func lane(delivered: Int, median: Double?, p90: Double?) -> LaneStats {
        LaneStats(
            lane: LaneKey(origin: "CN", destination: "KR", shippingOption: "standard", carrier: "cn.cainiao"),
            shipments: delivered, delivered: delivered, trackedShare: 1, untrackedServiceShare: 0,
            medianDeliveryDays: median, p90DeliveryDays: p90, exceptionRate: 0, claimRate: nil, stabilityScore: 90)
    }

    @Test(
        "day 6 of a 9–14-day route is early, day 11 usual, day 15 late; the window is in KST days",
        arguments: [
            ("2026-11-26T23:45:00+09:00", DeliveryExpectation.Phase.early, 6),
            ("2026-12-01T23:45:00+09:00", .usual, 11),
            ("2026-12-05T23:45:00+09:00", .late, 15),
        ])
    func phases(now: String, phase: DeliveryExpectation.Phase, elapsed: Int) throws {
        // setup: shipped at 23:30 KST; the window's days are KST calendar days
        let stats = Self.lane(delivered: 40, median: 9.2, p90: 13.4)
        // MUT
        let expectation = try #require(
            DeliveryExpectation(lane: stats, shippedAt: time("2026-11-20T23:30:00+09:00"), now: time(now)))
        // validate
        #expect(expectation.phase == phase)
        #expect(expectation.elapsedDays == elapsed)
        #expect(expectation.typicalDays == 9 && expectation.lateDays == 14)
        #expect(expectation.expectedFrom == "2026-11-29" && expectation.expectedBy == "2026-12-04")
        #expect(expectation.text.ko.contains("보통 발송 후 9일, 늦어도 14일"))
        #expect(expectation.text.ko.contains("\(elapsed)일이 지났습니다"))
        #expect(expectation.text.en.contains("Yours shipped \(elapsed) days ago"))
    }

    @Test("a lane with fewer than five deliveries, or a parcel not shipped, says nothing rather than guess")
    func tooLittle() {
        #expect(
            DeliveryExpectation(
                lane: Self.lane(delivered: 4, median: 3, p90: 5), shippedAt: time("2026-11-20T10:00:00+09:00"),
                now: time("2026-11-22T10:00:00+09:00")) == nil)
        #expect(
            DeliveryExpectation(
                lane: Self.lane(delivered: 50, median: 3, p90: 5), shippedAt: nil,
                now: time("2026-11-22T10:00:00+09:00")) == nil)
    }
}
