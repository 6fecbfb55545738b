import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("Timeline merge")
struct TimelineTests {
    let builder = TimelineBuilder()

    func build(_ scenario: Scenario) -> Timeline {
        builder.build(
            scenario.events,
            firstLeg: ShipmentLeg(
                carrier: scenario.shipment.carrier!, trackingNumber: scenario.shipment.trackingNumber),
            crossBorder: scenario.shipment.isCrossBorder, shippedAt: scenario.shipment.shippedAt)
    }

    @Test("entries follow real time, whatever order and time zone the events came in")
    func ordersByRealTime() {
        // setup: 18:30 KST (UNI-PASS) is earlier than 18:00 CST (= 19:00 KST); input reversed.
        var scenario = Scenario.crossBorder()
        scenario.events = [
            RawTrackingEvent(
                source: "cainiao", carrier: "cn.cainiao", trackingNumber: Scenario.lp,
                time: time("2026-11-05T18:00:00+08:00"), code: "CC_IM_SUCCESS",
                text: "Import customs clearance complete"),
            RawTrackingEvent(
                source: "unipass", carrier: "kr.customs", trackingNumber: Scenario.lp,
                time: time("2026-11-05T18:30:00+09:00"), text: "통관목록 접수"),
            RawTrackingEvent(
                source: "cainiao", carrier: "cn.cainiao", trackingNumber: Scenario.lp,
                time: time("2026-11-04T10:00:00+08:00"), code: "LH_ARRIVE",
                text: "Arrived at destination country/region"),
        ]
        // MUT
        let timeline = build(scenario)
        // validate
        #expect(timeline.entries.map(\.rawIndex) == [2, 1, 0])
        #expect(timeline.entries.map(\.customsStage) == [nil, .listClearanceReceived, .released])
        #expect(timeline.lastEventAt == time("2026-11-05T10:00:00Z"))
    }

    @Test("the same scan from the carrier and an aggregator is one entry showing the carrier's words")
    func mergesSources() {
        var scenario = Scenario.crossBorder()
        scenario.mirror(6, "InTransit_PickedUp", "Picked up")
        scenario.cainiao(6.01, "PU_PICKUP_SUCCESS", "已揽收 Picked up by carrier", location: "Shenzhen")
        let timeline = build(scenario)
        #expect(timeline.entries.count == 1)
        #expect(timeline.duplicatesMerged == 1)
        let entry = timeline.entries[0]
        #expect(timeline.sources(entry) == ["cainiao", "17track"])
        #expect(timeline.text(entry) == "已揽收 Picked up by carrier")
        #expect(timeline.location(entry) == "Shenzhen")
        #expect(Set(timeline.rawIndices(entry)) == [0, 1])
    }

    @Test("reports of one scan minutes apart at the same place merge; a later, different scan does not")
    func mergeWindow() {
        var scenario = Scenario.domestic()
        scenario.add(
            10, source: "17track", carrier: "kr.cjlogistics", code: "InTransit", text: "In transit", location: "대전 HUB")
        scenario.add(
            10.2, source: "cjlogistics", carrier: "kr.cjlogistics", code: "44", text: "간선하차", location: "대전HUB")
        // Ten minutes is beyond the two-minute window but the place agrees: still the same scan.
        #expect(build(scenario).entries.count == 1)
        scenario.cjScan(11, "44", "간선하차")
        // An hour later is a new scan even with the same words.
        #expect(build(scenario).entries.count == 2)
    }

    @Test("CJ's 집화처리 and an aggregator's copy of it are one picked-up entry, even under CJ's coarse code 21")
    func cjPickupFromTwoSources() {
        // setup: CJ sends the coarse cargo state 21 with the scan name; 17TRACK relays the scan half a minute later.
        var scenario = Scenario.domestic()
        scenario.add(
            2, source: "cjlogistics", carrier: "kr.cjlogistics", code: "21", text: "집화처리", location: "부산금정장전")
        scenario.add(
            2.01, source: "17track", carrier: "kr.cjlogistics", code: "InTransit_PickedUp", text: "집화처리",
            location: "부산금정장전")
        scenario.add(3, source: "cjlogistics", carrier: "kr.cjlogistics", code: "41", text: "간선상차", location: "금정")
        // MUT
        let timeline = build(scenario)
        // validate
        #expect(timeline.entries.count == 2)
        let pickup = timeline.entries[0]
        #expect(pickup.milestone == .pickedUp)
        #expect(pickup.status == .inTransit)
        #expect(timeline.sources(pickup) == ["cjlogistics", "17track"])
        #expect(timeline.entries[1].milestone == .lastMileTransit)
    }

