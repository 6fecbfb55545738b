import Foundation
import ParcelCore
import Synchronization

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
    /// Chunks being checked while one is written: enough to keep two cores busy,
    /// and never so many that an import crowds out the rest of the server.
    static let chunksAhead = min(4, max(2, ProcessInfo.processInfo.activeProcessorCount - 1))

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
                rows.keep(columns: columns.values)
                let group = columns[.externalId]
                // Once a row is bad and bad rows are not skipped, nothing will be kept: chunks
                // are then only checked, to name every problem, not prepared for storing.
                let keepsNothing = Flag()
                let check = ChunkCheck(
                    importer: importer, columns: columns, writer: writer, orders: orderService, now: now,
                    keepsNothing: keepsNothing)
                // The file is read, and chunks checked and analysed, on other threads, a few
                // chunks ahead, while this one writes. One read at a time, in file order.
                let nextRows = {
                    Task(executorPreference: globalConcurrentExecutor) {
                        try Task.checkCancellation()
                        return try rows.next(Self.chunkRows, groupedBy: group)
                    }
                }
                var reading = nextRows()
                var ahead: [Task<ReadChunk, any Error>] = []
                func readAhead() async throws {
                    while ahead.count < Self.chunksAhead, let chunk = try await reading.value {
                        reading = nextRows()
                        ahead.append(Task(executorPreference: globalConcurrentExecutor) { try await check(chunk) })
                    }
                }
                var pass = ImportPass(report: empty, externalColumn: importer.columnNames(columns)[.externalId])
                do {
                    try await readAhead()
                    while !ahead.isEmpty {
                        let chunk = try await ahead.removeFirst().value
                        try await readAhead()
                        let batch = pass.take(chunk)
                        if pass.report.problems.isEmpty || skipBad {
                            try await writer.store(batch, in: transaction, now: now)
                            pass.stored(batch, heldBefore: chunk.stored)
                        } else {
                            keepsNothing.set()
                        }
                        // Freed on another thread, not the writer's: the task holds the chunk's last reference.
                        let spent = (consume chunk, consume batch)
                        Task(executorPreference: globalConcurrentExecutor) { withExtendedLifetime(spent) {} }
                        progress?(min(pass.report.rows, estimate), max(estimate, pass.report.rows))
                    }
                } catch {
                    // Nothing of this attempt runs on after it: neither a retry nor a closed store may meet it.
                    reading.cancel()
                    ahead.forEach { $0.cancel() }
                    _ = try? await reading.value
                    for task in ahead { _ = try? await task.value }
                    throw error
                }
                var report = pass.report
                report.problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
                report.skipped = Set(report.problems.map(\.line)).count
                guard report.problems.isEmpty || skipBad else {
                    report.skipped = 0
                    report.imported = 0
                    report.flagged = []
                    throw RolledBack(report: report)
                }
                try await writer.refreshSharing(pass.sharing, in: transaction, now: now)
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
    /// order and tracking numbers among it that are already stored.
    struct ReadChunk: Sendable {
        struct Entry: Sendable {
            let line: Int
            let order: OrderRecord
        }

        let rows: Int
        let entries: [Entry]
        let batch: PreparedBatch
        let problems: [ImportProblem]
        /// Order numbers already imported.
        let taken: Set<String>
        /// Tracking numbers a stored shipment already carries.
        let stored: Set<String>
    }

    /// Checks a chunk's rows and prepares its orders; runs off the writer.
    struct ChunkCheck: Sendable {
        let importer: OrderImporter
        let columns: [ImportField: Int]
        let writer: OrderWriter
        let orders: OrderService
        let now: Timestamp
        let keepsNothing: Flag

        func callAsFunction(_ rows: [(line: Int, cells: [String])]) async throws -> ReadChunk {
            try Task.checkCancellation()
            let (imported, problems) = importer.orders(rows, columns: columns)
            try Task.checkCancellation()
            guard !keepsNothing.isSet else {
                return ReadChunk(
                    rows: rows.count,
                    entries: imported.map {
                        ReadChunk.Entry(
                            line: $0.line, order: OrderRecord(id: UUID.forNewRow(), draft: $0.draft, searchText: ""))
                    },
                    batch: PreparedBatch([]), problems: problems,
                    taken: try await orders.existingExternalIDs(imported.map(\.draft.info.id)), stored: [])
            }
            let prepared = imported.map { writer.prepare(NewOrder($0.draft), now: now) }
            let batch = PreparedBatch(prepared)
            return ReadChunk(
                rows: rows.count,
                entries: zip(imported, prepared).map { ReadChunk.Entry(line: $0.line, order: $1.record) },
                batch: batch, problems: problems,
                taken: try await orders.existingExternalIDs(imported.map(\.draft.info.id)),
                stored: try await orders.storedNumbers(batch.numbers))
        }
    }

    /// Set once, read from other threads.
    final class Flag: Sendable {
        private let value = Atomic(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set() { value.store(true, ordering: .relaxed) }
    }

    /// One attempt's account of the file: the report so far, and what later chunks are checked against.
    struct ImportPass {
        var report: ImportReport
        let externalColumn: String?
        /// The line each order number was first seen on.
        var firstLine: [String: Int] = [:]
        /// Tracking numbers stored so far.
        var numbers: Set<String> = []
        /// Those that may now be on more than one order: to diagnose again at the end.
        var sharing: Set<String> = []

        /// Counts the chunk into the report and returns what of it to store:
        /// an order seen in an earlier chunk, or already stored, is a problem of its line.
        mutating func take(_ chunk: ReadChunk) -> PreparedBatch {
            report.rows += chunk.rows
            report.problems += chunk.problems
            var dropped: Set<UUID> = []
            for entry in chunk.entries {
                let id = entry.order.draft.info.id
                if let first = firstLine[id] {
                    report.problems.append(
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
                    report.problems.append(
                        ImportProblem(
                            line: entry.line, column: externalColumn, message: "order \(id) is already imported"))
                    dropped.insert(entry.order.id)
                    continue
                }
                if let note = entry.order.draft.numberNote, let shipment = entry.order.draft.shipment {
                    report.flagged.append(
                        ImportReport.FlaggedNumber(
                            line: entry.line, externalID: id, trackingNumber: shipment.trackingNumber,
                            kind: note.kind.rawValue, suggestions: note.suggestions))
                }
            }
            return chunk.batch.removing(orders: dropped)
        }

        /// Notes a stored batch: its orders, and its numbers held before or more than once in the file.
        mutating func stored(_ batch: PreparedBatch, heldBefore: Set<String>) {
            report.imported += batch.count
            for number in batch.numbers where !numbers.insert(number).inserted || heldBefore.contains(number) {
                sharing.insert(number)
            }
            sharing.formUnion(batch.repeatedNumbers)
        }
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
