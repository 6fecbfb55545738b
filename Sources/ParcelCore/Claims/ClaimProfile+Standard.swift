/// The three profiles ParcelDesk ships: Naver Smartstore, AliExpress, and
/// an own store under the Korean e-commerce act. The facts behind each
/// number, and where they come from, are in docs/CLAIMS.md.
extension ClaimProfile {
    public static let smartstore = korean(
        id: "smartstore", name: LocalizedText(ko: "네이버 스마트스토어", en: "Naver Smartstore"),
        windows: Windows(
            withdrawalDays: 7, defectMonths: 3, defectNoticedDays: 30, claimsEndAtPurchaseDecision: true,
            autoDecision: AutoDecision(
                daysAfterDelivery: 8, daysAfterDispatch: 28, daysAfterOverseasDispatch: 45, suspendWithoutEventDays: 5),
            refundBusinessDays: 3))

    public static let generic = korean(
        id: "generic", name: LocalizedText(ko: "자사몰(전자상거래법 기준)", en: "Own store (Korean e-commerce act)"),
        windows: Windows(withdrawalDays: 7, defectMonths: 3, defectNoticedDays: 30, refundBusinessDays: 3))

    /// A Korean shop: the e-commerce act's claims, no dispute process of its own.
    static func korean(id: String, name: LocalizedText, windows: Windows) -> ClaimProfile {
        ClaimProfile(
            id: id, name: name, offers: ClaimTypes(.cancel, .return, .exchange, .refund),
            missing: [.disputeNonDelivery: notOffered, .disputeNotAsDescribed: notOffered],
            openings: Standard.koreanOpenings, transitions: Standard.requestTransitions, timers: [], windows: windows,
            returnShippingPayer: Standard.koreanPayers, refundDays: Standard.koreanRefundDays,
            sellerTargets: Standard.sellerTargets)
    }

    public static let aliexpress = ClaimProfile(
        id: "aliexpress", name: LocalizedText(ko: "알리익스프레스", en: "AliExpress"),
        offers: ClaimTypes(.cancel, .return, .refund, .disputeNonDelivery, .disputeNotAsDescribed),
        missing: [
            .exchange: Missing(
                rule: .noExchange,
                instead: LocalizedText(
                    ko: "알리익스프레스에는 교환이 없습니다. 반품 후 새로 주문하는 방법을 안내해 주세요.",
                    en: "AliExpress has no exchanges: return the item and order it again."))
        ],
        openings: [
            Opening(
                type: .cancel, by: ClaimActors(.buyer, .seller), stages: CaseSet(.paid, .confirmed), window: .none,
                start: .cancel),
            Opening(
                type: .return, by: ClaimActors(.buyer), stages: Standard.afterDispatch, window: .dispute,
                start: .state(.requested)),
            Opening(
                type: .refund, by: ClaimActors(.buyer, .seller), stages: Standard.afterDispatch, window: .dispute,
                start: .doneWhenSeller(otherwise: .requested)),
            Opening(
                type: .disputeNonDelivery, by: ClaimActors(.buyer), stages: Standard.afterDispatch, window: .dispute,
                start: .state(.negotiation)),
            Opening(
                type: .disputeNotAsDescribed, by: ClaimActors(.buyer),
                stages: CaseSet(.delivered, .purchaseDecided), window: .dispute, start: .state(.negotiation)),
        ],
        transitions: Standard.requestTransitions + Standard.disputeTransitions,
        timers: [
            Timer(types: Standard.disputes, state: .negotiation, kind: .sellerSilent, to: .resolved),
            Timer(types: Standard.disputes, state: .resolved, kind: .returnNotShipped, to: .closed),
        ],
        windows: Windows(
            disputeDaysAfterDelivery: 15, sellerAnswerDays: 5, negotiationDays: 7, returnShipDays: 10),
        returnShippingPayer: Standard.koreanPayers,
        refundDays: [
            .full: DayRange(min: 7, max: 15, businessDays: false),
            .partial: DayRange(min: 5, max: 10, businessDays: false),
            .returnAndRefund: DayRange(min: 10, max: 20, businessDays: false),
            .deliveryDelay: DayRange(min: 7, max: 15, businessDays: false),
            .itemMismatch: DayRange(min: 7, max: 15, businessDays: false),
        ],
        sellerTargets: Standard.sellerTargets)

