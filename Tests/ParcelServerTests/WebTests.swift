import Foundation
import NIOCore
import ParcelApp
import ParcelCore
import ParcelStore
import ParcelTestSupport
import Testing
import VaporTesting

@testable import ParcelServer

/// A browser against the test server: keeps the cookies it is given and
/// reads the forms' `_csrf` out of the pages.
final class TestBrowser {
    let server: TestServer
    var cookies: [String: String] = [:]

    init(_ server: TestServer) {
        self.server = server
    }

    @discardableResult
    func get(_ path: String, accept: String = "text/html") async throws -> TestingHTTPResponse {
        try await send(.GET, path, form: nil, accept: accept)
    }

    @discardableResult
    func post(_ path: String, _ form: [(String, String)], accept: String = "text/html") async throws
        -> TestingHTTPResponse
    {
        try await send(.POST, path, form: form, accept: accept)
    }

    /// A form body sent exactly as given (to send what a browser would not).
    func postRaw(_ path: String, _ body: String) async throws -> TestingHTTPResponse {
        try await send(.POST, path, body: body, accept: "text/html")
    }

    func send(_ method: HTTPMethod, _ path: String, form: [(String, String)]?, accept: String) async throws
        -> TestingHTTPResponse
    {
        let body = form.map { fields in
            fields.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
        }
        return try await send(method, path, body: body, accept: accept)
    }

