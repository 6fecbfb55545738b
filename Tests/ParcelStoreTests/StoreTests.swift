import Foundation
import ParcelApp
import ParcelCore
import SQLKit
import Testing

@testable import ParcelStore

@Suite("Store", .serialized)
struct StoreTests {
    @Test(
        "an order round-trips with its offsets, items and buyer, and gets its first findings",
        arguments: Engine.available)
    func createAndRead(engine: Engine) async throws {
        try await engine.withStore { desk in
            // MUT
            let ids = try await desk.orders.createOrders([NewOrder(draft("A-1001"))], now: now, actor: "test")
            // validate
            let stored = try #require(try await desk.orders.order(ids[0].uuidString))
            #expect(stored.info.id == "A-1001")
            #expect(stored.info.placedAt == draft("A-1001").info.placedAt)
            #expect(stored.shipment?.shippedAt?.utcOffset == Timestamp.chinaStandard)
            #expect(stored.items == [OrderItem(name: "휴대폰 케이스", quantity: 2, price: Decimal(string: "12.50"))])
            #expect(stored.buyerPhone == "010-1234-5678")
            // The marketplace order number finds it too.
            #expect(try await desk.orders.order("A-1001")?.id == ids[0])
            #expect(try await desk.orders.order(UUID().uuidString) == nil)
            let queue = try await desk.orders.queue(minimum: .info)
            #expect(queue.map(\.code) == ["not_activated"])
            #expect(queue[0].externalID == "A-1001")
            // The seller's summary in both languages, with how long the parcel has waited.
            #expect(queue[0].summary.ko.contains("30시간"))
            #expect(queue[0].summary.en.contains("30 hours"))
        }
    }

    @Test(
        "many reads at once each get their own order with its events in order; an unknown id gets none",
        arguments: Engine.available)
    func concurrentReads(engine: Engine) async throws {
        try await engine.withStore { desk in
            // setup: 30 orders, order i with i % 4 + 1 scans of its own parcel.
            let numbers = (0..<30).map { "LP" + String(900_000_000_000_00 + $0) }
            let ids = try await desk.orders.createOrders(
                numbers.enumerated().map { NewOrder(draft("R-\($0)", number: $1)) }, now: now, actor: "test")
            let scans = numbers.enumerated().flatMap { index, number in
                (0...(index % 4)).map { scan in
                    cainiao(
                        number, hoursAgo: Double(20 - scan), code: "SC_OUTBOUND_SUCCESS",
                        text: "scan \(scan) of \(index)")
                }
            }
            _ = try await desk.ingestion.ingest(scans, now: now, actor: "test")
            // MUT: every order read five times over, with unknown ids among them, all at once.
            let keys = (0..<150).map { $0 % 31 == 30 ? UUID() : ids[$0 % 31] }
            let read = try await withThrowingTaskGroup(of: (Int, StoredOrder?).self) { group in
                for (slot, key) in keys.enumerated() {
                    group.addTask { (slot, try await desk.orders.order(key.uuidString)) }
                }
                var read: [Int: StoredOrder?] = [:]
                for try await (slot, order) in group { read[slot] = order }
                return read
            }
            // validate
            for (slot, key) in keys.enumerated() {
                let order = try #require(read[slot])
                guard let index = ids.firstIndex(of: key) else {
                    #expect(order == nil, "unknown id \(key) read as \(order?.info.id ?? "")")
                    continue
                }
                #expect(order?.id == key)
                #expect(order?.info.id == "R-\(index)")
                #expect(order?.events.map(\.text) == (0...(index % 4)).map { "scan \($0) of \(index)" })
            }
        }
    }

