import Crypto
import Foundation
import ParcelApp
import ParcelCore
import ParcelStore
import Synchronization
import Testing
import VaporTesting

@testable import ParcelServer

@Suite("Settings: thresholds per lane, message wording, outbound webhooks")
struct SettingsTests {
    /// Signs the owner in; answers the browser and the page's `_csrf`.
    func owner(_ server: TestServer) async throws -> (TestBrowser, String) {
        let owner = TestBrowser(server)
        _ = try await owner.signIn()
        let csrf = try #require(TestBrowser.csrf(try await owner.get("/settings").body.string))
        return (owner, csrf)
    }

    func createOrder(_ server: TestServer) async throws -> String {
        let created = try await server.send(.POST, "/api/v1/orders", json: orderJSON)
        #expect(created.status == .created)
        return try #require(try server.object(created)["id"] as? String)
    }

    /// The stored findings that need the seller (the queue's), by code.
    func needing(_ server: TestServer, order: String) async throws -> [String] {
        try await server.services.orders.queue(minimum: .act, limit: 100)
            .filter { $0.orderID.uuidString.lowercased() == order.lowercased() }.map(\.code)
    }

    @Test("a lane's threshold saved on the page moves the stored findings of that lane after the refresh")
    func laneThresholds() async throws {
        try await withServer { server in
            let id = try await createOrder(server)
            // Shipped four days ago, never scanned: past the default 72 hours, so it needs the seller.
            #expect(try await needing(server, order: id).contains("not_activated"))
            let (owner, csrf) = try await owner(server)
            let saved = try await owner.post(
                "/settings/lanes",
                [
                    ("_csrf", csrf), ("origin", "cn"), ("destination", "KR"), ("shipping_option", ""),
                    ("t_not_activated_hours", "200"),
                ])
            #expect(saved.status == .seeOther)
            let page = try await owner.get(try #require(saved.headers.first(name: .location))).body.string
            #expect(page.contains("구간 기준을 저장했습니다"))
            #expect(page.contains("CN → KR"))
            #expect(page.contains("첫 스캔을 기다리는 시간 200시간"))
            _ = try await server.services.ingestion.refreshDue(now: testNow)
            #expect(!(try await needing(server, order: id).contains("not_activated")))
            #expect(try await server.services.accounts.auditLog().contains { $0.action == "settings.lane_rule" })

            // Removed: the default applies again.
            let rule = try #require(try await server.services.settings.laneRules().first)
            let removed = try await owner.post("/settings/lanes/\(rule.id.uuidString)/remove", [("_csrf", csrf)])
            #expect(removed.status == .seeOther)
            _ = try await server.services.ingestion.refreshDue(now: testNow)
            #expect(try await needing(server, order: id).contains("not_activated"))
            #expect(
                try await owner.post("/settings/lanes/\(rule.id.uuidString)/remove", [("_csrf", csrf)]).status
                    == .notFound)
        }
    }