    func send(_ method: HTTPMethod, _ path: String, body: String?, accept: String) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders([("Accept", accept)])
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await server.send(
            method, path, body: body, contentType: "application/x-www-form-urlencoded", token: .some(nil),
            headers: headers)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The `_csrf` of the first form on a page.
    static func csrf(_ html: String) -> String? {
        guard let start = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs in with the form, as a person would.
    func signIn(email: String = TestServer.ownerEmail, password: String = TestServer.ownerPassword) async throws
        -> TestingHTTPResponse
    {
        let page = try await get("/login")
        let csrf = try #require(Self.csrf(page.body.string))
        return try await post("/login", [("_csrf", csrf), ("email", email), ("password", password)])
    }
}

@Suite("The seller's pages: sign-in, sessions, CSRF, Today, an order, the inbox")
struct SellerPageTests {
    @Test("a page without a session goes to sign in and comes back; the session cookie is HttpOnly and Lax")
    func signIn() async throws {
        try await withServer { server in
            let browser = TestBrowser(server)
            let away = try await browser.get("/inbox")
            #expect(away.status == .seeOther)
            #expect(away.headers.first(name: .location) == "/login?next=%2Finbox")
            let page = try await browser.get("/login?next=%2Finbox")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: .contentType)?.hasPrefix("text/html") == true)
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            let csrf = try #require(TestBrowser.csrf(page.body.string))
            let signedIn = try await browser.post(
                "/login",
                [
                    ("_csrf", csrf), ("email", "Owner@Shop.kr"), ("password", TestServer.ownerPassword),
                    ("next", "/inbox"),
                ])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/inbox")
            let cookie = try #require(signedIn.headers[.setCookie].first { $0.hasPrefix("pd_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            #expect(try await browser.get("/inbox").status == .ok)
            // The cookie is for pages only: the API still wants a bearer token, however the path is spelled.
            #expect(try await browser.get("/api/v1/queue", accept: "application/json").status == .unauthorized)
            #expect(try await browser.get("//api/v1/queue", accept: "application/json").status == .unauthorized)
            // The language switch links to this site's page, however the path was spelled.
            let doubled = try await browser.get("//inbox").body.string
            #expect(doubled.contains("href=\"/inbox?lang=en\""))
        }
    }

    @Test("the session cookie is Secure over TLS: as PARCELDESK_PUBLIC_URL says, never because any client claims it")
    func secureCookie() async throws {
        func signIn(_ server: TestServer) async throws -> TestingHTTPResponse {
            let browser = TestBrowser(server)
            let page = try await browser.get("/login")
            let csrf = try #require(TestBrowser.csrf(page.body.string))
            var headers = HTTPHeaders([("X-Forwarded-Proto", "https")])
            headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            let body = "_csrf=\(csrf)&email=owner%40shop.kr&password=correct+horse+battery"
            let signedIn = try await server.send(
                .POST, "/login", body: body, contentType: "application/x-www-form-urlencoded", token: .some(nil),
                headers: headers)
            #expect(signedIn.status == .seeOther)
            return signedIn
        }
        try await withServer { server in
            // The request's peer is no trusted proxy: its X-Forwarded-Proto is not believed.
            let cookie = try #require(
                try await signIn(server).headers[.setCookie].first { $0.hasPrefix("pd_session=") })
            #expect(!cookie.contains("Secure"))
        }
        try await withServer(settings: { $0.proxy.publicURL = "https://desk.shop.kr" }) { server in
            let cookie = try #require(
                try await signIn(server).headers[.setCookie].first { $0.hasPrefix("pd_session=") })
            #expect(cookie.contains("Secure"))
            // Links handed out use the public address, whatever Host the request came with.
            let id = try #require(
                try server.object(try await server.send(.POST, "/api/v1/orders", json: orderJSON))["id"] as? String)
            let detail = try server.object(
                try await server.send(.GET, "/api/v1/orders/\(id)", headers: ["Host": "evil.example"]))
            #expect((detail["buyerPageUrl"] as? String)?.hasPrefix("https://desk.shop.kr/t/") == true)
        }
    }

    @Test("only a trusted proxy's X-Forwarded-For and -Proto are believed, rightmost untrusted hop first")
    func forwardedHeaders() {
        let proxy = ProxySettings(trustedProxies: ["127.0.0.1", "10.0.0.2"])
        let headers = HTTPHeaders([
            ("X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.0.0.2"), ("X-Forwarded-Proto", "https"),
        ])
        let behind = proxy.client(peer: "127.0.0.1", headers: headers, scheme: "http")
        #expect(behind.address == "203.0.113.9" && behind.secure)
        let direct = proxy.client(peer: "198.51.100.4", headers: headers, scheme: "http")
        #expect(direct.address == "198.51.100.4" && !direct.secure)
        // What a client put in front of the real hop is never read, junk or not.
        let junk = proxy.client(
            peer: "127.0.0.1", headers: HTTPHeaders([("X-Forwarded-For", "<script>, 1.2.3.4")]), scheme: nil)
        #expect(junk.address == "1.2.3.4")
        let twoLines = proxy.client(
            peer: "127.0.0.1", headers: HTTPHeaders([("X-Forwarded-For", "9.9.9.9"), ("X-Forwarded-For", "1.2.3.4")]),
            scheme: nil)
        #expect(twoLines.address == "1.2.3.4")
        let broken = proxy.client(
            peer: "127.0.0.1", headers: HTTPHeaders([("X-Forwarded-For", "1.2.3.4, <script>")]), scheme: nil)
        #expect(broken.address == "127.0.0.1")
        // One IPv6 subscriber's /64 is one address to the limits.
        let six = proxy.client(peer: "2001:db8:1:2:aaaa::1", headers: [:], scheme: nil)
        #expect(six.address == "2001:db8:1:2::/64")
        #expect(proxy.client(peer: "2001:db8:1:2:bbbb::9", headers: [:], scheme: nil).address == six.address)
        #expect(ProxySettings.origin("https://desk.shop.kr/") == "https://desk.shop.kr")
        #expect(ProxySettings.origin("https://desk.shop.kr/path") == nil)
        #expect(ProxySettings.origin("javascript:alert(1)") == nil)
    }

    @Test("a sign-in without its _csrf, or another browser's, is refused with 403 and nobody signed in")
    func csrfOnSignIn() async throws {
        try await withServer { server in
            let browser = TestBrowser(server)
            _ = try await browser.get("/login")
            let none = try await browser.post(
                "/login", [("email", TestServer.ownerEmail), ("password", TestServer.ownerPassword)])
            #expect(none.status == .forbidden)
            let other = TestBrowser(server)
            let theirs = try #require(TestBrowser.csrf(try await other.get("/login").body.string))
            let forged = try await browser.post(
                "/login", [("_csrf", theirs), ("email", TestServer.ownerEmail), ("password", TestServer.ownerPassword)])
            #expect(forged.status == .forbidden)
            #expect(browser.cookies["pd_session"] == nil)
        }
    }

    @Test("wrong passwords: 401 with the form again, then 429 with Retry-After; a next pointing away is ignored")
    func wrongPasswordsAndNext() async throws {
        try await withServer(settings: { $0.loginAttemptsPerAccount = 3 }) { server in
            let browser = TestBrowser(server)
            for _ in 0..<3 {
                let wrong = try await browser.signIn(password: "not the password")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.body.string.contains("이메일 또는 비밀번호가 맞지 않습니다"))
                #expect(wrong.body.string.contains("value=\"owner@shop.kr\""))
            }
            let limited = try await browser.signIn()
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: "Retry-After").flatMap(Int.init) != nil)
        }
        try await withServer { server in
            let browser = TestBrowser(server)
            let page = try await browser.get("/login")
            let csrf = try #require(TestBrowser.csrf(page.body.string))
            let signedIn = try await browser.post(
                "/login",
                [
                    ("_csrf", csrf), ("email", TestServer.ownerEmail), ("password", TestServer.ownerPassword),
                    ("next", "//evil.example/steal"),
                ])
            #expect(signedIn.headers.first(name: .location) == "/")
        }
    }

    @Test(
        "after signing in, only a path on this site: no //, no backslash, no tab or other control character",
        arguments: [
            "//evil.example", "/\\evil.example", "/%09/evil.example", "/%00/x", "https://evil.example", "/%0d%0aX:%20y",
        ])
    func nextStaysHere(next: String) async throws {
        try await withServer { server in
            let browser = TestBrowser(server)
            _ = try await browser.signIn()
            let answer = try await browser.get("/login?next=" + next)
            #expect(answer.status == .seeOther)
            #expect(answer.headers.first(name: .location) == "/")
        }
    }

    @Test("signing out needs the form's _csrf, revokes the session and clears the cookie")
    func signOut() async throws {
        try await withServer { server in
            let browser = TestBrowser(server)
            _ = try await browser.signIn()
            let session = try #require(browser.cookies["pd_session"])
            let today = try await browser.get("/")
            #expect(today.status == .ok)
            #expect(try await browser.post("/logout", []).status == .forbidden)
            let csrf = try #require(TestBrowser.csrf(today.body.string))
            let out = try await browser.post("/logout", [("_csrf", csrf)])
            #expect(out.status == .seeOther)
            #expect(out.headers.first(name: .location) == "/login")
            #expect(browser.cookies["pd_session"] == nil)
            // The old cookie, kept by someone, no longer works.
            browser.cookies["pd_session"] = session
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test(
        "Today lists the order with what is wrong and the next step; the order page has the message and the buyer link")
    func todayAndOrder() async throws {
        try await withServer(clock: .fixed(time("2026-12-30T09:00:00+09:00"))) { server in
            #expect(try await server.send(.POST, "/api/v1/orders", json: orderJSON).status == .created)
            let browser = TestBrowser(server)
            _ = try await browser.signIn()
            let today = try await browser.get("/")
            let html = today.body.string
            #expect(today.status == .ok)
            #expect(html.contains("<html lang=\"ko\">"))
            #expect(html.contains("data-order=\"A-1001\""))
            #expect(html.contains("→ "))
            #expect(try await browser.get("/?marketplace=aliexpress").body.string.contains("data-order=\"A-1001\""))
            #expect(!(try await browser.get("/?marketplace=smartstore").body.string.contains("data-order=")))
            let english = try await browser.get("/?lang=en")
            #expect(english.body.string.contains("<html lang=\"en\">"))
            #expect(english.body.string.contains("What is wrong, and the next step"))
            // Remembered: the next page is English without asking again.
            #expect(try await browser.get("/").body.string.contains("<html lang=\"en\">"))
            _ = try await browser.get("/?lang=ko")
            let link = try #require(html.range(of: "href=\"/orders/")).upperBound
            let id = String(html[link...].prefix { $0 != "\"" })
            let order = try await browser.get("/orders/" + id)
            let page = order.body.string
            #expect(order.status == .ok)
            #expect(page.contains("김민지"))
            #expect(page.contains("data-copy=\""))
            #expect(page.contains("구매자에게 보낼 메시지"))
            #expect(page.contains("/t/"))
            #expect(try await browser.get("/orders/no-such-order").status == .notFound)
            // Marking a step done: kept in the audit log with who, and shown on the page from then on.
            let mark = try #require(page.range(of: "data-step=\"")).upperBound
            let parts = page[mark...].prefix { $0 != "\"" }.split(separator: " ")
            let csrf = try #require(TestBrowser.csrf(page))
            let marked = try await browser.post(
                "/orders/\(id)/steps", [("_csrf", csrf), ("code", String(parts[0])), ("step", String(parts[1]))])
            #expect(marked.status == .seeOther)
            #expect(try await browser.get("/orders/" + id).body.string.contains("✓ 완료 · owner@shop.kr"))
            #expect(try await server.services.accounts.auditLog().contains { $0.action == "playbook.done" })
            #expect(
                try await browser.post("/orders/\(id)/steps", [("_csrf", csrf), ("code", "nonsense"), ("step", "1")])
                    .status == .unprocessableEntity)
        }
    }
}

