import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("Playbook: explanations, the five-step ladder, carrier inquiries")
struct PlaybookTests {
    let playbook = Playbook()

    /// A parcel handed to CJ after customs and then silent, so every rung has something to say.
    func analysis() -> ShipmentAnalysis {
        var scenario = Scenario.crossBorder()
        scenario.leavesChina()
        scenario.clearsKoreanCustoms()
        scenario.cainiao(84, "GTMS_ACCEPT", "Handed over to kr.cjlogistics \(Scenario.cj)")
        scenario.cjScan(86, "11", "집화처리", number: Scenario.cj)
        scenario.order.promisedBy = scenario.at(200)
        return scenario.analyze(hoursAfterStart: 400)
    }

    /// A finding of `code` with every figure filled.
    func finding(_ code: DiagnosisCode, at analysis: ShipmentAnalysis) -> Diagnosis {
        var figures = Diagnosis.Figures()
        figures.elapsedHours = 130
        figures.thresholdHours = 72
        figures.deadline = analysis.now.adding(hours: 30)
        figures.deadlineKind = .disputeWindow
        figures.suggestedCarrier = "cn.cainiao"
        figures.customsStage = .hold
        figures.repeats = 3
        figures.laggingSource = "17track"
        figures.leadingSource = "cainiao"
        figures.laggingState = Milestone.pickedUp.name
        figures.leadingState = Milestone.departedOrigin.name
        return Diagnosis(
            code: code, severity: .act, confidence: 0.8, since: analysis.now.adding(hours: -130),
            evidence: Diagnosis.Evidence(
                entries: [0], numbers: ["LP00123456789013"], orders: ["A-0999"], sources: ["17track", "cainiao"]),
            figures: figures)
    }

    static let names = ["김민지", "인천공항 특송물류센터"]

    @Test("every diagnosis code has seller and buyer explanations in both languages", arguments: DiagnosisCode.allCases)
    func explanations(code: DiagnosisCode) {
        let analysis = analysis()
        let explanation = playbook.explanation(finding(code, at: analysis), in: analysis)
        for (audience, text) in [("seller", explanation.seller), ("buyer", explanation.buyer)] {
            expectWhole(text.ko, language: .ko, "\(code) \(audience) ko", allowing: Self.names)
            expectWhole(text.en, language: .en, "\(code) \(audience) en", allowing: Self.names)
        }
    }

    @Test("every diagnosis code gets ladder steps in order, each one complete", arguments: DiagnosisCode.allCases)
    func actions(code: DiagnosisCode) throws {
        let analysis = analysis()
        let actions = playbook.actions(finding(code, at: analysis), in: analysis)
        #expect(!actions.isEmpty)
        #expect(actions.map(\.step) == actions.map(\.step).sorted(), "\(code): steps out of ladder order")
        for action in actions {
            expectWhole(action.text.ko, language: .ko, "\(code) \(action.kind) ko", allowing: Self.names)
            expectWhole(action.text.en, language: .en, "\(code) \(action.kind) en", allowing: Self.names)
            switch action.kind {
            case .customerMessage:
                let message = try #require(action.message, "\(code): a customer step without its message")
                #expect(action.template != nil)
                expectWhole(message.ko, language: .ko, "\(code) message ko", allowing: Self.names)
                expectWhole(message.en, language: .en, "\(code) message en", allowing: Self.names)
            case .carrierInquiry:
                #expect(action.inquiry != nil, "\(code): an inquiry step without its packet")
            case .crossCheck:
                #expect(!action.links.isEmpty)
                #expect(action.links.allSatisfy { $0.url.hasPrefix("https://") })
            default:
                break
            }
        }
    }

    @Test("a stall is worked through the whole ladder: sources, carrier, buyer, then the backup plan")
    func longSilenceLadder() throws {
        let analysis = analysis()
        let silence = try #require(analysis.diagnoses.first { $0.code == .longSilence })
        let kinds = playbook.actions(silence, in: analysis).map(\.kind)
        #expect(kinds == [.crossCheck, .carrierInquiry, .customerMessage, .backupPlan])
    }

