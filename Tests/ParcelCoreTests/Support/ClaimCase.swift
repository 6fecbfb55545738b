import Foundation
import ParcelTestSupport
import Testing

@testable import ParcelCore

/// An order and its claims, built step by step for the claims tests.
struct ClaimCase {
    static let cj = "123456789013"
    var order: ClaimOrder
    var claims: [Claim] = []
    let engine = ClaimEngine()

    /// A Smartstore order placed 1 Nov, confirmed, dispatched 2 Nov, delivered 3 Nov 14:00 KST.
    static func smartstore(
        confirmed: Bool = true, dispatched: Bool = true, delivered: String? = "2026-11-03T14:00:00+09:00"
    ) -> ClaimCase {
        ClaimCase(
            order: ClaimOrder(
                id: "S-2001", marketplace: "smartstore", placedAt: time("2026-11-01T10:00:00+09:00"),
                confirmedAt: confirmed ? time("2026-11-01T12:00:00+09:00") : nil,
                dispatchedAt: dispatched ? time("2026-11-02T09:00:00+09:00") : nil, deliveredAt: delivered.map(time),
                total: 39000, trackingNumber: dispatched ? cj : nil, carrier: dispatched ? "kr.cjlogistics" : nil))
    }

    static func aliexpress(delivered: String? = "2026-11-20T14:00:00+09:00") -> ClaimCase {
        ClaimCase(
            order: ClaimOrder(
                id: "A-3001", marketplace: "aliexpress", placedAt: time("2026-11-01T10:00:00+09:00"),
                dispatchedAt: time("2026-11-02T09:00:00+08:00"), deliveredAt: delivered.map(time), total: 25,
                overseas: true))
    }

    static func generic(delivered: String? = "2026-11-03T14:00:00+09:00") -> ClaimCase {
        var item = smartstore(delivered: delivered)
        item.order.marketplace = "my-own-shop"
        return item
    }

    /// Adds a claim with `steps` as (action, by, at) and returns the case.
    func with(
        _ type: ClaimType, _ reason: ClaimReason, id: String = "C-1", noticedAt: String? = nil,
        amount: Decimal? = nil, _ steps: [ClaimStep]
    ) -> ClaimCase {
        var copy = self
        copy.claims.append(
            Claim(id: id, type: type, reason: reason, noticedAt: noticedAt.map(time), amount: amount, history: steps))
        return copy
    }

    func replayed() throws -> ClaimEngine.Case {
        do {
            return try engine.replay(order, claims: claims)
        } catch {
            Issue.record(
                "history refused: claim \(error.claim) step \(error.step ?? -1) \(error.verdict?.rule.name ?? "")")
            throw error
        }
    }

    /// Judges `step` on the claim `claim` (nil: opening a claim of `type` for `reason`).
    func attempt(
        _ step: ClaimStep, claim: String? = "C-1", type: ClaimType? = nil, reason: ClaimReason? = nil,
        noticedAt: String? = nil
    ) throws -> ClaimReport.Attempt {
        engine.judge(
            ClaimAttempt(claim: claim, type: type, reason: reason, noticedAt: noticedAt.map(time), step: step),
            in: try replayed())
    }

    /// Judges opening a claim.
    func open(
        _ type: ClaimType, _ reason: ClaimReason, by actor: ClaimActor = .buyer, at moment: String,
        noticedAt: String? = nil, amount: Decimal? = nil
    ) throws -> ClaimReport.Attempt {
        try attempt(
            ClaimStep(.request, by: actor, at: time(moment), amount: amount), claim: nil, type: type, reason: reason,
            noticedAt: noticedAt)
    }

    func report(at moment: String) throws -> ClaimReport {
        engine.report(try replayed(), now: time(moment))
    }
}

func step(
    _ action: ClaimAction, _ actor: ClaimActor, _ moment: String, number: String? = nil, carrier: String? = nil,
    amount: Decimal? = nil
) -> ClaimStep {
    ClaimStep(action, by: actor, at: time(moment), trackingNumber: number, carrier: carrier, amount: amount)
}
