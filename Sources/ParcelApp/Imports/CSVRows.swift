import Foundation
import ParcelCore

/// The rows of a CSV file read as they are needed, a chunk at a time, each
/// with the file line it starts on. Comma- or tab-separated, found from the header.
final class CSVRows: @unchecked Sendable {
    let header: [String]
    /// About how many data rows the file has (its line breaks less the header's), for progress.
    let estimatedRows: Int
    private var scanner: CSVScanner
    private var pending: (line: Int, cells: [String])?

    init(_ utf8: Data) throws {
        scanner = CSVScanner(utf8, delimiter: CSVScanner.delimiter(of: utf8))
        let first: (line: Int, cells: [String])?
        do {
            first = try scanner.next()
        } catch {
            throw ImportProblem(line: error.line, column: nil, message: "cannot read the header: \(error.message)")
        }
        guard let first, first.cells.contains(where: { !$0.trimmed.isEmpty }) else {
            throw ImportProblem(line: 1, column: nil, message: "empty file: expected a header line")
        }
        header = first.cells
        estimatedRows = max(0, CSVScanner.lineBreaks(in: utf8) - (scanner.line - 1))
    }

    /// Only these columns are read from here on; the others come back empty
    /// (a row with text only in them is still a row, not a blank line).
    func keep(columns: some Collection<Int>) {
        var kept = [Bool](repeating: false, count: (columns.max() ?? -1) + 1)
        for column in columns { kept[column] = true }
        scanner.keptColumns = kept
    }

    /// Up to about `limit` non-empty rows; never splits the rows of one
    /// value of column `key` (one order's products) across two chunks. Nil at the end.
    func next(_ limit: Int, groupedBy key: Int?) throws -> [(line: Int, cells: [String])]? {
        var rows: [(line: Int, cells: [String])] = []
        rows.reserveCapacity(limit + 8)
        while true {
            let row: (line: Int, cells: [String])
            if let held = pending {
                row = held
                pending = nil
            } else {
                do {
                    guard let read = try scanner.next() else { break }
                    row = read
                } catch {
                    throw ImportProblem(line: error.line, column: nil, message: error.message)
                }
            }
            if rows.count >= limit, let key, let last = rows.last?.cells,
                key >= last.count || key >= row.cells.count || last[key].trimmed != row.cells[key].trimmed
            {
                pending = row
                return rows
            }
            if scanner.skippedText || row.cells.contains(where: { !$0.trimmed.isEmpty }) { rows.append(row) }
        }
        return rows.isEmpty ? nil : rows
    }
}
