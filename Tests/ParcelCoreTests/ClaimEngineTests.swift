import Foundation
import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("Claims: cancellations under each profile")
struct ClaimCancelTests {
    @Test("a cancel before the seller confirms is done at once, and the order is cancelled")
    func beforeConfirmation() throws {
        let item = ClaimCase.smartstore(confirmed: false, dispatched: false, delivered: nil)
        let attempt = try item.open(.cancel, .changeOfMind, at: "2026-11-01T10:30:00+09:00")
        #expect(attempt.verdict.rule == .cancelAutoBeforeConfirm)
        #expect(attempt.verdict.allowed)
        #expect(attempt.state == .done)

        let report = try item.with(.cancel, .changeOfMind, [step(.request, .buyer, "2026-11-01T10:30:00+09:00")])
            .report(at: "2026-11-01T11:00:00+09:00")
        #expect(report.standing.stage == .cancelled)
        #expect(report.buyerMessages[0]?.ko.contains("취소가 완료") == true)
    }

    @Test("after confirmation a cancel is a request the seller approves")
    func approved() throws {
        let item = ClaimCase.smartstore(dispatched: false, delivered: nil)
            .with(.cancel, .changeOfMind, [step(.request, .buyer, "2026-11-01T13:00:00+09:00")])
        #expect(try item.report(at: "2026-11-01T14:00:00+09:00").standing.claims[0].state == .requested)
        let approve = try item.attempt(step(.approve, .seller, "2026-11-01T15:00:00+09:00"))
        #expect(approve.verdict.rule == .ok)
        #expect(approve.state == .done)
        #expect(
            try item.attempt(step(.approve, .buyer, "2026-11-01T15:00:00+09:00")).verdict.rule == .notAllowedForActor)
    }

    @Test("a bare reject is refused: the seller refuses a cancel only by dispatching")
    func rejectNeedsDispatch() throws {
        let item = ClaimCase.smartstore(dispatched: false, delivered: nil)
            .with(.cancel, .changeOfMind, [step(.request, .buyer, "2026-11-01T13:00:00+09:00")])
        let reject = try item.attempt(step(.reject, .seller, "2026-11-01T15:00:00+09:00"))
        #expect(reject.verdict.rule == .rejectRequiresDispatch)
        #expect(!reject.verdict.allowed)
        #expect(reject.state == .requested)
        let dispatchWithout = try item.attempt(step(.dispatch, .seller, "2026-11-01T15:00:00+09:00"))
        #expect(dispatchWithout.verdict.rule == .rejectRequiresDispatch)
    }

    @Test(
        "dispatching with a number that fails check, or fits another carrier, is refused",
        arguments: [("12345", "kr.cjlogistics"), ("LP00123456789012", "kr.cjlogistics"), ("123456789013", "nowhere")])
    func invalidNumber(number: String, carrier: String) throws {
        let item = ClaimCase.smartstore(dispatched: false, delivered: nil)
            .with(.cancel, .changeOfMind, [step(.request, .buyer, "2026-11-01T13:00:00+09:00")])
        let attempt = try item.attempt(
            step(.dispatch, .seller, "2026-11-01T15:00:00+09:00", number: number, carrier: carrier))
        #expect(attempt.verdict.rule == .invalidTrackingNumber)
        #expect(attempt.state == .requested)
        #expect(attempt.message.en.contains(number) || attempt.message.en.contains(carrier))
    }

    @Test("dispatching with a valid number refuses the cancel, dispatches the order and tells the buyer the number")
    func dispatched() throws {
        let item = ClaimCase.smartstore(dispatched: false, delivered: nil)
            .with(.cancel, .changeOfMind, [step(.request, .buyer, "2026-11-01T13:00:00+09:00")])
        let attempt = try item.attempt(
            step(.dispatch, .seller, "2026-11-01T15:00:00+09:00", number: "6865-1234-5672", carrier: "CJ대한통운"))
        #expect(attempt.verdict.rule == .ok)
        #expect(attempt.state == .rejected)

        let done = item.with(
            .cancel, .changeOfMind, id: "C-1",
            [
                step(.request, .buyer, "2026-11-01T13:00:00+09:00"),
                step(.reject, .seller, "2026-11-01T15:00:00+09:00", number: ClaimCase.cj, carrier: "kr.cjlogistics"),
            ])
        var only = done
        only.claims = [done.claims[1]]
        let report = try only.report(at: "2026-11-01T16:00:00+09:00")
        #expect(report.standing.claims[0].state == .rejected)
        #expect(report.standing.stage == .dispatched)
        let message = try #require(report.buyerMessages[0])
        #expect(message.ko.contains(ClaimCase.cj))
        #expect(message.en.contains("could not be cancelled"))
    }

    @Test("once the parcel has left, a cancel cannot be opened: a return is the way")
    func afterDispatch() throws {
        let attempt = try ClaimCase.smartstore(delivered: nil).open(
            .cancel, .changeOfMind, at: "2026-11-02T12:00:00+09:00")
        #expect(attempt.verdict.rule == .notAllowedInState)
        #expect(attempt.message.en.contains("already been dispatched"))
    }
}

