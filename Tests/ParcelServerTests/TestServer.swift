import Foundation
import Logging
import NIOCore
import ParcelApp
import ParcelCore
import ParcelStore
import ParcelTestSupport
import Synchronization
import Testing
import VaporTesting

@testable import ParcelServer

let testNow = time("2026-11-22T09:00:00+09:00")

/// A server on an in-memory database, with an owner and a token, at a fixed moment.
struct TestServer {
    let app: Application
    let store: Store
    let services: Services
    /// The owner's API token, sent by default.
    let token: String

    static let ownerEmail = "owner@shop.kr"
    static let ownerPassword = "correct horse battery"

    func send(
        _ method: HTTPMethod, _ path: String, json: String? = nil, body: String? = nil, contentType: String? = nil,
        token: String?? = .none, headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var headers = extra
        switch token {
        case .none: headers.bearerAuthorization = BearerAuthorization(token: self.token)
        case .some(.some(let value)): headers.bearerAuthorization = BearerAuthorization(token: value)
        case .some(.none): break
        }
        var buffer: ByteBuffer?
        if let json {
            if !headers.contains(name: .contentType) { headers.contentType = .json }
            buffer = ByteBuffer(string: json)
        } else if let body {
            if !headers.contains(name: .contentType) {
                headers.replaceOrAdd(name: .contentType, value: contentType ?? "text/csv")
            }
            buffer = ByteBuffer(string: body)
        }
        return try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
    }

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
                .appendingPathComponent(name))
    }
}

func withServer(
    clock: ServerClock = .fixed(testNow), settings: (inout ServerConfiguration) -> Void = { _ in },
    passwords: any ParcelApp.PasswordHasher = Passwords(cost: 4), logs: LogCapture? = nil,
    _ body: (TestServer) async throws -> Void
) async throws {
    try await withApp { app in
        if let logs { app.logger = logs.logger }
        var configuration = ServerConfiguration()
        configuration.location = .memory
        settings(&configuration)
        let parts = try await configure(
            app, configuration: configuration,
            dependencies: ServerDependencies(clock: clock, passwords: passwords, refresher: false))
        let accounts = parts.services.accounts
        _ = try await accounts.createUser(
            email: TestServer.ownerEmail, password: TestServer.ownerPassword, role: .owner, now: clock.now(),
            actor: "test")
        let token = try await accounts.createAPIToken(
            email: TestServer.ownerEmail, name: "test", lifetime: nil, now: clock.now(), actor: "test"
        ).token
        try await body(TestServer(app: app, store: parts.store, services: parts.services, token: token))
    }
}

let orderJSON = """
    {"externalId": "A-1001", "marketplace": "AliExpress", "placedAt": "2026-11-01T10:00:00+09:00",
     "promisedBy": "2026-11-25", "buyer": {"name": "김민지", "phone": "010-1234-5678"},
     "items": [{"name": "휴대폰 케이스", "quantity": 2, "price": 3.99}],
     "shipment": {"trackingNumber": "LP00123456789012", "shippingOption": "AliExpress Standard Shipping",
                  "shippedAt": "2026-11-18T09:00:00+08:00", "origin": "CN", "destination": "KR"}}
    """

/// A clock the test moves by hand.
final class SteppedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var moment: Timestamp

    init(_ start: Timestamp) {
        moment = start
    }

    var clock: ServerClock { ServerClock { self.now } }

    var now: Timestamp { lock.withLock { moment } }

    func advance(hours: Double) {
        lock.withLock { moment = moment.adding(hours: hours) }
    }
}

extension TestServer {
    /// A staff account and its API token.
    func staffToken(email: String = "staff@shop.kr") async throws -> String {
        _ = try await services.accounts.createUser(
            email: email, password: "staff password", role: .staff, now: testNow, actor: "test")
        return try await services.accounts.createAPIToken(
            email: email, name: "test", lifetime: nil, now: testNow, actor: "test"
        ).token
    }
}

/// Everything the server logs, at every level, as one text to search.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(capture: self) }
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let error = event.error.map { String(reflecting: $0) } ?? ""
            capture.append("\(event.level) \(event.message) \(all) \(error)")
        }
    }
}
