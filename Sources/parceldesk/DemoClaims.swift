import Foundation
import ParcelApp
import ParcelCore

/// The demo's claims: every story of `ClaimSimulator` told on a demo order
/// that fits it (its marketplace, delivered or only dispatched, long enough
/// ago for the story to have happened), action by action through the
/// claims service at the moment each happened, as a seller's desk would
/// have recorded them. Cancellations get orders of their own, not yet shipped.
enum DemoClaims {
    struct Told {
        var claims = 0
        var refused: [String] = []
    }

    static func tell(
        _ services: Services, documents: [ShipmentDocument], now: Timestamp, diagnoser: Diagnoser = Diagnoser()
    ) async throws -> Told {
        // When each demo order was delivered (nil: not yet), as its tracking shows now.
        var candidates = documents.map { document in
            (document: document, delivered: TrackingFacts(diagnoser.analyze(document, now: now)).deliveredAt)
        }
        var told = Told()
        var unshipped = 0
        for story in ClaimSimulator.stories {
            let margin = 3.0
            var orderID: String
            var opened: Timestamp
            if story.stage.rawValue < OrderStage.dispatched.rawValue {
                // A fresh order not shipped yet: paid a few hours ago, confirmed when the story needs it.
                unshipped += 1
                orderID = "\(story.marketplace == "aliexpress" ? "AE" : "SS")-NEW-\(String(format: "%03d", unshipped))"
                let placed = now.adding(hours: -(story.span + 30))
                let draft = OrderDraft(
                    info: OrderInfo(
                        id: orderID, marketplace: story.marketplace, placedAt: placed,
                        confirmedAt: story.stage == .confirmed ? placed.adding(hours: 2) : nil, buyerName: "이서연"),
                    buyerPhone: "010-5555-1234",
                    items: [
                        OrderItem(name: "블루투스 스피커", quantity: 1, price: story.marketplace == "aliexpress" ? 19 : 29_000)
                    ],
                    shipment: nil)
                try await services.orders.createOrders([NewOrder(draft)], now: placed, actor: "demo")
                opened = placed.adding(hours: story.stage == .confirmed ? 6 : 1)
            } else {
                let wantsDelivery = story.stage.rawValue >= OrderStage.delivered.rawValue
                let latest = now.adding(hours: -(story.span + margin))
                // The most recent order of the story's marketplace that fits, so short stories stay open.
                let fitting = candidates.indices.filter { index in
                    let document = candidates[index].document
                    guard Self.marketplace(document.order.marketplace) == story.marketplace else { return false }
                    if wantsDelivery {
                        guard let delivered = candidates[index].delivered else { return false }
                        return delivered.adding(hours: 2) <= latest
                    }
                    guard candidates[index].delivered == nil, let shipped = document.shipment.shippedAt else {
                        return false
                    }
                    return shipped.adding(hours: 24) <= latest
                }
                func start(_ index: Int) -> Timestamp {
                    candidates[index].delivered.map { $0.adding(hours: 2) }
                        ?? candidates[index].document.shipment.shippedAt!.adding(hours: 24)
                }
                guard let index = fitting.max(by: { start($0) < start($1) }) else {
                    told.refused.append("\(story.type.name) on \(story.marketplace): no fitting demo order")
                    continue
                }
                orderID = candidates[index].document.order.id
                opened = start(index)
                candidates.remove(at: index)
            }
            if let problem = try await play(story, on: orderID, from: opened, services: services) {
                told.refused.append("\(orderID) \(story.type.name): \(problem)")
            } else {
                told.claims += 1
            }
        }
        return told
    }

    /// The demo orders' marketplaces as the stories name them: the generic profile's shops as `myshop`.
    static func marketplace(_ name: String?) -> String {
        switch name {
        case "smartstore", "aliexpress": name!
        default: "myshop"
        }
    }

    /// Opens the story's claim and takes its steps; nil when every one was allowed.
    static func play(_ story: ClaimSimulator.Story, on order: String, from opened: Timestamp, services: Services)
        async throws -> String?
    {
        let steps = story.steps(from: opened)
        let request = steps[0]
        let noticed = story.reason.isSellersFault ? opened.adding(hours: -1) : nil
        let first = try await services.claims.open(
            order: order, type: story.type, reason: story.reason, detail: detail(story), amount: request.amount,
            noticedAt: noticed, by: request.by, actor: "demo", now: request.at)
        guard case .success(let view) = first else {
            if case .failure(let refusal) = first { return refusal.rule.name }
            return "refused"
        }
        for step in steps.dropFirst() {
            let result = try await services.claims.act(
                claim: view.claim.id, action: step.action, by: step.by, note: nil, trackingNumber: step.trackingNumber,
                carrier: step.carrier, amount: step.amount, idempotencyKey: nil, expectedVersion: nil, actor: "demo",
                now: step.at)
            if case .failure(let refusal) = result { return "\(step.action.name): \(refusal.rule.name)" }
        }
        return nil
    }

    static func detail(_ story: ClaimSimulator.Story) -> String {
        switch story.reason {
        case .changeOfMind: "생각했던 색상과 달라서 반품하고 싶어요."
        case .defective: "전원이 켜지지 않습니다."
        case .wrongItem: "주문한 것과 다른 상품이 왔어요."
        case .notAsDescribed: "상품 설명과 크기가 달라요."
        case .damaged: "상자가 찌그러져 있고 안의 제품도 깨져 있었어요."
        case .late: "도착 예정일이 많이 지났어요."
        case .notReceived: "조회가 멈춰 있고 아직 받지 못했어요."
        case .other: "문의드립니다."
        }
    }
}
