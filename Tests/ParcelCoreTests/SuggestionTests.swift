import Testing

@testable import ParcelCore

@Suite("Suggestions for numbers that are not valid")
struct SuggestionTests {
    let detector = NumberDetector()

    @Test("a letter O typed for a zero is fixed first")
    func lookalikeLetter() throws {
        let result = detector.check("LP0O123456789012")
        #expect(!result.valid)
        let first = try #require(result.suggestions.first)
        #expect(first.number == "LP00123456789012")
        #expect(first.reason == "lookalike")
        #expect(first.carrier == "cn.cainiao")
    }

    @Test("several lookalikes in one number are fixed together")
    func manyLookalikes() throws {
        // "l" for 1 and "O" for 0, as copied from a handwritten label.
        let result = detector.check("RB l234S678SGB")
        let first = try #require(result.suggestions.first)
        #expect(first.number == "RB123456785GB")
        #expect(first.edit.kind == .lookalike)
    }

    @Test("a missing last digit is the top fix when the chosen carrier's check digit decides it")
    func missingLast() throws {
        let result = detector.check("12345678901", context: try DetectionContext.parse("carrier=kr.lotte"))
        let first = try #require(result.suggestions.first)
        #expect(first.edit.kind == .missingLastCharacter)
        #expect(first.carrier == "kr.lotte")
        #expect(
            detector.check(first.number, context: try DetectionContext.parse("carrier=kr.lotte")).carrier == "kr.lotte")
    }

    @Test("two swapped neighbours are found")
    func swapped() throws {
        // setup: swap the first neighbours that the UPS check digit catches (mod 10 misses some swaps).
        let original = Array("1Z5R89390357567127")
        var swappedNumber: String?
        for position in 2..<(original.count - 1) where original[position] != original[position + 1] {
            var copy = original
            copy.swapAt(position, position + 1)
            if !detector.check(String(copy)).valid {
                swappedNumber = String(copy)
                break
            }
        }
        // MUT
        let result = detector.check(try #require(swappedNumber))
        // validate
        #expect(!result.valid)
        #expect(result.suggestions.contains { $0.number == String(original) && $0.reason == "swapped_neighbours" })
    }

    @Test("an extra character is found")
    func extra() {
        let result = detector.check("RB1234567855GB")
        #expect(result.suggestions.contains { $0.number == "RB123456785GB" && $0.edit.kind == .extraCharacter })
    }

    @Test("never more than five, each one valid, none equal to the input")
    func bounded() {
        for number in ["RB123456786US", "1Z5R89390357567128", "LP0012345678901", "YT222952127216444"] {
            let result = detector.check(number)
            #expect(result.suggestions.count <= NumberDetector.maxSuggestions)
            #expect(!result.suggestions.isEmpty, "\(number)")
            for suggestion in result.suggestions {
                #expect(suggestion.number != result.normalized)
                let again = detector.check(suggestion.number)
                #expect(again.candidates.contains { $0.carrier == suggestion.carrier && $0.valid })
            }
        }
    }

    @Test("valid numbers get no suggestions")
    func noneForValid() {
        #expect(detector.check("RB123456785GB").suggestions.isEmpty)
        #expect(detector.check("LP00123456789012").suggestions.isEmpty)
    }
}
