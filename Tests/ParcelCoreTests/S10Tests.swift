import Testing

@testable import ParcelCore

@Suite("S10 decoding")
struct S10Tests {
    let detector = NumberDetector()

    @Test("a registered letter from Great Britain decodes field by field")
    func decodes() throws {
        let result = detector.check("RB123456785GB")
        let s10 = try #require(result.s10)
        #expect(s10.service == "RB")
        #expect(s10.serviceName.en == "Registered letter post")
        #expect(s10.serial == "12345678")
        #expect(s10.checkDigit == "5")
        #expect(s10.checkDigitValid)
        #expect(s10.country == "GB")
        #expect(s10.operator == "Royal Mail")
        #expect(s10.tracked)
    }

    @Test(
        "service classes: EMS, parcels and registered are tracked; unregistered letter post is not",
        arguments: [
            ("EE", true), ("CP", true), ("HA", true), ("RR", true), ("LX", true), ("VV", true), ("UA", false),
            ("MA", false),
        ])
    func tracked(service: String, tracked: Bool) throws {
        let result = detector.check("\(service)123456785CN")
        #expect(result.valid)
        #expect(try #require(result.s10).tracked == tracked)
        #expect(result.warnings.contains(.untrackedService) == !tracked)
    }

    @Test("an unallocated service indicator or an unknown country is not a valid S10 number")
    func unallocated() throws {
        let service = detector.check("XA123456785CN")
        #expect(!service.valid)
        #expect(service.candidates.first?.reasons.contains(.s10ServiceUnknown("XA")) == true)
        #expect(try #require(service.s10).serviceName.en == "Unallocated service indicator")
        let country = detector.check("RR123456785XX")
        #expect(!country.valid)
        #expect(country.candidates.first?.carrier == nil)
        #expect(country.candidates.first?.reasons.contains(.s10CountryUnknown("XX")) == true)
    }

    @Test("Korea Post EMS links to the international tracking page")
    func epostLink() {
        #expect(detector.check("EE123456785KR").trackingURL?.contains("RetrieveEmsRigiTraceList") == true)
    }
}
