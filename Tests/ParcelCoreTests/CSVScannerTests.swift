import Foundation
import ParcelCore
import Testing

@Suite("Reading CSV by bytes")
struct CSVScannerTests {
    func records(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [(line: Int, cells: [String])] {
        var scanner = CSVScanner(Data(text.utf8), delimiter: delimiter)
        var records: [(line: Int, cells: [String])] = []
        while let record = try scanner.next() { records.append(record) }
        return records
    }

    @Test("quoted fields keep their commas, doubled quotes and line breaks; lines are counted across them")
    func quoted() throws {
        // setup
        let text = "주문번호,상품명,메모\r\n1,\"텀블러, 500ml\",\"그는 \"\"빨리\"\"라고\"\r\n2,\"두 줄\n짜리\",끝\n3,,\n"
        // MUT
        let rows = try records(text)
        // validate
        #expect(
            rows.map(\.cells) == [
                ["주문번호", "상품명", "메모"], ["1", "텀블러, 500ml", "그는 \"빨리\"라고"], ["2", "두 줄\n짜리", "끝"],
                ["3", "", ""],
            ])
        #expect(rows.map(\.line) == [1, 2, 3, 5])
    }

    @Test("LF, CRLF and CR end lines alike; a last line without a break is read; a blank line is one empty cell")
    func lineEnds() throws {
        let rows = try records("a,b\rc,d\r\n\ne,f")
        #expect(rows.map(\.cells) == [["a", "b"], ["c", "d"], [""], ["e", "f"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4])
    }

    @Test("what spreadsheets write by mistake is kept as text, not refused")
    func lenient() throws {
        let rows = try records("5\"4,\"a\"b,x\n")
        #expect(rows.map(\.cells) == [["5\"4", "ab", "x"]])
    }

    @Test("a quoted field that never closes is named by the line it opens on")
    func unclosed() throws {
        var scanner = CSVScanner(Data("a,b\n1,2\n3,\"never\nclosed,4\n".utf8), delimiter: UInt8(ascii: ","))
        _ = try scanner.next()
        _ = try scanner.next()
        #expect(throws: CSVSyntaxError.self) { try scanner.next() }
        do {
            _ = try scanner.next()
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test("the delimiter is the header's: tabs when it has more tabs than commas")
    func delimiter() throws {
        #expect(CSVScanner.delimiter(of: Data("주문번호\t상품명, 옵션\t수량\n1,2\t3".utf8)) == UInt8(ascii: "\t"))
        #expect(CSVScanner.delimiter(of: Data("a,b\tc,d\n".utf8)) == UInt8(ascii: ","))
        let rows = try records("a\tb, c\n1\t2", delimiter: UInt8(ascii: "\t"))
        #expect(rows.map(\.cells) == [["a", "b, c"], ["1", "2"]])
    }

    @Test("columns not kept come back empty, quoted or not, and lines are still counted through them")
    func keptColumns() throws {
        var scanner = CSVScanner(Data("a,\"b\nb\",c,d\n1,\"x\"\"y\"z,3,4\n".utf8), delimiter: UInt8(ascii: ","))
        scanner.keptColumns = [true, false, true]
        #expect(try scanner.next()?.cells == ["a", "", "c", ""])
        let second = try scanner.next()
        #expect(second?.cells == ["1", "", "3", ""])
        #expect(second?.line == 3)
        #expect(scanner.skippedText)
        var blank = CSVScanner(Data(",,\n,,memo\n".utf8), delimiter: UInt8(ascii: ","))
        blank.keptColumns = [true, true]
        _ = try blank.next()
        #expect(!blank.skippedText)
        _ = try blank.next()
        #expect(blank.skippedText)
    }

    @Test("an empty file has no records")
    func empty() throws {
        #expect(try records("").isEmpty)
    }
}

@Suite("Row ids")
struct IdentifierTests {
    @Test("an id's text is uuidString's, and reads back as UUID(uuidString:) reads it")
    func text() {
        var generator = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let id = UUID.random(using: &generator)
            #expect(id.text == id.uuidString)
            #expect(UUID(uuidString: id.text) == id)
            #expect(UUID(text: id.text) == id)
            #expect(UUID(text: id.text.lowercased()) == id)
        }
        for bad in ["", "not-a-uuid", "0123456789ABCDEF0123456789ABCDEF0123", "01234567-89AB-CDEF-0123-456789ABCDEG"] {
            #expect(UUID(text: bad) == nil)
            #expect(UUID(uuidString: bad) == nil)
        }
    }
}
