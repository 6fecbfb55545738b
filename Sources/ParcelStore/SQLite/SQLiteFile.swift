import Foundation
import NIOConcurrencyHelpers
import ParcelCore

// The SQLite library SQLiteNIO builds and links. Using that same copy matters:
// two copies of SQLite in one process lose each other's POSIX locks on a file.
// It is an internal module of sqlite-nio, which Package.swift pins to one
// exact version; this file is the only one that calls it (docs/PERFORMANCE.md).
#if canImport(VaporCSQLite)
    import VaporCSQLite
#else
    #error(
        "sqlite-nio no longer builds the VaporCSQLite module that SQLiteFile.swift calls: keep sqlite-nio at the version Package.swift pins, or port this file to the new module (SQLiteCSymbolsTests lists every function it needs)"
    )
#endif

/// The hot paths' direct line to an SQLite file: connections that keep their
/// prepared statements, so a busy statement is parsed once per connection
/// rather than once per call (SQLiteNIO prepares every query anew and hands
/// each call to a thread pool). Readers are pooled and run on the caller's
/// thread, which WAL mode makes safe: a reader never waits for the writer.
/// The single writer runs a whole transaction on a thread of its own.
final class SQLiteFile: Sendable {
    let path: String
    private let idleReaders = NIOLockedValueBox<[SQLiteConnectionHandle]>([])
    private let writer: SQLiteConnectionHandle
    private let checkpointer: NIOLockedValueBox<SQLiteConnectionHandle>
    private let closed = NIOLockedValueBox(false)

    init(path: String) throws {
        self.path = path
        writer = try SQLiteConnectionHandle(path: path, pragmas: Self.writerPragmas)
        checkpointer = NIOLockedValueBox(try SQLiteConnectionHandle(path: path, pragmas: []))
    }

    /// Settings for the writer connection. Write-ahead logging, so readers
    /// never wait for the writer and a killed process loses nothing
    /// committed (the mode stays with the file). A large page cache keeps a batch's
    /// index pages from being spilled mid-transaction; statement journals
    /// stay in memory; in WAL mode `synchronous=NORMAL` loses nothing when
    /// the process dies (a commit is in the log before it returns), only
    /// possibly the last commits on power loss. A commit checkpoints by
    /// itself only past 10,000 pages (40 MB) of log: the server's checkpointer
    /// (`Store.checkpoint`) copies most of the log back before then, though
    /// under a steady stream of batches the log still reaches that limit, and
    /// long command-line imports make few, large checkpoints. The library is
    /// built with secure delete, which zeroes every freed page: nothing here
    /// needs that.
    static let writerPragmas = [
        "PRAGMA journal_mode=WAL", "PRAGMA cache_size=-65536", "PRAGMA temp_store=MEMORY", "PRAGMA synchronous=NORMAL",
        "PRAGMA wal_autocheckpoint=\(autocheckpointPages)", "PRAGMA secure_delete=OFF",
    ]
    static let autocheckpointPages = 10_000
    /// Rows a transaction writes past which its commit does not checkpoint
    /// by itself (an import): copying its log back into the file before
    /// answering would hold the caller for a second per 100,000 rows, and the
    /// server's checkpointer (`Store.checkpoint`) does it in the background;
    /// a command line's store does it when it closes.
    static let bulkChanges: Int64 = 10_000

    static let readerPragmas = ["PRAGMA cache_size=-16384", "PRAGMA query_only=ON"]

