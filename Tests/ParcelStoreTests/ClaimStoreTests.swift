import Crypto
import Foundation
import ParcelApp
import ParcelCore
import ParcelTestSupport
import Testing
import ZIPFoundation

@testable import ParcelStore

/// A Smartstore order sent with CJ on 18 November and delivered on the 20th (KST).
func smartstoreDraft(_ id: String, number: String = "123456789013") -> OrderDraft {
    OrderDraft(
        info: OrderInfo(
            id: id, marketplace: "smartstore", placedAt: time("2026-11-17T10:00:00+09:00"),
            confirmedAt: time("2026-11-17T12:00:00+09:00"), buyerName: "김민수"),
        buyerPhone: "010-1234-5678", buyerEmail: nil,
        items: [OrderItem(name: "무선 충전기", quantity: 1, price: 39000)],
        shipment: ShipmentInfo(
            carrier: "kr.cjlogistics", trackingNumber: number, shippingOption: "택배",
            shippedAt: time("2026-11-18T09:00:00+09:00"), origin: "KR", destination: "KR"))
}

func cjScans(_ number: String = "123456789013") -> [RawTrackingEvent] {
    [
        RawTrackingEvent(
            source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: number,
            time: time("2026-11-18T18:00:00+09:00"), code: "11", text: "집화처리", location: "서울"),
        RawTrackingEvent(
            source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: number,
            time: time("2026-11-20T14:00:00+09:00"), code: "91", text: "배달완료", location: "부산"),
    ]
}

/// The smallest JPEG-looking file: the magic bytes and some payload.
func jpeg(_ size: Int = 2048) -> Data {
    var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0]
    bytes += (0..<(size - 4)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    return Data(bytes)
}

/// Claims on both engines. In the Store suite, whose tests take turns with the one PostgreSQL database.
extension StoreTests {
    func deliveredOrder(_ desk: Desk, _ id: String = "S-2001") async throws -> UUID {
        let ids = try await desk.orders.createOrders(
            [NewOrder(smartstoreDraft(id), events: cjScans())], now: now, actor: "test")
        return ids[0]
    }

