import Foundation
import ParcelApp
import ParcelCore
import Testing
import VaporTesting

@testable import ParcelServer

@Suite("Inbox orderings")
struct InboxTests {
    @Test("the inbox switches between longest-waiting and newest first, and shows past questions when asked")
    func orderings() async throws {
        try await withServer { server in
            try await deliveredSmartstoreOrder(server, id: "S-2001")
            try await deliveredSmartstoreOrder(server, id: "S-2002")
            let center = server.services.customerCenter
            for (number, hours) in [("S-2001", 1.0), ("S-2002", 2.0)] {
                let order = try #require(try await server.services.orders.order(number))
                let token = try await center.buyerToken(for: order.id, now: testNow)
                _ = try await center.ask(token: token, question: "사람이랑 얘기할래요", now: testNow.adding(hours: hours))
            }
            let closed = try #require(try await center.tickets().first)
            _ = try await center.close(closed.id, now: testNow.adding(hours: 3))

            let owner = TestBrowser(server)
            _ = try await owner.signIn()
            func rows(_ path: String) async throws -> [String] {
                let page = try await owner.get(path).body.string
                return page.matches(of: /<a href="\/inbox\/[^"]+">(S-\d+)<\/a>/).map { String($0.output.1) }
            }
            #expect(try await rows("/inbox") == ["S-2002"])
            #expect(try await rows("/inbox?show=all") == ["S-2002", "S-2001"])
            try await deliveredSmartstoreOrder(server, id: "S-2003")
            let third = try #require(try await server.services.orders.order("S-2003"))
            _ = try await center.ask(
                token: try await center.buyerToken(for: third.id, now: testNow), question: "상담원 연결",
                now: testNow.adding(hours: 4))
            #expect(try await rows("/inbox") == ["S-2002", "S-2003"])
            #expect(try await rows("/inbox?sort=newest") == ["S-2003", "S-2002"])
            let page = try await owner.get("/inbox?sort=newest").body.string
            #expect(page.contains(#"<a href="/inbox?sort=newest" aria-current="true">최신 순</a>"#))
        }
    }
}