@Suite("Claims: legal windows for returns and exchanges, on both sides")
struct ClaimWindowTests {
    @Test(
        "change of mind: open through 24:00 KST of the 7th day after delivery, closed from the first minute after",
        arguments: [
            ("2026-11-09T12:00:00+09:00", true), ("2026-11-10T23:59:00+09:00", true),
            ("2026-11-10T14:59:00Z", true), ("2026-11-11T00:00:00+09:00", false), ("2026-11-10T15:00:00Z", false),
            ("2026-11-10T10:00:00-05:00", false),
        ])
    func withdrawal(at moment: String, allowed: Bool) throws {
        for item in [ClaimCase.smartstore(), .generic()] {
            let attempt = try item.open(.return, .changeOfMind, at: moment)
            #expect(attempt.verdict.allowed == allowed, "\(item.order.marketplace ?? "") at \(moment)")
            if !allowed {
                #expect(attempt.verdict.rule == .withdrawalWindow)
                #expect(attempt.verdict.closedAt == time("2026-11-11T00:00:00+09:00"))
                #expect(attempt.message.ko.contains("2026-11-10 24:00 KST"))
            }
        }
    }

    @Test(
        "not as described: three months from delivery, counted as the Civil Act counts them",
        arguments: [
            ("2027-02-02T12:00:00+09:00", true), ("2027-02-03T23:59:00+09:00", true),
            ("2027-02-04T00:00:00+09:00", false), ("2027-02-03T15:00:00Z", false),
        ])
    func threeMonths(at moment: String, allowed: Bool) throws {
        let attempt = try ClaimCase.generic().open(.exchange, .notAsDescribed, at: moment)
        #expect(attempt.verdict.allowed == allowed)
        if !allowed {
            #expect(attempt.verdict.rule == .defectWindow)
            #expect(attempt.verdict.closedAt == time("2027-02-04T00:00:00+09:00"))
        }
    }

    @Test(
        "not as described: 30 days from when the buyer noticed, whichever window ends first",
        arguments: [
            ("2026-12-04T12:00:00+09:00", true), ("2026-12-05T23:59:00+09:00", true),
            ("2026-12-06T00:00:00+09:00", false), ("2026-12-05T10:00:00-05:00", false),
        ])
    func thirtyDaysFromNoticing(at moment: String, allowed: Bool) throws {
        let attempt = try ClaimCase.generic().open(
            .return, .defective, at: moment, noticedAt: "2026-11-05T20:00:00+09:00")
        #expect(attempt.verdict.allowed == allowed)
        if !allowed {
            #expect(attempt.verdict.rule == .defectWindow)
            #expect(attempt.verdict.closedAt == time("2026-12-06T00:00:00+09:00"))
        }
    }

    @Test("a defect is not held to the 7-day change-of-mind window")
    func defectAfterSevenDays() throws {
        let attempt = try ClaimCase.generic().open(.return, .wrongItem, at: "2026-11-20T10:00:00+09:00")
        #expect(attempt.verdict.rule == .ok)
    }

    @Test("before delivery no window has started")
    func beforeDelivery() throws {
        let attempt = try ClaimCase.generic(delivered: nil).open(
            .return, .changeOfMind, at: "2027-01-20T10:00:00+09:00")
        #expect(attempt.verdict.rule == .ok)
    }

    @Test("the seller may register a return for the buyer after the windows")
    func sellerOnBehalf() throws {
        let attempt = try ClaimCase.generic().open(.return, .changeOfMind, by: .seller, at: "2026-11-20T10:00:00+09:00")
        #expect(attempt.verdict.rule == .ok)
    }

    @Test("a partial refund may not exceed the order's total")
    func amount() throws {
        let item = ClaimCase.generic()
        #expect(try item.open(.refund, .defective, at: "2026-11-05T10:00:00+09:00", amount: 10000).verdict.rule == .ok)
        let over = try item.open(.refund, .defective, at: "2026-11-05T10:00:00+09:00", amount: 40000)
        #expect(over.verdict.rule == .amountTooLarge)
    }
}