@Suite("The claim page: only the allowed actions as buttons, each judged by the rules")
struct ClaimPageTests {
    @Test("a requested return: approve is offered and done; a refund before the item is back is refused with the rule")
    func actions() async throws {
        try await withServer { server in
            try await deliveredSmartstoreOrder(server)
            let opened = try server.object(
                try await server.send(
                    .POST, "/api/v1/orders/S-2001/claims", json: #"{"type": "return", "reason": "defective"}"#))
            let id = try #require(opened["id"] as? String)
            let seller = TestBrowser(server)
            _ = try await seller.signIn()
            let board = try await seller.get("/claims").body.string
            #expect(board.contains("href=\"/claims/\(id)\""))
            let page = try await seller.get("/claims/" + id)
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("data-action=\"approve\""))
            #expect(!html.contains("data-action=\"refund\""))
            let csrf = try #require(TestBrowser.csrf(html))
            #expect(
                try await seller.post("/claims/\(id)/actions", [("action", "approve"), ("version", "1")]).status
                    == .forbidden)
            let refused = try await seller.post(
                "/claims/\(id)/actions", [("_csrf", csrf), ("action", "refund"), ("version", "1")])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("role=\"alert\""))
            let long = try await seller.post(
                "/claims/\(id)/actions",
                [
                    ("_csrf", csrf), ("action", "approve"), ("version", "1"),
                    ("note", String(repeating: "가", count: 2001)),
                ])
            #expect(long.status == .unprocessableEntity)
            let approved = try await seller.post(
                "/claims/\(id)/actions",
                [("_csrf", csrf), ("action", "approve"), ("version", "1"), ("note", "반품 택배 회수 요청함")])
            #expect(approved.status == .seeOther)
            let after = try await seller.get("/claims/" + id).body.string
            #expect(!after.contains("data-action=\"approve\""))
            // The note is in the claim's history.
            #expect(after.contains("반품 택배 회수 요청함"))
            // The same button from a page that is now out of date: refused, not done twice.
            let stale = try await seller.post(
                "/claims/\(id)/actions", [("_csrf", csrf), ("action", "approve"), ("version", "1")])
            #expect(stale.status == .conflict)
            // A photo from the page's form: stored, listed, ticked on the checklist.
            let boundary = "parceldesk-page-boundary"
            func evidence(csrf: String?) async throws -> TestingHTTPResponse {
                var body = Data()
                if let csrf {
                    body.append(
                        Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8))
                }
                body.append(
                    Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nitem_photos\r\n".utf8))
                body.append(
                    Data(
                        ("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"broken.jpg\"\r\n"
                            + "Content-Type: image/jpeg\r\n\r\n").utf8))
                body.append(jpegBytes(4096))
                body.append(Data("\r\n--\(boundary)--\r\n".utf8))
                var headers = HTTPHeaders([("Accept", "text/html")])
                headers.add(
                    name: .cookie, value: seller.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                headers.contentType = HTTPMediaType(
                    type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
                return try await server.app.testing().sendRequest(
                    .POST, "/claims/\(id)/evidence", headers: headers, body: ByteBuffer(bytes: body))
            }
            #expect(try await evidence(csrf: nil).status == .forbidden)
            let uploaded = try await evidence(csrf: csrf)
            #expect(uploaded.status == .seeOther)
            let withFile = try await seller.get("/claims/" + id).body.string
            #expect(withFile.contains("broken.jpg"))
            let bundle = try await seller.get("/claims/\(id)/bundle", accept: "application/zip")
            #expect(bundle.status == .ok)
            #expect(Array(bundle.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
        }
    }
}

@Suite("The import page")
struct ImportPageTests {
    /// A browser's multipart upload of the import form.
    func upload(_ browser: TestBrowser, csv: String, csrf: String?, skipBad: Bool = false) async throws
        -> TestingHTTPResponse
    {
        let boundary = "parceldesk-form-boundary"
        var body = ""
        func field(_ name: String, _ value: String) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let csrf { field("_csrf", csrf) }
        field("format", "generic")
        if skipBad { field("skipBad", "1") }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
        var headers = HTTPHeaders([("Accept", "text/html")])
        headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        return try await browser.server.send(
            .POST, "/import", body: body, contentType: "multipart/form-data; boundary=\(boundary)", token: .some(nil),
            headers: headers)
    }

