import Foundation
import ParcelApp
import ParcelCore
import Testing

@testable import ParcelStore

@Suite("Stored keys and statements")
struct KeyTests {
    static let shipment = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!

    @Test("dedupe keys stay what stored events were keyed by: SHA-256 of the fields joined by U+001F")
    func dedupeKeys() {
        // Expected values computed outside Swift (Python's hashlib) from the documented recipe.
        let cainiao = RawTrackingEvent(
            source: "cainiao", carrier: "cn.cainiao", trackingNumber: "lp 0012-3456-7890-12",
            time: Timestamp(epochSeconds: 1_763_800_000, utcOffset: Timestamp.chinaStandard),
            code: "PU_PICKUP_SUCCESS", text: "Picked up", location: "深圳 Shenzhen")
        #expect(TrackingKeys.dedupeKey(Self.shipment, cainiao) == "2a0fcf2bd1b46a9bc66ffc972b802ec4")
        let cj = RawTrackingEvent(
            source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: "6865-1234-5676",
            time: Timestamp(epochSeconds: 1_763_800_000.25, utcOffset: Timestamp.kst), code: nil, text: "간선상차",
            location: nil)
        #expect(TrackingKeys.dedupeKey(Self.shipment, cj) == "e4d8c2a7333174419cf5e5cc82aa233f")
    }

    @Test("SQLite prepares each busy statement once: creating, ingesting, reading and refreshing reuse them")
    func statementsPreparedOnce() async throws {
        // setup
        let handle = try await StoreHandle.open(.memory, migrate: true)
        let desk = Desk(handle.store)
        // MUT
        for round in 0..<10 {
            let number = String(format: "LP%014d", round)
            try await desk.orders.createOrders([NewOrder(draft("A-\(round)", number: number))], now: now, actor: "test")
            _ = try await desk.ingestion.ingest(
                [
                    cainiao(number, hoursAgo: 3, code: "PU_PICKUP_SUCCESS", text: "Picked up \(round)"),
                    cainiao(String(format: "LP%014d", round / 2), hoursAgo: 2, code: "SC_INBOUND_SUCCESS", text: "In"),
                ], now: now, actor: "test")
            _ = try await desk.orders.order("A-\(round)")
            _ = try await desk.orders.order("A-\(round / 2)")
            _ = try await desk.ingestion.refreshDue(now: now.adding(hours: Double(round) * 2))
        }
        // validate
        #expect(try await desk.orders.order("A-9")?.events.count == 1)
        #expect((desk.store.engine as? SQLiteEngine)?.file.timesPreparedAgain() == 0)
        await handle.close()
    }
}
