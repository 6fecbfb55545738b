import Testing

@testable import ParcelServer
@testable import ParcelStore

@Suite("What the error path may log")
struct SafeToLogTests {
    @Test("store errors say what failed without the database URL's password or a row's values")
    func storeErrors() {
        let url = StoreError.badDatabaseURL("postgres://desk:s3cret-pass@db.internal/parceldesk")
        #expect(!url.logMessage.contains("s3cret-pass"))
        #expect(StoreError.corruptRow(column: "orders.items").logMessage.contains("orders.items"))
        let failure = SQLiteFailure(
            code: 19, message: "UNIQUE constraint failed: orders.external_id",
            sql: "INSERT INTO orders VALUES (?1, ?2)")
        #expect(failure.logMessage == "SQLite error 19: UNIQUE constraint failed: orders.external_id")
    }
}

@Suite("Accept headers")
struct AcceptTests {
    @Test(
        "a range admits its type unless its most specific match says q=0",
        arguments: [
            ("application/json", true), ("*/*", true), ("application/*", true), ("", true),
            ("text/html", false), ("application/json;q=0", false), ("application/json; q=0.0, */*", false),
            ("text/html, */*;q=0.1", true), ("*/*;q=0", false), ("application/*;q=0, application/json", true),
        ])
    func accepts(header: String, admitted: Bool) {
        #expect(MediaRange.accepts(header, "application/json") == admitted)
    }
}
