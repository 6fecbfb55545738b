import Testing

@testable import ParcelCore

@Suite("Warnings")
struct WarningTests {
    let detector = NumberDetector()

    @Test("a UPS number on an order marked CJ is a carrier mismatch")
    func carrierMismatch() throws {
        let result = detector.check("1Z5R89390357567127", context: try DetectionContext.parse("carrier=kr.cjlogistics"))
        #expect(result.valid)
        #expect(result.carrier == "us.ups")
        #expect(result.warnings.contains(.carrierMismatch))
        let right = detector.check("1Z5R89390357567127", context: try DetectionContext.parse("carrier=us.ups"))
        #expect(!right.warnings.contains(.carrierMismatch))
    }

    @Test("an untracked shipping option is flagged even for a valid number")
    func untrackedOption() throws {
        let result = detector.check(
            "LP00123456789012", context: try DetectionContext.parse("option=Cainiao Super Economy Global"))
        #expect(result.valid)
        #expect(result.warnings.contains(.untrackedService))
        #expect(!detector.check("LP00123456789012").warnings.contains(.untrackedService))
    }

    @Test("spreadsheet scientific notation is explained, not just rejected")
    func scientific() {
        let result = detector.check("6.09123E+11")
        #expect(!result.valid)
        #expect(result.warnings.contains(.spreadsheetScientific))
        #expect(!detector.check("609123000000").warnings.contains(.spreadsheetScientific))
    }

    @Test("very long input and punctuation-only input are invalid with a reason")
    func junk() {
        let long = detector.check(String(repeating: "1234567890", count: 12))
        #expect(!long.valid)
        #expect(long.warnings.contains(.tooLong))
        #expect(long.suggestions.isEmpty)
        let dashes = detector.check("---")
        #expect(!dashes.valid)
        #expect(dashes.normalized.isEmpty)
        #expect(dashes.warnings.contains(.noDigitsOrLetters))
    }
}