    @Test("a lane rule with a bad field is refused naming it, and nothing is stored")
    func laneRefusals() async throws {
        try await withServer { server in
            let (owner, csrf) = try await owner(server)
            let cases: [([(String, String)], String)] = [
                ([("origin", "CHN"), ("t_customs_days", "5")], "출발 국가는"),
                // Korea is KR: a rule for KO would never match a parcel.
                ([("origin", "CN"), ("destination", "KO"), ("t_customs_days", "5")], "도착 국가는"),
                ([("origin", "CN"), ("t_customs_days", "5000")], "통관이 걸리는 기간: 0.5~365"),
                ([("origin", "CN"), ("t_customs_days", "five")], "통관이 걸리는 기간"),
                ([("origin", "CN")], "하나 이상"),
            ]
            for (fields, said) in cases {
                let refused = try await owner.post("/settings/lanes", [("_csrf", csrf)] + fields)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(said), "\(fields)")
                // What was typed is in the form again.
                for (name, value) in fields {
                    #expect(refused.body.string.contains("name=\"\(name)\" value=\"\(value)\""), "\(name)")
                }
            }
            #expect(
                try await owner.post("/settings/lanes", [("origin", "CN"), ("t_customs_days", "5")]).status
                    == .forbidden)
            #expect(try await server.services.settings.laneRules().isEmpty)
        }
    }

    @Test("the seller's wording replaces ours in the order's message, filled from the order; a preview saves nothing")
    func wording() async throws {
        try await withServer { server in
            let id = try await createOrder(server)
            let (owner, csrf) = try await owner(server)
            let wording = "{name}, 주문 {order} 건은 {carrier} {number}로 보냈어요. {next}까지 다시 연락드릴게요!"
            let preview = try await owner.post(
                "/settings/templates",
                [("_csrf", csrf), ("template", "not_activated"), ("ko", wording), ("en", ""), ("do", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("김민수님, 주문 2026120600123 건은 CJ대한통운 685471234560로 보냈어요."))
            #expect(try await server.services.settings.templates().isEmpty)

            let saved = try await owner.post(
                "/settings/templates",
                [("_csrf", csrf), ("template", "not_activated"), ("ko", wording), ("en", ""), ("do", "save")])
            #expect(saved.status == .seeOther)
            let order = try await owner.get("/orders/\(id)").body.string
            #expect(order.contains("김민지님, 주문 A-1001 건은"))
            // English stays ours.
            #expect(order.contains("Hello 김민지,"))

            let unknown = try await owner.post(
                "/settings/templates",
                [("_csrf", csrf), ("template", "stalled"), ("ko", "{고객} 주문 {order}"), ("en", ""), ("do", "save")])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("{고객}는 쓸 수 없는 자리 표시입니다"))
            // What was typed stays on the page.
            #expect(unknown.body.string.contains("{고객} 주문 {order}"))
            #expect(try await server.services.settings.templates()[.stalled] == nil)

            let reset = try await owner.post(
                "/settings/templates",
                [("_csrf", csrf), ("template", "not_activated"), ("ko", " "), ("en", ""), ("do", "save")])
            #expect(reset.status == .seeOther)
            #expect(!(try await owner.get("/orders/\(id)").body.string.contains("김민지님, 주문 A-1001 건은")))
        }
    }

    @Test("staff can change none of the settings")
    func staffRefused() async throws {
        try await withServer { server in
            _ = try await server.services.accounts.createUser(
                email: "staff@shop.kr", password: "staff password 1", role: .staff, now: testNow, actor: "test")
            let staff = TestBrowser(server)
            _ = try await staff.signIn(email: "staff@shop.kr", password: "staff password 1")
            let csrf = try #require(TestBrowser.csrf(try await staff.get("/").body.string))
            let posts: [(String, [(String, String)])] = [
                ("/settings/lanes", [("origin", "CN"), ("t_customs_days", "5")]),
                ("/settings/templates", [("template", "stalled"), ("ko", "hi"), ("do", "save")]),
                ("/settings/webhooks", [("url", "https://hooks.example/x"), ("event_claim.opened", "on")]),
            ]
            for (path, fields) in posts {
                #expect(try await staff.post(path, [("_csrf", csrf)] + fields).status == .forbidden, "\(path)")
            }
            #expect(try await server.services.webhooks.webhooks().isEmpty)
        }
    }

    @Test("a webhook's secret is shown once, stored sealed; an address must be https or this machine")
    func addWebhook() async throws {
        try await withServer { server in
            let (owner, csrf) = try await owner(server)
            for url in [
                "http://hooks.example/x", "https://user:pw@hooks.example/x", "ftp://hooks.example", "hooks",
                "https://127.0.0.1/x", "https://10.1.2.3/x", "https://[::1]/x", "https://169.254.169.254/latest",
                "https://localhost:8080/x", "https://192.168.0.10/x", "https://[fd00::1]/x",
            ] {
                let refused = try await owner.post(
                    "/settings/webhooks", [("_csrf", csrf), ("url", url), ("event_claim.opened", "on")])
                #expect(refused.status == .unprocessableEntity, "\(url)")
            }
            let none = try await owner.post(
                "/settings/webhooks", [("_csrf", csrf), ("url", "https://hooks.example/x")])
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.string.contains("받을 일을 하나 이상 골라 주세요"))

            let added = try await owner.post(
                "/settings/webhooks",
                [("_csrf", csrf), ("url", "https://hooks.example/parcels"), ("event_claim.opened", "on")])
            #expect(added.status == .created)
            let secret = try #require(
                added.body.string.firstRange(of: /whsec_[A-Za-z0-9_-]{43}/).map { String(added.body.string[$0]) })
            let page = try await owner.get("/settings").body.string
            #expect(page.contains("https://hooks.example/parcels"))
            #expect(!page.contains(secret))
            let hooks = try await server.services.webhooks.webhooks()
            #expect(hooks.map(\.events) == [[.claimOpened]])
            let hook = try #require(hooks.first)
            #expect(try await server.services.webhooks.sendTest(to: hook.id, now: testNow))
            let sealed = try #require(try await server.store.dueDeliveries(now: testNow.epochSeconds, limit: 1).first)
            #expect(!sealed.sealedSecret.contains(secret) && !sealed.sealedSecret.contains("whsec_"))
        }
    }

    @Test("a claim opened reaches the receiver once, signed with the webhook's secret, over real HTTP")
    func delivery() async throws {
        try await withServer(settings: { $0.allowsPrivateWebhooks = true }) { server in
            let received = Mutex<[(headers: HTTPHeaders, body: String)]>([])
            try await withApp { receiver in
                receiver.post("hook") { request -> HTTPStatus in
                    received.withLock {
                        $0.append((request.headers, request.body.string ?? ""))
                    }
                    return .noContent
                }
                try await receiver.server.start(address: .hostname("127.0.0.1", port: 0))
                let port = try #require(receiver.http.server.shared.localAddress?.port)
                defer { Task { await receiver.server.shutdown() } }

                let webhooks = server.services.webhooks
                let added = try await webhooks.add(
                    url: "http://127.0.0.1:\(port)/hook", events: [.claimOpened, .ticketOpened], now: testNow,
                    actor: "user:owner@shop.kr")
                try await webhooks.collect(now: testNow)  // The first run starts the window at now.

                try await deliveredSmartstoreOrder(server)
                let claim = try await server.send(
                    .POST, "/api/v1/orders/S-2001/claims", json: #"{"type": "return", "reason": "defective"}"#)
                #expect(claim.status == .created, "\(claim.body.string)")
                let later = testNow.adding(hours: 1)
                #expect(try await webhooks.collect(now: later) == 1)
                #expect(try await webhooks.collect(now: later) == 0)
                let transport = VaporWebhookTransport(client: server.app.client, allowsPrivateAddresses: true)
                #expect(try await webhooks.deliverDue(clock: { later }, transport: transport) == 1)
                #expect(try await webhooks.deliverDue(clock: { later }, transport: transport) == 0)
                // Without the installation's leave, the same receiver is refused before connecting.
                #expect(await VaporWebhookTransport.resolvesPrivately("127.0.0.1"))
                #expect(await VaporWebhookTransport.resolvesPrivately("localhost"))

                let got = try #require(received.withLock { $0 }.first)
                #expect(received.withLock { $0.count } == 1)
                #expect(got.headers.first(name: "ParcelDesk-Event") == "claim.opened")
                #expect(got.body.contains(#""type":"claim.opened""#) && got.body.contains("S-2001-C1"))
                let signature = try #require(got.headers.first(name: "ParcelDesk-Signature"))
                let stamp = try #require(signature.firstRange(of: /t=(\d+)/).map { String(signature[$0].dropFirst(2)) })
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Data("\(stamp).\(got.body)".utf8), using: SymmetricKey(data: Data(added.secret.utf8)))
                #expect(signature.hasSuffix("v1=" + mac.map { String(format: "%02x", $0) }.joined()))
                let status = try #require(try await webhooks.webhooks().first)
                #expect(status.pending == 0 && status.lastResult == "HTTP 204")
            }
        }
    }

    @Test("a receiver that fails is retried with growing pauses, then given up on")
    func retries() async throws {
        try await withServer { server in
            let webhooks = server.services.webhooks
            let added = try await webhooks.add(
                url: "https://hooks.example/down", events: [.claimOpened], now: testNow, actor: "test")
            #expect(try await webhooks.sendTest(to: added.id, now: testNow))
            var now = testNow.epochSeconds
            for attempt in 1...WebhookService.maximumAttempts {
                #expect(try await server.store.dueDeliveries(now: now, limit: 5).count == 1, "attempt \(attempt)")
                let moment = Timestamp(epochSeconds: now)
                #expect(try await webhooks.deliverDue(clock: { moment }, transport: Refusing()) == 0)
                guard attempt < WebhookService.maximumAttempts else { break }
                // 30 s, 1 min, 2 min …: not due a second before, due at the pause.
                let pause = WebhookService.pause(after: attempt)
                #expect(pause == 30 * pow(2, Double(attempt - 1)))
                #expect(try await server.store.dueDeliveries(now: now + pause - 1, limit: 5).isEmpty)
                now += pause
            }
            #expect(try await server.store.dueDeliveries(now: now + 86_400 * 30, limit: 5).isEmpty)
            let status = try #require(try await webhooks.webhooks().first)
            #expect(status.failed == 1 && status.pending == 0 && status.lastResult == "HTTP 503")
        }
    }
}

