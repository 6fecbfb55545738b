import Foundation
import Testing

@testable import ParcelCore

@Suite("Rendering")
struct RenderingTests {
    @Test("JSON keeps key order and escapes what parsers mishandle")
    func jsonEscaping() throws {
        let value = JSONValue.object([
            ("z", .string("a\"b\\c\nd\u{1}\u{FEFF}\u{2028}송")),
            ("a", .array([.null, .bool(true), .int(-3), .double(0.25)])),
        ])
        let text = value.serialized()
        #expect(text == #"{"z":"a\"b\\c\nd\u0001\ufeff\u2028송","a":[null,true,-3,0.25]}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["z"] as? String == "a\"b\\c\nd\u{1}\u{FEFF}\u{2028}송")

        // Neighbours of the escaped invisible characters (same lead bytes) stay as they are.
        let mixed = "\u{AD}\u{A0}\u{200B}\u{2010}é€📦\u{7F}\u{2064}\u{2065}\u{FEFE}"
        #expect(
            JSONValue.string(mixed).serialized()
                == "\"\\u00ad\u{A0}\\u200b\u{2010}é€📦\\u007f\\u2064\u{2065}\u{FEFE}\"")
        let roundTrip = try JSONSerialization.jsonObject(
            with: Data(JSONValue.array([.string(mixed)]).serialized().utf8))
        #expect((roundTrip as? [String])?.first == mixed)
    }

    @Test("a number that does not fit the chosen carrier says so first, in both languages")
    func mismatchHeadline() throws {
        let report = NumberDetector().check("12345678901", context: try DetectionContext.parse("carrier=kr.lotte"))
        let korean = report.text(.ko)
        let english = report.text(.en)
        #expect(korean.hasPrefix("12345678901  ✘ 롯데택배 (kr.lotte) 번호로는 맞지 않음"))
        #expect(english.hasPrefix("12345678901  ✘ not a Lotte Global Logistics (kr.lotte) number"))
        #expect(korean.contains("123456789013  롯데택배 (kr.lotte) — 마지막 글자 3 누락"))
        #expect(english.contains("123456789013  Lotte Global Logistics (kr.lotte) — last character 3 missing"))
    }

    @Test("fixes and the S10 breakdown are spelled out for people")
    func readableFixes() {
        let text = NumberDetector().check("ｒｂ 1234-5678 5gb").text(.en)
        #expect(
            text.contains(
                "normalized: RB123456785GB (spaces removed, hyphens removed, full-width characters converted, upper-cased)"
            ))
        #expect(text.contains("S10: RB Registered letter post · issued in GB · Royal Mail"))
    }
}