    static let notOffered = Missing(
        rule: .notOffered,
        instead: LocalizedText(
            ko: "이 판매처에는 분쟁 절차가 없습니다. 반품·환불 요청으로 처리하고, 합의가 안 되면 한국소비자원(1372)에 조정을 신청할 수 있습니다.",
            en:
                "This marketplace has no dispute process: use a return or refund request, and if you cannot agree, the Korea Consumer Agency (1372) mediates."
        ))
}

/// The pieces the profiles share.
enum Standard {
    typealias Transition = ClaimProfile.Transition

    static let disputes = ClaimTypes(.disputeNonDelivery, .disputeNotAsDescribed)
    static let afterDispatch = CaseSet<OrderStage>(.dispatched, .delivering, .delivered, .purchaseDecided)

    static let koreanOpenings: [ClaimProfile.Opening] = [
        .init(
            type: .cancel, by: ClaimActors(.buyer, .seller), stages: CaseSet(.paid, .confirmed), window: .none,
            start: .cancel),
        .init(
            type: .return, by: ClaimActors(.buyer, .seller), stages: afterDispatch, window: .withdrawalByReason,
            start: .state(.requested)),
        .init(
            type: .exchange, by: ClaimActors(.buyer, .seller), stages: afterDispatch, window: .withdrawalByReason,
            start: .state(.requested)),
        .init(
            type: .refund, by: ClaimActors(.buyer, .seller), stages: afterDispatch, window: .withdrawalByReason,
            start: .doneWhenSeller(otherwise: .requested)),
    ]

    /// Cancel, return, exchange and refund: requested → collecting → collected → done,
    /// or rejected, or held and released; the buyer may withdraw until it is done.
    static let requestTransitions: [Transition] = {
        let cancel = ClaimTypes(.cancel)
        let goodsBack = ClaimTypes(.return, .exchange)
        let refund = ClaimTypes(.refund)
        return [
            // A cancel after confirmation: the seller approves, or refuses only by dispatching.
            Transition(cancel, from: ClaimStates(.requested), .approve, by: ClaimActors(.seller), to: .state(.done)),
            Transition(
                cancel, from: ClaimStates(.requested), .dispatch, by: ClaimActors(.seller), to: .state(.rejected),
                when: .dispatchNumber),
            Transition(
                cancel, from: ClaimStates(.requested), .reject, by: ClaimActors(.seller), to: .state(.rejected),
                when: .dispatchNumber),
            Transition(
                cancel, from: ClaimStates(.requested), .withdraw, by: ClaimActors(.buyer), to: .state(.withdrawn)),

            // Goods coming back.
            Transition(
                goodsBack, from: ClaimStates(.requested), .approve, by: ClaimActors(.seller),
                to: .state(.collecting)),
            Transition(
                goodsBack, from: ClaimStates(.requested), .collect, by: ClaimActors(.seller), to: .state(.collecting)
            ),
            Transition(
                goodsBack, from: ClaimStates(.requested), .shipReturn, by: ClaimActors(.buyer),
                to: .state(.collecting)),
            Transition(
                goodsBack, from: ClaimStates(.collecting), .shipReturn, by: ClaimActors(.buyer), to: .stay,
                when: .returnShipOpen),
            Transition(
                goodsBack, from: ClaimStates(.collecting), .collected, by: ClaimActors(.seller),
                to: .state(.collected)),
            Transition(
                ClaimTypes(.return), from: ClaimStates(.collected), .refund, by: ClaimActors(.seller),
                to: .state(.done)),
            Transition(
                ClaimTypes(.return), from: ClaimStates(.collected), .approve, by: ClaimActors(.seller),
                to: .state(.done)),
            // An exchange ends with the replacement on its way, under a new tracking number.
            Transition(
                ClaimTypes(.exchange), from: ClaimStates(.collected), .dispatch, by: ClaimActors(.seller),
                to: .state(.done), when: .dispatchNumber),
            Transition(
                goodsBack, from: ClaimStates(.requested, .collecting, .collected, .held), .reject,
                by: ClaimActors(.seller), to: .state(.rejected)),
            Transition(
                goodsBack, from: ClaimStates(.requested, .collecting), .withdraw, by: ClaimActors(.buyer),
                to: .state(.withdrawn)),

            // Money only.
            Transition(refund, from: ClaimStates(.requested), .approve, by: ClaimActors(.seller), to: .state(.done)),
            Transition(refund, from: ClaimStates(.requested), .refund, by: ClaimActors(.seller), to: .state(.done)),
            Transition(
                refund, from: ClaimStates(.requested, .held), .reject, by: ClaimActors(.seller), to: .state(.rejected)
            ),
            Transition(
                refund, from: ClaimStates(.requested), .withdraw, by: ClaimActors(.buyer), to: .state(.withdrawn)),

            // Held back (보류), e.g. return shipping unpaid, and released.
            Transition(
                goodsBack, from: ClaimStates(.requested, .collecting, .collected), .hold, by: ClaimActors(.seller),
                to: .state(.held)),
            Transition(refund, from: ClaimStates(.requested), .hold, by: ClaimActors(.seller), to: .state(.held)),
            Transition(
                goodsBack.union(refund), from: ClaimStates(.held), .release, by: ClaimActors(.seller), to: .resume),
            Transition(
                goodsBack.union(refund), from: ClaimStates(.held), .withdraw, by: ClaimActors(.buyer),
                to: .state(.withdrawn)),
        ]
    }()

