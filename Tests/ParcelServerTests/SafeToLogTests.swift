import Testing
import Vapor

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

@Suite("Passwords")
struct PasswordTests {
    @Test(
        "bcrypt reads a password past a NUL and past 72 bytes' worth of Korean: a different ending is a wrong password")
    func wholePasswordCounts() async throws {
        let passwords = Passwords(cost: 4)
        let withNUL = try await passwords.hash("open sesame\u{0}one")
        #expect(try await passwords.verify("open sesame\u{0}one", hash: withNUL))
        #expect(!(try await passwords.verify("open sesame\u{0}two", hash: withNUL)))
        #expect(!(try await passwords.verify("open sesame", hash: withNUL)))
        let korean = String(repeating: "가나다라", count: 6)
        let long = try await passwords.hash(korean + "마바사")
        #expect(try await passwords.verify(korean + "마바사", hash: long))
        #expect(!(try await passwords.verify(korean + "아자차", hash: long)))
        // A hash made before (plain bcrypt) still opens with its password.
        let older = try Bcrypt.hash("correct horse battery", cost: 4)
        #expect(try await passwords.verify("correct horse battery", hash: older))
        #expect(!(try await passwords.verify("correct horse", hash: older)))
    }
}