    @Test("cross-checking links each leg's carrier, 17TRACK, tracker.delivery and UNI-PASS")
    func crossCheckLinks() throws {
        let analysis = analysis()
        let silence = try #require(analysis.diagnoses.first { $0.code == .longSilence })
        let links = try #require(playbook.actions(silence, in: analysis).first { $0.kind == .crossCheck }).links
        let urls = links.map(\.url)
        #expect(urls.contains { $0.contains("17track") && $0.contains(Scenario.lp) })
        #expect(urls.contains { $0.contains("17track") && $0.contains(Scenario.cj) })
        #expect(urls.contains { $0.contains("tracker.delivery") && $0.contains("kr.cjlogistics/\(Scenario.cj)") })
        #expect(urls.contains { $0.contains("unipass.customs.go.kr") })
        #expect(Set(urls).count == urls.count)
    }

    @Test("the carrier inquiry asks whoever holds the parcel now, with everything they need")
    func inquiryPacket() throws {
        let analysis = analysis()
        let silence = try #require(analysis.diagnoses.first { $0.code == .longSilence })
        let inquiry = try #require(playbook.actions(silence, in: analysis).compactMap(\.inquiry).first)
        #expect(inquiry.carrier == "kr.cjlogistics")
        #expect(inquiry.trackingNumber == Scenario.cj)
        #expect(inquiry.orderID == "A-1001")
        #expect(inquiry.shippingOption == "AliExpress Standard Shipping")
        #expect(inquiry.lastStatusAt == analysis.document.shipment.shippedAt!.adding(hours: 86))
        let korean = inquiry.text(.ko)
        let english = inquiry.text(.en)
        for line in [
            "주문번호: A-1001", "배송 방식: AliExpress Standard Shipping", "발송일: 2026-11-02 10:00 KST",
            "택배사: CJ대한통운 (kr.cjlogistics)", "운송장 번호: \(Scenario.cj)", "마지막 상태: 국내 택배사 인계 (2026-11-06 00:00 KST)",
            "문의 내용: ",
        ] {
            #expect(korean.contains(line), "missing \(line) in\n\(korean)")
        }
        for line in [
            "Order ID: A-1001", "Tracking number: \(Scenario.cj)", "Last status: Handed to the domestic carrier",
        ] {
            #expect(english.contains(line), "missing \(line) in\n\(english)")
        }
    }

    @Test("a fixable number's steps give the fix and a message with it")
    func fixableSteps() throws {
        var scenario = Scenario.crossBorder()
        scenario.shipment.carrier = "cn.chinapost"
        // S read for 5: the fix is not in doubt.
        scenario.shipment.trackingNumber = "RR12345678SCN"
        let analysis = scenario.analyze(hoursAfterStart: 30)
        let finding = try #require(analysis.diagnoses.first { $0.code == .numberFixable })
        let actions = playbook.actions(finding, in: analysis)
        #expect(actions.first?.kind == .checkNumber)
        #expect(actions.first?.text.ko.contains("RR123456785CN") == true)
        let message = try #require(actions.first { $0.kind == .customerMessage }?.message)
        #expect(message.ko.contains("RR123456785CN"))
    }

    @Test("on a simulated population, every finding explains itself and gives complete steps")
    func population() {
        let now = time("2026-11-22T09:00:00+09:00")
        let simulator = Simulator(seed: 5, now: now, config: .uniform(10))
        let diagnoser = Diagnoser()
        var seen: Set<DiagnosisCode> = []
        for document in simulator.documents(count: 600) {
            let analysis = diagnoser.analyze(document, now: now)
            for diagnosis in analysis.diagnoses {
                seen.insert(diagnosis.code)
                let explanation = playbook.explanation(diagnosis, in: analysis)
                for text in [explanation.seller.ko, explanation.seller.en, explanation.buyer.ko, explanation.buyer.en] {
                    #expect(!text.contains("nil") && !text.contains("Optional(") && !text.isEmpty, "\(diagnosis.code)")
                }
                for action in playbook.actions(diagnosis, in: analysis) where action.kind == .customerMessage {
                    #expect(
                        action.message?.ko.contains(document.order.id) == true
                            || action.message?.ko.contains(document.shipment.trackingNumber) == true)
                }
            }
        }
        #expect(seen.count >= 12, "the population exercises most rules: \(seen)")
    }
}
