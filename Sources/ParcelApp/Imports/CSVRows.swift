import CSV
import Foundation
import ParcelCore

/// The rows of a CSV file read as they are needed, a chunk at a time, each
/// with the file line it starts on. Comma- or tab-separated, found from the header.
final class CSVRows: @unchecked Sendable {
    let header: [String]
    /// About how many data rows the file has (its line count less the header), for progress.
    let estimatedRows: Int
    private let reader: CSVReader
    private var line: Int
    private var pending: [String]?

    init(_ utf8: Data) throws {
        let firstLine = utf8.prefix { $0 != UInt8(ascii: "\n") }
        let tabs = firstLine.count { $0 == UInt8(ascii: "\t") }
        let commas = firstLine.count { $0 == UInt8(ascii: ",") }
        let delimiter: UnicodeScalar = tabs > commas ? "\t" : ","
        estimatedRows = utf8.count { $0 == UInt8(ascii: "\n") }
        do {
            reader = try CSVReader(
                stream: InputStream(data: utf8), codecType: UTF8.self, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw ImportProblem(line: 1, column: nil, message: "not a CSV file: \(error)")
        }
        guard let header = reader.headerRow else { throw ImportProblem(line: 1, column: nil, message: "empty file") }
        self.header = header
        line = 2 + header.reduce(0) { $0 + Self.breaks(in: $1) }
    }

    /// Up to about `limit` non-empty rows; never splits the rows of one
    /// value of column `key` (one order's products) across two chunks. Nil at the end.
    func next(_ limit: Int, groupedBy key: Int?) throws -> [(line: Int, cells: [String])]? {
        var rows: [(line: Int, cells: [String])] = []
        rows.reserveCapacity(limit + 8)
        while true {
            let cells: [String]
            if let held = pending {
                cells = held
                pending = nil
            } else if let read = reader.next() {
                cells = read
            } else {
                break
            }
            if rows.count >= limit, let key, let last = rows.last?.cells,
                key >= last.count || key >= cells.count || last[key].trimmed != cells[key].trimmed
            {
                pending = cells
                return rows
            }
            if !cells.allSatisfy({ $0.trimmed.isEmpty }) { rows.append((line, cells)) }
            // A quoted field may span lines; the next record starts after them.
            line += 1 + cells.reduce(0) { $0 + Self.breaks(in: $1) }
        }
        if let error = reader.error {
            throw ImportProblem(line: line, column: nil, message: "cannot read the CSV here: \(error)")
        }
        return rows.isEmpty ? nil : rows
    }

    static func breaks(in cell: String) -> Int {
        cell.utf8.count { $0 == UInt8(ascii: "\n") }
    }
}
