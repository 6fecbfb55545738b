import Testing

@testable import ParcelCore

@Suite("Normalization")
struct NormalizerTests {
    @Test(
        "pasted numbers become the bare number, with every fix reported",
        arguments: [
            ("  LP00123456789012\t", "LP00123456789012", ["trimmed"]),
            ("lp 0012 3456 7890 12", "LP00123456789012", ["removed_spaces", "uppercased"]),
            ("6892-1234-5670", "689212345670", ["removed_hyphens"]),
            ("6892.1234.5670", "689212345670", ["removed_dots"]),
            ("ＬＰ００１２３４５６７８９０１２", "LP00123456789012", ["fullwidth_to_ascii"]),
            ("ｒｂ１２３４５６７８５ｇｂ", "RB123456785GB", ["fullwidth_to_ascii", "uppercased"]),
            ("\u{200B}RB123456785GB\u{FEFF}", "RB123456785GB", ["removed_invisible"]),
            ("RB 123\u{00A0}456\u{3000}785 GB", "RB123456785GB", ["removed_spaces", "fullwidth_to_ascii"]),
            ("=\"689212345670\"", "689212345670", ["removed_spreadsheet_formula"]),
            ("'689212345670", "689212345670", ["removed_quotes"]),
            ("\"689212345670\"", "689212345670", ["removed_quotes"]),
            ("6892–1234—5670", "689212345670", ["removed_hyphens"]),
            ("LP00123456789012", "LP00123456789012", []),
        ])
    func fixes(input: String, normalized: String, fixes: [String]) {
        // MUT
        let result = Normalizer.normalize(input)
        // validate
        #expect(result.text == normalized)
        #expect(result.shape.fixes.codes == fixes)
        #expect(result.shape.otherCount == 0)
        #expect(Symbol.text(of: result.symbols) == normalized)
    }

    @Test("characters that are not part of a number are kept, so the number fails")
    func keepsForeignCharacters() {
        let result = Normalizer.normalize("LP0012#3456 송장")
        #expect(result.text == "LP0012#3456송장")
        #expect(result.shape.otherCount == 3)
        #expect(result.shape.count == 13)
    }

    @Test("invalid UTF-8 becomes a replacement character and never crashes")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x4C, 0x50, 0xFF, 0xC3, 0x28, 0xE2, 0x82, 0x31]
        var sink = CollectText()
        var symbols = [UInt8](repeating: 0, count: 16)
        let shape = bytes.withUnsafeBufferPointer { input in
            symbols.withUnsafeMutableBufferPointer { Normalizer.normalize(input, into: $0, text: &sink) }
        }
        // Each bad byte is one replacement character; the stray "(" stays as typed.
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "LP\u{FFFD}\u{FFFD}(\u{FFFD}\u{FFFD}1")
        #expect(shape.otherCount == 5)
        #expect(shape.count == 8)
    }

    @Test("more characters than the symbol buffer holds are still counted")
    func longInputIsCounted() {
        let long = String(repeating: "1234567890", count: 20)
        var sink = DiscardText()
        var symbols = [UInt8](repeating: 0, count: 128)
        var input = long
        let shape = input.withUTF8 { bytes in
            symbols.withUnsafeMutableBufferPointer { Normalizer.normalize(bytes, into: $0, text: &sink) }
        }
        #expect(shape.count == 200)
    }

    @Test("white-space-only lines are blank; punctuation-only lines are not")
    func blankLines() {
        #expect(NumberDetector.isBlank(""))
        #expect(NumberDetector.isBlank(" \t "))
        #expect(NumberDetector.isBlank("\u{3000}\u{00A0}"))
        #expect(!NumberDetector.isBlank("---"))
        #expect(!NumberDetector.isBlank("\u{200B}"))
    }
}