@Suite("Claims: Smartstore's automatic purchase decision")
struct PurchaseDecisionTests {
    @Test("what the buyer may still open ends with the purchase decision on Smartstore, not on the own store")
    func openingsEndWithDecision() throws {
        let smartstore = try ClaimCase.smartstore().report(at: "2026-11-05T10:00:00+09:00")
        let returns = try #require(smartstore.openings[.buyer]?.first { $0.type == .return })
        #expect(returns.until == time("2026-11-11T14:00:00+09:00"))
        let generic = try ClaimCase.generic().report(at: "2026-11-05T10:00:00+09:00")
        #expect(generic.openings[.buyer]?.first { $0.type == .return }?.until == time("2027-02-04T00:00:00+09:00"))
    }

    @Test("8 days after a tracked delivery, in exact time")
    func afterDelivery() throws {
        let item = ClaimCase.smartstore()
        #expect(
            try item.report(at: "2026-11-05T10:00:00+09:00").standing.decision.scheduledAt
                == time("2026-11-11T14:00:00+09:00"))
        let later = try item.report(at: "2026-11-11T14:00:00+09:00")
        #expect(later.standing.stage == .purchaseDecided)
        #expect(later.standing.decision.decidedAt == time("2026-11-11T14:00:00+09:00"))
    }

    @Test(
        "after the decision the buyer's return goes nowhere through the marketplace; the generic profile has no such rule"
    )
    func claimsEnd() throws {
        let refused = try ClaimCase.smartstore().open(.return, .defective, at: "2026-11-11T14:00:00+09:00")
        #expect(refused.verdict.rule == .purchaseDecided)
        #expect(refused.verdict.closedAt == time("2026-11-11T14:00:00+09:00"))
        #expect(
            try ClaimCase.smartstore().open(.return, .defective, at: "2026-11-11T13:59:00+09:00").verdict.rule == .ok)
        #expect(try ClaimCase.generic().open(.return, .defective, at: "2026-11-11T14:00:00+09:00").verdict.rule == .ok)
        // The law's windows still show on the seller's side.
        let report = try ClaimCase.smartstore().report(at: "2026-11-12T10:00:00+09:00")
        #expect(report.standing.orderDeadlines.map(\.kind) == [.defectWindow])
    }

    @Test("without a tracked delivery: 28 days after dispatch, 45 from abroad")
    func afterDispatch() throws {
        var item = ClaimCase.smartstore(delivered: nil)
        #expect(
            try item.report(at: "2026-11-05T10:00:00+09:00").standing.decision.scheduledAt
                == time("2026-11-30T09:00:00+09:00"))
        item.order.overseas = true
        #expect(
            try item.report(at: "2026-11-05T10:00:00+09:00").standing.decision.scheduledAt
                == time("2026-12-17T09:00:00+09:00"))
    }

    @Test("suspended while tracking has no event five days before the date")
    func noTrackingEvent() throws {
        var item = ClaimCase.smartstore(delivered: nil)
        item.order.tracking = TrackingFacts()
        #expect(try item.report(at: "2026-11-25T08:59:00+09:00").standing.decision.scheduledAt != nil)
        let report = try item.report(at: "2026-11-25T09:00:00+09:00")
        #expect(report.standing.decision.suspension == .noTrackingEvent)
        #expect(report.standing.decision.scheduledAt == nil)
        item.order.tracking = TrackingFacts(firstScanAt: time("2026-11-03T09:00:00+09:00"))
        #expect(try item.report(at: "2026-12-01T09:00:00+09:00").standing.stage == .purchaseDecided)
    }

    @Test("suspended when tracking shows a pickup or delivery before the order")
    func scannedBeforeOrder() throws {
        var item = ClaimCase.smartstore()
        item.order.tracking = TrackingFacts(firstScanAt: time("2026-10-20T09:00:00+09:00"), scannedBeforeOrder: true)
        let report = try item.report(at: "2026-11-20T10:00:00+09:00")
        #expect(report.standing.decision.suspension == .scannedBeforeOrder)
        #expect(report.standing.stage == .delivered)
    }

    @Test("an open return holds the decision until it ends")
    func openClaim() throws {
        let open = ClaimCase.smartstore().with(
            .return, .changeOfMind, [step(.request, .buyer, "2026-11-05T10:00:00+09:00")])
        let held = try open.report(at: "2026-11-12T10:00:00+09:00")
        #expect(held.standing.decision.suspension == .openClaim)
        #expect(held.standing.stage == .delivered)
        let withdrawn = ClaimCase.smartstore().with(
            .return, .changeOfMind,
            [step(.request, .buyer, "2026-11-05T10:00:00+09:00"), step(.withdraw, .buyer, "2026-11-13T10:00:00+09:00")])
        let decided = try withdrawn.report(at: "2026-11-14T10:00:00+09:00")
        #expect(decided.standing.stage == .purchaseDecided)
        #expect(decided.standing.decision.decidedAt == time("2026-11-13T10:00:00+09:00"))
    }

    @Test("tracking facts read from an analysis: first scan, delivery, a scan before the order")
    func trackingFacts() throws {
        var scenario = Scenario.domestic(start: "2026-11-02T09:00:00+09:00")
        scenario.cjScan(9, "11", "집화처리")
        scenario.cjScan(29, "91", "배달완료")
        let facts = TrackingFacts(scenario.analyze(hoursAfterStart: 40))
        #expect(facts.firstScanAt == time("2026-11-02T18:00:00+09:00"))
        #expect(facts.deliveredAt == time("2026-11-03T14:00:00+09:00"))
        #expect(!facts.scannedBeforeOrder)

        // The same pickup stamped before the order was placed.
        var early = Scenario.domestic(start: "2026-11-02T09:00:00+09:00")
        early.cjScan(-30, "11", "집화처리")
        #expect(TrackingFacts(early.analyze(hoursAfterStart: 40)).scannedBeforeOrder)
    }
}