    @Test("a bad line: nothing imported and the line and column named; skipping bad lines imports the rest")
    func importFile() async throws {
        try await withServer { server in
            let seller = TestBrowser(server)
            _ = try await seller.signIn()
            let page = try await seller.get("/import")
            #expect(page.status == .ok)
            let csrf = try #require(TestBrowser.csrf(page.body.string))
            let csv = "externalId,placedAt,itemName\nG-1,2026-11-02T10:00:00+09:00,컵\nG-2,not a date,컵\n"
            #expect(try await upload(seller, csv: csv, csrf: nil).status == .forbidden)
            let refused = try await upload(seller, csv: csv, csrf: csrf)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("3, placedAt"))
            #expect(try await server.services.orders.counts().orders == 0)
            let skipped = try await upload(seller, csv: csv, csrf: csrf, skipBad: true)
            #expect(skipped.status == .ok)
            #expect(skipped.body.string.contains("주문 1건을 가져왔습니다"))
            #expect(try await server.services.orders.counts().orders == 1)
        }
    }
}

@Suite("The lanes page")
struct LanesPageTests {
    @Test("a delivered lane's figures: charts, table, and its notice to copy")
    func lanes() async throws {
        try await withServer { server in
            for index in 0..<6 {
                try await deliveredSmartstoreOrder(server, id: "S-\(index)")
            }
            let seller = TestBrowser(server)
            _ = try await seller.signIn()
            let page = try await seller.get("/lanes")
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("<svg id=\"days-chart\""))
            #expect(html.contains("<td>6</td>"))
            #expect(html.contains("최근 6건 기준으로 보통 발송 후 2일"))
        }
    }
}