    /// Runs `body` on an idle reader connection (opening one when none is
    /// idle) on the calling thread. Reads see the last commit.
    func read<T>(_ body: (SQLiteConnectionHandle) throws -> T) throws -> T {
        let connection =
            try idleReaders.withLockedValue { $0.popLast() }
            ?? SQLiteConnectionHandle(path: path, pragmas: Self.readerPragmas)
        defer {
            connection.resetStatements()
            let keep = closed.withLockedValue { !$0 }
            if keep { idleReaders.withLockedValue { $0.append(connection) } } else { connection.close() }
        }
        return try body(connection)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the writer
    /// connection, on the writer's own thread: committed when it returns,
    /// rolled back when it throws. Callers take turns (`Store.transaction`).
    func transaction<T: Sendable>(_ body: @Sendable (SQLiteConnectionHandle) async throws -> T) async throws -> T {
        let writer = writer
        return try await withTaskExecutorPreference(SQLiteWriterThread.shared) {
            try writer.execute("BEGIN IMMEDIATE")
            let changesBefore = writer.totalChanges
            do {
                let result = try await body(writer)
                writer.resetStatements()
                guard writer.totalChanges - changesBefore > Self.bulkChanges else {
                    try writer.execute("COMMIT")
                    return result
                }
                try writer.execute("PRAGMA wal_autocheckpoint=0")
                defer { try? writer.execute("PRAGMA wal_autocheckpoint=\(Self.autocheckpointPages)") }
                try writer.execute("COMMIT")
                return result
            } catch {
                writer.resetStatements()
                try? writer.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// One PASSIVE checkpoint on a connection of its own: copies committed
    /// pages from the log into the file without waiting for anyone. Returns
    /// the frames in the log and how many of them are now in the file.
    func checkpoint() throws -> (logFrames: Int, checkpointed: Int) {
        try checkpointer.withLockedValue { connection in
            let statement = try connection.statement("PRAGMA wal_checkpoint(PASSIVE)")
            defer { connection.resetStatements() }
            guard try statement.step() else { return (0, 0) }
            return (statement.int(1) ?? 0, statement.int(2) ?? 0)
        }
    }

    /// How many times statements of the idle readers and the writer were
    /// prepared again (SQLite does so when a bound value may change the plan:
    /// the cache is then no use). The statements' shapes keep this at zero.
    func timesPreparedAgain() -> Int {
        idleReaders.withLockedValue { $0.reduce(0) { $0 + $1.timesPreparedAgain } } + writer.timesPreparedAgain
    }

    /// Closes every connection; the last to close checkpoints the log into the file.
    func close() {
        closed.withLockedValue { $0 = true }
        let readers = idleReaders.withLockedValue { readers in
            defer { readers.removeAll() }
            return readers
        }
        for reader in readers { reader.close() }
        checkpointer.withLockedValue { $0.close() }
        writer.close()
    }
}

/// The thread the SQLite writer works on: a transaction's statements, and the
/// code between them, run there without a hand-over per statement.
final class SQLiteWriterThread: TaskExecutor, @unchecked Sendable {
    static let shared = SQLiteWriterThread()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        // Named from inside: on Linux a thread otherwise keeps its creator's name.
        let thread = Thread { [unowned self] in
            Thread.current.name = "sqlite-writer"
            run()
        }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: executor) }
        }
    }
}

/// An SQLite error with the library's message and the statement it came from.
public struct SQLiteFailure: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String

    public var description: String { "SQLite error \(code): \(message) (in \(sql.prefix(120)))" }

    /// A UNIQUE or PRIMARY KEY constraint refused a row (`SQLITE_CONSTRAINT_UNIQUE`
    /// and `_PRIMARYKEY`: extended codes, macros Swift does not import).
    var isUniqueViolation: Bool {
        code == SQLITE_CONSTRAINT | (8 << 8) || code == SQLITE_CONSTRAINT | (6 << 8)
    }

    /// The file's lock stayed taken past the busy timeout (`SQLITE_BUSY`, any extended form).
    var isBusy: Bool { code & 0xFF == SQLITE_BUSY }
}