    @Test("one scan that two vocabularies read differently is one entry, read as the carrier reads it")
    func conflictingReadingsMerge() {
        // setup: 17TRACK relays Cainiao's sorting-center departure as a departure from China, and its copy
        // arrives first, without a place and in other capitals.
        var scenario = Scenario.crossBorder()
        scenario.cainiao(12, "SC_INBOUND_SUCCESS", "Arrived at sorting center", location: "Shenzhen Sorting Center")
        scenario.mirror(20, "InTransit_Departure", "Departed from Sorting Center")
        scenario.cainiao(
            20.01, "SC_OUTBOUND_SUCCESS", "Departed from sorting center", location: "Shenzhen Sorting Center")
        // MUT
        let timeline = build(scenario)
        // validate
        #expect(timeline.entries.count == 2)
        #expect(timeline.duplicatesMerged == 1)
        let departure = timeline.entries[1]
        #expect(departure.milestone == .originFacility)
        #expect(timeline.sources(departure) == ["cainiao", "17track"])
        #expect(timeline.text(departure) == "Departed from sorting center")
        #expect(timeline.milestone == .originFacility)
        // Still in China: a stall there is an origin stall, not an international one.
        let codes = scenario.codes(hoursAfterStart: 20 + 97)
        #expect(codes.contains(.stalledOrigin))
        #expect(!codes.contains(.stalledInternational))
    }

    @Test("reports that read differently stay apart with other words, at another place, or minutes apart")
    func conflictingReadingsOfDifferentScans() {
        var words = Scenario.domestic()
        words.add(
            30, source: "cjlogistics", carrier: "kr.cjlogistics", code: "82", text: "배송출발", location: "광주남구행암")
        words.add(
            30.015, source: "17track", carrier: "kr.cjlogistics", code: "Delivered_Other", text: "배송완료",
            location: "광주남구행암")
        #expect(build(words).entries.count == 2)

        var places = Scenario.domestic()
        places.add(10, source: "cjlogistics", carrier: "kr.cjlogistics", code: "44", text: "간선상차", location: "대전HUB")
        places.add(
            10.02, source: "17track", carrier: "kr.cjlogistics", code: "InTransit_Departure", text: "간선상차",
            location: "금정")
        #expect(build(places).entries.count == 2)

        var later = Scenario.domestic()
        later.add(10, source: "cjlogistics", carrier: "kr.cjlogistics", code: "44", text: "간선상차", location: "대전HUB")
        later.add(
            10.2, source: "17track", carrier: "kr.cjlogistics", code: "InTransit_Departure", text: "간선상차",
            location: "대전HUB")
        #expect(build(later).entries.count == 2)
    }

    @Test("two different scans by the same source at the same minute both stay")
    func sameSourceDifferentScans() {
        var scenario = Scenario.domestic()
        scenario.cjScan(5, "41", "간선상차")
        scenario.cjScan(5, "44", "간선하차")
        #expect(build(scenario).entries.count == 2)
    }

    @Test("an event resent by the same source is folded into the first")
    func resentEvent() {
        var scenario = Scenario.domestic()
        scenario.cjScan(5, "11", "집화처리")
        scenario.cjScan(5, "11", "집화처리")
        let timeline = build(scenario)
        #expect(timeline.entries.count == 1)
        #expect(timeline.duplicatesMerged == 1)
    }

    @Test("a scan after delivery does not undo it and is marked")
    func finalStateProtected() {
        var scenario = Scenario.domestic()
        scenario.cjScan(2, "11", "집화처리")
        scenario.cjScan(20, "91", "배달완료")
        scenario.cjScan(26, "82", "배송출발")
        let timeline = build(scenario)
        #expect(timeline.status == .delivered)
        #expect(timeline.milestone == .delivered)
        #expect(timeline.entries.last?.anomaly == .afterFinalState)
        #expect(timeline.lastEventAt == scenario.at(20))
    }

    @Test("a return after delivery is not an anomaly: it is where the parcel is")
    func returnAfterDelivery() {
        var scenario = Scenario.domestic()
        scenario.cjScan(20, "91", "배달완료")
        scenario.add(60, source: "cjlogistics", carrier: "kr.cjlogistics", text: "반품 집화")
        let timeline = build(scenario)
        #expect(timeline.entries.allSatisfy { $0.anomaly == nil })
        #expect(timeline.milestone == .returning)
        #expect(timeline.status == .exception)
    }

