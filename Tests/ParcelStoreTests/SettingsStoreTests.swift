import Foundation
import ParcelApp
import ParcelCore
import ParcelTestSupport
import Testing

@testable import ParcelStore

/// Settings and outbound webhooks on both engines. In the Store suite.
extension StoreTests {
    @Test(
        "a lane rule is stored with its audit entry and makes every shipment due for re-diagnosis",
        arguments: Engine.available)
    func laneRuleStored(engine: Engine) async throws {
        try await engine.withStore { desk in
            let orderID = try await deliveredOrder(desk)
            let later = now.adding(hours: 1)
            #expect(try await desk.store.shipmentsDue(at: later.epochSeconds, limit: 10).isEmpty)
            let rule = try SettingsService.rule(
                origin: "KR", destination: "kr", shippingOption: "택배", values: [.stalledOriginDays: "3.5"])
            try await desk.services.settings.saveRule(rule, now: later, actor: "user:owner@shop.kr")
            #expect(try await desk.store.shipmentsDue(at: later.epochSeconds, limit: 10).count == 1)
            let stored = try await desk.services.settings.laneRules()
            #expect(stored == [rule])
            #expect(stored.first?.lane == LaneMatch(origin: "KR", destination: "KR", shippingOption: "택배"))
            #expect(try await desk.services.accounts.auditLog().contains { $0.action == "settings.lane_rule" })
            // A second rule for the same lane replaces the first.
            let replacement = try SettingsService.rule(
                origin: "KR", destination: "KR", shippingOption: "택배", values: [.handoffDays: "5"])
            try await desk.services.settings.saveRule(replacement, now: later, actor: "test")
            #expect(try await desk.services.settings.laneRules().map(\.id) == [replacement.id])
            let policy = desk.services.orders.diagnoser.policies.policy(
                origin: "KR", destination: "KR", shippingOption: "CJ 택배")
            #expect(policy.handoffDays == 5 && policy.stalledOriginDays == 2)
            _ = orderID
        }
    }

    @Test(
        "webhook events come once each from claims, findings and handed-over tickets; the cursor moves with them",
        arguments: Engine.available)
    func webhookCollection(engine: Engine) async throws {
        try await engine.withStore { desk in
            let webhooks = desk.services.webhooks
            let all = WebhookEventType.subscribable
            let first = try await webhooks.add(url: "https://a.example/hook", events: all, now: now, actor: "test")
            _ = try await webhooks.add(url: "https://b.example/hook", events: [.ticketOpened], now: now, actor: "test")
            #expect(try await webhooks.collect(now: now) == 0)

            let orderID = try await deliveredOrder(desk)
            let opened = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .defective, detail: nil, amount: nil, noticedAt: nil,
                by: .buyer, actor: "test", now: now.adding(hours: 1)
            ).get()
            // Shipped days ago and never scanned: a finding that needs the seller.
            var silent = smartstoreDraft("S-2002")
            silent.shipment?.trackingNumber = "123456789024"
            _ = try await desk.orders.createOrders(
                [NewOrder(silent, events: [])], now: now.adding(hours: 1), actor: "test")
            let token = try await desk.services.customerCenter.buyerToken(for: orderID, now: now)
            _ = try await desk.services.customerCenter.ask(
                token: token, question: "상담원 연결해 주세요", now: now.adding(hours: 2))

            let later = now.adding(hours: 3)
            #expect(try await webhooks.collect(now: later) == 4)
            #expect(try await webhooks.collect(now: later.adding(hours: 1)) == 0)
            let due = try await desk.store.dueDeliveries(now: later.epochSeconds, limit: 20)
            let types = Set(due.filter { $0.delivery.webhookID == first.id }.map(\.delivery.type))
            #expect(types == [.claimOpened, .orderFindings, .ticketOpened])
            #expect(due.filter { $0.delivery.webhookID != first.id }.map(\.delivery.type) == [.ticketOpened])
            let findings = try #require(due.first { $0.delivery.type == .orderFindings })
            #expect(findings.delivery.payload.contains(#""orderNumber":"S-2002""#))
            #expect(findings.delivery.payload.contains(#""code":"not_activated""#))
            // The same events again (another collector, or the window read again) are not queued twice.
            let again = due.map {
                WebhookDelivery(
                    id: UUID(), webhookID: $0.delivery.webhookID, eventKey: $0.delivery.eventKey,
                    type: $0.delivery.type, payload: $0.delivery.payload, createdAt: $0.delivery.createdAt)
            }
            #expect(try await desk.store.enqueue(again, cursor: nil) == 0)
            #expect(try await desk.store.dueDeliveries(now: later.epochSeconds, limit: 20).count == due.count)

            // A write stamped before the last window that commits after it (a long import) is still seen.
            _ = try await desk.claims.act(
                claim: opened.claim.id, action: .approve, by: .seller, note: "회수 요청", trackingNumber: nil,
                carrier: nil, amount: nil, idempotencyKey: nil, expectedVersion: nil, actor: "test",
                now: later.adding(hours: 0.9)
            ).get()
            #expect(try await webhooks.collect(now: later.adding(hours: 1.2)) == 1)

            #expect(try await webhooks.remove(first.id, now: later, actor: "test"))
            #expect(try await desk.store.dueDeliveries(now: later.epochSeconds, limit: 20).count == 1)
            #expect(try await webhooks.webhooks().map(\.url) == ["https://b.example/hook"])
        }
    }
}