/// One sqlite3 connection and its prepared statements. Not thread-safe:
/// used by one thread at a time (`SQLiteFile` sees to that).
final class SQLiteConnectionHandle: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatementHandle] = [:]
    private var inUse: [SQLiteStatementHandle] = []

    init(path: String, pragmas: [String]) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite_nio_sqlite3_close_v2(handle)
            throw SQLiteFailure(code: status, message: message, sql: "open \(path)")
        }
        self.handle = handle
        // Waits (sleeping) for another process's write lock instead of failing at once.
        sqlite_nio_sqlite3_busy_timeout(handle, 5000)
        for pragma in pragmas { try execute(pragma) }
    }

    deinit { close() }

    /// Runs statements that return no rows (`BEGIN`, `COMMIT`, pragmas).
    /// Rows inserted, changed or deleted on this connection since it opened.
    var totalChanges: Int64 { sqlite_nio_sqlite3_total_changes64(handle) }

    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, &error)
        guard status == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "failed"
            sqlite_nio_sqlite3_free(error)
            throw SQLiteFailure(code: status, message: message, sql: sql)
        }
    }

    /// The prepared statement for `sql`, made the first time it is asked for,
    /// reset and with its bindings cleared.
    func statement(_ sql: String) throws -> SQLiteStatementHandle {
        if let cached = statements[sql] {
            cached.reset()
            if !cached.handedOut { inUse.append(cached) }
            cached.handedOut = true
            return cached
        }
        var pointer: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(
            handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK, let pointer else { throw failure(status, sql) }
        let statement = SQLiteStatementHandle(pointer, connection: self, sql: sql)
        statements[sql] = statement
        statement.handedOut = true
        inUse.append(statement)
        return statement
    }

    /// Resets every statement used since the last call. A statement left on
    /// a row keeps the connection's read snapshot open: the next read would
    /// not see later commits, and the log could not be checkpointed past it.
    func resetStatements() {
        for statement in inUse {
            statement.reset()
            statement.handedOut = false
        }
        inUse.removeAll(keepingCapacity: true)
    }

    /// How many times SQLite had to prepare this connection's statements again.
    var timesPreparedAgain: Int {
        statements.values.reduce(0) { $0 + $1.timesPreparedAgain }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite_nio_sqlite3_changes64(handle)) }

    /// The rowid of the row this connection inserted last.
    var lastInsertedRow: Int64 { sqlite_nio_sqlite3_last_insert_rowid(handle) }

    func failure(_ status: Int32, _ sql: String) -> SQLiteFailure {
        let message = sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "failed"
        return SQLiteFailure(code: sqlite_nio_sqlite3_extended_errcode(handle), message: message, sql: sql)
    }

    func close() {
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }
}

/// A prepared statement: bind by position (from 1), step, read columns by
/// position (from 0). Text comes back by its byte length, so a NUL inside
/// a value survives.
final class SQLiteStatementHandle {
    private var pointer: OpaquePointer?
    private unowned let connection: SQLiteConnectionHandle
    let sql: String

    fileprivate init(_ pointer: OpaquePointer, connection: SQLiteConnectionHandle, sql: String) {
        self.pointer = pointer
        self.connection = connection
        self.sql = sql
    }

    fileprivate var handedOut = false

    fileprivate var timesPreparedAgain: Int {
        Int(sqlite_nio_sqlite3_stmt_status(pointer, SQLITE_STMTSTATUS_REPREPARE, 0))
    }

    /// Back to before the first step, bindings cleared: call before binding again.
    func reset() {
        sqlite_nio_sqlite3_reset(pointer)
        sqlite_nio_sqlite3_clear_bindings(pointer)
    }

    fileprivate func finalize() {
        sqlite_nio_sqlite3_finalize(pointer)
        pointer = nil
    }

    // MARK: Binding

    func bind(_ index: Int32, _ value: String?) {
        guard var value else { return bindNull(index) }
        value.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { text in
                // No bytes has no address, and a nil pointer would bind NULL, not "".
                if let start = text.baseAddress {
                    _ = sqlite_nio_sqlite3_bind_text64(
                        pointer, index, start, UInt64(text.count), transient, UInt8(SQLITE_UTF8))
                } else {
                    _ = sqlite_nio_sqlite3_bind_text64(pointer, index, "", 0, transient, UInt8(SQLITE_UTF8))
                }
            }
        }
    }

    func bind(_ index: Int32, _ value: Double?) {
        guard let value else { return bindNull(index) }
        sqlite_nio_sqlite3_bind_double(pointer, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) {
        guard let value else { return bindNull(index) }
        sqlite_nio_sqlite3_bind_int64(pointer, index, Int64(value))
    }

    /// UUIDs are stored as their upper-case text, as SQLKit writes them.
    func bind(_ index: Int32, _ value: UUID?) {
        bind(index, value?.text)
    }

    func bindNull(_ index: Int32) {
        sqlite_nio_sqlite3_bind_null(pointer, index)
    }

    // MARK: Stepping

    /// Advances to the next row: true on a row, false when done.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite_nio_sqlite3_step(pointer) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw connection.failure(status, sql)
        }
    }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func run() throws -> Int {
        try step()
        let changed = connection.changes
        sqlite_nio_sqlite3_reset(pointer)
        return changed
    }

    // MARK: Reading the current row

    func isNull(_ column: Int32) -> Bool {
        sqlite_nio_sqlite3_column_type(pointer, column) == SQLITE_NULL
    }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite_nio_sqlite3_column_text(pointer, column) else { return nil }
        let count = Int(sqlite_nio_sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func double(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite_nio_sqlite3_column_double(pointer, column)
    }

    func int(_ column: Int32) -> Int? {
        isNull(column) ? nil : Int(sqlite_nio_sqlite3_column_int64(pointer, column))
    }

    func uuid(_ column: Int32) -> UUID? {
        string(column).flatMap(UUID.init(text:))
    }

    /// Result columns by name, for rows read by name; worked out once per statement.
    private(set) lazy var columnIndexes: [String: Int32] = {
        var indexes: [String: Int32] = [:]
        for index in 0..<sqlite_nio_sqlite3_column_count(pointer) {
            if let name = sqlite_nio_sqlite3_column_name(pointer, index) { indexes[String(cString: name)] = index }
        }
        return indexes
    }()
}