@Suite("Claims: AliExpress disputes")
struct DisputeTests {
    let opened = ClaimCase.aliexpress().with(
        .disputeNotAsDescribed, .notAsDescribed, [step(.request, .buyer, "2026-12-01T10:00:00+09:00")])

    @Test("AliExpress has no exchange: refused with the rule and the way around it")
    func noExchange() throws {
        let attempt = try ClaimCase.aliexpress().open(.exchange, .defective, at: "2026-11-21T10:00:00+09:00")
        #expect(attempt.verdict.rule == .noExchange)
        #expect(attempt.message.en.contains("return the item and order it again"))
    }

    @Test(
        "a dispute opens until 15 days after delivery, in exact time",
        arguments: [
            ("2026-12-05T13:59:00+09:00", true), ("2026-12-05T14:00:00+09:00", false), ("2026-12-05T05:00:00Z", false),
        ])
    func window(at moment: String, allowed: Bool) throws {
        let attempt = try ClaimCase.aliexpress().open(.disputeNotAsDescribed, .notAsDescribed, at: moment)
        #expect(attempt.verdict.allowed == allowed)
        if allowed {
            #expect(attempt.state == .negotiation)
        } else {
            #expect(attempt.verdict.rule == .disputeWindow)
            #expect(attempt.verdict.closedAt == time("2026-12-05T14:00:00+09:00"))
        }
    }