@Suite("Settings: the owner's; staff are refused")
struct SettingsPageTests {
    @Test("the owner adds a staff account; staff do the daily work but get 403 on settings and do not see it")
    func roles() async throws {
        try await withServer { server in
            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let page = try await owner.get("/settings")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("href=\"/settings\""))
            let csrf = try #require(TestBrowser.csrf(page.body.string))
            let short = try await owner.post(
                "/settings/users",
                [("_csrf", csrf), ("email", "staff@shop.kr"), ("password", "short"), ("role", "staff")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("비밀번호는"))
            let added = try await owner.post(
                "/settings/users",
                [("_csrf", csrf), ("email", "Staff@Shop.kr"), ("password", "staff password 1"), ("role", "staff")])
            #expect(added.status == .seeOther)
            let after = try await owner.get(try #require(added.headers.first(name: .location))).body.string
            #expect(after.contains("staff@shop.kr 계정을 추가했습니다"))
            // The notice is said only for an account that is there.
            #expect(!(try await owner.get("/settings?added=ceo%40evil.example").body.string.contains("evil")))
            let again = try await owner.post(
                "/settings/users",
                [("_csrf", csrf), ("email", "staff@shop.kr"), ("password", "staff password 1"), ("role", "owner")])
            #expect(again.status == .conflict)
            #expect(try await owner.post("/settings/users", [("email", "x@shop.kr")]).status == .forbidden)

            let staff = TestBrowser(server)
            #expect(try await staff.signIn(email: "staff@shop.kr", password: "staff password 1").status == .seeOther)
            let today = try await staff.get("/")
            #expect(today.status == .ok)
            #expect(!today.body.string.contains("href=\"/settings\""))
            #expect(try await staff.get("/settings").status == .forbidden)
            let staffCSRF = try #require(TestBrowser.csrf(today.body.string))
            let refused = try await staff.post(
                "/settings/users",
                [("_csrf", staffCSRF), ("email", "x@shop.kr"), ("password", "long enough pass"), ("role", "owner")])
            #expect(refused.status == .forbidden)
            #expect(try await server.services.accounts.users().count == 2)
            #expect(
                try await staff.post(
                    "/settings/source-keys", [("_csrf", staffCSRF), ("source", "17track"), ("key", "stolen")]
                ).status == .forbidden)
        }
    }