/// SQLite copies bound values it is given with this destructor.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// Every function of SQLite's C API this file calls, by its name in
/// sqlite-nio's build. When a sqlite-nio release renames or drops one, the
/// build stops here, on the list, rather than somewhere in the code above;
/// `SQLiteCSymbolsTests` checks that the list and the calls agree and that
/// this is the same library copy SQLiteNIO runs.
enum SQLiteCAPI {
    nonisolated(unsafe) static let functions: [(name: String, function: Any)] = [
        ("sqlite_nio_sqlite3_bind_double", sqlite_nio_sqlite3_bind_double),
        ("sqlite_nio_sqlite3_bind_int64", sqlite_nio_sqlite3_bind_int64),
        ("sqlite_nio_sqlite3_bind_null", sqlite_nio_sqlite3_bind_null),
        ("sqlite_nio_sqlite3_bind_text64", sqlite_nio_sqlite3_bind_text64),
        ("sqlite_nio_sqlite3_busy_timeout", sqlite_nio_sqlite3_busy_timeout),
        ("sqlite_nio_sqlite3_changes64", sqlite_nio_sqlite3_changes64),
        ("sqlite_nio_sqlite3_clear_bindings", sqlite_nio_sqlite3_clear_bindings),
        ("sqlite_nio_sqlite3_close_v2", sqlite_nio_sqlite3_close_v2),
        ("sqlite_nio_sqlite3_column_bytes", sqlite_nio_sqlite3_column_bytes),
        ("sqlite_nio_sqlite3_column_count", sqlite_nio_sqlite3_column_count),
        ("sqlite_nio_sqlite3_column_double", sqlite_nio_sqlite3_column_double),
        ("sqlite_nio_sqlite3_column_int64", sqlite_nio_sqlite3_column_int64),
        ("sqlite_nio_sqlite3_column_name", sqlite_nio_sqlite3_column_name),
        ("sqlite_nio_sqlite3_column_text", sqlite_nio_sqlite3_column_text),
        ("sqlite_nio_sqlite3_column_type", sqlite_nio_sqlite3_column_type),
        ("sqlite_nio_sqlite3_errmsg", sqlite_nio_sqlite3_errmsg),
        ("sqlite_nio_sqlite3_exec", sqlite_nio_sqlite3_exec),
        ("sqlite_nio_sqlite3_extended_errcode", sqlite_nio_sqlite3_extended_errcode),
        ("sqlite_nio_sqlite3_finalize", sqlite_nio_sqlite3_finalize),
        ("sqlite_nio_sqlite3_last_insert_rowid", sqlite_nio_sqlite3_last_insert_rowid),
        ("sqlite_nio_sqlite3_free", sqlite_nio_sqlite3_free),
        ("sqlite_nio_sqlite3_open_v2", sqlite_nio_sqlite3_open_v2),
        ("sqlite_nio_sqlite3_prepare_v3", sqlite_nio_sqlite3_prepare_v3),
        ("sqlite_nio_sqlite3_reset", sqlite_nio_sqlite3_reset),
        ("sqlite_nio_sqlite3_step", sqlite_nio_sqlite3_step),
        ("sqlite_nio_sqlite3_stmt_status", sqlite_nio_sqlite3_stmt_status),
        ("sqlite_nio_sqlite3_total_changes64", sqlite_nio_sqlite3_total_changes64),
        ("sqlite_nio_sqlite3_libversion_number", sqlite_nio_sqlite3_libversion_number),
    ]

    /// The version of the SQLite library these calls reach.
    static var libraryVersion: Int32 { sqlite_nio_sqlite3_libversion_number() }
}
