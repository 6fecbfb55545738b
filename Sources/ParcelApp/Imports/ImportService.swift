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

    /// Rows checked and stored together: a few MB of drafts at a time, however large the file.
    static let chunkRows = 2_000
    /// Chunks being checked while one is written: enough to keep every core busy.
    static let chunksAhead = max(2, ProcessInfo.processInfo.activeProcessorCount)

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
        guard let text = Self.utf8(data) else {
            report.problems = [
                ImportProblem(line: 0, column: nil, message: "not text: expected a CSV file in UTF-8 or CP949")
            ]
            return report
        }
        let header: CSVRows
        do {
            header = try CSVRows(text)
        } catch {
            report.problems = [error as? ImportProblem ?? ImportProblem(line: 0, column: nil, message: "\(error)")]
            return report
        }
        let importer = OrderImporter(layout: .standard(format), validator: validator, mappings: fieldMap)
        let columns: [ImportField: Int]
        switch importer.columns(header: header.header) {
        case .success(let value): columns = value
        case .failure(let failure):
            report.problems = failure.problems
            return report
        }
        let estimate = max(1, header.estimatedRows)
        let orderService = orderService
        let empty = report
        do {
            // One transaction for the whole file, filled a chunk at a time: it goes in entirely or not at all.
            return try await orderService.inOneTransaction { writer, transaction in
                // Read from the top in every attempt: PostgreSQL may run this body again after a deadlock.
                let rows = try CSVRows(text)
                let group = columns[.externalId]
                // Chunks are checked and analysed on other threads, a few ahead, while this one writes.
                var ahead: [Task<ReadChunk, any Error>] = []
                defer { ahead.forEach { $0.cancel() } }
                func readAhead() throws {
                    while ahead.count < Self.chunksAhead, let chunk = try rows.next(Self.chunkRows, groupedBy: group) {
                        ahead.append(
                            Task(executorPreference: globalConcurrentExecutor) {
                                let (orders, problems) = importer.orders(chunk, columns: columns)
                                let taken = try await orderService.existingExternalIDs(orders.map(\.draft.info.id))
                                let prepared = orders.map { writer.prepare(NewOrder($0.draft), now: now) }
                                return ReadChunk(
                                    rows: chunk.count,
                                    entries: zip(orders, prepared).map {
                                        ReadChunk.Entry(line: $0.line, order: $1.record)
                                    },
                                    batch: PreparedBatch(prepared), problems: problems, taken: taken)
                            })
                    }
                }
                try readAhead()
                var report = empty
                var firstLine: [String: Int] = [:]
                var numbers: Set<String> = []
                let externalColumn = importer.columnNames(columns)[.externalId]
                while !ahead.isEmpty {
                    let chunk = try await ahead.removeFirst().value
                    try readAhead()
                    report.rows += chunk.rows
                    var problems = chunk.problems
                    // An order's rows come together; one seen in an earlier chunk, or already stored, is a problem of its line.
                    var dropped: Set<UUID> = []
                    for entry in chunk.entries {
                        let id = entry.order.draft.info.id
                        if let first = firstLine[id] {
                            problems.append(
                                ImportProblem(
                                    line: entry.line, column: externalColumn,
                                    message:
                                        "order \(id) appears again after other orders (first at line \(first)); keep an order's rows together"
                                ))
                            dropped.insert(entry.order.id)
                            continue
                        }
                        firstLine[id] = entry.line
                        if chunk.taken.contains(id) {
                            problems.append(
                                ImportProblem(
                                    line: entry.line, column: externalColumn, message: "order \(id) is already imported"
                                ))
                            dropped.insert(entry.order.id)
                            continue
                        }
                        let draft = entry.order.draft
                        if let note = draft.numberNote, let shipment = draft.shipment {
                            report.flagged.append(
                                ImportReport.FlaggedNumber(
                                    line: entry.line, externalID: id, trackingNumber: shipment.trackingNumber,
                                    kind: note.kind.rawValue, suggestions: note.suggestions))
                        }
                    }
                    report.problems += problems
                    // Once a row is bad and bad rows are not skipped, nothing will be kept: only read on, to name every problem.
                    if report.problems.isEmpty || skipBad {
                        let batch = chunk.batch.removing(orders: dropped)
                        try await writer.store(batch, in: transaction, now: now)
                        numbers.formUnion(batch.numbers)
                        report.imported += chunk.entries.count - dropped.count
                    }
                    // The chunk's many small strings are freed on another thread, not the writer's.
                    let spent = consume chunk
                    Task(executorPreference: globalConcurrentExecutor) { withExtendedLifetime(spent) {} }
                    progress?(min(report.rows, estimate), max(estimate, report.rows))
                }
                report.problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
                report.skipped = Set(report.problems.map(\.line)).count
                guard report.problems.isEmpty || skipBad else {
                    report.skipped = 0
                    report.imported = 0
                    report.flagged = []
                    throw RolledBack(report: report)
                }
                try await writer.refreshSharing(numbers, in: transaction, now: now)
                try await transaction.audit(
                    AuditEntry(
                        at: now.epochSeconds, actor: actor, action: "orders.import", subject: format.rawValue,
                        detail: "\(report.imported) order(s) from \(report.rows) row(s)"))
                report.succeeded = true
                progress?(report.rows, report.rows)
                return report
            }
        } catch let rolledBack as RolledBack {
            return rolledBack.report
        } catch let problem as ImportProblem {
            report.problems = [problem]
            return report
        }
    }

    /// A chunk of the file read, checked and made ready to write, with the
    /// order numbers among it that are already stored.
    struct ReadChunk: Sendable {
        struct Entry: Sendable {
            let line: Int
            let order: OrderRecord
        }

        let rows: Int
        let entries: [Entry]
        let batch: PreparedBatch
        let problems: [ImportProblem]
        let taken: Set<String>
    }

    /// Ends the import's transaction with nothing stored, carrying the report that says why.
    struct RolledBack: Error {
        let report: ImportReport
    }

    /// The file as UTF-8 without a byte-order mark: as it is, or converted from CP949.
    static func utf8(_ data: Data) -> Data? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) != nil {
            return Data(bytes)
        }
        return String(data: data, encoding: String.Encoding(rawValue: 0x8000_0422)).map { Data($0.utf8) }
    }
}