    @Test("before delivery only a non-delivery dispute can be opened; none before dispatch")
    func beforeDelivery() throws {
        let item = ClaimCase.aliexpress(delivered: nil)
        #expect(try item.open(.disputeNonDelivery, .notReceived, at: "2026-12-20T10:00:00+09:00").verdict.rule == .ok)
        #expect(
            try item.open(.disputeNotAsDescribed, .notAsDescribed, at: "2026-12-20T10:00:00+09:00").verdict.rule
                == .notAllowedInState)
    }

    @Test("the seller's silence for 5 days grants the buyer's request; a late answer is refused with the window")
    func sellerSilence() throws {
        #expect(try opened.report(at: "2026-12-06T09:59:00+09:00").standing.claims[0].state == .negotiation)
        let granted = try opened.report(at: "2026-12-06T10:00:00+09:00")
        #expect(granted.standing.claims[0].state == .resolved)
        #expect(granted.standing.claims[0].grantedBySilence)
        let late = try opened.attempt(step(.respond, .seller, "2026-12-06T11:00:00+09:00"))
        #expect(late.verdict.rule == .sellerResponseWindow)
        #expect(late.verdict.closedAt == time("2026-12-06T10:00:00+09:00"))
        #expect(try opened.attempt(step(.respond, .seller, "2026-12-06T09:59:00+09:00")).verdict.rule == .ok)
    }

    @Test("escalation to mediation after 7 days of negotiation, or at once when the seller refuses")
    func escalation() throws {
        let answered = ClaimCase.aliexpress().with(
            .disputeNotAsDescribed, .notAsDescribed,
            [step(.request, .buyer, "2026-12-01T10:00:00+09:00"), step(.respond, .seller, "2026-12-02T10:00:00+09:00")])
        let early = try answered.attempt(step(.escalate, .buyer, "2026-12-08T09:59:00+09:00"))
        #expect(early.verdict.rule == .negotiationPeriod)
        #expect(early.verdict.opensAt == time("2026-12-08T10:00:00+09:00"))
        let onTime = try answered.attempt(step(.escalate, .buyer, "2026-12-08T10:00:00+09:00"))
        #expect(onTime.verdict.rule == .ok)
        #expect(onTime.state == .mediation)

        let refused = ClaimCase.aliexpress().with(
            .disputeNotAsDescribed, .notAsDescribed,
            [step(.request, .buyer, "2026-12-01T10:00:00+09:00"), step(.reject, .seller, "2026-12-02T10:00:00+09:00")])
        #expect(try refused.attempt(step(.escalate, .buyer, "2026-12-02T11:00:00+09:00")).state == .mediation)
    }

    @Test("tracking facts put the refund right 60 days after the silence began, not when it began")
    func refundEligibleMoment() throws {
        var scenario = Scenario.crossBorder(start: "2026-11-02T09:00:00+08:00")
        scenario.leavesChina()
        let silentSince = scenario.at(40)
        let facts = TrackingFacts(scenario.analyze(hoursAfterStart: 24 * 70))
        #expect(facts.refundEligibleSince == silentSince.adding(days: 60))
    }

    @Test("a dispute closed by its own timer no longer counts as open")
    func timerClosedDispute() throws {
        let agreed = ClaimCase.aliexpress().with(
            .disputeNotAsDescribed, .notAsDescribed,
            [step(.request, .buyer, "2026-11-21T10:00:00+09:00"), step(.agree, .seller, "2026-11-22T10:00:00+09:00")])
        // The return was never shipped: the dispute closed at 10:00 on 2 December.
        let again = try agreed.open(.disputeNotAsDescribed, .notAsDescribed, at: "2026-12-03T10:00:00+09:00")
        #expect(again.verdict.rule == .ok)
        let early = try agreed.open(.disputeNotAsDescribed, .notAsDescribed, at: "2026-12-02T09:00:00+09:00")
        #expect(early.verdict.rule == .claimOpen)
    }

    @Test("a seller who answered in time may go on answering; a sum over the order's total is refused on any action")
    func answersAndAmounts() throws {
        let answered = ClaimCase.aliexpress().with(
            .disputeNotAsDescribed, .notAsDescribed,
            [step(.request, .buyer, "2026-12-01T10:00:00+09:00"), step(.respond, .seller, "2026-12-01T12:00:00+09:00")])
        #expect(try answered.attempt(step(.respond, .seller, "2026-12-07T10:00:00+09:00")).verdict.rule == .ok)
        let tooMuch = try answered.attempt(step(.agree, .seller, "2026-12-02T10:00:00+09:00", amount: 100))
        #expect(tooMuch.verdict.rule == .amountTooLarge)
        #expect(
            try answered.attempt(step(.agree, .seller, "2026-12-02T10:00:00+09:00", amount: 10)).verdict.rule == .ok)
    }

    @Test("60 days without an update lets a non-delivery dispute go to mediation at once")
    func refundEligible() throws {
        var item = ClaimCase.aliexpress(delivered: nil).with(
            .disputeNonDelivery, .notReceived,
            [step(.request, .buyer, "2027-01-05T10:00:00+09:00"), step(.respond, .seller, "2027-01-05T12:00:00+09:00")])
        #expect(
            try item.attempt(step(.escalate, .buyer, "2027-01-06T10:00:00+09:00")).verdict.rule == .negotiationPeriod)
        item.order.tracking = TrackingFacts(
            firstScanAt: time("2026-11-02T09:00:00+08:00"), refundEligibleSince: time("2027-01-01T09:00:00+09:00"))
        #expect(try item.attempt(step(.escalate, .buyer, "2027-01-06T10:00:00+09:00")).state == .mediation)
    }

    @Test("an agreed return must ship within 10 days; then the refund closes the dispute")
    func agreedReturn() throws {
        let agreed = ClaimCase.aliexpress().with(
            .disputeNotAsDescribed, .notAsDescribed,
            [step(.request, .buyer, "2026-12-01T10:00:00+09:00"), step(.agree, .seller, "2026-12-02T10:00:00+09:00")])
        let report = try agreed.report(at: "2026-12-03T10:00:00+09:00")
        #expect(report.standing.claims[0].state == .resolved)
        #expect(
            report.standing.claimDeadlines[0] == [
                ClaimDeadline(.returnShip, due: time("2026-12-12T10:00:00+09:00"), who: .buyer)
            ])
        #expect(report.standing.nextDeadline?.kind == .returnShip)
        #expect(
            try agreed.attempt(step(.refund, .seller, "2026-12-03T10:00:00+09:00")).verdict.rule == .notAllowedInState)
        #expect(try agreed.attempt(step(.shipReturn, .buyer, "2026-12-12T09:59:00+09:00")).verdict.rule == .ok)
        let late = try agreed.attempt(step(.shipReturn, .buyer, "2026-12-12T10:00:00+09:00"))
        #expect(late.verdict.rule == .returnShipWindow)
        #expect(late.verdict.closedAt == time("2026-12-12T10:00:00+09:00"))
        #expect(try agreed.report(at: "2026-12-12T10:00:00+09:00").standing.claims[0].state == .closed)

        let shipped = agreed.with(
            .disputeNotAsDescribed, .notAsDescribed, id: "C-1",
            agreed.claims[0].history + [step(.shipReturn, .buyer, "2026-12-05T10:00:00+09:00")])
        var only = shipped
        only.claims = [shipped.claims[1]]
        let refund = try only.attempt(step(.refund, .seller, "2026-12-09T10:00:00+09:00"))
        #expect(refund.state == .closed)
    }

    @Test("agreeing on a sum keeps the goods with the buyer")
    func partialAgreement() throws {
        let agreed = ClaimCase.aliexpress().with(
            .disputeNotAsDescribed, .notAsDescribed,
            [
                step(.request, .buyer, "2026-12-01T10:00:00+09:00"),
                step(.agree, .buyer, "2026-12-02T10:00:00+09:00", amount: 8),
            ])
        let report = try agreed.report(at: "2026-12-20T10:00:00+09:00")
        #expect(report.standing.claims[0].state == .resolved)
        #expect(!report.standing.claims[0].returnAgreed)
        #expect(try agreed.attempt(step(.refund, .seller, "2026-12-20T10:00:00+09:00")).state == .closed)
    }

    @Test("mediation: the platform decides either way, or either side goes to a third party")
    func mediation() throws {
        let mediating = ClaimCase.aliexpress().with(
            .disputeNotAsDescribed, .notAsDescribed,
            [
                step(.request, .buyer, "2026-12-01T10:00:00+09:00"),
                step(.reject, .seller, "2026-12-01T12:00:00+09:00"),
                step(.escalate, .buyer, "2026-12-01T13:00:00+09:00"),
            ])
        #expect(try mediating.attempt(step(.refund, .platform, "2026-12-03T10:00:00+09:00")).state == .resolved)
        #expect(try mediating.attempt(step(.reject, .platform, "2026-12-03T10:00:00+09:00")).state == .closed)
        #expect(
            try mediating.attempt(step(.refund, .buyer, "2026-12-03T10:00:00+09:00")).verdict.rule
                == .notAllowedForActor)
        let third = try mediating.attempt(step(.escalate, .seller, "2026-12-03T10:00:00+09:00"))
        #expect(third.state == .thirdParty)
        // A mediated dispute is not resolved by the seller's silence.
        #expect(try mediating.report(at: "2026-12-20T10:00:00+09:00").standing.claims[0].state == .mediation)
    }

    @Test("refund durations by type, as the profile gives them")
    func refundDays() throws {
        let profile = ClaimProfile.aliexpress
        let order = ClaimCase.aliexpress().order
        let standing = ClaimStanding(state: .requested, at: order.placedAt, amount: nil)
        func days(_ type: ClaimType, _ reason: ClaimReason, amount: Decimal? = nil) -> (Int, Int)? {
            var standing = standing
            standing.amount = amount
            let claim = Claim(id: "x", type: type, reason: reason, history: [])
            return profile.refundDays(claim, standing: standing, order: order).map { ($0.1.min, $0.1.max) }
        }
        #expect(days(.refund, .defective)! == (7, 15))
        #expect(days(.refund, .defective, amount: 10)! == (5, 10))
        #expect(days(.return, .defective)! == (10, 20))
        #expect(days(.refund, .late)! == (7, 15))
        #expect(days(.disputeNotAsDescribed, .notAsDescribed)! == (7, 15))
        let korean = ClaimProfile.smartstore.refundDays(
            Claim(id: "x", type: .return, reason: .defective, history: []), standing: standing, order: order)
        #expect(korean?.1 == ClaimProfile.DayRange(min: 1, max: 3, businessDays: true))
    }
}