/// A receiver that is down.
struct Refusing: WebhookTransport {
    func post(_ url: String, headers: [(String, String)], body: Data) async throws -> Int { 503 }
}

@Suite("Settings forms against careless and hostile input")
struct SettingsInputTests {
    @Test("a form that cannot be read is refused whole; NUL is dropped; an id with junk after it is no id")
    func unreadableForms() async throws {
        try await withServer { server in
            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let csrf = try #require(TestBrowser.csrf(try await owner.get("/settings").body.string))
            for body in ["origin%5B%5D=CN&t_customs_days=5", "shipping_option=%FF%FE&t_customs_days=5"] {
                let answer = try await owner.postRaw("/settings/lanes", "_csrf=\(csrf)&" + body)
                #expect(answer.status == .badRequest, "\(body)")
            }
            #expect(try await server.services.settings.laneRules().isEmpty)
            let kept = try await owner.postRaw(
                "/settings/templates",
                "_csrf=\(csrf)&template=stalled&do=save&ko=%7Border%7D%00%20%ED%99%95%EC%9D%B8&en=")
            #expect(kept.status == .seeOther)
            #expect(try await server.services.settings.templates()[.stalled]?.ko == "{order} 확인")
            let added = try await server.services.webhooks.add(
                url: "https://hooks.example/a", events: [.claimOpened], now: testNow, actor: "test")
            let junk = try await owner.postRaw(
                "/settings/webhooks/\(added.id.uuidString)%00junk/remove", "_csrf=\(csrf)")
            #expect(junk.status == .notFound)
            #expect(try await server.services.webhooks.webhooks().count == 1)
        }
    }

