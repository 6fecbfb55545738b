import Testing

@testable import ParcelCore

@Suite("Format patterns")
struct FormatPatternTests {
    @Test("literals, \\d, classes, ranges and quantifiers")
    func matching() throws {
        let s10 = try FormatPattern("[A-Z]{2}\\d{9}[A-Z]{2}")
        #expect(s10.matches(try #require(Symbol.symbols(of: "RB123456785GB"))))
        #expect(!s10.matches(try #require(Symbol.symbols(of: "RB12345678GB"))))
        #expect(!s10.matches(try #require(Symbol.symbols(of: "1B123456785GB"))))

        let fourPX = try FormatPattern("4PX[0-9A-Z]{13,16}")
        #expect(fourPX.templates.map(\.count) == [16, 17, 18, 19])
        #expect(fourPX.matches(try #require(Symbol.symbols(of: "4PX3001234567890CN"))))
        #expect(!fourPX.matches(try #require(Symbol.symbols(of: "4PY3001234567890CN"))))

        let sscc = try FormatPattern("0[0124]\\d{16}")
        #expect(sscc.matches(try #require(Symbol.symbols(of: "000123450000000027"))))
        #expect(!sscc.matches(try #require(Symbol.symbols(of: "030123450000000027"))))

        let range = try FormatPattern("[A-CX]9")
        #expect(range.matches([11, 9]))
        #expect(range.matches([33, 9]))
        #expect(!range.matches([13, 9]))
    }

    @Test(
        "syntax errors name the problem",
        arguments: ["", "a{2}", "\\w", "[A-Z", "\\d{3,1}", "\\d{0}", "[]", "(AB)"])
    func syntaxErrors(pattern: String) {
        #expect(throws: FormatPattern.SyntaxError.self) { try FormatPattern(pattern) }
    }
}