@Suite("Claims: returns and exchanges through their states")
struct ReturnFlowTests {
    let requested = ClaimCase.generic().with(.return, .defective, [step(.request, .buyer, "2026-11-05T10:00:00+09:00")])

    @Test("held back and released: back to where it was")
    func holdRelease() throws {
        let held = requested.with(
            .return, .defective, id: "C-1",
            requested.claims[0].history + [
                step(.approve, .seller, "2026-11-05T12:00:00+09:00"), step(.hold, .seller, "2026-11-05T13:00:00+09:00"),
            ])
        var only = held
        only.claims = [held.claims[1]]
        #expect(try only.report(at: "2026-11-05T14:00:00+09:00").standing.claims[0].state == .held)
        let released = try only.attempt(step(.release, .seller, "2026-11-06T10:00:00+09:00"))
        #expect(released.state == .collecting)
    }

    @Test("deadlines: the seller's target for a new request, then the refund 3 business days after collection")
    func deadlines() throws {
        let report = try requested.report(at: "2026-11-05T11:00:00+09:00")
        #expect(
            report.standing.claimDeadlines[0] == [
                ClaimDeadline(.sellerAction, due: time("2026-11-07T00:00:00+09:00"), who: .seller)
            ])
        #expect(
            report.standing.nextDeadline
                == ClaimDeadline(.sellerAction, due: time("2026-11-07T00:00:00+09:00"), who: .seller))

        var collected = requested
        collected.claims[0].history += [
            step(.approve, .seller, "2026-11-05T12:00:00+09:00"),
            step(.collected, .seller, "2026-11-06T15:00:00+09:00"),
        ]
        let later = try collected.report(at: "2026-11-07T10:00:00+09:00")
        #expect(
            later.standing.claimDeadlines[0] == [
                ClaimDeadline(.refundDue, due: time("2026-11-12T00:00:00+09:00"), who: .seller)
            ])
        #expect(later.standing.nextDeadline?.kind == .withdrawalWindow)
        let done = try collected.attempt(step(.refund, .seller, "2026-11-09T10:00:00+09:00"))
        #expect(done.state == .done)
    }

    @Test("the exchange ends with the replacement dispatched under a valid number")
    func exchange() throws {
        let item = ClaimCase.generic().with(
            .exchange, .wrongItem,
            [
                step(.request, .buyer, "2026-11-05T10:00:00+09:00"),
                step(.collect, .seller, "2026-11-05T12:00:00+09:00"),
                step(.collected, .seller, "2026-11-07T12:00:00+09:00"),
            ])
        #expect(
            try item.attempt(step(.dispatch, .seller, "2026-11-08T10:00:00+09:00", number: "12345")).verdict.rule
                == .invalidTrackingNumber)
        let sent = try item.attempt(
            step(.dispatch, .seller, "2026-11-08T10:00:00+09:00", number: ClaimCase.cj, carrier: "kr.cjlogistics"))
        #expect(sent.state == .done)
        var done = item
        done.claims[0].history.append(
            step(.dispatch, .seller, "2026-11-08T10:00:00+09:00", number: ClaimCase.cj, carrier: "kr.cjlogistics"))
        let report = try done.report(at: "2026-11-09T10:00:00+09:00")
        #expect(report.standing.stage == .exchanged)
        #expect(report.buyerMessages[0]?.ko.contains(ClaimCase.cj) == true)
    }

    @Test("who pays the return shipping: the buyer for a change of mind, the seller when the goods are at fault")
    func payer() throws {
        let report = try ClaimCase.generic()
            .with(.return, .changeOfMind, id: "C-1", [step(.request, .buyer, "2026-11-05T10:00:00+09:00")])
            .with(.exchange, .defective, id: "C-2", [step(.request, .buyer, "2026-11-05T10:00:00+09:00")])
            .report(at: "2026-11-05T11:00:00+09:00")
        let standing = report.standing.claims
        #expect(report.profile.returnShippingPayer(report.claims[0], standing: standing[0]) == .buyer)
        #expect(report.profile.returnShippingPayer(report.claims[1], standing: standing[1]) == .seller)
        #expect(report.buyerMessages[0]?.en.contains("yours to pay") == true)
        #expect(report.buyerMessages[1]?.en.contains("seller pays") == true)
    }

    @Test("a second return while one is open is refused")
    func oneAtATime() throws {
        #expect(try requested.open(.return, .defective, at: "2026-11-06T10:00:00+09:00").verdict.rule == .claimOpen)
    }

    @Test("what each side may do depends on the state and the clock")
    func allowedActions() throws {
        let report = try requested.report(at: "2026-11-05T11:00:00+09:00")
        #expect(Set(report.allowed[0].buyer) == [.shipReturn, .withdraw])
        #expect(Set(report.allowed[0].seller) == [.approve, .collect, .reject, .hold])
        #expect(report.allowed[0].platform.isEmpty)

        let dispute = ClaimCase.aliexpress().with(
            .disputeNonDelivery, .notReceived,
            [step(.request, .buyer, "2026-12-01T10:00:00+09:00"), step(.respond, .seller, "2026-12-01T12:00:00+09:00")])
        let early = try dispute.report(at: "2026-12-02T10:00:00+09:00")
        #expect(!early.allowed[0].buyer.contains(.escalate))
        let late = try dispute.report(at: "2026-12-08T10:00:00+09:00")
        #expect(late.allowed[0].buyer.contains(.escalate))
    }

    @Test("a history the profile refuses is named by claim and step")
    func refusedHistory() {
        let item = ClaimCase.generic().with(
            .return, .defective,
            [
                step(.request, .buyer, "2026-11-05T10:00:00+09:00"),
                step(.collected, .seller, "2026-11-05T11:00:00+09:00"),
            ])
        #expect(throws: ClaimEngine.CaseError.self) { try item.engine.replay(item.order, claims: item.claims) }
        do {
            _ = try item.engine.replay(item.order, claims: item.claims)
        } catch {
            #expect(error.claim == 0)
            #expect(error.step == 1)
            #expect(error.verdict?.rule == .notAllowedInState)
            let text = item.engine.describe(error, in: ClaimDocument(order: item.order, claims: item.claims))
            #expect(text.hasPrefix("claims[0].history[1]: collected by seller is refused (not_allowed_in_state)"))
        }
    }
}

