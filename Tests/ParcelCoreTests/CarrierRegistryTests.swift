import Foundation
import Testing

@testable import ParcelCore

@Suite("Carrier registry")
struct CarrierRegistryTests {
    let registry = CarrierRegistry.standard

    @Test("every carrier the product promises is registered")
    func requiredCarriers() {
        let required = [
            "kr.cjlogistics", "kr.hanjin", "kr.lotte", "kr.logen", "kr.epost", "kr.kdexp", "kr.ilyanglogis",
            "kr.chunilps", "kr.daesin", "kr.cvsnet", "kr.cupost", "kr.coupangls", "cn.cainiao", "cn.yunexpress",
            "cn.4px", "cn.yanwen", "cn.chinapost", "us.ups", "us.fedex", "us.usps", "de.dhl", "us.amazon",
            "ca.canadapost", "de.dpd", "gb.royalmail",
        ]
        for id in required {
            let carrier = registry.carrier(id: id)
            #expect(carrier != nil, "\(id) missing")
            #expect(carrier?.name.ko.isEmpty == false)
            #expect(carrier?.trackingURLTemplate?.contains("{number}") == true, "\(id) has no tracking URL")
        }
    }

    @Test("ids are <country>.<name>, lower case, unique")
    func idShape() {
        let ids = registry.carriers.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: ".")
            #expect(parts.count == 2, "\(id)")
            #expect(parts[0].count == 2 && parts[0].allSatisfy { $0.isLowercase && $0.isASCII }, "\(id)")
            #expect(parts[1].allSatisfy { ($0.isLowercase || $0.isNumber) && $0.isASCII }, "\(id)")
        }
        let formats = registry.formatIDs.map(\.format)
        #expect(Set(formats).count == formats.count)
    }

    @Test("every S10 country code has an operator that is a carrier")
    func s10Operators() throws {
        #expect(S10.operators.count > 190)
        for postalOperator in S10.operators {
            let (found, carrier) = try #require(registry.s10Operator(country: postalOperator.country))
            #expect(found.country == postalOperator.country)
            #expect(carrier.id == postalOperator.carrierID)
            #expect(carrier.trackingURLTemplate != nil)
        }
        #expect(registry.s10Operator(country: "CN")?.1.id == "cn.chinapost")
        #expect(registry.s10Operator(country: "KR")?.1.id == "kr.epost")
        #expect(registry.s10Operator(country: "GB")?.1.id == "gb.royalmail")
        #expect(registry.s10Operator(country: "YP")?.1.id == "cn.yanwen")
        #expect(registry.s10Operator(country: "XX") == nil)
    }

    @Test("people can name a carrier by id, short id or name in either language")
    func resolveCarrier() {
        #expect(registry.resolveCarrier("kr.lotte")?.id == "kr.lotte")
        #expect(registry.resolveCarrier("롯데택배")?.id == "kr.lotte")
        #expect(registry.resolveCarrier("lotte")?.id == "kr.lotte")
        #expect(registry.resolveCarrier("CJ대한통운")?.id == "kr.cjlogistics")
        #expect(registry.resolveCarrier("CJ Logistics")?.id == "kr.cjlogistics")
        #expect(registry.resolveCarrier("우체국택배")?.id == "kr.epost")
        #expect(registry.resolveCarrier("nonsense") == nil)
    }

    @Test("numbers generated for every format are recognized as that format")
    func everyFormatRoundTrips() throws {
        let corpus = NumberCorpus()
        let detector = NumberDetector()
        var random = SeededRandom(seed: 42)
        for formatID in corpus.formatIDs {
            for _ in 0..<25 {
                let number = try #require(corpus.validNumber(formatID: formatID, using: &random))
                let result = detector.check(number)
                #expect(result.valid, "\(formatID): \(number)")
                #expect(
                    result.candidates.contains { $0.format == formatID && $0.valid },
                    "\(formatID): \(number) → \(result.candidates.map(\.format))")
            }
        }
    }
}