extension StoreTests {
    @Test(
        "a first webhook hears what happens from then on, not what happened while nobody listened",
        arguments: Engine.available)
    func webhookStartsNow(engine: Engine) async throws {
        try await engine.withStore { desk in
            let webhooks = desk.services.webhooks
            let early = try await webhooks.add(
                url: "https://a.example/hook", events: [.claimOpened], now: now, actor: "test")
            #expect(try await webhooks.collect(now: now) == 0)
            #expect(try await webhooks.remove(early.id, now: now, actor: "test"))
            _ = try await deliveredOrder(desk)
            _ = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .defective, detail: nil, amount: nil, noticedAt: nil,
                by: .buyer, actor: "test", now: now.adding(hours: 1)
            ).get()
            let later = now.adding(days: 2)
            _ = try await webhooks.add(url: "https://b.example/hook", events: [.claimOpened], now: later, actor: "test")
            #expect(try await webhooks.collect(now: later.adding(hours: 1)) == 0)
        }
    }
}

extension StoreTests {
    @Test("owners adding webhooks at once cannot pass the limit of ten", arguments: Engine.available)
    func webhookLimitHolds(engine: Engine) async throws {
        try await engine.withStore { desk in
            let webhooks = desk.services.webhooks
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        _ = try? await webhooks.add(
                            url: "https://hooks\(index).example/x", events: [.claimOpened], now: now, actor: "test")
                    }
                }
            }
            let added = try await webhooks.webhooks()
            #expect(added.count == WebhookService.maximumWebhooks)
        }
    }
}

extension StoreTests {
    @Test("an account is removed with its tokens; the last owner is not", arguments: Engine.available)
    func accountRemoval(engine: Engine) async throws {
        try await engine.withStore { desk in
            let accounts = desk.services.accounts
            let owner = try await accounts.createUser(
                email: "boss@shop.kr", password: "boss password 1", role: .owner, now: now, actor: "test")
            let staff = try await accounts.createUser(
                email: "staff@shop.kr", password: "staff password 1", role: .staff, now: now, actor: "test")
            let issued = try await accounts.createAPIToken(
                email: "staff@shop.kr", name: "sheet", lifetime: nil, now: now, actor: "test")
            let audit = AuditEntry(at: now.epochSeconds, actor: "test", action: "user.remove")
            let others = try await accounts.users().filter { $0.role == .owner && $0.id != owner.id }
            for other in others { _ = try await desk.store.deleteUser(other.id, audit: audit) }
            #expect(try await desk.store.deleteUser(owner.id, audit: audit) == .lastOwner)
            #expect(try await desk.store.deleteUser(staff.id, audit: audit) == .removed(tokens: [issued.record.id]))
            #expect(try await desk.store.deleteUser(staff.id, audit: audit) == .notFound)
            #expect(try await accounts.users().map(\.email) == ["boss@shop.kr"])
            #expect(try await desk.store.token(hash: Hashing.sha256(issued.token)) == nil)
        }
    }
}
