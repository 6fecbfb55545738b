import Foundation
import Testing

@testable import ParcelCore

@Suite("Trimming and search folding")
struct TextFoldingTests {
    @Test("white space is Unicode's White_Space, every code point of it and nothing else")
    func whiteSpace() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if isWhiteSpace(scalar) != scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16, uppercase: true))")
            }
        }
        #expect("\u{3000} 김민지\u{00A0}\n".trimmed == "김민지")
        #expect("\u{FEFF}x".trimmed == "\u{FEFF}x")
    }

    @Test(
        "search text folds as lowercased() does",
        arguments: ["ORD-2026-AB", "김민지 CJ123", "lowercase 123", "ÉLODIE Ø", "İstanbul", "ＡＢＣ", "ㄱㄴ Ａ", ""])
    func folding(text: String) {
        #expect(text.lowercasedForSearch == text.lowercased())
    }
}