    @Test("a delivery before the seller shipped is marked and not counted")
    func deliveredBeforeShipment() {
        var scenario = Scenario.domestic()
        scenario.cjScan(-5, "91", "배달완료")
        scenario.cjScan(3, "11", "집화처리")
        let timeline = build(scenario)
        #expect(timeline.entries[0].anomaly == .deliveredBeforeShipment)
        #expect(timeline.status == .inTransit)
    }

    @Test("the Korean carrier's number starts a second leg; its first scan is the hand-off")
    func legs() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.clearsKoreanCustoms()
        // The domestic carrier reports before Cainiao's hand-off record arrives; formatting differs too.
        scenario.cjScan(86, "11", "집화처리", number: "1234-5678-9013")
        scenario.cjScan(92, "44", "간선하차", number: Scenario.cj)
        let timeline = build(scenario)
        #expect(
            timeline.legs == [
                ShipmentLeg(carrier: "cn.cainiao", trackingNumber: Scenario.lp),
                ShipmentLeg(carrier: "kr.cjlogistics", trackingNumber: "1234-5678-9013"),
            ])
        let domestic = timeline.entries.filter { $0.leg == 1 }
        #expect(domestic.count == 2)
        #expect(domestic[0].milestone == .handedToLastMile)
        #expect(domestic[1].milestone == .lastMileTransit)
        // Customs progress under the shipment's number is part of the first leg.
        #expect(timeline.entries.filter { $0.customsStage != nil }.allSatisfy { $0.leg == 0 })
    }

    @Test("customs events under a house B/L number stay on the current leg")
    func customsUnderOtherNumber() {
        var scenario = Scenario.crossBorder()
        scenario.cainiao(60, "LH_ARRIVE", "Arrived", location: "Incheon")
        scenario.add(62, source: "unipass", carrier: "kr.customs", number: "HBL2026110512", text: "반입신고")
        let timeline = build(scenario)
        #expect(timeline.legs.count == 1)
        #expect(timeline.entries.allSatisfy { $0.leg == 0 })
    }

    @Test("customs without a direction is export before departure and import after arrival")
    func customsDirection() {
        var scenario = Scenario.crossBorder()
        scenario.cainiao(6, "PU_PICKUP_SUCCESS", "Picked up")
        scenario.mirror(26, "InTransit_CustomsProcessing", "Customs clearance in progress")
        scenario.cainiao(40, "LH_DEPART", "Departed")
        scenario.cainiao(60, "LH_ARRIVE", "Arrived")
        scenario.mirror(70, "InTransit_CustomsProcessing", "Customs clearance in progress")
        let timeline = build(scenario)
        let customs = timeline.entries.filter { $0.milestone == .exportCustoms || $0.milestone == .importCustoms }
        #expect(customs.map(\.milestone) == [.exportCustoms, .importCustoms])
    }

    @Test("an aggregator's 'not found' after the carrier has scanned does not make the parcel pending")
    func staleNotFound() {
        var scenario = Scenario.crossBorder()
        scenario.cainiao(6, "PU_PICKUP_SUCCESS", "Picked up")
        scenario.mirror(8, "NotFound", "Not found")
        let timeline = build(scenario)
        #expect(timeline.status == .inTransit)
        #expect(timeline.milestone == .pickedUp)
    }

    @Test("an event nobody can read still counts as a sign of life")
    func unreadEventCountsAsActivity() {
        var scenario = Scenario.domestic()
        scenario.cjScan(2, "11", "집화처리")
        scenario.add(30, source: "cjlogistics", carrier: "kr.cjlogistics", code: "77", text: "처리중")
        let timeline = build(scenario)
        #expect(timeline.milestone == .pickedUp)
        #expect(timeline.lastEventAt == scenario.at(30))
        #expect(timeline.entries.last?.status == nil)
    }

    @Test("no events: pending, one leg")
    func empty() {
        let timeline = build(Scenario.crossBorder())
        #expect(timeline.status == .pending)
        #expect(timeline.entries.isEmpty)
        #expect(timeline.legs.count == 1)
        #expect(timeline.lastEventAt == nil)
    }

    @Test("milestone order puts exceptions after delivery and ranks match declaration order")
    func milestoneOrder() {
        #expect(Milestone.allCases.map(\.rank) == Array(0..<Milestone.allCases.count))
        #expect(Severity.allCases.map(\.rank) == Array(0..<Severity.allCases.count))
        #expect(Milestone.exportCustoms < .departedOrigin)
        #expect(Milestone.delivered < .lost)
    }
}
