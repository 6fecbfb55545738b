import Testing

@testable import ParcelStore

@Suite("Packed rows")
struct PackedRowsTests {
    @Test("reads strings with every escape, numbers, booleans and nulls, with or without spaces")
    func cells() throws {
        let rows = try PackedRows.parse(
            #"[["a\"b\\c\/d\n\t\r\b\f", 12, -3.25, 1.5e3, null, true, false], [ "\u00e9\ud83d\udce6송" ,0 ],[]]"#)
        #expect(
            rows == [
                [
                    .text("a\"b\\c/d\n\t\r\u{8}\u{C}"), .number(12), .number(-3.25), .number(1500), .null, .bool(true),
                    .bool(false),
                ],
                [.text("é📦송"), .number(0)], [],
            ])
        #expect(rows[0][1].int == 12)
        #expect(rows[0][2].int == nil)
        #expect(rows[0][4].string == nil)
    }

    @Test("the numbers SQLite and PostgreSQL print for times read back to the same double")
    func exactNumbers() throws {
        for value in [1_763_800_000.123_456_7, 0.1, -0.000_001_5, 1e21, 123_456_789_012_345_678] {
            let rows = try PackedRows.parse("[[\(value)]]")
            #expect(rows[0][0].double == value)
        }
    }

    @Test("an empty list is no rows; broken text is an error, not rows", arguments: ["[]", " [ ] "])
    func empty(text: String) throws {
        #expect(try PackedRows.parse(text).isEmpty)
    }

    @Test("broken text throws", arguments: [#"[["a"#, #"[[1,]"#, "[[nul]]", "[1]", "", #"[["\u12"]]"#, "[[-]]"])
    func broken(text: String) {
        #expect(throws: PackedRows.ParseError.self) { try PackedRows.parse(text) }
    }
}
