import Foundation
import ParcelApp
import Vapor

/// What one route accepts, declared once for every route the server has:
/// the method, what it answers, the body it takes and how large.
struct RouteRule: Sendable {
    let method: HTTPMethod
    /// Path components; `:name` stands for any one segment.
    let path: [String]
    /// The media type of its answers (a 406 when the caller's `Accept` excludes it).
    let answers: String
    /// The body's media type, nil for a route without a body.
    let takes: String?
    /// Body bytes at most (413 above).
    let maxBody: Int
    /// Open to callers without a token (their body is checked before anyone is known).
    let open: Bool

    init(
        _ method: HTTPMethod, _ path: String, answers: String = "application/json", takes: String? = nil,
        maxBody: Int = 0, open: Bool = false
    ) {
        self.open = open
        self.method = method
        self.path = path.split(separator: "/").map(String.init)
        self.answers = answers
        self.takes = takes
        self.maxBody = maxBody
    }

    /// Each media type `answers` lists (`text/html, application/json`).
    var answerTypes: [String] { answers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    /// A page a person reads in a browser: refusals come back as the error page, not JSON.
    var answersPages: Bool { answerTypes.first == RouteRules.html }

    var pathText: String { "/" + path.joined(separator: "/") }

    func matches(_ segments: [Substring]) -> Bool {
        guard segments.count == path.count else { return false }
        return zip(path, segments).allSatisfy { pattern, segment in
            pattern.hasPrefix(":") ? !segment.isEmpty : pattern == segment
        }
    }
}

/// Every route of the server. `configure` registers nothing that is not here
/// (a test walks both lists).
enum RouteRules {
    static let json = "application/json"
    static let kilobyte = 1024
    static let megabyte = 1024 * 1024

    /// Multipart headers around an evidence file.
    static let multipartSlack = 64 * kilobyte

    /// With the default evidence limit; the server builds its own with the configured one.
    static let all = rules(evidenceFileBytes: EvidenceLimits().fileBytes)

    static func rules(evidenceFileBytes: Int) -> [RouteRule] {
        [
            RouteRule(.GET, "health", open: true),
            RouteRule(.GET, "ping", answers: "text/plain", open: true),
            RouteRule(.GET, "metrics", answers: "text/plain", open: true),
            RouteRule(.GET, "openapi.yaml", answers: "application/yaml", open: true),
            RouteRule(.POST, "api/v1/sessions", takes: json, maxBody: 64 * kilobyte, open: true),
            RouteRule(.DELETE, "api/v1/sessions/current"),
            RouteRule(.GET, "api/v1/users"),
            RouteRule(.POST, "api/v1/users", takes: json, maxBody: 64 * kilobyte),
            RouteRule(.POST, "api/v1/orders", takes: json, maxBody: megabyte),
            RouteRule(.GET, "api/v1/orders"),
            RouteRule(.GET, "api/v1/orders/:id"),
            RouteRule(.POST, "api/v1/events", takes: json, maxBody: 16 * megabyte),
            RouteRule(.GET, "api/v1/queue"),
            RouteRule(.POST, "api/v1/imports", takes: "text/csv", maxBody: 64 * megabyte),
            RouteRule(.POST, "api/v1/orders/:id/claims", takes: json, maxBody: 64 * kilobyte),
            RouteRule(.GET, "api/v1/claims"),
            RouteRule(.GET, "api/v1/claims/:id"),
            RouteRule(.POST, "api/v1/claims/:id/actions", takes: json, maxBody: 64 * kilobyte),
            RouteRule(
                .POST, "api/v1/claims/:id/evidence", takes: "multipart/form-data",
                maxBody: evidenceFileBytes + multipartSlack),
            RouteRule(.GET, "api/v1/claims/:id/bundle", answers: "application/zip"),
            RouteRule(.GET, "api/v1/tickets"),
            RouteRule(.POST, "api/v1/tickets/:id/replies", takes: json, maxBody: 64 * kilobyte),
        ] + pages(evidenceFileBytes: evidenceFileBytes)
    }

    static let html = "text/html"
    static let form = "application/x-www-form-urlencoded"

    /// The pages' rules with the default evidence limit.
    static var pages: [RouteRule] { pages(evidenceFileBytes: EvidenceLimits().fileBytes) }

    /// The seller's pages and the buyer's: HTML, forms in (16 or 64 KB; files as their own limits say).
    static func pages(evidenceFileBytes: Int) -> [RouteRule] {
        [
            RouteRule(.GET, "assets/desk.js", answers: "text/javascript", open: true),
            RouteRule(.GET, "login", answers: html, open: true),
            RouteRule(.POST, "login", answers: html, takes: form, maxBody: 16 * kilobyte, open: true),
            RouteRule(.POST, "logout", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.GET, "", answers: html),
            RouteRule(.GET, "orders", answers: html),
            RouteRule(.GET, "orders.csv", answers: "text/csv"),
            RouteRule(.GET, "orders/:id", answers: html),
            RouteRule(.POST, "orders/:id/steps", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.GET, "claims", answers: html),
            RouteRule(.GET, "claims/:id", answers: html),
            // A note of 2,000 characters, percent-encoded.
            RouteRule(.POST, "claims/:id/actions", answers: html, takes: form, maxBody: 64 * kilobyte),
            RouteRule(.GET, "claims/:id/bundle", answers: "application/zip"),
            RouteRule(
                .POST, "claims/:id/evidence", answers: html, takes: "multipart/form-data",
                maxBody: evidenceFileBytes + multipartSlack),
            RouteRule(.GET, "settings", answers: html),
            RouteRule(.POST, "settings/users", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.POST, "settings/users/:id/remove", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.POST, "settings/source-keys", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.POST, "settings/lanes", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.POST, "settings/lanes/:id/remove", answers: html, takes: form, maxBody: 16 * kilobyte),
            // Two languages of 1,500 characters, percent-encoded.
            RouteRule(.POST, "settings/templates", answers: html, takes: form, maxBody: 64 * kilobyte),
            RouteRule(.POST, "settings/webhooks", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.POST, "settings/webhooks/:id/remove", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.POST, "settings/webhooks/:id/test", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.GET, "inbox", answers: html),
            RouteRule(.GET, "lanes", answers: html),
            RouteRule(.GET, "import", answers: html),
            RouteRule(
                .POST, "import", answers: html, takes: "multipart/form-data",
                maxBody: ImportPage.maxFile + multipartSlack),
            RouteRule(.GET, "inbox/:id", answers: html),
            RouteRule(.POST, "inbox/:id/reply", answers: html, takes: form, maxBody: 64 * kilobyte),
            RouteRule(.POST, "inbox/:id/close", answers: html, takes: form, maxBody: 16 * kilobyte),
            RouteRule(.GET, "t/:id", answers: html, open: true),
            RouteRule(
                .POST, "t/:id/ask", answers: "text/html, application/json", takes: form, maxBody: 16 * kilobyte,
                open: true),
            RouteRule(.POST, "t/:id/claims", answers: html, takes: form, maxBody: 16 * kilobyte, open: true),
        ]
    }
}