    @Test("numbers are plain decimals (a count whole), the button is Preview or Save, a box is ticked only when on")
    func strictValues() async throws {
        try await withServer { server in
            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let csrf = try #require(TestBrowser.csrf(try await owner.get("/settings").body.string))
            for (field, value) in [("t_customs_days", "0x10"), ("t_customs_days", "1e1"), ("t_customs_repeats", "2.5")]
            {
                let refused = try await owner.post(
                    "/settings/lanes", [("_csrf", csrf), ("origin", "CN"), (field, value)])
                #expect(refused.status == .unprocessableEntity, "\(field)=\(value)")
            }
            let delete = try await owner.post(
                "/settings/templates", [("_csrf", csrf), ("template", "stalled"), ("ko", "안녕"), ("do", "delete")])
            #expect(delete.status == .unprocessableEntity)
            #expect(try await server.services.settings.templates().isEmpty)
            let off = try await owner.post(
                "/settings/webhooks",
                [("_csrf", csrf), ("url", "https://hooks.example/x"), ("event_claim.opened", "off")])
            #expect(off.status == .unprocessableEntity)
            #expect(off.body.string.contains("받을 일을 하나 이상"))
        }
    }

    @Test("a webhook address must be a well-formed public https URL, once")
    func webhookAddresses() async throws {
        try await withServer { server in
            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let csrf = try #require(TestBrowser.csrf(try await owner.get("/settings").body.string))
            for url in [
                "https://hooks.example/a b", "https://hooks.example:99999/", "https://hooks.example:0/",
                "https://-bad-.com/", "https://hooks.example/\"x", "https://hooks.example/<x>",
            ] {
                let refused = try await owner.post(
                    "/settings/webhooks", [("_csrf", csrf), ("url", url), ("event_claim.opened", "on")])
                #expect(refused.status == .unprocessableEntity, "\(url)")
                #expect(refused.body.string.contains("value=\"\(HTMLText.escaped(url))\""), "\(url)")
            }
            let fields = [("_csrf", csrf), ("url", "https://hooks.example/x?shop=1"), ("event_claim.opened", "on")]
            #expect(try await owner.post("/settings/webhooks", fields).status == .created)
            let again = try await owner.post("/settings/webhooks", fields)
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("이미 있습니다"))
        }
    }

    @Test("the seller's wording shows and copies exactly as typed, entities and all")
    func wordingExactly() async throws {
        try await withServer { server in
            let id = try #require(
                try server.object(try await server.send(.POST, "/api/v1/orders", json: orderJSON))["id"] as? String)
            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let csrf = try #require(TestBrowser.csrf(try await owner.get("/settings").body.string))
            let saved = try await owner.post(
                "/settings/templates",
                [("_csrf", csrf), ("template", "not_activated"), ("ko", "A &amp; B <b>{order}</b>"), ("do", "save")])
            #expect(saved.status == .seeOther)
            let order = try await owner.get("/orders/\(id)").body.string
            #expect(order.contains("A &amp;amp; B &lt;b&gt;A-1001&lt;/b&gt;"))
            let settings = try await owner.get("/settings").body.string
            #expect(settings.contains("A &amp;amp; B &lt;b&gt;{order}&lt;/b&gt;</textarea>"))
        }
    }

    @Test("an order's own text (items, buyer, order number) shows exactly as stored on every page")
    func orderTextExactly() async throws {
        try await withServer { server in
            let json = orderJSON.replacingOccurrences(of: "휴대폰 케이스", with: "Salt &amp; Pepper &lt;3")
                .replacingOccurrences(of: "A-1001", with: "A&amp;1")
            let id = try #require(
                try server.object(try await server.send(.POST, "/api/v1/orders", json: json))["id"] as? String)
            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let order = try await owner.get("/orders/\(id)").body.string
            #expect(order.contains("Salt &amp;amp; Pepper &amp;lt;3"))
            #expect(order.contains("A&amp;amp;1 · ParcelDesk</title>"))
            #expect(!order.contains("A&amp;1<") && !order.contains("Salt &amp; Pepper"))
            let list = try await owner.get("/orders").body.string
            #expect(list.contains(">A&amp;amp;1<"))
        }
    }
}