    @Test(
        "a taken or repeated order number is refused and nothing of the batch is written", arguments: Engine.available)
    func duplicates(engine: Engine) async throws {
        try await engine.withStore { desk in
            try await desk.orders.createOrders([NewOrder(draft("A-1"))], now: now, actor: "test")
            await #expect(throws: OrderError.duplicateOrder("A-1")) {
                try await desk.orders.createOrders(
                    [NewOrder(draft("A-2")), NewOrder(draft("A-1"))], now: now, actor: "test")
            }
            await #expect(throws: OrderError.duplicateOrder("A-3")) {
                try await desk.orders.createOrders(
                    [NewOrder(draft("A-3")), NewOrder(draft("A-3"))], now: now, actor: "test")
            }
            #expect(try await desk.orders.order("A-2") == nil)
            #expect(try await desk.orders.counts().orders == 1)
        }
    }

    @Test(
        "an import of several chunks stores every order once and flags numbers shared with stored orders, across chunks and within one",
        arguments: Engine.available)
    func importSharedNumbers(engine: Engine) async throws {
        try await engine.withStore { desk in
            // setup: one stored order; a file of 4,500 orders where I-7 shares the stored
            // order's number, I-4000 shares I-3's (another chunk) and I-11 shares I-12's (the same chunk).
            try await desk.orders.createOrders([NewOrder(draft("A-1"))], now: now, actor: "test")
            func number(_ index: Int) -> String {
                switch index {
                case 7: "LP00123456789012"
                case 4_000: number(3)
                case 11: number(12)
                default: "LP\(String(format: "%014d", 20_000_000 + index))"
                }
            }
            var lines = ["externalId,placedAt,trackingNumber,carrier"]
            for index in 1...4_500 {
                lines.append("I-\(index),2026-11-20T10:00:00+09:00,\(number(index)),cn.cainiao")
            }
            // MUT
            let report = try await desk.imports.run(
                Data((lines.joined(separator: "\n") + "\n").utf8), format: .generic, skipBad: false, now: now,
                actor: "test")
            // validate
            #expect(report.succeeded, "\(report.problems.prefix(3))")
            #expect(report.imported == 4_500)
            #expect(try await desk.orders.counts().orders == 4_501)
            for (order, other) in [
                ("A-1", "I-7"), ("I-7", "A-1"), ("I-3", "I-4000"), ("I-4000", "I-3"), ("I-11", "I-12"),
                ("I-12", "I-11"),
            ] {
                #expect(try await desk.orders.order(order)?.otherOrders.map(\.id) == [other], "\(order)")
            }
            // The stored findings, as the queue reads them, were diagnosed again knowing about the other order.
            let rows = try await desk.store.sql.raw(
                """
                SELECT o.external_id FROM diagnoses d JOIN orders o ON o.id = d.order_id
                WHERE d.code = 'number_duplicate'
                """
            ).all()
            let flagged = try rows.map { try $0.decode(column: "external_id", as: String.self) }
            #expect(Set(flagged) == ["A-1", "I-7", "I-3", "I-4000", "I-11", "I-12"])
        }
    }

    @Test(
        "a number on two orders: both are flagged number_duplicate naming the other, and scans reach both",
        arguments: Engine.available)
    func sharedNumber(engine: Engine) async throws {
        try await engine.withStore { desk in
            try await desk.orders.createOrders([NewOrder(draft("A-1"))], now: now, actor: "test")
            #expect(try await desk.orders.queue(minimum: .info).allSatisfy { $0.code != "number_duplicate" })
            // MUT: a later order pasted with the same number, written differently.
            try await desk.orders.createOrders(
                [NewOrder(draft("A-2", number: "lp0012-3456-7890-12"))], now: now, actor: "test")
            let result = try await desk.ingestion.ingest(
                [cainiao("LP00123456789012", hoursAgo: 24, code: "PU_PICKUP_SUCCESS", text: "Picked up")], now: now,
                actor: "test")
            // validate
            #expect(result.accepted == 2)
            let flagged = try await desk.orders.queue(minimum: .info).filter { $0.code == "number_duplicate" }
            #expect(Set(flagged.map(\.externalID)) == ["A-1", "A-2"])
            let first = try #require(try await desk.orders.order("A-1"))
            #expect(first.otherOrders.map(\.id) == ["A-2"])
            #expect(first.events.count == 1)
            #expect(try await desk.orders.order("A-2")?.events.count == 1)
        }
    }

    @Test(
        "events are matched by number, stored once, and update the shipment in the same call",
        arguments: Engine.available)
    func ingest(engine: Engine) async throws {
        try await engine.withStore { desk in
            try await desk.orders.createOrders([NewOrder(draft("A-1"))], now: now, actor: "test")
            let batch = [
                cainiao("LP00123456789012", hoursAgo: 24, code: "PU_PICKUP_SUCCESS", text: "Picked up"),
                // Same number written differently still matches.
                cainiao(
                    "lp 0012 3456 7890 12", hoursAgo: 20, code: "SC_INBOUND_SUCCESS", text: "Arrived at sorting center"),
                cainiao("LP99999999999999", hoursAgo: 20, code: "SC_INBOUND_SUCCESS", text: "Someone else's"),
            ]
            // MUT
            let first = try await desk.ingestion.ingest(batch, now: now, actor: "test")
            let again = try await desk.ingestion.ingest(batch, now: now, actor: "test")
            // validate
            #expect(first.accepted == 2)
            #expect(first.unmatched == 1)
            #expect(first.unmatchedNumbers == ["LP99999999999999"])
            #expect(again.accepted == 0)
            #expect(again.duplicates == 2)
            let stored = try #require(try await desk.orders.order("A-1"))
            #expect(stored.events.count == 2)
            let page = try await desk.orders.orders(OrderFilter())
            #expect(page.items[0].status == "in_transit")
            #expect(page.items[0].milestone == "origin_facility")
            // The first scan ended "not activated".
            #expect(try await desk.orders.queue(minimum: .info).allSatisfy { $0.code != "not_activated" })
        }
    }

    @Test(
        "a later leg's events attach through the shipment's first number and the leg becomes searchable",
        arguments: Engine.available)
    func laterLeg(engine: Engine) async throws {
        try await engine.withStore { desk in
            try await desk.orders.createOrders([NewOrder(draft("A-1"))], now: now, actor: "test")
            let cj = RawTrackingEvent(
                source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: "123456789013",
                time: now.adding(hours: -2), code: "11", text: "집화처리")
            let orphan = try await desk.ingestion.ingest([cj], now: now, actor: "test")
            #expect(orphan.unmatched == 1)
            let linked = try await desk.ingestion.ingest(
                [IncomingEvent(cj, parentTrackingNumber: "LP00123456789012")], now: now, actor: "test")
            #expect(linked.accepted == 1)
            // Now the CJ number is a leg: its next scan matches directly.
            let next = RawTrackingEvent(
                source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: "123456789013",
                time: now.adding(hours: -1), code: "82", text: "배송출발")
            #expect(try await desk.ingestion.ingest([next], now: now, actor: "test").accepted == 1)
            #expect(
                try await desk.orders.orders(OrderFilter(query: "1234-5678-9013")).items.map(\.externalID) == ["A-1"])
            #expect(try await desk.orders.orders(OrderFilter()).items[0].status == "out_for_delivery")
        }
    }

    @Test("as time passes, due shipments are re-diagnosed", arguments: Engine.available)
    func refreshDue(engine: Engine) async throws {
        try await engine.withStore { desk in
            try await desk.orders.createOrders([NewOrder(draft("A-1", shippedHoursAgo: 70))], now: now, actor: "test")
            #expect(try await desk.orders.queue(minimum: .info).first?.severity == .info)
            // Nothing is due yet within the hour.
            #expect(try await desk.ingestion.refreshDue(now: now.adding(hours: 0.5)) == 0)
            // Three hours later the first scan is overdue: act.
            #expect(try await desk.ingestion.refreshDue(now: now.adding(hours: 3)) == 1)
            let queue = try await desk.orders.queue(minimum: .act)
            #expect(queue.map(\.code) == ["not_activated"])
            #expect(queue[0].severity == .act)
        }
    }

    @Test("lists newest first, pages without gaps or repeats, and filters", arguments: Engine.available)
    func listing(engine: Engine) async throws {
        try await engine.withStore { desk in
            var orders: [NewOrder] = []
            for index in 0..<25 {
                var order = draft(
                    String(format: "A-%03d", index), number: String(format: "LP%014d", index),
                    buyer: index == 7 ? "Jane Doe" : "김민지", shippedHoursAgo: Double(100 - index))
                if index == 3 { order.shipment = nil }
                orders.append(NewOrder(order))
            }
            try await desk.orders.createOrders(orders, now: now, actor: "test")
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await desk.orders.orders(
                    OrderFilter(limit: 10, cursor: cursor.flatMap(OrderCursor.init(encoded:))))
                seen += page.items.map(\.externalID)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == (0..<25).reversed().map { String(format: "A-%03d", $0) })
            #expect(try await desk.orders.orders(OrderFilter(query: "jane")).items.map(\.externalID) == ["A-007"])
            #expect(try await desk.orders.orders(OrderFilter(query: "a-01")).items.count == 10)
            #expect(try await desk.orders.orders(OrderFilter(query: "100%")).items.isEmpty)
            let pending = try await desk.orders.orders(OrderFilter(status: "pending", limit: 100))
            #expect(pending.items.count == 24)
            let flagged = try await desk.orders.orders(OrderFilter(diagnosis: "not_activated", limit: 100))
            #expect(flagged.items.count == 24)
            #expect(try await desk.orders.orders(OrderFilter(diagnosis: "customs_loop")).items.isEmpty)
        }
    }

    @Test("the queue puts the most severe first, then the nearest deadline", arguments: Engine.available)
    func queueOrder(engine: Engine) async throws {
        try await engine.withStore { desk in
            // Shipped 200 h ago, never scanned: act. Shipped 10 h ago: info. Shipped 300 h ago with a
            // promise already broken: late (act) and not activated (act).
            var late = draft("A-LATE", number: "LP00000000000003", shippedHoursAgo: 300)
            late.info.promisedBy = now.adding(hours: -5)
            try await desk.orders.createOrders(
                [
                    NewOrder(draft("A-OLD", number: "LP00000000000001", shippedHoursAgo: 200)),
                    NewOrder(draft("A-NEW", number: "LP00000000000002", shippedHoursAgo: 10)), NewOrder(late),
                ], now: now, actor: "test")
            let queue = try await desk.orders.queue(minimum: .info)
            #expect(queue.map(\.severity) == queue.map(\.severity).sorted(by: >))
            #expect(queue.last?.externalID == "A-NEW")
            let acts = queue.filter { $0.severity == .act }
            // The one with a deadline (the broken promise) comes before those without.
            #expect(acts.first?.code == "late")
            #expect(try await desk.orders.queue(minimum: .act).allSatisfy { $0.externalID != "A-NEW" })
        }
    }

    @Test(
        "users and tokens: e-mails are unique, tokens are stored hashed and find their user",
        arguments: Engine.available)
    func accounts(engine: Engine) async throws {
        try await engine.withStore { desk in
            let user = try await desk.accounts.createUser(
                email: "Owner@Shop.kr", password: "correct horse", role: .owner, now: now, actor: "test")
            #expect(user.email == "owner@shop.kr")
            await #expect(throws: AccountError.emailTaken("owner@shop.kr")) {
                try await desk.accounts.createUser(
                    email: "owner@shop.kr", password: "another one", role: .staff, now: now, actor: "test")
            }
            let issued = try await desk.accounts.createAPIToken(
                email: "owner@shop.kr", name: "cli", lifetime: nil, now: now, actor: "test")
            let token = issued.token
            #expect(token.hasPrefix("pd_"))
            #expect(token.count > 40)
            let found = try #require(try await desk.accounts.authenticate(token: token, now: now))
            #expect(found.user.email == "owner@shop.kr")
            #expect(found.user.role == .owner)
            let stored = try #require(try await desk.store.token(hash: Hashing.sha256(token)))
            #expect(stored.token.id == issued.record.id)
            #expect(try await desk.accounts.authenticate(token: token + "x", now: now) == nil)
            // The hash, never the token, is in the table.
            let rows = try await desk.store.sql.raw("SELECT token_hash FROM api_tokens").all()
            let hashes = try rows.map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(hashes == [Hashing.sha256(token)])
            #expect(!hashes.contains { $0.contains(token) })
            let log = try await desk.accounts.auditLog()
            #expect(log.map(\.action).contains("token.create"))
        }
    }

    @Test(
        "a sign-in token expires after the session lifetime; a revoked token is refused; an API token may expire",
        arguments: Engine.available)
    func tokenLifetimes(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await desk.accounts.createUser(
                email: "staff@shop.kr", password: "correct horse", role: .staff, now: now, actor: "test")
            // MUT: sign in with the wrong and the right password.
            #expect(try await desk.accounts.signIn(email: "staff@shop.kr", password: "wrong horse", now: now) == nil)
            let session = try #require(
                try await desk.accounts.signIn(email: "STAFF@shop.kr", password: "correct horse", now: now))
            // validate: 12 hours by default, to the second.
            #expect(session.record.expiresAt == now.adding(hours: 12).epochSeconds)
            #expect(try await desk.accounts.authenticate(token: session.token, now: now.adding(hours: 11.9)) != nil)
            #expect(try await desk.accounts.authenticate(token: session.token, now: now.adding(hours: 12)) == nil)
            // Revoked: refused at once, and only once counted.
            let second = try #require(
                try await desk.accounts.signIn(email: "staff@shop.kr", password: "correct horse", now: now))
            #expect(try await desk.accounts.revoke(token: second.token, now: now, actor: "test"))
            #expect(try await desk.accounts.authenticate(token: second.token, now: now) == nil)
            #expect(try await !desk.accounts.revoke(token: second.token, now: now, actor: "test"))
            // An API token with a lifetime; revoking by name leaves the others.
            let api = try await desk.accounts.createAPIToken(
                email: "staff@shop.kr", name: "poller", lifetime: 3600, now: now, actor: "test")
            let other = try await desk.accounts.createAPIToken(
                email: "staff@shop.kr", name: "cli", lifetime: nil, now: now, actor: "test")
            #expect(try await desk.accounts.authenticate(token: api.token, now: now.adding(hours: 1.01)) == nil)
            // An expired token is not live, so revoking it changes (and audits) nothing.
            #expect(
                try await desk.accounts.revokeTokens(
                    email: "staff@shop.kr", name: "poller", now: now.adding(hours: 2), actor: "t") == 0)
            #expect(
                try await desk.accounts.revokeTokens(email: "staff@shop.kr", name: "cli", now: now, actor: "t") == 1)
            #expect(try await desk.accounts.authenticate(token: other.token, now: now) == nil)
            #expect(try await desk.accounts.authenticate(token: session.token, now: now) != nil)
            let actions = try await desk.accounts.auditLog().map(\.action)
            #expect(actions.filter { $0 == "token.revoke" }.count == 2)
        }
    }

    @Test(
        "two owners creating one e-mail at once: one account, the other told the e-mail is taken; one revocation counts",
        arguments: Engine.available)
    func concurrentAccountWrites(engine: Engine) async throws {
        try await engine.withStore { desk in
            let accounts = desk.accounts
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await accounts.createUser(
                                email: "same@shop.kr", password: "correct horse", role: .staff, now: now,
                                actor: "test")
                            return true
                        } catch AccountError.emailTaken("same@shop.kr") {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await accounts.users().count == 1)

            let session = try #require(
                try await accounts.signIn(email: "same@shop.kr", password: "correct horse", now: now))
            let revocations = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await accounts.revoke(token: session.token, now: now, actor: "test") }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(revocations.filter { $0 }.count == 1)
            #expect(try await accounts.auditLog().filter { $0.action == "token.revoke" }.count == 1)
        }
    }

    @Test(
        "events read back exactly as sent: quotes, line breaks, emoji, control characters, fractions of a second",
        arguments: Engine.available)
    func eventsReadBackExactly(engine: Engine) async throws {
        try await engine.withStore { desk in
            try await desk.orders.createOrders([NewOrder(draft("A-1"))], now: now, actor: "test")
            let texts = [
                "He said \"hi\" \\ then\nleft\t…", "📦 배송출발 \u{1}\u{1F}", "离开【义乌转运中心】，发往【威海口岸】",
                "\u{FEFF}\u{200B}보이지 않는 글자", "",
            ]
            let sent = texts.enumerated().map { index, text in
                RawTrackingEvent(
                    source: "cainiao", carrier: "cn.cainiao", trackingNumber: "LP00123456789012",
                    time: now.adding(hours: -Double(index) - 0.123456789).at(utcOffset: Timestamp.chinaStandard),
                    code: index.isMultiple(of: 2) ? nil : "C\(index)", text: text,
                    location: index == 1 ? nil : "창고 \"A\"\r\n2층")
            }
            // MUT
            let result = try await desk.ingestion.ingest(sent, now: now, actor: "test")
            // validate: in arrival order, every field as it came.
            #expect(result.accepted == texts.count)
            let stored = try #require(try await desk.orders.order("A-1")).events
            try #require(stored.count == sent.count)
            for (got, want) in zip(stored, sent) {
                #expect(got.text == want.text)
                #expect(got.code == want.code)
                #expect(got.location == want.location)
                #expect(got.source == want.source && got.carrier == want.carrier)
                #expect(got.trackingNumber == want.trackingNumber)
                #expect(abs(got.time.epochSeconds - want.time.epochSeconds) < 1e-6)
                #expect(got.time.utcOffset == want.time.utcOffset)
            }
        }
    }

    @Test("an SQLite file keeps everything across a reopen and checks sound")
    func reopen() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let first = try await StoreHandle.open(.sqlite(path: path), migrate: true)
        try await Desk(first.store).orders.createOrders([NewOrder(draft("A-1"))], now: now, actor: "test")
        _ = try await Desk(first.store).ingestion.ingest(
            [cainiao("LP00123456789012", hoursAgo: 24, code: "PU_PICKUP_SUCCESS", text: "Picked up")], now: now,
            actor: "test")
        // The server's checkpoint copies the whole log back.
        let checkpoint = try await first.store.checkpoint()
        #expect(checkpoint.logFrames > 0)
        #expect(checkpoint.checkpointed == checkpoint.logFrames)
        await first.close()
        let second = try await StoreHandle.open(.sqlite(path: path), migrate: true)
        #expect(try await Desk(second.store).orders.order("A-1")?.events.count == 1)
        #expect(try await second.store.integrityCheck() == "ok")
        await second.close()
    }
}
