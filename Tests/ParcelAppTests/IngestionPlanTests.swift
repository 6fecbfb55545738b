import Foundation
import ParcelCore
import ParcelTestSupport
import Testing

@testable import ParcelApp

@Suite("Which events go to which shipments")
struct IngestionPlanTests {
    static let first = UUID()
    static let second = UUID()
    static let moment = time("2026-11-22T09:00:00+09:00")

    static func scan(_ number: String, minutes: Double = 0, text: String = "간선상차") -> RawTrackingEvent {
        RawTrackingEvent(
            source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: number,
            time: moment.adding(seconds: minutes * 60), code: nil, text: text)
    }

    @Test("a number on two shipments reaches both; the same scan with the number typed with spaces is a repeat")
    func matching() {
        let events = [
            IncomingEvent(Self.scan("6865 1234 5676")), IncomingEvent(Self.scan("686512345676")),
            IncomingEvent(Self.scan("686512345676", minutes: 5, text: "배송출발")),
        ]
        // MUT
        let plan = IngestionService.plan(events, shipmentsByNumber: ["686512345676": [Self.first, Self.second]])
        // validate: two scans for each of the two shipments; the respaced copy is a repeat on each.
        #expect(plan.pending.count == 4)
        #expect(Set(plan.pending.map(\.shipment)) == [Self.first, Self.second])
        #expect(plan.pending.map(\.event.text) == ["간선상차", "간선상차", "배송출발", "배송출발"])
        #expect(plan.result.duplicates == 2)
        let again = IngestionService.plan(
            events + [events[2]], shipmentsByNumber: ["686512345676": [Self.first, Self.second]])
        #expect(again.result.duplicates == 4)
        #expect(again.pending.count == 4)
    }

    @Test(
        "a later leg's number not known yet goes by its parent; unknown numbers are counted and listed once, at most 100"
    )
    func unmatched() {
        let child = IncomingEvent(Self.scan("555566667777"), parentTrackingNumber: "LP00123456789012")
        let strays = (0..<150).map { IncomingEvent(Self.scan("9999\($0 % 120)")) }
        // MUT
        let plan = IngestionService.plan([child] + strays, shipmentsByNumber: ["LP00123456789012": [Self.first]])
        // validate
        #expect(plan.pending.map(\.shipment) == [Self.first])
        #expect(plan.result.unmatched == 150)
        #expect(plan.result.unmatchedNumbers.count == 100)
        #expect(Set(plan.result.unmatchedNumbers).count == 100)
    }
}
