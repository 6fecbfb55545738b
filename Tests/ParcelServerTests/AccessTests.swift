import Foundation
import ParcelApp
import ParcelCore
import Testing
import VaporTesting

@testable import ParcelServer

@Suite("Roles, sign-in lifetimes, signing out")
struct AccessTests {
    static let newUser = #"{"email": "New@Shop.kr", "password": "a long password", "role": "staff"}"#

    @Test(
        "owner-only routes: staff get 403 and nothing changes, the owner is allowed",
        arguments: [(HTTPMethod.GET, "/api/v1/users", nil), (.POST, "/api/v1/users", newUser)])
    func ownerOnly(method: HTTPMethod, path: String, json: String?) async throws {
        try await withServer { server in
            let staff = try await server.staffToken()
            // MUT
            let refused = try await server.send(method, path, json: json, token: staff)
            let allowed = try await server.send(method, path, json: json)
            // validate
            #expect(refused.status == .forbidden)
            #expect(
                try server.object(refused)["error"] as? String == "staff may not do this: it needs the owner's role")
            #expect(allowed.status == (method == .GET ? .ok : .created), "\(allowed.body.string)")
            let users = try await server.services.accounts.users().map(\.email)
            #expect(users.count == (method == .GET ? 2 : 3))
        }
    }

    @Test("every registered route but the open few refuses a caller without a token, however it was registered")
    func everyRouteNeedsAToken() async throws {
        let open: Set<String> = [
            "GET /health", "GET /ping", "GET /metrics", "GET /openapi.yaml", "POST /api/v1/sessions",
            // Signing in from a browser, the script, and the buyer's page (its token is in the path).
            "GET /login", "POST /login", "GET /assets/desk.js", "GET /t/X-1", "POST /t/X-1/ask",
            "POST /t/X-1/claims",
        ]
        try await withServer { server in
            let routes = server.app.routes.all.map { route in
                (
                    route.method,
                    "/"
                        + route.path.map { component in
                            if case .constant(let text) = component { text } else { "X-1" }
                        }.joined(separator: "/")
                )
            }
            // The two raw Vapor routes beside the generated ones, so the walk found them all.
            #expect(routes.contains { $0.0 == .POST && $0.1 == "/api/v1/events" })
            #expect(routes.contains { $0.0 == .GET && $0.1 == "/api/v1/orders/X-1" })
            // The seller's pages send a browser without a session to sign in, and come back after.
            let pages = Set(RouteRules.pages.filter { !$0.open }.map { "\($0.method.rawValue) \($0.pathText)" })
            for (method, path) in routes where !open.contains("\(method.rawValue) \(path)") {
                let answer = try await server.send(method, path, json: "{}", token: .some(nil))
                let pattern = path.replacingOccurrences(of: "X-1", with: ":id")
                if pages.contains("\(method.rawValue) \(pattern)") {
                    #expect(answer.status == .seeOther, "\(method.rawValue) \(path) answered \(answer.status)")
                    #expect(answer.headers.first(name: .location)?.hasPrefix("/login") == true)
                } else {
                    #expect(answer.status == .unauthorized, "\(method.rawValue) \(path) answered \(answer.status)")
                }
            }
            for route in open {
                let parts = route.split(separator: " ")
                let answer = try await server.send(
                    HTTPMethod(rawValue: String(parts[0])), String(parts[1]),
                    json: #"{"email": "x@shop.kr", "password": "wrong password"}"#, token: .some(nil))
                #expect(answer.status != .unauthorized || route.hasSuffix("sessions"), "\(route) wants a token")
            }
        }
    }

    @Test("staff do the daily work: orders, events, the queue, an order's page")
    func staffDailyWork() async throws {
        try await withServer { server in
            let staff = try await server.staffToken()
            #expect(try await server.send(.POST, "/api/v1/orders", json: orderJSON, token: staff).status == .created)
            #expect(try await server.send(.GET, "/api/v1/orders/A-1001", token: staff).status == .ok)
            #expect(try await server.send(.GET, "/api/v1/orders", token: staff).status == .ok)
            #expect(try await server.send(.GET, "/api/v1/queue", token: staff).status == .ok)
            let events = try await server.send(.POST, "/api/v1/events", json: #"{"events": []}"#, token: staff)
            #expect(events.status == .ok)
        }
    }

    @Test("the owner lists and creates accounts; no password or hash is ever answered; the new account signs in")
    func users() async throws {
        let stepped = SteppedClock(testNow)
        try await withServer(clock: stepped.clock) { server in
            stepped.advance(hours: 1)
            // MUT
            let created = try await server.send(.POST, "/api/v1/users", json: Self.newUser)
            let taken = try await server.send(.POST, "/api/v1/users", json: Self.newUser)
            let short = try await server.send(
                .POST, "/api/v1/users", json: #"{"email": "x@shop.kr", "password": "short", "role": "staff"}"#)
            let notEmail = try await server.send(
                .POST, "/api/v1/users", json: #"{"email": "nobody", "password": "a long password", "role": "owner"}"#)
            let listed = try await server.send(.GET, "/api/v1/users")
            // validate
            #expect(created.status == .created)
            let user = try server.object(created)
            #expect(user["email"] as? String == "new@shop.kr")
            #expect(user["role"] as? String == "staff")
            #expect(Set(user.keys) == ["id", "email", "role", "createdAt"])
            #expect(taken.status == .conflict)
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("password"))
            #expect(notEmail.status == .unprocessableEntity)
            #expect(notEmail.body.string.contains("email"))
            let items = try #require(try server.object(listed)["items"] as? [[String: Any]])
            #expect(items.map { $0["email"] as? String } == [TestServer.ownerEmail, "new@shop.kr"])
            #expect(!listed.body.string.contains("$2"), "a bcrypt hash was answered")
            #expect(!listed.body.string.lowercased().contains("password"))
            let signIn = try await server.send(
                .POST, "/api/v1/sessions", json: #"{"email": "new@shop.kr", "password": "a long password"}"#,
                token: .some(nil))
            #expect(signIn.status == .created)
            #expect(try server.object(signIn)["role"] as? String == "staff")
        }
    }

    @Test("a sign-in token works until PARCELDESK_SESSION_HOURS have passed, then answers 401")
    func sessionExpiry() async throws {
        let stepped = SteppedClock(testNow)
        try await withServer(clock: stepped.clock, settings: { $0.sessionHours = 2 }) { server in
            let signIn = try await server.send(
                .POST, "/api/v1/sessions",
                json: #"{"email": "owner@shop.kr", "password": "\#(TestServer.ownerPassword)"}"#, token: .some(nil))
            let body = try server.object(signIn)
            let token = try #require(body["token"] as? String)
            // validate: the answer says when, in UTC, and the token keeps to it.
            #expect(body["expiresAt"] as? String == "2026-11-22T02:00:00Z")
            stepped.advance(hours: 1.9)
            #expect(try await server.send(.GET, "/api/v1/queue", token: token).status == .ok)
            stepped.advance(hours: 0.1)
            let expired = try await server.send(.GET, "/api/v1/queue", token: token)
            #expect(expired.status == .unauthorized)
            #expect(try server.object(expired)["error"] as? String == "unknown, expired or revoked token")
            // The owner's API token has no expiry.
            #expect(try await server.send(.GET, "/api/v1/queue").status == .ok)
        }
    }

    @Test("signing out answers 204 and the token is refused at once; other tokens keep working")
    func signOut() async throws {
        try await withServer { server in
            let signIn = try await server.send(
                .POST, "/api/v1/sessions",
                json: #"{"email": "owner@shop.kr", "password": "\#(TestServer.ownerPassword)"}"#, token: .some(nil))
            let token = try #require(try server.object(signIn)["token"] as? String)
            // Seen once, so the token is in the server's cache when it signs out.
            #expect(try await server.send(.GET, "/api/v1/queue", token: token).status == .ok)
            // MUT
            let out = try await server.send(.DELETE, "/api/v1/sessions/current", token: token)
            // validate
            #expect(out.status == .noContent)
            #expect(try await server.send(.GET, "/api/v1/queue", token: token).status == .unauthorized)
            #expect(try await server.send(.DELETE, "/api/v1/sessions/current", token: token).status == .unauthorized)
            #expect(
                try await server.send(.DELETE, "/api/v1/sessions/current", token: .some(nil)).status == .unauthorized)
            #expect(try await server.send(.GET, "/api/v1/queue").status == .ok)
            let log = try await server.services.accounts.auditLog().map(\.action)
            #expect(log.contains("token.revoke"))
        }
    }

    @Test("every generated operation has its access declared, and signing in is the only open one")
    func everyOperationDeclared() throws {
        let config = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(
                    "Sources/ParcelServer/openapi-generator-config.yaml"),
            encoding: .utf8)
        let operations = config.split(separator: "\n").drop { !$0.hasPrefix("  operations:") }.dropFirst()
            .prefix { $0.hasPrefix("    - ") }.map { String($0.dropFirst(6)) }
        #expect(operations.count >= 8)
        #expect(Set(operations) == Set(OperationAccess.table.keys))
        #expect(OperationAccess.table.filter { $0.value == .open }.map(\.key) == ["createSession"])
    }
}