    @Test("a tracking source's key is stored sealed, never shown back, and opens again with the installation's key")
    func sourceKeys() async throws {
        try await withServer { server in
            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let page = try await owner.get("/settings").body.string
            #expect(page.contains("data-source=\"17track\""))
            #expect(page.contains("설정되지 않음"))
            let csrf = try #require(TestBrowser.csrf(page))
            let secret = "17track-secret-key-0123456789"
            let saved = try await owner.post(
                "/settings/source-keys", [("_csrf", csrf), ("source", "17track"), ("key", secret)])
            #expect(saved.status == .seeOther)
            let after = try await owner.get("/settings").body.string
            #expect(after.contains("설정됨 · owner@shop.kr"))
            #expect(!after.contains(secret))
            #expect(try await server.services.sourceKeys.key(for: .seventeenTrack) == secret)
            let stored = try #require(try await server.store.sealedSourceKey(source: "17track"))
            #expect(!stored.contains(secret) && !stored.contains("17track-secret"))
            #expect(try await server.services.accounts.auditLog().contains { $0.action == "settings.source_key" })
            let empty = try await owner.post(
                "/settings/source-keys", [("_csrf", csrf), ("source", "17track"), ("key", " ")])
            #expect(empty.status == .unprocessableEntity)
        }
    }
}

