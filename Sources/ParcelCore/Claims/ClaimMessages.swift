import Foundation

/// The words around claims: why an action went as it did, and what the buyer
/// must hear at each turn. Written by us, in Korean and English.
public struct ClaimMessages: Sendable {
    public let registry: CarrierRegistry

    public init(registry: CarrierRegistry = .standard) {
        self.registry = registry
    }

    /// What a verdict means, for whoever took the action.
    public func verdict(
        _ verdict: ClaimVerdict, type: ClaimType, action: ClaimAction, by actor: ClaimActor, stage: OrderStage,
        claimID: String?, order: ClaimOrder, profile: ClaimProfile
    ) -> LocalizedText {
        let closed = verdict.closedAt.map(LegalCalendar.display) ?? ""
        let state = verdict.standing?.state
        let stateLabel = state?.label ?? LocalizedText(ko: "요청 전", en: "not opened")
        switch verdict.rule {
        case .ok:
            if action == .request, let state {
                return LocalizedText(
                    ko: "\(type.label.ko) 요청이 접수되었습니다. 현재 상태: \(state.label.ko).",
                    en: "\(type.label.en) opened. Now: \(state.label.en).")
            }
            return LocalizedText(
                ko: "'\(action.label.ko)' 처리되었습니다. 현재 상태: \(stateLabel.ko).",
                en: "\(action.label.en): done. Now: \(stateLabel.en).")
        case .cancelAutoBeforeConfirm:
            return LocalizedText(
                ko: "판매자가 주문을 확인하기 전이라 승인 절차 없이 바로 취소되었습니다.",
                en: "Cancelled at once: the seller had not yet confirmed the order, so no approval was needed.")
        case .rejectRequiresDispatch:
            return LocalizedText(
                ko: "취소 요청은 거부만 할 수 없습니다. 이미 보냈다면 유효한 운송장 번호로 발송 처리하고, 아니라면 취소를 승인해 주세요.",
                en:
                    "A cancel request cannot simply be refused: if the parcel has left, dispatch it with a valid tracking number; otherwise approve the cancel."
            )
        case .invalidTrackingNumber:
            let problem = verdict.numberProblem ?? LocalizedText(ko: "번호를 확인해 주세요.", en: "Check the number.")
            return LocalizedText(
                ko: "운송장 번호를 받을 수 없습니다. \(problem.ko)", en: "The tracking number was not accepted. \(problem.en)")
        case .withdrawalWindow:
            let days = profile.windows.withdrawalDays ?? 7
            return LocalizedText(
                ko: "단순 변심 반품·교환 기간(배송 완료 다음 날부터 \(days)일)이 \(closed)에 끝났습니다.",
                en: "The change-of-mind window (\(days) days from the day after delivery) closed at \(closed).")
        case .defectWindow:
            let months = profile.windows.defectMonths ?? 3
            let days = profile.windows.defectNoticedDays ?? 30
            return LocalizedText(
                ko:
                    "상품이 표시·계약과 다른 경우의 청구 기간이 \(closed)에 끝났습니다. 배송 후 \(months)개월과, 그 사실을 안 날부터 \(days)일 중 먼저 끝나는 때까지입니다.",
                en:
                    "The window for goods that differ from the listing closed at \(closed): it runs \(months) months from delivery and \(days) days from when the buyer noticed, whichever ends first."
            )
        case .purchaseDecided:
            return LocalizedText(
                ko: "구매확정(\(closed)) 뒤에는 마켓에서 반품·교환을 신청할 수 없습니다. 판매자와 직접 상의해 주세요. 법정 청구 기간은 판매자 화면에 계속 표시됩니다.",
                en:
                    "After the purchase was decided (\(closed)) the marketplace takes no return or exchange requests; talk to the seller directly. The legal windows still show on the seller's screen."
            )
        case .noExchange, .notOffered:
            return profile.missing[type]?.instead
                ?? LocalizedText(
                    ko: "\(profile.name.ko)에서는 \(Korean.object(type.label.ko)) 신청할 수 없습니다.",
                    en: "\(profile.name.en) has no \(type.label.en.lowercased()).")
        case .disputeWindow:
            let days = Int(profile.windows.disputeDaysAfterDelivery ?? 15)
            return LocalizedText(
                ko: "분쟁 신청 기간(배송 완료 후 \(days)일)이 \(closed)에 끝났습니다.",
                en: "The dispute window (\(days) days after delivery) closed at \(closed).")
        case .sellerResponseWindow:
            let days = Int(profile.windows.sellerAnswerDays ?? 5)
            guard verdict.standing?.grantedBySilence == true else {
                return LocalizedText(
                    ko: "판매자 답변 기한(분쟁 접수 후 \(days)일)이 \(closed)에 지났습니다.",
                    en: "The seller's answer window (\(days) days from the dispute) ended at \(closed).")
            }
            return LocalizedText(
                ko: "판매자 답변 기한(분쟁 접수 후 \(days)일)이 \(closed)에 지나, 구매자의 요청대로 결정되었습니다.",
                en:
                    "The seller's answer window (\(days) days from the dispute) ended at \(closed), so the buyer's request was granted."
            )
        case .negotiationPeriod:
            let opens = verdict.opensAt.map(LegalCalendar.display) ?? ""
            return LocalizedText(
                ko: "판매자와의 협의 기간이 끝나는 \(opens)부터 중재를 요청할 수 있습니다. 판매자가 거절하면 바로 요청할 수 있습니다.",
                en:
                    "Mediation can be requested once the negotiation period ends, at \(opens), or at once if the seller refuses."
            )
        case .returnShipWindow:
            let days = Int(profile.windows.returnShipDays ?? 10)
            return LocalizedText(
                ko: "합의한 반품은 \(days)일 안에 보내야 했는데, 기한이 \(closed)에 지났습니다.",
                en: "The agreed return had to be shipped within \(days) days; that ended at \(closed).")
        case .notAllowedInState:
            if action == .request {
                if type == .cancel, stage.rawValue >= OrderStage.dispatched.rawValue {
                    return LocalizedText(
                        ko: "이미 발송된 주문이라 취소할 수 없습니다. 받으신 뒤 반품을 신청해 주세요.",
                        en:
                            "The order has already been dispatched, so it can no longer be cancelled: request a return once it arrives."
                    )
                }
                return LocalizedText(
                    ko: "주문이 '\(stage.label.ko)' 단계라 \(Korean.object(type.label.ko)) 신청할 수 없습니다.",
                    en: "The order is at '\(stage.label.en)', where \(type.label.en.lowercased()) cannot be requested.")
            }
            return LocalizedText(
                ko: "지금 상태(\(stateLabel.ko))에서는 '\(action.label.ko)' 처리를 할 수 없습니다.",
                en: "'\(action.label.en)' is not possible while the claim is \(stateLabel.en.lowercased()).")
        case .notAllowedForActor:
            return LocalizedText(
                ko: "\(Korean.topic(actor.label.ko)) 지금 '\(action.label.ko)' 처리를 할 수 없습니다.",
                en: "The \(actor.label.en) cannot '\(action.label.en.lowercased())' now.")
        case .unknownClaim:
            let id = claimID ?? ""
            return LocalizedText(
                ko: id.isEmpty ? "대상 클레임이 없습니다. 새로 신청하려면 'request'를 쓰세요." : "이 주문에 \(id) 클레임이 없습니다.",
                en: id.isEmpty ? "No claim is named; use 'request' to open one." : "This order has no claim \(id).")
        case .claimOpen:
            return LocalizedText(
                ko: "이미 진행 중인 \(type.label.ko) 요청이 있습니다. 그 요청을 먼저 처리해 주세요.",
                en: "A \(type.label.en.lowercased()) is already open on this order; settle it first.")
        case .amountTooLarge:
            let total = order.total.map { "\($0)" } ?? ""
            return LocalizedText(
                ko: "요청 금액이 주문 금액(\(total))보다 큽니다.", en: "The amount is more than the order's total (\(total)).")
        case .staleState:
            return LocalizedText(
                ko: "다른 처리가 먼저 반영되었습니다. 화면을 새로 고친 뒤 다시 시도해 주세요.",
                en: "Someone else changed this claim first: reload and try again.")
        }
    }

