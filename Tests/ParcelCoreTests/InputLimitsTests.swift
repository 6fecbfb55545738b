import Foundation
import ParcelCore
import Testing

@Suite("Input limits, contacts, spreadsheet text, JSON bodies")
struct InputLimitsTests {
    @Test("a text is measured in characters, up to its limit and no further")
    func limits() {
        #expect(InputLimits.problem(String(repeating: "김", count: 100), limit: 100) == nil)
        #expect(InputLimits.problem(String(repeating: "김", count: 101), limit: 100) == "at most 100 characters")
    }

    @Test(
        "phones and e-mails as buyers' records hold them",
        arguments: [
            ("010-1234-5678", true), ("+82 10 1234 5678", true), ("(02) 123-4567", true), ("010-****-5678", true),
            ("=1+1", false), ("123", false), ("010-1234-5678 ext", false), ("82+10-1234-5678", false),
        ])
    func phones(text: String, valid: Bool) {
        #expect(ContactCheck.isPhone(text) == valid)
    }

    @Test(
        "e-mail shapes",
        arguments: [
            ("minji@shop.kr", true), ("a.b+c@mail.example.com", true), ("@SUM(1+1)", false), ("a@b", false),
            ("a b@shop.kr", false), ("a@@shop.kr", false), ("a@.shop.kr", false),
        ])
    func emails(text: String, valid: Bool) {
        #expect(ContactCheck.isEmail(text) == valid)
    }

    @Test("text a spreadsheet would run is written so that it shows as text")
    func spreadsheet() {
        for formula in ["=1+1", "@SUM(A1)", "+82 10", "-1", "\t=x", "\r=x"] {
            #expect(SpreadsheetText.neutralized(formula) == "'" + formula)
        }
        #expect(SpreadsheetText.neutralized("김민지") == "김민지")
        #expect(SpreadsheetText.neutralized("") == "")
    }

    @Test("JSON bodies: UTF-8 and depth checked in one pass; brackets inside strings do not count")
    func bodies() {
        func problem(_ bytes: [UInt8]) -> JSONBodyCheck.Problem? {
            bytes.withUnsafeBytes { JSONBodyCheck.problem($0) }
        }
        #expect(problem(Array(#"{"name": "김민지 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#.utf8)) == nil)
        #expect(problem(Array((String(repeating: "[", count: 32) + String(repeating: "]", count: 32)).utf8)) == nil)
        #expect(
            problem(Array((String(repeating: "[", count: 33) + String(repeating: "]", count: 33)).utf8))
                == .tooDeep(limit: 32))
        #expect(problem([0x22, 0xED, 0xA0, 0x80, 0x22]) == .notUTF8(offset: 1))  // a surrogate
        #expect(problem([0x22, 0xC0, 0xAF, 0x22]) == .notUTF8(offset: 1))  // overlong
        #expect(problem([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22]) == nil)  // 😀
        #expect(problem([0x22, 0xE4, 0xB8]) == .notUTF8(offset: 1))  // cut short
    }
}