@Suite("Removing an account")
struct AccountRemovalTests {
    @Test("the owner removes a staff account: its session and API token stop at once; never yourself")
    func removeStaff() async throws {
        try await withServer { server in
            let staff = try await server.services.accounts.createUser(
                email: "staff@shop.kr", password: "staff password 1", role: .staff, now: testNow, actor: "test")
            let token = try await server.services.accounts.createAPIToken(
                email: "staff@shop.kr", name: "sheet", lifetime: nil, now: testNow, actor: "test"
            ).token
            let staffBrowser = TestBrowser(server)
            _ = try await staffBrowser.signIn(email: "staff@shop.kr", password: "staff password 1")
            #expect(try await staffBrowser.get("/").status == .ok)
            #expect(try await server.send(.GET, "/api/v1/queue", token: token).status == .ok)

            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            let page = try await owner.get("/settings").body.string
            #expect(page.contains("/settings/users/\(staff.id.uuidString)/remove"))
            let csrf = try #require(TestBrowser.csrf(page))
            let ownerID = try #require(try await server.services.accounts.users().first { $0.role == .owner }?.id)
            #expect(!page.contains("/settings/users/\(ownerID.uuidString)/remove"))
            let yourself = try await owner.post("/settings/users/\(ownerID.uuidString)/remove", [("_csrf", csrf)])
            #expect(yourself.status == .conflict)
            #expect(yourself.body.string.contains("지금 로그인한 계정은 삭제할 수 없습니다"))

            let removed = try await owner.post("/settings/users/\(staff.id.uuidString)/remove", [("_csrf", csrf)])
            #expect(removed.status == .seeOther)
            #expect(try await staffBrowser.get("/").status == .seeOther)
            #expect(try await server.send(.GET, "/api/v1/queue", token: token).status == .unauthorized)
            #expect(try await server.services.accounts.users().map(\.email) == [TestServer.ownerEmail])
            #expect(
                try await owner.post("/settings/users/\(staff.id.uuidString)/remove", [("_csrf", csrf)]).status
                    == .notFound)
        }
    }
}
