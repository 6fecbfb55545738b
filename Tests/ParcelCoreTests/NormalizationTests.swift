import Foundation
import Testing

@testable import ParcelCore

/// One fixture case: a raw event as a source reports it, and how it must read.
struct NormalizationCase: Decodable, CustomTestStringConvertible {
    struct Expectation: Decodable {
        var status: String?
        var milestone: String?
        var customsStage: String?
        var reason: String?
        var by: String
    }

    var source: String
    var carrier: String
    var code: String?
    var text: String
    var expect: Expectation

    var testDescription: String { "\(source) \(code ?? "") \(text)" }
}

@Suite("Event normalization per source")
struct NormalizationTests {
    let normalizer = EventNormalizer.standard

    static let fixtureFiles = [
        "cjlogistics", "hanjin", "lotte", "logen", "epost", "cainiao", "17track", "aftership", "unipass", "keywords",
    ]

    func cases(_ file: String) throws -> [NormalizationCase] {
        try JSONDecoder().decode([NormalizationCase].self, from: fixtureData("events/\(file).json"))
    }

    @Test("each source's real codes and phrases read as their fixture says", arguments: fixtureFiles)
    func fixture(file: String) throws {
        // setup
        let cases = try cases(file)
        #expect(cases.count >= 5, "a source's fixture covers its main steps")
        for item in cases {
            // MUT
            let reading = normalizer.classify(
                source: item.source, carrier: item.carrier, code: item.code, text: item.text)
            // validate
            #expect(reading.status?.rawValue == item.expect.status, "\(item.testDescription)")
            #expect(reading.milestone?.rawValue == item.expect.milestone, "\(item.testDescription)")
            #expect(reading.customsStage?.rawValue == item.expect.customsStage, "\(item.testDescription)")
            #expect(reading.reason?.rawValue == item.expect.reason, "\(item.testDescription)")
            #expect(reading.matchedBy.rawValue == item.expect.by, "\(item.testDescription)")
        }
    }

    @Test("every source vocabulary has a fixture file")
    func everyVocabularyHasFixture() {
        for vocabulary in normalizer.vocabularies {
            #expect(Self.fixtureFiles.contains(vocabulary.id), "no fixture for \(vocabulary.id)")
        }
    }

    @Test("a known code wins over the words next to it")
    func codeBeatsText() {
        // A CJ 배달완료 code with a stale text still reads as delivered.
        let reading = normalizer.classify(source: "cjlogistics", carrier: "kr.cjlogistics", code: "91", text: "간선상차")
        #expect(reading.milestone == .delivered)
        #expect(reading.matchedBy == .code)
    }

    @Test("CJ's coarse cargo states read as the scan name beside them; general keywords do not override")
    func coarseCodeReadByScanName() {
        func reading(_ code: String, _ text: String) -> EventClassification {
            normalizer.classify(source: "cjlogistics", carrier: "kr.cjlogistics", code: code, text: text)
        }
        #expect(reading("21", "집화처리").milestone == .pickedUp)
        #expect(reading("21", "집화처리").matchedBy == .phrase)
        #expect(reading("21", "집화완료").milestone == .pickedUp)
        // "이동중" is only a keyword: the code still says more.
        #expect(reading("21", "고객님의 상품이 이동중입니다").milestone == .lastMileTransit)
        #expect(reading("21", "고객님의 상품이 이동중입니다").matchedBy == .code)
    }

    @Test("a source is found by its carrier when the source name is unknown")
    func vocabularyByCarrier() {
        let reading = normalizer.classify(source: "webhook", carrier: "kr.lotte", code: "40", text: "")
        #expect(reading.milestone == .outForDelivery)
        #expect(reading.matchedBy == .code)
    }

    @Test("text nobody can read stays unknown instead of being guessed")
    func unknownStaysUnknown() {
        let reading = normalizer.classify(source: "cainiao", carrier: "cn.cainiao", code: "XYZ_NEW", text: "###")
        #expect(reading.isUnknown)
        #expect(reading.status == nil)
        #expect(reading.matchedBy == .none)
    }

    @Test("a phrase from another source's table is not used as that source's")
    func phrasesStayWithTheirSource() {
        // "하기신고" is a UNI-PASS stage; a Logen event saying it is read by keyword rules only.
        let customs = normalizer.classify(source: "unipass", carrier: "kr.customs", code: nil, text: "하기신고 수리")
        let logen = normalizer.classify(source: "logen", carrier: "kr.logen", code: nil, text: "하기신고 수리")
        #expect(customs.customsStage == .unloaded)
        #expect(logen.customsStage == nil)
    }

    @Test(
        "times without an offset are on the source's clock",
        arguments: [
            ("cjlogistics", "kr.cjlogistics", 9 * 3600),
            ("cainiao", "cn.cainiao", 8 * 3600),
            ("unipass", "kr.customs", 9 * 3600),
            // 17TRACK relays the carrier's clock: the carrier's country decides.
            ("17track", "cn.cainiao", 8 * 3600),
            ("17track", "kr.hanjin", 9 * 3600),
        ])
    func localClock(source: String, carrier: String, offset: Int) {
        #expect(normalizer.defaultUTCOffset(source: source, carrier: carrier) == offset)
    }

    @Test("a carrier with several time zones has no default clock")
    func noGuessForWideCountries() {
        #expect(normalizer.defaultUTCOffset(source: "usps", carrier: "us.usps") == nil)
    }
}
