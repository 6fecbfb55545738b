import Foundation
import SQLiteNIO
import Testing

@testable import ParcelStore

/// The SQLite fast path calls sqlite-nio's internal C module directly
/// (docs/PERFORMANCE.md says why). These tests fail when that arrangement drifts.
@Suite("SQLite C API")
struct SQLiteCSymbolsTests {
    @Test("SQLiteFile calls only the functions SQLiteCAPI lists, each listed once")
    func listMatchesCalls() throws {
        let source = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/ParcelStore/SQLite/SQLiteFile.swift"),
            encoding: .utf8)
        // The calls are the code above the list; the list itself must not count as a call.
        let list = try #require(source.range(of: "enum SQLiteCAPI {"))
        let called = Set(
            source[..<list.lowerBound].matches(of: /sqlite_nio_sqlite3_[a-z0-9_]+/).map { String($0.output) })
        let listed = SQLiteCAPI.functions.map(\.name)
        #expect(Set(listed).count == listed.count)
        // The version check is called from the list's own `libraryVersion`.
        #expect(called.union(["sqlite_nio_sqlite3_libversion_number"]) == Set(listed))
        // No other file of the store reaches for the C API.
        let store = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ParcelStore")
        let others = try FileManager.default.subpathsOfDirectory(atPath: store.path).filter {
            $0.hasSuffix(".swift") && !$0.hasSuffix("SQLiteFile.swift")
        }
        for file in others {
            let text = try String(contentsOf: store.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("sqlite_nio_sqlite3_"), "\(file) calls the SQLite C API")
        }
    }

    @Test("the fast path and SQLiteNIO run the same copy of the SQLite library")
    func sameLibrary() {
        #expect(SQLiteCAPI.libraryVersion == SQLiteConnection.libraryVersion())
        #expect(SQLiteCAPI.libraryVersion >= 3_038_000)
    }
}
