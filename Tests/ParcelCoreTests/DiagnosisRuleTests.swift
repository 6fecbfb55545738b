import Testing

@testable import ParcelCore

/// Each rule of DESIGN §5, on both sides of its threshold. Times are hours
/// after the scenario's ship time; thresholds are the policy defaults unless a
/// test sets a lane.
@Suite("Diagnosis rules")
struct DiagnosisRuleTests {
    // MARK: not_activated

    @Test("no carrier scan: normal (info) up to 72 h, act after")
    func notActivated() throws {
        var scenario = Scenario.crossBorder()
        // A label is not a scan.
        scenario.cainiao(0.5, "GWMS_ACCEPT", "Order information received by warehouse")
        let early = try #require(scenario.finding(.notActivated, hoursAfterStart: 71))
        let late = try #require(scenario.finding(.notActivated, hoursAfterStart: 73))
        #expect(early.severity == .info)
        #expect(late.severity == .act)
        #expect(late.figures.thresholdHours == 72)
        #expect(late.evidence.entries == [0])
    }

    @Test("domestic lane: act after 48 h instead of 72")
    func notActivatedDomestic() throws {
        let scenario = Scenario.domestic()
        #expect(try #require(scenario.finding(.notActivated, hoursAfterStart: 47)).severity == .info)
        #expect(try #require(scenario.finding(.notActivated, hoursAfterStart: 49)).severity == .act)
    }

    @Test("a first scan ends not_activated")
    func activated() {
        var scenario = Scenario.domestic()
        scenario.cjScan(30, "11", "집화처리")
        #expect(!scenario.codes(hoursAfterStart: 73).contains(.notActivated))
    }

    // MARK: stalled_origin / stalled_international

    @Test("stuck at the origin facility: stalled_origin after 4 days, not before")
    func stalledOrigin() {
        var scenario = Scenario.crossBorder()
        scenario.cainiao(6, "PU_PICKUP_SUCCESS", "Picked up")
        scenario.cainiao(12, "SC_INBOUND_SUCCESS", "Arrived at sorting center")
        #expect(!scenario.codes(hoursAfterStart: 12 + 96 - 1).contains(.stalledOrigin))
        #expect(scenario.finding(.stalledOrigin, hoursAfterStart: 12 + 96 + 1)?.severity == .act)
    }