    /// What the buyer should be told now about this claim, if anything.
    public func forBuyer(
        _ claim: Claim, standing: ClaimStanding, order: ClaimOrder, profile: ClaimProfile, engine: ClaimEngine,
        now: Timestamp
    ) -> LocalizedText? {
        let orderID = order.id
        switch (claim.type, standing.state) {
        case (.cancel, .done):
            let days = refundWords(profile.refundKind(claim, standing: standing, order: order), profile: profile)
            return LocalizedText(
                ko: "주문 \(orderID) 취소가 완료되었습니다. 결제하신 금액은 \(days.ko) 안에 돌려받으실 수 있습니다.",
                en: "Order \(orderID) is cancelled. Your payment comes back within \(days.en).")
        case (.cancel, .rejected):
            let number = standing.dispatchNumber ?? order.trackingNumber ?? ""
            let carrier = (standing.dispatchCarrier ?? order.carrier).flatMap { registry.carrier(id: $0) }
            let link = carrier?.trackingURL(for: number).map { ($0, $0) } ?? ("", "")
            let name = carrier?.name ?? LocalizedText(ko: "택배사", en: "the carrier")
            return LocalizedText(
                ko:
                    "주문 \(orderID)은 취소 요청을 확인하기 전에 이미 발송되어 취소해 드릴 수 없었습니다. \(name.ko) 운송장 \(number)로 배송 중입니다\(link.0.isEmpty ? "" : " (\(link.0))"). 받으신 뒤 반품을 신청하실 수 있습니다.",
                en:
                    "Order \(orderID) had already left before your cancel request could be handled, so it could not be cancelled. It is on its way with \(name.en), tracking number \(number)\(link.1.isEmpty ? "" : " (\(link.1))"). Once it arrives you can request a return."
            )
        case (.return, .requested), (.return, .collecting), (.exchange, .requested), (.exchange, .collecting):
            let payer = profile.returnShippingPayer(claim, standing: standing)
            let pays =
                payer == .seller
                ? LocalizedText(ko: "반품 배송비는 판매자가 부담합니다.", en: "The seller pays for the return shipping.")
                : LocalizedText(
                    ko: "단순 변심이라 반품 배송비는 구매자 부담입니다.",
                    en: "As this is a change of mind, the return shipping is yours to pay.")
            let due = engine.deadlines(standing, type: claim.type, order: order, profile: profile, now: now)
                .first { $0.kind == .returnShip }
            let when =
                due.map {
                    LocalizedText(
                        ko: " \(LegalCalendar.display($0.due))까지 보내 주세요.",
                        en: " Please send it by \(LegalCalendar.display($0.due)).")
                } ?? LocalizedText(ko: "", en: "")
            return LocalizedText(
                ko: "\(claim.type.label.ko) 요청을 받았습니다. 상품은 판매자가 안내하는 주소로, 받으신 그대로 포장해 보내 주세요.\(when.ko) \(pays.ko)",
                en:
                    "We have your \(claim.type.label.en.lowercased()) request. Pack the item as it came and send it to the address the seller gives you.\(when.en) \(pays.en)"
            )
        case (.exchange, .done):
            let number = standing.dispatchNumber ?? ""
            let carrier = standing.dispatchCarrier.flatMap { registry.carrier(id: $0) }
            let link = carrier?.trackingURL(for: number)
            return LocalizedText(
                ko:
                    "교환 상품을 보냈습니다. \(carrier?.name.ko ?? "운송장") \(number)\(link.map { " (\($0))" } ?? "")로 확인하실 수 있습니다.",
                en:
                    "Your replacement is on its way: \(carrier?.name.en ?? "tracking number") \(number)\(link.map { " (\($0))" } ?? "")."
            )
        case (.return, .done), (.refund, .done):
            let days = refundWords(profile.refundKind(claim, standing: standing, order: order), profile: profile)
            let sum = standing.amount.map { " \($0)원" } ?? ""
            let sumEn = standing.amount.map { " of \($0) won" } ?? ""
            return LocalizedText(
                ko: "환불\(sum)을 처리했습니다. 결제 수단에 따라 \(days.ko) 안에 반영됩니다.",
                en: "Your refund\(sumEn) has been issued. Depending on how you paid, it shows within \(days.en).")
        case (_, .negotiation) where standing.answeredAt != nil:
            return LocalizedText(
                ko: "판매자가 분쟁에 답변했습니다. 답변을 확인하고 합의하거나, 협의가 안 되면 중재를 요청해 주세요.",
                en:
                    "The seller has answered your dispute. Read the answer and agree, or ask for mediation if you cannot."
            )
        case (_, .mediation):
            return LocalizedText(
                ko: "분쟁이 \(profile.name.ko)의 중재로 넘어갔습니다. 사진·대화 기록 같은 증빙을 올려 두시면 판단에 도움이 됩니다.",
                en:
                    "Your dispute has gone to \(profile.name.en) for mediation. Photos and chat logs you upload help the decision."
            )
        case (_, .thirdParty):
            return LocalizedText(
                ko: "분쟁이 외부 조정 단계로 넘어갔습니다. 한국소비자원(1372)이나 전자거래분쟁조정위원회에 같은 증빙을 내시면 됩니다.",
                en:
                    "Your dispute has gone to outside mediation: submit the same evidence to the Korea Consumer Agency (1372) or the e-commerce mediation committee (ECMC)."
            )
        case (_, .resolved) where standing.returnAgreed && standing.returnShippedAt == nil:
            let due = standing.agreedAt.flatMap { agreed in
                profile.windows.returnShipDays.map { agreed.adding(days: $0) }
            }
            return LocalizedText(
                ko: "반품하고 환불받기로 합의되었습니다.\(due.map { " \(LegalCalendar.display($0))까지 반품을 보내고 운송장 번호를 알려 주세요." } ?? "")",
                en:
                    "You agreed to return the item for a refund.\(due.map { " Ship it by \(LegalCalendar.display($0)) and share the tracking number." } ?? "")"
            )
        case (_, .resolved):
            return LocalizedText(
                ko: "분쟁이 정리되어 환불이 진행됩니다.", en: "Your dispute is settled and the refund is on its way.")
        default:
            return nil
        }
    }

    /// "7–15일", "3영업일": how long a refund takes.
    func refundWords(_ kind: ClaimProfile.RefundKind?, profile: ClaimProfile) -> LocalizedText {
        guard let kind, let range = profile.refundDays[kind] else {
            return LocalizedText(ko: "며칠", en: "a few days")
        }
        if range.businessDays {
            return LocalizedText(ko: "\(range.max)영업일", en: "\(range.max) business days")
        }
        return LocalizedText(ko: "\(range.min)~\(range.max)일", en: "\(range.min)–\(range.max) days")
    }
}
