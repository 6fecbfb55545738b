import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("Simulator")
struct SimulatorTests {
    static let now = time("2026-11-22T09:00:00+09:00")

    @Test("the same seed and moment give the same shipments; another seed gives others")
    func deterministic() {
        let first = Simulator(seed: 42, now: Self.now).documents(count: 300)
        let again = Simulator(seed: 42, now: Self.now).documents(count: 300)
        let other = Simulator(seed: 43, now: Self.now).documents(count: 300)
        #expect(first == again)
        #expect(first != other)
        #expect(zip(first, other).filter { $0 == $1 }.count < 3)
    }

    @Test("shipment i does not depend on how many are generated")
    func independentShipments() {
        let simulator = Simulator(seed: 9, now: Self.now)
        let many = simulator.documents(count: 200)
        #expect(Array(many.prefix(50)) == simulator.documents(count: 50))
        #expect(simulator.shipment(137).document == many[137])
    }

    @Test("every simulated event is in some source's table: nothing reads as unknown")
    func realVocabulary() {
        let normalizer = EventNormalizer.standard
        let documents = Simulator(seed: 3, now: Self.now, config: .uniform(10)).documents(count: 1500)
        var events = 0
        for document in documents {
            for event in document.events {
                events += 1
                let reading = normalizer.classify(event)
                #expect(!reading.isUnknown, "unread: \(event.source) \(event.code ?? "-") \(event.text)")
                #expect(reading.matchedBy != .keyword, "only a keyword for \(event.source) \(event.text)")
            }
        }
        #expect(events > 15_000)
    }

    @Test("nothing happens after the simulation's moment, and events stay on their shipment's route")
    func routes() {
        let simulated = Simulator(seed: 4, now: Self.now).shipments(count: 800)
        for shipment in simulated {
            let document = shipment.document
            #expect(document.events.allSatisfy { $0.time <= Self.now })
            #expect(document.order.placedAt < document.shipment.shippedAt!)
            #expect(shipment.crossBorder == document.shipment.isCrossBorder)
            if !shipment.crossBorder {
                #expect(document.events.allSatisfy { $0.carrier == document.shipment.carrier })
            }
        }
        let crossBorder = simulated.filter(\.crossBorder).count
        #expect((400...560).contains(crossBorder), "about 60% cross-border, got \(crossBorder) of 800")
    }

    /// Shipments given only `fault`, and those of them old enough to show it.
    func injected(_ fault: SimulatedFault, crossBorder: Int = 60, shippedDaysAgo: Double = 0)
        -> [(SimulatedShipment, ShipmentAnalysis)]
    {
        var config = SimulationConfig.uniform(0)
        config.faultPercents[fault] = 100
        config.crossBorderPercent = crossBorder
        let diagnoser = Diagnoser()
        return Simulator(seed: 17, now: Self.now, config: config).shipments(count: 400)
            .filter { $0.faults.contains(fault) }
            .filter { $0.document.shipment.shippedAt!.days(until: Self.now) >= shippedDaysAgo }
            .map { ($0, diagnoser.analyze($0.document, now: Self.now)) }
    }

    func share(_ pairs: [(SimulatedShipment, ShipmentAnalysis)], _ test: (ShipmentAnalysis) -> Bool) -> Double {
        Double(pairs.filter { test($0.1) }.count) / Double(max(pairs.count, 1))
    }

    func has(_ codes: DiagnosisCode...) -> (ShipmentAnalysis) -> Bool {
        { analysis in analysis.diagnoses.contains { codes.contains($0.code) } }
    }

    @Test(
        "each injected fault shows up as the diagnosis a seller would expect",
        arguments: [
            (SimulatedFault.originStall, [DiagnosisCode.stalledOrigin, .longSilence, .refundEligible], 6.0, 0.95),
            (.customsLoop, [.customsLoop], 12, 0.95),
            (.dutiesDue, [.dutiesDue], 12, 0.95),
            (.missingHandoff, [.handoffMissing], 16, 0.95),
            (.lost, [.stalledInternational, .stalledOrigin, .longSilence, .refundEligible], 20, 0.95),
            (.untrackedOption, [.untrackedService], 0, 1.0),
            // A slip in a number without a check digit is still a valid number: it shows as never activated.
            (.numberTypo, [.numberFixable, .numberInvalid, .carrierMismatch, .notActivated], 0, 0.95),
            (.duplicateNumber, [.numberDuplicate], 0, 1.0),
            (.sourceLag, [.sourcesDisagree], 20, 0.5),
            (.eventAfterDelivery, [.eventAnomaly], 8, 0.95),
        ])
    func faultsAreDiagnosed(fault: SimulatedFault, codes: [DiagnosisCode], daysAgo: Double, minimum: Double) {
        let pairs = injected(fault, crossBorder: fault == .eventAfterDelivery ? 0 : 100, shippedDaysAgo: daysAgo)
        #expect(pairs.count >= 30, "too few \(fault) shipments: \(pairs.count)")
        let rate = share(pairs) { analysis in analysis.diagnoses.contains { codes.contains($0.code) } }
        #expect(rate >= minimum, "\(fault): \(rate) diagnosed as \(codes)")
    }

    @Test("a late first scan really is late, and a clean population is mostly quiet")
    func lateFirstScanAndClean() throws {
        for (shipment, analysis) in injected(.lateFirstScan, shippedDaysAgo: 8) {
            let firstScan = try #require(analysis.timeline.entries.first { $0.isCarrierScan })
            #expect(shipment.document.shipment.shippedAt!.hours(until: firstScan.time) >= 60)
        }
        let diagnoser = Diagnoser()
        let clean = Simulator(seed: 17, now: Self.now, config: .uniform(0)).documents(count: 400)
            .map { diagnoser.analyze($0, now: Self.now) }
        let troubled = clean.filter { $0.diagnoses.contains { $0.severity >= .act } }
        #expect(Double(troubled.count) / Double(clean.count) < 0.1, "\(troubled.map { $0.diagnoses.map(\.code) })")
    }

    @Test("a slip in a Korean waybill is caught by its check digit most of the time")
    func domesticTypos() {
        let pairs = injected(.numberTypo, crossBorder: 0)
        let caught = share(pairs, has(.numberFixable, .numberInvalid, .carrierMismatch))
        #expect(pairs.count >= 30)
        #expect(caught >= 0.75, "\(caught)")
    }

    @Test("a returned domestic parcel ends returning, after failed attempts")
    func returned() {
        for (_, analysis) in injected(.returned, crossBorder: 0, shippedDaysAgo: 8) {
            #expect(analysis.milestone == .returning)
            #expect(analysis.timeline.entries.contains { $0.milestone == .deliveryFailed })
        }
    }
}
