import CSV
import Foundation
import ParcelCore
import Testing

@Suite("The byte-level CSV reader against CSV.swift")
struct CSVReadingTests {
    /// Random files as spreadsheets write them: fields quoted when they hold a
    /// delimiter, a quote or a line break, CRLF or LF line ends.
    static func file(seed: UInt64, delimiter: Character) -> String {
        var random = SeededRandom(seed: seed)
        let pieces = ["김민지", "a", "1,000", "\"", "\n", "\r\n", " ", "\t", "텀블러 500ml", "'010", "=1+1", "🙂", ""]
        let lineEnd = Bool.random(using: &random) ? "\r\n" : "\n"
        var lines: [String] = []
        let width = Int.random(in: 1...6, using: &random)
        for _ in 0..<Int.random(in: 1...40, using: &random) {
            var cells: [String] = []
            for _ in 0..<width {
                var cell = ""
                for _ in 0..<Int.random(in: 0...4, using: &random) { cell += pieces.randomElement(using: &random)! }
                if cell.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r\n" })
                    || cell.isEmpty && width == 1
                {
                    cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                cells.append(cell)
            }
            lines.append(cells.joined(separator: String(delimiter)))
        }
        return lines.joined(separator: lineEnd) + (Bool.random(using: &random) ? lineEnd : "")
    }

    @Test("the same records as CSV.swift on 500 random files", arguments: [Character(","), Character("\t")])
    func sameRecords(delimiter: Character) throws {
        for seed in UInt64(1)...500 {
            // setup
            let text = Self.file(seed: seed, delimiter: delimiter)
            let reference = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter.unicodeScalars.first!)
            var expected: [[String]] = []
            while let row = reference.next() { expected.append(row) }
            // MUT
            var scanner = CSVScanner(Data(text.utf8), delimiter: delimiter.asciiValue!)
            var read: [[String]] = []
            while let record = try scanner.next() { read.append(record.cells) }
            // validate
            #expect(read == expected, "seed \(seed): \(text.debugDescription)")
        }
    }
}
