import Foundation
import ParcelApp
import ParcelCore
import ParcelStore
import Testing

/// Overlapping event batches from many clients at once. In the Store suite,
/// whose tests take turns with the one PostgreSQL database.
extension StoreTests {
    static let shipments = 300

    /// 16 batches of 900 events over the same 300 shipments, each batch in its
    /// own order; batches 4 apart carry the same events (3,600 distinct in all),
    /// so batches running at once insert the same keys in different orders.
    static func batches() -> [[RawTrackingEvent]] {
        var random = SeededRandom(seed: 11)
        return (0..<16).map { batch in
            var events = (0..<shipments).flatMap { index in
                (0..<3).map { scan in
                    cainiao(
                        number(index), hoursAgo: 40 - Double(batch % 4 * 3 + scan), code: "SC_INBOUND_SUCCESS",
                        text: "Arrived at sorting center")
                }
            }
            events.shuffle(using: &random)
            return events
        }
    }

    func run(_ first: Desk, _ second: Desk) async throws {
        let desks = [first, second]
        try await desks[0].orders.createOrders(
            (0..<Self.shipments).map { NewOrder(draft("C-\($0)", number: Self.number($0))) }, now: now,
            actor: "test")
        let batches = Self.batches()
        // MUT
        let results = try await withThrowingTaskGroup(of: [IngestResult].self) { group in
            for client in 0..<8 {
                group.addTask {
                    var mine: [IngestResult] = []
                    for batch in [client, client + 8] {
                        mine.append(
                            try await desks[client % 2].ingestion.ingest(batches[batch], now: now, actor: "client"))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        // validate
        #expect(results.count == 16)
        #expect(results.map(\.accepted).reduce(0, +) == 12 * Self.shipments)
        #expect(results.map { $0.accepted + $0.duplicates }.allSatisfy { $0 == 3 * Self.shipments })
        #expect(try await desks[1].orders.counts().events == 12 * Self.shipments)
        let one = try #require(try await desks[1].orders.order("C-7"))
        #expect(one.events.count == 12)
    }

    static func number(_ index: Int) -> String { "LP0012345678" + String(format: "%04d", index) }

    // PostgreSQL only: it is the engine for more than one server on one database (an
    // SQLite file is one server's; two processes on it take turns through SQLite's lock).
    @Test(
        "8 clients, two stores on one PostgreSQL database, overlapping batches: every batch goes in, every event once",
        .enabled(if: Engine.postgresURL != nil))
    func overlappingBatches() async throws {
        try await Engine.postgres.withHandle { first in
            let second = try await StoreHandle.open(.postgres(url: Engine.postgresURL!), migrate: false)
            do {
                try await run(Desk(first.store), Desk(second.store))
            } catch {
                await second.close()
                throw error
            }
            await second.close()
        }
    }
}