    /// Negotiation with the seller → platform mediation → a third party (1372 / ECMC).
    static let disputeTransitions: [Transition] = {
        let seller = ClaimActors(.seller)
        let buyer = ClaimActors(.buyer)
        let sides = ClaimActors(.buyer, .seller)
        return [
            Transition(
                disputes, from: ClaimStates(.negotiation), .respond, by: seller, to: .stay, when: .sellerAnswerOpen),
            Transition(disputes, from: ClaimStates(.negotiation), .reject, by: seller, to: .stay),
            Transition(
                disputes, from: ClaimStates(.negotiation, .mediation, .thirdParty), .agree, by: sides,
                to: .state(.resolved)),
            Transition(
                disputes, from: ClaimStates(.negotiation), .escalate, by: sides, to: .state(.mediation),
                when: .negotiationOver),
            Transition(disputes, from: ClaimStates(.mediation), .escalate, by: sides, to: .state(.thirdParty)),
            // The platform decides: for the buyer (a refund) or for the seller (closed).
            Transition(
                disputes, from: ClaimStates(.mediation), .refund, by: ClaimActors(.platform), to: .state(.resolved)),
            Transition(
                disputes, from: ClaimStates(.mediation), .reject, by: ClaimActors(.platform), to: .state(.closed)),
            Transition(
                disputes, from: ClaimStates(.thirdParty), .close, by: ClaimActors(.buyer, .seller, .platform),
                to: .state(.closed)),
            // An agreed return: the buyer ships it in time, then the refund closes the dispute.
            Transition(
                ClaimTypes(.disputeNotAsDescribed), from: ClaimStates(.resolved), .shipReturn, by: buyer, to: .stay,
                when: .returnShipOpen),
            Transition(
                disputes, from: ClaimStates(.negotiation, .resolved), .refund, by: seller, to: .state(.closed),
                when: .returnShippedIfAgreed),
            Transition(
                disputes, from: ClaimStates(.resolved), .refund, by: ClaimActors(.platform), to: .state(.closed),
                when: .returnShippedIfAgreed),
            Transition(
                disputes, from: ClaimStates(.negotiation, .mediation), .withdraw, by: buyer, to: .state(.closed)),
        ]
    }()

    static let koreanPayers: [ClaimReason: ClaimActor] = [
        .changeOfMind: .buyer, .defective: .seller, .wrongItem: .seller, .notAsDescribed: .seller, .damaged: .seller,
        .late: .seller, .notReceived: .seller, .other: .buyer,
    ]

    /// Art. 18: the refund within 3 business days of receiving the goods back.
    static let koreanRefundDays: [ClaimProfile.RefundKind: ClaimProfile.DayRange] = Dictionary(
        uniqueKeysWithValues: ClaimProfile.RefundKind.allCases.map {
            ($0, ClaimProfile.DayRange(min: 1, max: 3, businessDays: true))
        })

    static let sellerTargets: [ClaimState: Int] = [.requested: 1, .collecting: 3, .collected: 1, .held: 3]
}