@Suite("Claims: every transition of every profile, as data")
struct ClaimTransitionTableTests {
    /// Steps (after the request) that bring a claim of `type` to `state`.
    static func path(to state: ClaimState, type: ClaimType, for move: ClaimProfile.Transition) -> [(
        ClaimAction, ClaimActor
    )]? {
        switch (state, type.isDispute) {
        case (.requested, false): return []
        case (.collecting, false): return [(.approve, .seller)]
        case (.collected, false): return [(.approve, .seller), (.collected, .seller)]
        case (.held, false): return [(.hold, .seller)]
        case (.negotiation, true):
            // Escalation waits out the negotiation period unless the seller refuses.
            return move.action == .escalate ? [(.reject, .seller)] : []
        case (.mediation, true): return [(.reject, .seller), (.escalate, .buyer)]
        case (.thirdParty, true): return [(.reject, .seller), (.escalate, .buyer), (.escalate, .buyer)]
        case (.resolved, true):
            // A refund after an agreed return waits for the buyer to ship it.
            if type == .disputeNotAsDescribed, move.action == .refund {
                return [(.agree, .seller), (.shipReturn, .buyer)]
            }
            return [(.agree, .seller)]
        default: return nil
        }
    }

    @Test("each move takes its claim where the table says", arguments: ["smartstore", "aliexpress", "generic"])
    func everyTransition(profileID: String) throws {
        let profile = ClaimProfiles.standard.profile(for: profileID)
        var checked = 0
        for move in profile.transitions {
            for type in ClaimType.allCases where move.types.contains(type) && profile.offers.contains(type) {
                for from in move.from {
                    let steps = try #require(Self.path(to: from, type: type, for: move), "\(type.name) to \(from.name)")
                    for actor in move.by {
                        var item =
                            type == .cancel
                            ? ClaimCase.smartstore(dispatched: false, delivered: nil)
                            : profileID == "aliexpress" ? ClaimCase.aliexpress() : ClaimCase.smartstore()
                        item.order.marketplace = profileID
                        let start = time(
                            profileID == "aliexpress" ? "2026-11-21T10:00:00+09:00" : "2026-11-04T10:00:00+09:00")
                        var history = [ClaimStep(.request, by: .buyer, at: start)]
                        for (index, (action, by)) in steps.enumerated() {
                            history.append(
                                ClaimStep(
                                    action, by: by, at: start.adding(hours: Double(index + 1)),
                                    trackingNumber: ClaimCase.cj, carrier: "kr.cjlogistics"))
                        }
                        let reason: ClaimReason = type == .disputeNotAsDescribed ? .notAsDescribed : .defective
                        item = item.with(type, reason, history)
                        let attempt = try item.attempt(
                            ClaimStep(
                                move.action, by: actor, at: start.adding(hours: 10), trackingNumber: ClaimCase.cj,
                                carrier: "kr.cjlogistics"))
                        let expected: ClaimState
                        switch move.to {
                        case .state(let state): expected = state
                        case .stay: expected = from
                        case .resume: expected = .requested
                        }
                        #expect(
                            attempt.verdict.allowed && attempt.state == expected,
                            "\(profileID): \(type.name) \(from.name) --\(move.action.name) by \(actor.name)--> \(attempt.state?.name ?? "nil") (\(attempt.verdict.rule.name)), expected \(expected.name)"
                        )
                        checked += 1
                    }
                }
            }
        }
        #expect(checked >= 25)
    }

    @Test("every action a state does not list is refused, so nothing slips through the table")
    func nothingElse() throws {
        let item = ClaimCase.generic().with(.refund, .defective, [step(.request, .buyer, "2026-11-05T10:00:00+09:00")])
        for action in [ClaimAction.collect, .collected, .dispatch, .respond, .agree, .escalate, .shipReturn, .close] {
            let attempt = try item.attempt(step(action, .seller, "2026-11-05T11:00:00+09:00"))
            #expect(attempt.verdict.rule == .notAllowedInState, "\(action.name)")
        }
    }
}
