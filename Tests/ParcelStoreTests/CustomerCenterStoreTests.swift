import Foundation
import ParcelApp
import ParcelCore
import ParcelTestSupport
import Testing

@testable import ParcelStore

/// Buyer links, tickets and the lane's delivery days on both engines. In the Store suite.
extension StoreTests {
    @Test(
        "a buyer link opens its order (only the token's hash stored); a conversation is kept, handed over, answered",
        arguments: Engine.available)
    func customerCenter(engine: Engine) async throws {
        try await engine.withStore { desk in
            let center = desk.services.customerCenter
            let orderID = try await deliveredOrder(desk)
            let token = try await center.buyerToken(for: orderID, now: now)
            #expect(try await center.buyerToken(for: orderID, now: now) == token)
            #expect(try await desk.store.order(buyerTokenHash: Hashing.sha256(token)) == orderID)
            #expect(try await desk.store.order(buyerTokenHash: token) == nil)
            #expect(try await center.buyerView(token: String(token.reversed()), now: now) == nil)

            let first = try #require(try await center.ask(token: token, question: "택배 어디쯤이에요?", now: now))
            #expect(first.reply.ticket == nil)
            #expect(try await center.tickets().isEmpty, "a question the desk answered stays out of the inbox")
            let again = try #require(
                try await center.ask(token: token, question: "제 물건 지금 어디 있어요", now: now.adding(hours: 1)))
            let ticket = try #require(again.reply.ticket, "the same question twice goes to the seller")
            #expect(ticket.status == .open)
            #expect(try await center.tickets().map(\.id) == [ticket.id])
            let messages = try await desk.store.messages(ofTicket: ticket.id)
            #expect(messages.map(\.author) == [.buyer, .desk, .buyer, .desk])
            #expect(messages[0].text == "택배 어디쯤이에요?")
            let answered = try await center.reply(to: ticket.id, text: "확인해 보겠습니다", now: now.adding(hours: 2))
            #expect(answered.status == .answered && answered.waitingSince == nil)
            #expect(try await desk.store.ticket(ticket.id)?.status == .answered)
            _ = try await center.close(ticket.id, now: now.adding(hours: 3))
            #expect(try await center.tickets().isEmpty)
            await #expect(throws: TicketError.closed) {
                try await center.reply(to: ticket.id, text: "늦었어요", now: now.adding(hours: 4))
            }
        }
    }

    @Test(
        "a tracking source's key: stored sealed, replaced in place, opened with the key it was sealed with",
        arguments: Engine.available)
    func sourceKeys(engine: Engine) async throws {
        try await engine.withStore { desk in
            let keys = desk.services.sourceKeys
            #expect(try await keys.key(for: .afterShip) == nil)
            try await keys.set(.afterShip, key: "first-key", now: now, actor: "test")
            try await keys.set(.afterShip, key: "second-key", now: now.adding(hours: 1), actor: "test")
            #expect(try await keys.key(for: .afterShip) == "second-key")
            let statuses = try await keys.statuses()
            #expect(statuses.map(\.source) == ["aftership"])
            #expect(statuses.first?.updatedAt == now.adding(hours: 1))
            let sealed = try #require(try await desk.store.sealedSourceKey(source: "aftership"))
            #expect(!sealed.contains("second-key"))
        }
    }

    @Test(
        "the lane's delivery days: its delivered shipments only, from shipping to the last scan",
        arguments: Engine.available)
    func laneDeliveryDays(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await deliveredOrder(desk)
            let days = try await desk.store.deliveryDays(
                origin: "KR", destination: "KR", shippingOption: "택배", carrier: "kr.cjlogistics", limit: 10)
            #expect(days.count == 1)
            #expect(abs(days[0] - (53.0 / 24)) < 0.01)
            let other = try await desk.store.deliveryDays(
                origin: "CN", destination: "KR", shippingOption: "택배", carrier: "kr.cjlogistics", limit: 10)
            #expect(other.isEmpty)
        }
    }
}

extension StoreTests {
    @Test("the inbox reads the longest-waiting first, or the newest first when asked", arguments: Engine.available)
    func inboxOrders(engine: Engine) async throws {
        try await engine.withStore { desk in
            let center = desk.services.customerCenter
            let first = try await deliveredOrder(desk, "S-2001")
            let second = try await deliveredOrder(desk, "S-2002")
            for (order, hours) in [(first, 1.0), (second, 2.0)] {
                let token = try await center.buyerToken(for: order, now: now)
                _ = try await center.ask(token: token, question: "상담원 연결해 주세요", now: now.adding(hours: hours))
            }
            #expect(try await center.tickets().map(\.orderExternalID) == ["S-2001", "S-2002"])
            #expect(
                try await center.tickets(TicketFilter(newestFirst: true)).map(\.orderExternalID) == [
                    "S-2002", "S-2001",
                ])
        }
    }
}