    @Test(
        "a return opened, approved, collected and refunded: history, state and stage kept", arguments: Engine.available)
    func claimReturnFlow(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await deliveredOrder(desk)
            // MUT
            let opened = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .defective, detail: "전원이 안 켜져요", amount: nil,
                noticedAt: nil, by: .buyer, actor: "user:staff@shop.kr", now: now
            ).get()
            var view = opened
            for (index, action) in [ClaimAction.approve, .collected, .refund].enumerated() {
                view = try await desk.claims.act(
                    claim: opened.claim.id, action: action, by: .seller, note: nil, trackingNumber: nil, carrier: nil,
                    amount: nil, idempotencyKey: nil, expectedVersion: nil, actor: "user:staff@shop.kr",
                    now: now.adding(hours: Double(index + 1))
                ).get()
            }
            // validate
            #expect(opened.claim.label == "S-2001-C1")
            #expect(opened.standing.state == .requested)
            #expect(opened.payer == .seller)
            #expect(view.standing.state == .done)
            #expect(view.report.standing.stage == .returned)
            let stored = try #require(try await desk.claims.view(opened.claim.id, now: now.adding(hours: 5)))
            #expect(stored.claim.claim.history.map(\.action) == [.request, .approve, .collected, .refund])
            #expect(stored.claim.recordedBy == Array(repeating: "user:staff@shop.kr", count: 4))
            #expect(stored.claim.detail == "전원이 안 켜져요")
            #expect(stored.claim.state == .done)
            #expect(stored.claim.nextDeadline == nil)
            let audit = try await desk.accounts.auditLog(limit: 10).map(\.action)
            #expect(audit.contains("claims.open") && audit.contains("claims.refund"))
            let page = try await desk.claims.list(ClaimFilter(state: .done))
            #expect(page.items.map(\.id) == [opened.claim.id])
            #expect(try await desk.claims.list(ClaimFilter(state: .requested)).items.isEmpty)
        }
    }

    @Test("a refused opening stores nothing and names the rule and when the window closed", arguments: Engine.available)
    func claimRefusedOpening(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await deliveredOrder(desk)
            // Delivered 20 November: the change-of-mind window closed at 24:00 on the 27th.
            let late = time("2026-11-28T10:00:00+09:00")
            let result = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .changeOfMind, detail: nil, amount: nil, noticedAt: nil,
                by: .buyer, actor: "test", now: late)
            guard case .failure(let refusal) = result else {
                Issue.record("expected a refusal")
                return
            }
            #expect(refusal.rule == .withdrawalWindow)
            #expect(refusal.closedAt == time("2026-11-28T00:00:00+09:00"))
            #expect(try await desk.claims.list(ClaimFilter()).items.isEmpty)
            await #expect(throws: ClaimService.Failure.orderNotFound) {
                _ = try await desk.claims.open(
                    order: "S-404", type: .return, reason: .defective, detail: nil, amount: nil, noticedAt: nil,
                    by: .buyer, actor: "test", now: now)
            }
        }
    }

    /// `count` approvals of `claim` sent at once.
    func approvals(_ count: Int, of claim: UUID, key: String? = nil, in desk: Desk) async throws
        -> [Result<ClaimService.View, ClaimService.Refusal>]
    {
        try await withThrowingTaskGroup(of: Result<ClaimService.View, ClaimService.Refusal>.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await desk.claims.act(
                        claim: claim, action: .approve, by: .seller, note: nil, trackingNumber: nil, carrier: nil,
                        amount: nil, idempotencyKey: key, expectedVersion: nil, actor: "test",
                        now: now.adding(minutes: 5))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(
        "actions racing on one claim: one lands, every other gets a 409 rule, the history holds one step",
        arguments: Engine.available)
    func claimRacing(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await deliveredOrder(desk)
            let claim = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .defective, detail: nil, amount: nil, noticedAt: nil,
                by: .buyer, actor: "test", now: now
            ).get().claim.id
            // MUT: eight approvals at once.
            let results = try await approvals(8, of: claim, in: desk)
            // validate
            let landed = results.filter { if case .success = $0 { true } else { false } }
            #expect(landed.count == 1)
            for case .failure(let refusal) in results {
                #expect(refusal.rule == .staleState || refusal.rule == .notAllowedInState)
            }
            let stored = try #require(try await desk.claims.view(claim, now: now.adding(hours: 1)))
            #expect(stored.claim.claim.history.map(\.action) == [.request, .approve])
            // With the version the caller saw, a late action is stale, not misjudged.
            let stale = try await desk.claims.act(
                claim: claim, action: .hold, by: .seller, note: nil, trackingNumber: nil, carrier: nil, amount: nil,
                idempotencyKey: nil, expectedVersion: 1, actor: "test", now: now.adding(hours: 1))
            guard case .failure(let refusal) = stale else {
                Issue.record("expected stale_state")
                return
            }
            #expect(refusal.rule == .staleState)
        }
    }

    @Test("an idempotency key makes a repeated action count once, even sent at once", arguments: Engine.available)
    func claimIdempotency(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await deliveredOrder(desk)
            let claim = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .defective, detail: nil, amount: nil, noticedAt: nil,
                by: .buyer, actor: "test", now: now
            ).get().claim.id
            let results = try await approvals(4, of: claim, key: "approve-1", in: desk)
            let stored = try #require(try await desk.claims.view(claim, now: now.adding(hours: 1)))
            #expect(stored.claim.claim.history.map(\.action) == [.request, .approve])
            // A repeat after the fact answers the claim as it is.
            let again = try await desk.claims.act(
                claim: claim, action: .approve, by: .seller, note: nil, trackingNumber: nil, carrier: nil, amount: nil,
                idempotencyKey: "approve-1", expectedVersion: nil, actor: "test", now: now.adding(hours: 2))
            #expect((try? again.get())?.standing.state == .collecting)
            // Every copy is answered with the claim as the first one left it.
            for result in results { #expect((try? result.get())?.standing.state == .collecting) }
        }
    }

    @Test(
        "evidence: stored with its hash; too large, wrong type, over the claim's total or unknown claim store nothing",
        arguments: Engine.available)
    func claimEvidence(engine: Engine) async throws {
        try await engine.withHandle { handle in
            let desk = Desk(handle.store, evidenceLimits: EvidenceLimits(fileBytes: 10_000, claimBytes: 15_000))
            defer { try? FileManager.default.removeItem(at: desk.evidenceRoot) }
            _ = try await deliveredOrder(desk)
            let claim = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .damaged, detail: nil, amount: nil, noticedAt: nil,
                by: .buyer, actor: "test", now: now
            ).get().claim.id
            // MUT
            let photo = jpeg(8000)
            let record = try await desk.claims.attach(
                photo, name: "../../etc/박스 사진.jpg", kind: .packagingPhotos, to: claim, actor: "test", now: now)
            // validate
            #expect(record.mediaType == "image/jpeg")
            #expect(record.name == "박스 사진.jpg")
            #expect(record.size == 8000)
            #expect(record.sha256 == SHA256.hash(data: photo).map { String(format: "%02x", $0) }.joined())
            let onDisk = try Data(contentsOf: desk.claims.files.url(key: record.storageKey))
            #expect(onDisk == photo)
            await #expect(throws: EvidenceError.fileTooLarge(limit: 10_000)) {
                _ = try await desk.claims.attach(
                    jpeg(10_001), name: "big.jpg", kind: .itemPhotos, to: claim, actor: "test", now: now)
            }
            await #expect(throws: EvidenceError.unsupportedType) {
                _ = try await desk.claims.attach(
                    Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100)), name: "photo.jpg",
                    kind: .itemPhotos, to: claim, actor: "test", now: now)
            }
            await #expect(throws: EvidenceError.claimFull(limit: 15_000, stored: 8000)) {
                _ = try await desk.claims.attach(
                    jpeg(8000), name: "second.jpg", kind: .itemPhotos, to: claim, actor: "test", now: now)
            }
            await #expect(throws: EvidenceError.claimNotFound) {
                _ = try await desk.claims.attach(
                    jpeg(), name: "x.jpg", kind: .itemPhotos, to: UUID(), actor: "test", now: now)
            }
            #expect(try await desk.store.evidence(of: claim) == [record])
            // Only the one file is on disk: the refused ones left nothing behind.
            let files = try FileManager.default.subpathsOfDirectory(atPath: desk.evidenceRoot.path)
                .filter { !$0.hasSuffix("/") && $0.contains(".") }
            #expect(files == [record.storageKey])
            let view = try #require(try await desk.claims.view(claim, now: now))
            let checklist = Dictionary(uniqueKeysWithValues: view.checklist.map { ($0.kind, $0.provided) })
            #expect(checklist[.packagingPhotos] == true)
            #expect(checklist[.itemPhotos] == false)
            #expect(checklist[.trackingHistory] == true)
        }
    }

    @Test(
        "the bundle: index, manifest, tracking and files, the manifest's hashes true to the files",
        arguments: Engine.available)
    func claimBundle(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await deliveredOrder(desk)
            let claim = try await desk.claims.open(
                order: "S-2001", type: .return, reason: .notAsDescribed, detail: "색이 달라요", amount: nil,
                noticedAt: nil, by: .buyer, actor: "test", now: now
            ).get().claim.id
            _ = try await desk.claims.attach(
                jpeg(3000), name: "받은 상품.jpg", kind: .itemPhotos, to: claim, actor: "test", now: now)
            _ = try await desk.claims.attach(
                Data("[10:01] 구매자: 색이 사진과 달라요\n".utf8), name: "chat.txt", kind: .chatLog, to: claim, actor: "test",
                now: now)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: file) }
            // MUT
            try await desk.claims.bundle(claim, to: file, now: now)
            // validate
            let archive = try Archive(url: file, accessMode: .read)
            func read(_ path: String) throws -> Data {
                let entry = try #require(archive[path], "\(path) in the bundle")
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                return data
            }
            let manifest = try #require(
                try JSONSerialization.jsonObject(with: try read("manifest.json")) as? [String: Any])
            let files = try #require(manifest["files"] as? [[String: Any]])
            let paths = files.compactMap { $0["path"] as? String }
            #expect(
                Set(paths).isSuperset(of: [
                    "index.html", "tracking.csv", "order.json", "files/01-받은 상품.jpg", "files/02-chat.txt",
                ]))
            for entry in files {
                let path = try #require(entry["path"] as? String)
                let data = try read(path)
                #expect(entry["size"] as? Int == data.count, "\(path)")
                #expect(
                    entry["sha256"] as? String == SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(),
                    "\(path)")
            }
            let index = String(decoding: try read("index.html"), as: UTF8.self)
            #expect(index.contains("<html lang=\"ko\">"))
            #expect(index.contains("S-2001-C1"))
            #expect(index.contains("김*수"))
            #expect(!index.contains("010-1234-5678"))
            let tracking = String(decoding: try read("tracking.csv"), as: UTF8.self)
            #expect(tracking.hasPrefix("\u{FEFF}time_kst"))
            #expect(tracking.contains("배달완료"))
            let order = try #require(try JSONSerialization.jsonObject(with: try read("order.json")) as? [String: Any])
            #expect(order["id"] as? String == "S-2001")
            #expect(order["buyer"] as? String == "김*수")
        }
    }

    @Test(
        "claim deadlines join the queue; time moves stored claims on when they are refreshed",
        arguments: Engine.available)
    func claimDeadlinesAndRefresh(engine: Engine) async throws {
        try await engine.withStore { desk in
            // An AliExpress order shipped on 21 November, a non-delivery dispute opened that morning.
            _ = try await desk.orders.createOrders([NewOrder(draft("A-3001"))], now: now, actor: "test")
            let opened = time("2026-11-21T10:00:00+09:00")
            let claim = try await desk.claims.open(
                order: "A-3001", type: .disputeNonDelivery, reason: .notReceived, detail: nil, amount: nil,
                noticedAt: nil, by: .buyer, actor: "test", now: opened
            ).get().claim.id
            // The seller must answer by 26 November 10:00: within two days of the 24th, it is in the queue.
            let queue = try await desk.claims.queueItems(now: time("2026-11-25T12:00:00+09:00"), limit: 10)
            #expect(queue.count == 1)
            #expect(queue.first?.claimID == claim)
            #expect(queue.first?.severity == .act)
            #expect(queue.first?.summary.ko.contains("판매자 답변 기한") == true)
            // MUT: a day after the answer window, the refresh records the buyer's win.
            let changed = try await desk.claims.refreshDue(now: time("2026-11-27T10:00:00+09:00"))
            // validate
            #expect(changed == 1)
            let stored = try #require(try await desk.store.claim(claim))
            #expect(stored.state == .resolved)
            #expect(try await desk.claims.refreshDue(now: time("2026-11-27T10:00:00+09:00")) == 0)
        }
    }

    @Test("orders whose claims ended with money back feed the lanes' claim rate", arguments: Engine.available)
    func claimClaimRate(engine: Engine) async throws {
        try await engine.withStore { desk in
            _ = try await desk.orders.createOrders(
                [
                    NewOrder(smartstoreDraft("S-1", number: "123456789013"), events: cjScans("123456789013")),
                    NewOrder(smartstoreDraft("S-2", number: "123456789024"), events: cjScans("123456789024")),
                ], now: now, actor: "test")
            let refund = try await desk.claims.open(
                order: "S-1", type: .refund, reason: .defective, detail: nil, amount: 10000, noticedAt: nil,
                by: .buyer, actor: "test", now: now
            ).get().claim.id
            _ = try await desk.claims.act(
                claim: refund, action: .refund, by: .seller, note: nil, trackingNumber: nil, carrier: nil, amount: nil,
                idempotencyKey: nil, expectedVersion: nil, actor: "test", now: now.adding(hours: 1)
            ).get()
            // MUT
            let claimed = try await desk.store.ordersWithClaimOutcomes()
            // validate
            #expect(claimed == ["S-1"])
            let analyses = try await ["S-1", "S-2"].asyncMap { id in
                Diagnoser().analyze(try #require(try await desk.orders.order(id)?.document), now: now)
            }
            let lanes = LaneAnalytics().lanes(analyses, claimed: claimed)
            #expect(lanes.first?.claimRate == 0.5)
        }
    }
}

extension Timestamp {
    func adding(minutes: Double) -> Timestamp { adding(seconds: minutes * 60) }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
