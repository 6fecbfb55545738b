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