    @Test("nothing after the flight out: stalled_international after 7 days, not before")
    func stalledInternational() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        #expect(!scenario.codes(hoursAfterStart: 40 + 168 - 1).contains(.stalledInternational))
        let finding = scenario.finding(.stalledInternational, hoursAfterStart: 40 + 168 + 1)
        #expect(finding?.severity == .act)
        #expect(finding?.since == scenario.at(40))
    }

    @Test("a lane override moves the threshold for that lane only")
    func laneOverride() {
        // setup: a seller's lane rule for AliExpress Standard Shipping: 9 days in the air.
        let book = PolicyBook(lanes: [
            (
                LaneMatch(origin: "CN", destination: "KR", shippingOption: "standard shipping"),
                PolicyOverride(stalledInternationalDays: 9)
            )
        ])
        let diagnoser = Diagnoser(policies: book)
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        // MUT + validate
        let codes = { (hours: Double) in scenario.analyze(diagnoser, hoursAfterStart: hours).diagnoses.map(\.code) }
        #expect(!codes(40 + 9 * 24 - 1).contains(.stalledInternational))
        #expect(codes(40 + 9 * 24 + 1).contains(.stalledInternational))
        // Another option on the same route keeps the default.
        scenario.shipment.shippingOption = "Cainiao Standard For Special Goods"
        #expect(codes(40 + 7 * 24 + 1).contains(.stalledInternational))
    }

    @Test("economy options get longer silences by default")
    func economyLane() {
        let standard = PolicyBook.standard
        let economy = standard.policy(origin: "CN", destination: "KR", shippingOption: "AliExpress Economy Mail")
        let regular = standard.policy(origin: "CN", destination: "KR", shippingOption: "AliExpress Standard Shipping")
        #expect(economy.stalledInternationalDays == 12)
        #expect(economy.longSilenceDays == 15)
        #expect(regular.stalledInternationalDays == 7)
    }

    // MARK: customs_loop / duties_due

    @Test("the same customs stage three times is a loop however fast it cycles; twice is not")
    func customsRepeats() throws {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.cainiao(60, "LH_ARRIVE", "Arrived", location: "Incheon")
        scenario.customs(62, "반입신고")
        scenario.customs(64, "통관목록 접수")
        scenario.customs(66, "통관보류")
        scenario.customs(68, "통관목록 접수")
        scenario.customs(70, "통관보류")
        #expect(!scenario.codes(hoursAfterStart: 72).contains(.customsLoop))
        scenario.customs(72, "통관목록 접수")
        let finding = try #require(scenario.finding(.customsLoop, hoursAfterStart: 73))
        #expect(finding.figures.repeats == 3)
        #expect(finding.figures.customsStage == .listClearanceReceived)
        #expect(finding.severity == .act)
    }

    @Test("customs open for more than 3 days is flagged, 3 days is not")
    func customsLong() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.cainiao(60, "LH_ARRIVE", "Arrived", location: "Incheon")
        scenario.customs(62, "반입신고")
        scenario.customs(64, "통관목록 접수")
        #expect(!scenario.codes(hoursAfterStart: 60 + 72 - 1).contains(.customsLoop))
        #expect(scenario.codes(hoursAfterStart: 60 + 72 + 1).contains(.customsLoop))
    }

    @Test("customs released: no loop, however long it took")
    func customsCleared() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.clearsKoreanCustoms()
        #expect(!scenario.codes(hoursAfterStart: 100).contains(.customsLoop))
    }

    @Test("duties due is urgent at once, replaces the loop, and ends when customs clears")
    func dutiesDue() throws {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.cainiao(60, "LH_ARRIVE", "Arrived", location: "Incheon")
        scenario.customs(62, "수입신고")
        scenario.customs(63, "관부가세 납부 대기(수입신고 건)")
        let finding = try #require(scenario.finding(.dutiesDue, hoursAfterStart: 63.1))
        #expect(finding.severity == .urgent)
        // Days later it is still duties, not a customs loop.
        #expect(!scenario.codes(hoursAfterStart: 63 + 24 * 5).contains(.customsLoop))
        scenario.customs(70, "수입신고 수리")
        #expect(!scenario.codes(hoursAfterStart: 71).contains(.dutiesDue))
    }

    // MARK: handoff_missing

    @Test("released but no Korean carrier after 3 days: handoff_missing; within 3 days: nothing")
    func handoffMissing() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.clearsKoreanCustoms()
        #expect(!scenario.codes(hoursAfterStart: 80 + 72 - 1).contains(.handoffMissing))
        let finding = scenario.finding(.handoffMissing, hoursAfterStart: 80 + 72 + 1)
        #expect(finding?.severity == .act)
        #expect(finding?.since == scenario.at(80))
    }

    @Test("arrived with no customs news at all: counted from the arrival")
    func handoffMissingNoCustoms() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.cainiao(60, "LH_ARRIVE", "Arrived", location: "Incheon")
        #expect(scenario.codes(hoursAfterStart: 60 + 73).contains(.handoffMissing))
    }

    @Test("a domestic leg means the hand-off happened")
    func handedOff() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.clearsKoreanCustoms()
        scenario.cjScan(86, "11", "집화처리", number: Scenario.cj)
        #expect(!scenario.codes(hoursAfterStart: 80 + 100).contains(.handoffMissing))
    }

    // MARK: sources_disagree

    @Test("an aggregator more than 24 h behind the carrier: sources_disagree; 23 h: nothing")
    func sourcesDisagree() throws {
        var behind = Scenario.crossBorder()
        behind.cainiao(6, "PU_PICKUP_SUCCESS", "Picked up")
        behind.mirror(6.01, "InTransit_PickedUp", "Picked up")
        var close = behind
        close.cainiao(29, "SC_INBOUND_SUCCESS", "Arrived at sorting center")
        behind.cainiao(31, "SC_INBOUND_SUCCESS", "Arrived at sorting center")
        #expect(!close.codes(hoursAfterStart: 32).contains(.sourcesDisagree))
        let finding = try #require(behind.finding(.sourcesDisagree, hoursAfterStart: 32))
        #expect(finding.severity == .watch)
        #expect(finding.figures.laggingSource == "17track")
        #expect(finding.figures.leadingSource == "cainiao")
        #expect(finding.evidence.sources == ["17track", "cainiao"])
    }

    /// Cainiao carries the parcel from its warehouse to the hand-off in Incheon, UNI-PASS clears it,
    /// CJ picks it up.
    static func consolidatedToCJ() -> Scenario {
        var scenario = Scenario.crossBorder()
        scenario.cainiao(0.5, "GWMS_ACCEPT", "仓库已接单 Order information received by warehouse")
        scenario.cainiao(6, "CW_INBOUND", "【东莞仓】包裹已入库", location: "Dongguan Warehouse")
        scenario.cainiao(14, "CW_OUTBOUND", "【东莞仓】包裹已出库", location: "Dongguan Warehouse")
        scenario.cainiao(30, "CC_EX_SUCCESS", "出口清关成功 Export customs clearance success")
        scenario.cainiao(40, "LH_DEPART", "航班起飞 Departed from departure country/region")
        scenario.clearsKoreanCustoms()
        scenario.cainiao(84, "GTMS_ACCEPT", "Handed over to kr.cjlogistics \(Scenario.cj)", location: "Incheon")
        scenario.cjScan(86, "11", "집화처리", number: Scenario.cj)
        return scenario
    }

    @Test("an aggregator still on the warehouse scan days after Cainiao handed over in Korea: sources_disagree")
    func sourcesDisagreeAcrossDays() throws {
        // setup: tracker.delivery relays only the warehouse inbound scan, in its own words and status
        // code, which no vocabulary reads.
        var scenario = Self.consolidatedToCJ()
        scenario.add(
            6, source: "trackerdelivery", carrier: "cn.cainiao", code: "IN_TRANSIT", text: "Inbound in warehouse",
            location: "Dongguan Warehouse")
        // MUT
        let analysis = scenario.analyze(hoursAfterStart: 90)
        // validate
        let finding = try #require(analysis.diagnoses.first { $0.code == .sourcesDisagree })
        #expect(finding.figures.laggingSource == "trackerdelivery")
        #expect(finding.figures.leadingSource == "cainiao")
        #expect(finding.evidence.sources == ["trackerdelivery", "cainiao"])
        #expect(finding.since == scenario.at(6))
        let seller = Playbook().explanation(finding, in: analysis).seller
        #expect(seller.ko.contains("차이냐오(Cainiao)에는 '국내 택배사 인계'"))
        #expect(seller.ko.contains("tracker.delivery에는 'Inbound in warehouse'"))
        #expect(seller.en.contains("Cainiao shows 'Handed to the domestic carrier'"))
        #expect(seller.en.contains("tracker.delivery shows 'Inbound in warehouse'"))
    }

    @Test("an aggregator that relays every scan a few minutes late: no sources_disagree")
    func sourcesMinutesApart() {
        var scenario = Self.consolidatedToCJ()
        let relayed: [(Double, String)] = [
            (0.5, "Order information received by warehouse"), (6, "Inbound in warehouse"),
            (14, "Outbound from warehouse"), (30, "Export customs clearance success"),
            (40, "Departed from departure country/region"), (60, "Arrived at destination country/region"),
            (84, "Handed over to kr.cjlogistics \(Scenario.cj)"),
        ]
        for (hours, words) in relayed {
            scenario.add(
                hours + 0.07, source: "trackerdelivery", carrier: "cn.cainiao", code: "IN_TRANSIT", text: words)
        }
        #expect(!scenario.codes(hoursAfterStart: 90).contains(.sourcesDisagree))
    }

    // MARK: long_silence / refund_eligible

    @Test("no change for 10 days: long_silence replaces the stall; 10 days less an hour: only the stall")
    func longSilence() {
        var scenario = Scenario.domestic()
        scenario.cjScan(2, "11", "집화처리")
        let before = scenario.codes(hoursAfterStart: 2 + 240 - 1)
        let after = scenario.codes(hoursAfterStart: 2 + 240 + 1)
        #expect(before.contains(.stalledOrigin))
        #expect(!before.contains(.longSilence))
        #expect(after.contains(.longSilence))
        #expect(!after.contains(.stalledOrigin))
    }

    @Test("60 days without change: refund_eligible and tracking expired; the day before: deadline_near")
    func refundEligible() throws {
        var scenario = Scenario.domestic()
        scenario.cjScan(2, "11", "집화처리")
        let before = scenario.analyze(hoursAfterStart: 2 + 1440 - 1)
        #expect(!before.diagnoses.contains { $0.code == .refundEligible })
        let near = try #require(before.diagnoses.first { $0.code == .deadlineNear })
        #expect(near.figures.deadlineKind == .refundEligibility)
        let after = scenario.analyze(hoursAfterStart: 2 + 1440 + 1)
        let refund = try #require(after.diagnoses.first { $0.code == .refundEligible })
        #expect(refund.severity == .urgent)
        #expect(after.status == .expired)
        #expect(!after.diagnoses.contains { $0.code == .longSilence })
    }

    @Test("a delivery that failed and was never retried counts toward the refund clock")
    func failedDeliveryRefund() {
        var scenario = Scenario.domestic()
        scenario.cjScan(2, "11", "집화처리")
        scenario.add(30, source: "cjlogistics", carrier: "kr.cjlogistics", text: "미배달(수취인 부재)")
        #expect(scenario.analyze(hoursAfterStart: 40).status == .attemptFailed)
        #expect(scenario.codes(hoursAfterStart: 30 + 1441).contains(.refundEligible))
    }

    // MARK: event_anomaly

    @Test("events after delivery, ship date before the order, scans from the future: event_anomaly")
    func eventAnomaly() throws {
        var afterDelivery = Scenario.domestic()
        afterDelivery.cjScan(2, "11", "집화처리")
        afterDelivery.cjScan(20, "91", "배달완료")
        #expect(!afterDelivery.codes(hoursAfterStart: 30).contains(.eventAnomaly))
        afterDelivery.cjScan(25, "82", "배송출발")
        let finding = try #require(afterDelivery.finding(.eventAnomaly, hoursAfterStart: 30))
        #expect(finding.evidence.entries == [2])

        var backdated = Scenario.domestic()
        backdated.cjScan(2, "11", "집화처리")
        backdated.order.placedAt = backdated.at(5)
        #expect(backdated.codes(hoursAfterStart: 10).contains(.eventAnomaly))

        var future = Scenario.domestic()
        future.cjScan(30, "11", "집화처리")
        #expect(future.codes(hoursAfterStart: 23).contains(.eventAnomaly))
        #expect(!future.codes(hoursAfterStart: 25).contains(.eventAnomaly))
    }

    // MARK: late / deadline_near

    @Test("promised date: near within 2 days, late after it, urgent after a week late")
    func lateAndNear() throws {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.order.promisedBy = scenario.at(200)
        #expect(!scenario.codes(hoursAfterStart: 200 - 49).contains(.deadlineNear))
        let near = try #require(scenario.finding(.deadlineNear, hoursAfterStart: 200 - 47))
        #expect(near.figures.deadlineKind == .promisedDelivery)
        #expect(near.severity == .watch)
        #expect(scenario.finding(.late, hoursAfterStart: 201)?.severity == .act)
        #expect(scenario.finding(.late, hoursAfterStart: 200 + 7 * 24 + 1)?.severity == .urgent)
        scenario.clearsKoreanCustoms()
        scenario.deliveredByCJ()
        #expect(!scenario.codes(hoursAfterStart: 201).contains(.late))
    }

    @Test("AliExpress dispute window closing: deadline_near 2 days before day 15 after delivery")
    func disputeWindow() throws {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.clearsKoreanCustoms()
        scenario.deliveredByCJ()
        let closes = 110 + 15.0 * 24
        #expect(!scenario.codes(hoursAfterStart: closes - 49).contains(.deadlineNear))
        let near = try #require(scenario.finding(.deadlineNear, hoursAfterStart: closes - 47))
        #expect(near.figures.deadlineKind == .disputeWindow)
        #expect(near.figures.deadline == scenario.at(closes))
        #expect(!scenario.codes(hoursAfterStart: closes + 1).contains(.deadlineNear))
    }

    @Test("Smartstore purchase auto-confirms 8 days after delivery: deadline_near before it")
    func autoConfirm() throws {
        var scenario = Scenario.domestic()
        scenario.cjScan(2, "11", "집화처리")
        scenario.cjScan(20, "91", "배달완료")
        let near = try #require(scenario.finding(.deadlineNear, hoursAfterStart: 20 + 8 * 24 - 10))
        #expect(near.figures.deadlineKind == .autoConfirm)
    }

    // MARK: the number

    @Test("a typo in a check-digit number: number_fixable with the fix")
    func numberFixable() throws {
        var scenario = Scenario.crossBorder()
        scenario.shipment.carrier = "cn.chinapost"
        scenario.shipment.trackingNumber = "RR123456786CN"
        scenario.shipment.shippingOption = "China Post Registered Air Mail"
        let finding = try #require(scenario.finding(.numberFixable, hoursAfterStart: 30))
        #expect(finding.evidence.numbers.contains("RR123456785CN"))
        #expect(finding.severity == .act)
    }

    @Test("a CJ number failing CJ's check digit, before any scan: watched as a possible slip, with candidates")
    func checkDigitSlip() throws {
        var scenario = Scenario.domestic()
        // One digit off 123456789013, which passes CJ's mod 7.
        scenario.shipment.trackingNumber = "123456789113"
        let finding = try #require(scenario.finding(.numberFixable, hoursAfterStart: 10))
        #expect(finding.severity == .watch)
        #expect(finding.figures.checkDigitOnly)
        #expect(finding.evidence.numbers.contains(Scenario.cj))
        // Once CJ scans it, the number is proven.
        scenario.cjScan(5, "11", "집화처리")
        #expect(!scenario.codes(hoursAfterStart: 10).contains(.numberFixable))
    }

    @Test("a number no carrier could have issued: number_invalid")
    func numberInvalid() {
        var scenario = Scenario.domestic()
        scenario.shipment.trackingNumber = "SHIP-ME-PLS"
        #expect(scenario.codes(hoursAfterStart: 10).contains(.numberInvalid))
    }

    @Test("a Cainiao number entered as Hanjin: carrier_mismatch naming Cainiao, until a carrier scans it")
    func carrierMismatch() throws {
        var scenario = Scenario.crossBorder()
        scenario.shipment.carrier = "kr.hanjin"
        let finding = try #require(scenario.finding(.carrierMismatch, hoursAfterStart: 10))
        #expect(finding.figures.suggestedCarrier == "cn.cainiao")
        scenario.cainiao(6, "PU_PICKUP_SUCCESS", "Picked up")
        #expect(!scenario.codes(hoursAfterStart: 10).contains(.carrierMismatch))
    }

    @Test("the same number on another order, written differently: number_duplicate naming that order")
    func numberDuplicate() throws {
        var scenario = Scenario.crossBorder()
        scenario.otherOrders = [
            OtherOrder(id: "A-1001", trackingNumber: Scenario.lp),  // the order itself
            OtherOrder(id: "A-0999", trackingNumber: "lp 0012 3456 7890 12"),
            OtherOrder(id: "A-0998", trackingNumber: "LP00123456789013"),
        ]
        let finding = try #require(scenario.finding(.numberDuplicate, hoursAfterStart: 10))
        #expect(finding.evidence.orders == ["A-0999"])
    }

    @Test("an untracked economy service: untracked_service")
    func untrackedService() {
        var scenario = Scenario.crossBorder()
        scenario.shipment.shippingOption = "Cainiao Super Economy Global"
        scenario.leavesChina()
        #expect(scenario.finding(.untrackedService, hoursAfterStart: 50)?.severity == .info)
        scenario.shipment.shippingOption = "AliExpress Standard Shipping"
        #expect(!scenario.codes(hoursAfterStart: 50).contains(.untrackedService))
    }

    // MARK: the whole

    @Test("a clean delivered parcel has no findings, and findings are most severe first")
    func cleanAndOrdered() {
        var clean = Scenario.crossBorder()
        clean.leavesChina()
        clean.clearsKoreanCustoms()
        clean.deliveredByCJ()
        #expect(clean.codes(hoursAfterStart: 120).isEmpty)
        #expect(clean.analyze(hoursAfterStart: 120).status == .delivered)

        var troubled = Scenario.domestic()
        troubled.cjScan(2, "11", "집화처리")
        troubled.order.promisedBy = troubled.at(100)
        let severities = troubled.analyze(hoursAfterStart: 2 + 245).diagnoses.map(\.severity)
        #expect(severities.count >= 2)
        #expect(severities == severities.sorted(by: >))
    }

    @Test("diagnosis depends only on its inputs: same document and moment, same result")
    func deterministic() {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        let first = scenario.analyze(hoursAfterStart: 300).diagnoses
        let second = scenario.analyze(hoursAfterStart: 300).diagnoses
        #expect(first == second)
        #expect(!first.isEmpty)
    }
}
