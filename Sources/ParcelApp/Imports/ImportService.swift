import CSV
import Foundation
import ParcelCore

/// What an import did, line by line.
public struct ImportReport: Sendable {
    public var format: ImportFormat
    /// Data rows read (the header aside).
    public var rows = 0
    public var imported = 0
    public var skipped = 0
    public var problems: [ImportProblem] = []
    public var flagged: [FlaggedNumber] = []

    /// True when the file went in as asked (all of it, or the good rows with `skipBad`).
    public var succeeded: Bool

    public struct FlaggedNumber: Sendable, Hashable {
        public let line: Int
        public let externalID: String
        public let trackingNumber: String
        public let kind: String
        public let suggestions: [String]
    }
}

/// Imports a marketplace's order export: reads the file (UTF-8, or the
/// CP949 that Korean Excel saves), maps its columns, checks every row, and
/// stores the orders in one transaction, or none of them.
public struct ImportService: Sendable {
    let orderService: OrderService
    let validator: OrderValidator

    public init(orders: OrderService, validator: OrderValidator) {
        self.orderService = orders
        self.validator = validator
    }

    public func run(
        _ data: Data, format: ImportFormat, mappings: [String] = [], skipBad: Bool, now: Timestamp, actor: String,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> ImportReport {
        var report = ImportReport(format: format, succeeded: false)
        let fieldMap: [String: ImportField]
        switch OrderImporter.mappings(mappings) {
        case .success(let value): fieldMap = value
        case .failure(let problem):
            report.problems = [problem]
            return report
        }
        guard let text = Self.text(data) else {
            report.problems = [
                ImportProblem(line: 0, column: nil, message: "not text: expected a CSV file in UTF-8 or CP949")
            ]
            return report
        }
        let table: (header: [String], rows: [(line: Int, cells: [String])])
        do {
            table = try Self.table(text)
        } catch {
            report.problems = [error as? ImportProblem ?? ImportProblem(line: 0, column: nil, message: "\(error)")]
            return report
        }
        report.rows = table.rows.count
        let importer = OrderImporter(layout: .standard(format), validator: validator, mappings: fieldMap)
        let columns: [ImportField: Int]
        switch importer.columns(header: table.header) {
        case .success(let value): columns = value
        case .failure(let failure):
            report.problems = failure.problems
            return report
        }
        var (orders, problems) = importer.orders(table.rows, columns: columns)
        progress?(table.rows.count / 2, table.rows.count)
        // Orders already in the store are problems of their lines too.
        let taken = try await orderService.existingExternalIDs(orders.map(\.draft.info.id))
        let externalColumn = importer.columnNames(columns)[.externalId]
        for order in orders where taken.contains(order.draft.info.id) {
            problems.append(
                ImportProblem(
                    line: order.line, column: externalColumn,
                    message: "order \(order.draft.info.id) is already imported"))
        }
        orders.removeAll { taken.contains($0.draft.info.id) }
        report.problems = problems.sorted { $0.line < $1.line }
        let badLines = Set(problems.map(\.line))
        report.skipped = badLines.count
        guard problems.isEmpty || skipBad else {
            report.skipped = 0
            return report
        }
        for order in orders {
            guard let note = order.draft.numberNote, let shipment = order.draft.shipment else { continue }
            report.flagged.append(
                ImportReport.FlaggedNumber(
                    line: order.line, externalID: order.draft.info.id, trackingNumber: shipment.trackingNumber,
                    kind: note.kind.rawValue, suggestions: note.suggestions))
        }
        // One transaction for the whole file: it goes in entirely or not at all.
        try await orderService.createOrders(orders.map { NewOrder($0.draft) }, now: now, actor: actor)
        report.imported = orders.count
        report.succeeded = true
        progress?(table.rows.count, table.rows.count)
        return report
    }

    /// UTF-8 (with or without a byte-order mark) or CP949.
    static func text(_ data: Data) -> String? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return String(data: data, encoding: String.Encoding(rawValue: 0x8000_0422))
    }

    /// The header and every non-empty row, each with the file line it starts on.
    static func table(_ text: String) throws -> (header: [String], rows: [(line: Int, cells: [String])]) {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: UnicodeScalar =
            firstLine.filter({ $0 == "\t" }).count > firstLine.filter({ $0 == "," }).count ? "\t" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw ImportProblem(line: 1, column: nil, message: "not a CSV file: \(error)")
        }
        guard let header = reader.headerRow else { throw ImportProblem(line: 1, column: nil, message: "empty file") }
        var rows: [(Int, [String])] = []
        var line = 2 + header.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
        while let cells = reader.next() {
            if !cells.allSatisfy({ $0.trimmed.isEmpty }) { rows.append((line, cells)) }
            // A quoted field may span lines; the next record starts after them.
            line += 1 + cells.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
        }
        if let error = reader.error {
            throw ImportProblem(line: line, column: nil, message: "cannot read the CSV here: \(error)")
        }
        return (header, rows)
    }
}