@Suite("The orders page: search, filters, paging, and the same view as a CSV file a spreadsheet opens safely")
struct OrdersPageTests {
    @Test("search by tracking number, filter by marketplace and date, page on, export with BOM and formulas as text")
    func ordersAndExport() async throws {
        try await withServer { server in
            #expect(try await server.send(.POST, "/api/v1/orders", json: orderJSON).status == .created)
            let formula = orderJSON.replacingOccurrences(of: "A-1001", with: "A-1002")
                .replacingOccurrences(of: "김민지", with: "=HYPERLINK(\\\"http://x\\\")")
                .replacingOccurrences(of: "LP00123456789012", with: "LP00123456789026")
            #expect(try await server.send(.POST, "/api/v1/orders", json: formula).status == .created)
            let seller = TestBrowser(server)
            _ = try await seller.signIn()
            let all = try await seller.get("/orders").body.string
            #expect(all.contains("data-order=\"A-1001\"") && all.contains("data-order=\"A-1002\""))
            let found = try await seller.get("/orders?q=LP0012+3456+7890+12").body.string
            #expect(found.contains("data-order=\"A-1001\"") && !found.contains("data-order=\"A-1002\""))
            // A NUL or a 600-character paste: searched and shown again without the NUL, cut to 200.
            let pasted = try await seller.get("/orders?q=LP00123456789012%00").body.string
            #expect(pasted.contains("data-order=\"A-1001\"") && !pasted.contains("\u{0}"))
            let long = try await seller.get("/orders?q=" + String(repeating: "가", count: 600)).body.string
            #expect(long.contains("value=\"" + String(repeating: "가", count: 200) + "\""))
            // A link that is not UTF-8 once decoded: the error page, not the API's JSON.
            let unreadable = try await seller.get("/orders?q=%FF")
            #expect(unreadable.status == .unprocessableEntity)
            #expect(unreadable.body.string.contains("읽을 수 없는 글자가 있습니다(q)"))
            let none = try await seller.get("/orders?marketplace=smartstore").body.string
            #expect(!none.contains("data-order="))
            let dated = try await seller.get("/orders?from=2026-11-01&to=2026-11-01").body.string
            #expect(dated.contains("data-order=\"A-1001\""))
            let bad = try await seller.get("/orders?from=yesterday")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("from"))
            let export = try await seller.get("/orders.csv?q=", accept: "text/csv")
            #expect(export.status == .ok)
            #expect(export.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(export.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(Array(export.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = export.body.string
            #expect(text.contains("주문번호"))
            #expect(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
            #expect(text.contains("김민지"))
        }
    }

    @Test("paging: a next link while more orders match, none on the last page")
    func paging() async throws {
        try await withServer { server in
            let orders = (0..<55).map { index in
                NewOrder(
                    OrderDraft(
                        info: OrderInfo(
                            id: "P-\(index)", marketplace: "smartstore",
                            placedAt: time("2026-11-01T10:00:00+09:00").adding(hours: Double(index)), buyerName: "구매자"),
                        buyerPhone: nil, buyerEmail: nil, items: [OrderItem(name: "컵", quantity: 1, price: 5000)],
                        shipment: nil),
                    events: [])
            }
            _ = try await server.services.orders.createOrders(orders, now: testNow, actor: "test")
            let seller = TestBrowser(server)
            _ = try await seller.signIn()
            let first = try await seller.get("/orders").body.string
            let link = try #require(first.range(of: "id=\"next\" href=\"")).upperBound
            let next = String(first[link...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let second = try await seller.get(next).body.string
            #expect(second.components(separatedBy: "data-order=").count - 1 == 5)
            #expect(!second.contains("id=\"next\""))
        }
    }
}

@Suite("The buyer's page: masked, rate limited, answering from the live order, filing claims under the rules")
struct BuyerPageTests {
    /// The buyer page's path of an order, as `GET /api/v1/orders/{id}` gives it.
    func buyerPath(_ server: TestServer, order: String) async throws -> String {
        let detail = try server.object(try await server.send(.GET, "/api/v1/orders/" + order))
        let url = try #require(detail["buyerPageUrl"] as? String)
        #expect(url.hasPrefix("http://"))
        return String(url[try #require(url.range(of: "/t/")).lowerBound...])
    }

    @Test("the buyer page: status in plain words, masked name and phone, nothing of the seller's own")
    func page() async throws {
        try await withServer(clock: .fixed(time("2026-12-30T09:00:00+09:00"))) { server in
            #expect(try await server.send(.POST, "/api/v1/orders", json: orderJSON).status == .created)
            let path = try await buyerPath(server, order: "A-1001")
            #expect(try await buyerPath(server, order: "A-1001") == path, "the same link every time")
            let token = String(path.dropFirst(3))
            #expect(token.count >= 22, "at least 128 bits")
            let page = try await TestBrowser(server).get(path)
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("김*지"))
            #expect(!html.contains("김민지"))
            #expect(html.contains("010-****-5678"))
            #expect(!html.contains("1234-5678"))
            #expect(!html.contains("택배사 문의서") && !html.contains("Carrier inquiry"))
            #expect(page.headers.first(name: "Referrer-Policy") == "no-referrer")
            // Only the token's hash is stored.
            let stored = try await server.services.customerCenter.buyerView(token: token, now: testNow)
            #expect(stored != nil)
        }
    }

    @Test("a wrong token is a 404 that takes as long as a page; too many requests from one address are 429")
    func guessing() async throws {
        try await withServer(settings: { $0.buyerRequestsPerMinute = 4 }) { server in
            #expect(try await server.send(.POST, "/api/v1/orders", json: orderJSON).status == .created)
            let path = try await buyerPath(server, order: "A-1001")
            let browser = TestBrowser(server)
            var right: [Duration] = []
            var wrong: [Duration] = []
            for _ in 0..<2 {
                let started = ContinuousClock.now
                #expect(try await browser.get(path).status == .ok)
                right.append(ContinuousClock.now - started)
                let guessed = ContinuousClock.now
                #expect(try await browser.get("/t/AAAAAAAAAAAAAAAAAAAAAA").status == .notFound)
                wrong.append(ContinuousClock.now - guessed)
            }
            #expect(wrong.max()! * 4 > right.min()!, "a miss answered much faster than a page")
            let limited = try await browser.get(path)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: "Retry-After") != nil)
        }
    }

    @Test("the customer center answers from the order; a person asked for opens a ticket in the inbox")
    func ask() async throws {
        try await withServer(clock: .fixed(time("2026-12-30T09:00:00+09:00"))) { server in
            #expect(try await server.send(.POST, "/api/v1/orders", json: orderJSON).status == .created)
            let path = try await buyerPath(server, order: "A-1001")
            let buyer = TestBrowser(server)
            let csrf = try #require(TestBrowser.csrf(try await buyer.get(path).body.string))
            #expect(
                try await buyer.post(path + "/ask", [("question", "제 택배 어디쯤 있나요?")], accept: "application/json")
                    .status == .forbidden)
            let answered = try server.object(
                try await buyer.post(
                    path + "/ask", [("_csrf", csrf), ("question", "제 택배 어디쯤 있나요?")], accept: "application/json"))
            #expect(answered["intent"] as? String == "where_is_it")
            #expect(answered["ticketId"] is NSNull)
            #expect(((answered["answer"] as? [String: Any])?["ko"] as? String)?.isEmpty == false)
            let human = try server.object(
                try await buyer.post(
                    path + "/ask", [("_csrf", csrf), ("question", "상담원 연결해주세요")], accept: "application/json"))
            #expect(human["intent"] as? String == "human")
            let ticket = try #require(human["ticketId"] as? String)
            let listed = try server.object(try await server.send(.GET, "/api/v1/tickets"))
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [ticket])
            #expect((items[0]["messages"] as? [[String: Any]])?.count == 4)
            // The seller sees it in the inbox and replies; the buyer sees the reply.
            let seller = TestBrowser(server)
            _ = try await seller.signIn()
            let inbox = try await seller.get("/inbox")
            #expect(inbox.body.string.contains("/inbox/" + ticket))
            let conversation = try await seller.get("/inbox/" + ticket)
            #expect(conversation.body.string.contains("상담원 연결해주세요"))
            let sellerCSRF = try #require(TestBrowser.csrf(conversation.body.string))
            let tooLong = try await seller.post(
                "/inbox/\(ticket)/reply",
                [("_csrf", sellerCSRF), ("text", String(repeating: "가", count: CustomerCenterService.replyLimit + 1))])
            #expect(tooLong.status == .unprocessableEntity)
            let replied = try await seller.post(
                "/inbox/\(ticket)/reply", [("_csrf", sellerCSRF), ("text", "지금 확인해 드릴게요")])
            #expect(replied.status == .seeOther)
            #expect(try await buyer.get(path).body.string.contains("지금 확인해 드릴게요"))
            // The page's own form (no JavaScript) goes back to the page, which shows the conversation.
            let form = try await buyer.post(path + "/ask", [("_csrf", csrf), ("question", "환불 언제 돼요?")])
            #expect(form.status == .seeOther)
            #expect(form.headers.first(name: .location) == path + "#ask")
            #expect(try await buyer.get(path).body.string.contains("환불 언제 돼요?"))
        }
    }

    @Test("a first question from the page's form comes back on the page; a person asked for says it went to the seller")
    func firstQuestionByForm() async throws {
        try await withServer(clock: .fixed(time("2026-12-30T09:00:00+09:00"))) { server in
            #expect(try await server.send(.POST, "/api/v1/orders", json: orderJSON).status == .created)
            let path = try await buyerPath(server, order: "A-1001")
            let buyer = TestBrowser(server)
            let csrf = try #require(TestBrowser.csrf(try await buyer.get(path).body.string))
            let asked = try await buyer.post(path + "/ask", [("_csrf", csrf), ("question", "제 택배 어디쯤 있나요?")])
            #expect(asked.status == .seeOther)
            let page = try await buyer.get(path).body.string
            #expect(page.contains("class=\"bubble from-buyer\">제 택배 어디쯤 있나요?"))
            #expect(page.contains("class=\"bubble from-desk\""))
            let human = try await buyer.post(path + "/ask", [("_csrf", csrf), ("question", "사람이랑 얘기하고 싶어요")])
            #expect(human.headers.first(name: .location) == path + "?handed=1#ask")
            #expect(try await buyer.get(path + "?handed=1").body.string.contains(BuyerPage.handedOver.ko))
        }
    }

    @Test("the buyer files a return under the rules: offered and filed in the window, refused with the rule after")
    func claims() async throws {
        try await withServer { server in
            try await deliveredSmartstoreOrder(server)
            let path = try await buyerPath(server, order: "S-2001")
            let buyer = TestBrowser(server)
            let page = try await buyer.get(path).body.string
            #expect(page.contains("data-type=\"return\""))
            let csrf = try #require(TestBrowser.csrf(page))
            let filed = try await buyer.post(
                path + "/claims", [("_csrf", csrf), ("type", "return"), ("reason", "change_of_mind")])
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers.first(name: .location))
            #expect(try await buyer.get(location).body.string.contains("반품 요청을 접수했습니다"))
            let listed = try await server.send(.GET, "/api/v1/claims")
            #expect(listed.body.string.contains("\"type\":\"return\""))
            let seller = TestBrowser(server)
            _ = try await seller.signIn()
            #expect(try await seller.get("/claims").body.string.contains("data-claim=\"S-2001-C1\""))
        }
        try await withServer(clock: .fixed(time("2026-11-28T10:00:00+09:00"))) { server in
            try await deliveredSmartstoreOrder(server)
            let path = try await buyerPath(server, order: "S-2001")
            let buyer = TestBrowser(server)
            let csrf = try #require(TestBrowser.csrf(try await buyer.get(path).body.string))
            let refused = try await buyer.post(
                path + "/claims", [("_csrf", csrf), ("type", "exchange"), ("reason", "change_of_mind")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("role=\"status\""))
            #expect(try await server.send(.GET, "/api/v1/claims").body.string.contains("\"items\":[]"))
        }
    }
}
