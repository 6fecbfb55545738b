import Foundation
import ParcelApp
import ParcelCore
import SQLKit
import Testing

@testable import ParcelStore

/// The order search, which on SQLite reads a trigram index when the words
/// are rare and walks the orders newest first when they are common. In the
/// Store suite, whose tests take turns with the one PostgreSQL database.
extension StoreTests {
    /// 400 orders, newest last: every third number starts `LP00`, buyers
    /// repeat (one name holds a double quote), so words range from one order
    /// to most of them.
    static func searchShop() -> [OrderDraft] {
        let buyers = ["김민지", "이서준", "Sam \"Ace\" O'Neil", "박지후", "최하은"]
        return (0..<400).map { index in
            let digits = (index * 7_919_393_737 + 104_729) % 100_000_000_000_000
            let number = index % 3 == 0 ? String(format: "LP00%012ld", index) : String(format: "LP%014ld", digits)
            return draft(
                String(format: "S-%04d", index), number: number, buyer: buyers[index % buyers.count],
                shippedHoursAgo: Double(1_000 - index))
        }
    }

    /// Every page of a search, `pageSize` at a time.
    static func searchAll(_ desk: Desk, _ query: String, pageSize: Int) async throws -> [String] {
        var found: [String] = []
        var cursor: OrderCursor?
        repeat {
            let page = try await desk.orders.orders(OrderFilter(query: query, limit: pageSize, cursor: cursor))
            found += page.items.map(\.externalID)
            cursor = page.nextCursor.flatMap(OrderCursor.init(encoded:))
        } while cursor != nil
        return found
    }

    @Test(
        "a search finds every order holding the words, newest first, whether the words are rare or common",
        arguments: Engine.available)
    func searchMatchesEveryOrder(engine: Engine) async throws {
        try await engine.withStore { desk in
            let shop = Self.searchShop()
            try await desk.orders.createOrders(shop.map { NewOrder($0) }, now: now, actor: "test")
            let words = shop.map { order in
                (
                    order.info.id,
                    [order.info.id, order.info.buyerName ?? "", order.shipment?.trackingNumber ?? ""]
                        .joined(separator: " ").lowercased()
                )
            }
            let queries = [
                shop[123].shipment!.trackingNumber, shop[7].info.id, "LP00", "lp000000000003", "김민지", "민지",
                "S-01", "lp", "\"ace\"", "o'neil", "\"", "no such order", "lp0\u{0}", "(ace) NEAR*",
            ]
            for query in queries {
                let expected = words.filter { $0.1.contains(query.lowercased()) }.map(\.0).reversed()
                for pageSize in [10, 50] {
                    let found = try await Self.searchAll(desk, query, pageSize: pageSize)
                    #expect(found == Array(expected), "\(query), \(pageSize) a page")
                }
            }
            #expect(try await desk.store.integrityCheck() == "ok")
        }
    }

    @Test("the index is asked for a short word as it is, a long one by its three-character pieces, quoted")
    func indexExpression() {
        #expect(Store.indexExpression(["lp6116593"]) == #"("lp6" AND "116" AND "593")"#)
        #expect(Store.indexExpression(["lp61165935"]) == #"("lp6" AND "116" AND "593" AND "935")"#)
        #expect(Store.indexExpression(["s-0123", "김민지"]) == #""s-0123" OR "김민지""#)
        #expect(Store.indexExpression(["ab\"cd"]) == #""ab""cd""#)
        #expect(Store.indexExpression(["lp"]) == nil)
        #expect(Store.indexExpression(["lp0\u{0}"]) == nil)
    }

    @Test(
        "orders stored before the search index are found through it, and a new leg's number after it",
        arguments: Engine.available)
    func searchIndexCarriesForward(engine: Engine) async throws {
        let before = Array(StoreMigrations.all.prefix { !($0 is AddOrderSearchIndex) })
        try await engine.withHandle(migratedThrough: before) { handle in
            let desk = Desk(handle.store)
            defer { try? FileManager.default.removeItem(at: desk.evidenceRoot) }
            try await handle.migrate()
            let shop = Self.searchShop()
            try await desk.orders.createOrders(shop.map { NewOrder($0) }, now: now, actor: "test")
            // Stored as the release before the index left them: then the index is made.
            try await handle.revertLastMigrations()
            try await handle.migrate()

            let number = shop[200].shipment!.trackingNumber
            #expect(try await desk.orders.orders(OrderFilter(query: number)).items.map(\.externalID) == ["S-0200"])
            // The Korean carrier's number arrives with its first scan and is searchable at once.
            let handOver = RawTrackingEvent(
                source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: "567812349016",
                time: now.adding(hours: -2), code: "11", text: "집화처리")
            let linked = try await desk.ingestion.ingest(
                [IncomingEvent(handOver, parentTrackingNumber: number)], now: now, actor: "test")
            #expect(linked.accepted == 1)
            #expect(
                try await desk.orders.orders(OrderFilter(query: "5678-1234-9016")).items.map(\.externalID)
                    == ["S-0200"])
            #expect(try await desk.orders.orders(OrderFilter(query: "567812349016")).items.count == 1)
            // The index agrees with the orders, word for word.
            #expect(try await handle.store.integrityCheck() == "ok")
        }
    }

    @Test(
        "an SQLite file whose index lost orders (written by something that does not keep it) is indexed again on opening"
    )
    func searchIndexRepaired() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let first = try await StoreHandle.open(.sqlite(path: path), migrate: true)
        let shop = Self.searchShop()
        try await Desk(first.store).orders.createOrders(shop.map { NewOrder($0) }, now: now, actor: "test")
        try await first.store.sql.raw("INSERT INTO order_search (order_search) VALUES ('delete-all')").run()
        let number = shop[42].shipment!.trackingNumber
        #expect(try await Desk(first.store).orders.orders(OrderFilter(query: number)).items.isEmpty)
        await first.close()

        let second = try await StoreHandle.open(.sqlite(path: path), migrate: true)
        let found = try await Desk(second.store).orders.orders(OrderFilter(query: number)).items
        #expect(found.map(\.externalID) == ["S-0042"])
        #expect(try await second.store.integrityCheck() == "ok")
        await second.close()
    }
}
