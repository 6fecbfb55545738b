/// The words of after-sales: what a claim is, where it stands, who acts and
/// why. Raw values are the wire's (`parceldesk claims`, the API).
public enum ClaimType: UInt8, Sendable, Hashable, CaseIterable {
    case cancel
    case `return`
    case exchange
    /// Money back without goods moving: full, or partial with an amount.
    case refund
    case disputeNonDelivery
    case disputeNotAsDescribed

    public var name: String {
        switch self {
        case .cancel: "cancel"
        case .return: "return"
        case .exchange: "exchange"
        case .refund: "refund"
        case .disputeNonDelivery: "dispute_non_delivery"
        case .disputeNotAsDescribed: "dispute_not_as_described"
        }
    }

    public init?(name: String) {
        guard let type = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = type
    }

    public var isDispute: Bool { self == .disputeNonDelivery || self == .disputeNotAsDescribed }
    /// Goods travel back to the seller.
    var takesGoodsBack: Bool { self == .return || self == .exchange }

    public var label: LocalizedText {
        switch self {
        case .cancel: LocalizedText(ko: "주문 취소", en: "Cancellation")
        case .return: LocalizedText(ko: "반품", en: "Return")
        case .exchange: LocalizedText(ko: "교환", en: "Exchange")
        case .refund: LocalizedText(ko: "환불", en: "Refund")
        case .disputeNonDelivery: LocalizedText(ko: "미수령 분쟁", en: "Non-delivery dispute")
        case .disputeNotAsDescribed: LocalizedText(ko: "상품 불일치 분쟁", en: "Not-as-described dispute")
        }
    }
}

public enum ClaimState: UInt8, Sendable, Hashable, CaseIterable {
    case requested, collecting, collected, held, done, rejected, withdrawn
    case negotiation, mediation, thirdParty, resolved, closed

    public var name: String {
        switch self {
        case .requested: "requested"
        case .collecting: "collecting"
        case .collected: "collected"
        case .held: "held"
        case .done: "done"
        case .rejected: "rejected"
        case .withdrawn: "withdrawn"
        case .negotiation: "negotiation"
        case .mediation: "mediation"
        case .thirdParty: "third_party"
        case .resolved: "resolved"
        case .closed: "closed"
        }
    }

    public init?(name: String) {
        guard let state = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = state
    }

    /// Nothing more will happen to the claim.
    public var isFinal: Bool {
        switch self {
        case .done, .rejected, .withdrawn, .closed: true
        default: false
        }
    }

    public var label: LocalizedText {
        switch self {
        case .requested: LocalizedText(ko: "요청됨", en: "Requested")
        case .collecting: LocalizedText(ko: "수거 중", en: "Collecting")
        case .collected: LocalizedText(ko: "수거 완료", en: "Collected")
        case .held: LocalizedText(ko: "보류", en: "On hold")
        case .done: LocalizedText(ko: "완료", en: "Done")
        case .rejected: LocalizedText(ko: "거부됨", en: "Rejected")
        case .withdrawn: LocalizedText(ko: "철회됨", en: "Withdrawn")
        case .negotiation: LocalizedText(ko: "판매자와 협의 중", en: "Negotiating with the seller")
        case .mediation: LocalizedText(ko: "플랫폼 중재 중", en: "Platform mediation")
        case .thirdParty: LocalizedText(ko: "외부 기관 조정 중", en: "Third-party mediation")
        case .resolved: LocalizedText(ko: "합의·결정됨", en: "Resolved")
        case .closed: LocalizedText(ko: "종결", en: "Closed")
        }
    }
}

public enum ClaimAction: UInt8, Sendable, Hashable, CaseIterable {
    case request, approve, reject, dispatch, collect, collected, hold, release, respond, agree, escalate, refund
    case shipReturn, withdraw, close

    public var name: String {
        switch self {
        case .request: "request"
        case .approve: "approve"
        case .reject: "reject"
        case .dispatch: "dispatch"
        case .collect: "collect"
        case .collected: "collected"
        case .hold: "hold"
        case .release: "release"
        case .respond: "respond"
        case .agree: "agree"
        case .escalate: "escalate"
        case .refund: "refund"
        case .shipReturn: "ship_return"
        case .withdraw: "withdraw"
        case .close: "close"
        }
    }

    public init?(name: String) {
        guard let action = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = action
    }

    public var label: LocalizedText {
        switch self {
        case .request: LocalizedText(ko: "요청", en: "Request")
        case .approve: LocalizedText(ko: "승인", en: "Approve")
        case .reject: LocalizedText(ko: "거부", en: "Reject")
        case .dispatch: LocalizedText(ko: "발송 처리", en: "Dispatch")
        case .collect: LocalizedText(ko: "수거 시작", en: "Start collection")
        case .collected: LocalizedText(ko: "수거 완료", en: "Mark collected")
        case .hold: LocalizedText(ko: "보류", en: "Hold")
        case .release: LocalizedText(ko: "보류 해제", en: "Release hold")
        case .respond: LocalizedText(ko: "답변", en: "Respond")
        case .agree: LocalizedText(ko: "합의", en: "Agree")
        case .escalate: LocalizedText(ko: "상위 단계로", en: "Escalate")
        case .refund: LocalizedText(ko: "환불", en: "Refund")
        case .shipReturn: LocalizedText(ko: "반품 발송", en: "Ship the return")
        case .withdraw: LocalizedText(ko: "철회", en: "Withdraw")
        case .close: LocalizedText(ko: "종결", en: "Close")
        }
    }
}

public enum ClaimActor: UInt8, Sendable, Hashable, CaseIterable {
    case buyer, seller, platform

    public var name: String {
        switch self {
        case .buyer: "buyer"
        case .seller: "seller"
        case .platform: "platform"
        }
    }

    public init?(name: String) {
        guard let actor = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = actor
    }

    public var label: LocalizedText {
        switch self {
        case .buyer: LocalizedText(ko: "구매자", en: "buyer")
        case .seller: LocalizedText(ko: "판매자", en: "seller")
        case .platform: LocalizedText(ko: "플랫폼", en: "platform")
        }
    }
}

public enum ClaimReason: UInt8, Sendable, Hashable, CaseIterable {
    case changeOfMind, defective, wrongItem, notAsDescribed, damaged, late, notReceived, other

    public var name: String {
        switch self {
        case .changeOfMind: "change_of_mind"
        case .defective: "defective"
        case .wrongItem: "wrong_item"
        case .notAsDescribed: "not_as_described"
        case .damaged: "damaged"
        case .late: "late"
        case .notReceived: "not_received"
        case .other: "other"
        }
    }

    public init?(name: String) {
        guard let reason = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = reason
    }

    /// The goods differ from the listing or the contract, or arrived broken:
    /// the seller's fault, with the longer legal window (art. 17(3)).
    public var isSellersFault: Bool {
        switch self {
        case .defective, .wrongItem, .notAsDescribed, .damaged: true
        default: false
        }
    }

    public var label: LocalizedText {
        switch self {
        case .changeOfMind: LocalizedText(ko: "단순 변심", en: "change of mind")
        case .defective: LocalizedText(ko: "상품 불량", en: "defective")
        case .wrongItem: LocalizedText(ko: "오배송", en: "wrong item")
        case .notAsDescribed: LocalizedText(ko: "상품 정보와 다름", en: "not as described")
        case .damaged: LocalizedText(ko: "파손", en: "damaged")
        case .late: LocalizedText(ko: "배송 지연", en: "late delivery")
        case .notReceived: LocalizedText(ko: "미수령", en: "not received")
        case .other: LocalizedText(ko: "기타", en: "other")
        }
    }
}

/// Where an order stands, as a domestic marketplace shows it.
public enum OrderStage: UInt8, Sendable, Hashable, CaseIterable {
    case paid, confirmed, dispatched, delivering, delivered, purchaseDecided, cancelled, returned, exchanged

    public var name: String {
        switch self {
        case .paid: "paid"
        case .confirmed: "confirmed"
        case .dispatched: "dispatched"
        case .delivering: "delivering"
        case .delivered: "delivered"
        case .purchaseDecided: "purchase_decided"
        case .cancelled: "cancelled"
        case .returned: "returned"
        case .exchanged: "exchanged"
        }
    }

    public var label: LocalizedText {
        switch self {
        case .paid: LocalizedText(ko: "결제 완료", en: "Paid")
        case .confirmed: LocalizedText(ko: "발송 준비 중", en: "Preparing shipment")
        case .dispatched: LocalizedText(ko: "발송 완료", en: "Dispatched")
        case .delivering: LocalizedText(ko: "배송 중", en: "In delivery")
        case .delivered: LocalizedText(ko: "배송 완료", en: "Delivered")
        case .purchaseDecided: LocalizedText(ko: "구매 확정", en: "Purchase decided")
        case .cancelled: LocalizedText(ko: "취소됨", en: "Cancelled")
        case .returned: LocalizedText(ko: "반품 완료", en: "Returned")
        case .exchanged: LocalizedText(ko: "교환 완료", en: "Exchanged")
        }
    }
}

/// Why an action is allowed or refused: `ok`, or the rule that decided.
public enum ClaimRule: UInt8, Sendable, Hashable, CaseIterable {
    case ok
    case cancelAutoBeforeConfirm
    case rejectRequiresDispatch
    case invalidTrackingNumber
    case withdrawalWindow
    case defectWindow
    case purchaseDecided
    case noExchange
    case disputeWindow
    case sellerResponseWindow
    case negotiationPeriod
    case returnShipWindow
    case notAllowedInState
    case notAllowedForActor
    case unknownClaim
    /// The marketplace has no such claim (other than exchange, which has its own rule).
    case notOffered
    /// A claim of the same type is still open on the order.
    case claimOpen
    case amountTooLarge
    /// Another action changed the claim first (the API's optimistic check).
    case staleState

    public var name: String {
        switch self {
        case .ok: "ok"
        case .cancelAutoBeforeConfirm: "cancel_auto_before_confirm"
        case .rejectRequiresDispatch: "reject_requires_dispatch"
        case .invalidTrackingNumber: "invalid_tracking_number"
        case .withdrawalWindow: "withdrawal_window"
        case .defectWindow: "defect_window"
        case .purchaseDecided: "purchase_decided"
        case .noExchange: "no_exchange"
        case .disputeWindow: "dispute_window"
        case .sellerResponseWindow: "seller_response_window"
        case .negotiationPeriod: "negotiation_period"
        case .returnShipWindow: "return_ship_window"
        case .notAllowedInState: "not_allowed_in_state"
        case .notAllowedForActor: "not_allowed_for_actor"
        case .unknownClaim: "unknown_claim"
        case .notOffered: "not_offered"
        case .claimOpen: "claim_open"
        case .amountTooLarge: "amount_too_large"
        case .staleState: "stale_state"
        }
    }

    /// Rules that allow the action (and say why it went as it did).
    public var allows: Bool { self == .ok || self == .cancelAutoBeforeConfirm }
}

/// What a deadline is for.
public enum DeadlineKind: UInt8, Sendable, Hashable, CaseIterable {
    /// Change-of-mind withdrawal (e-commerce act art. 17(1)).
    case withdrawalWindow
    /// Goods not as described or defective (art. 17(3)), from delivery.
    case defectWindow
    /// The platform's window to open a dispute.
    case disputeWindow
    /// The marketplace decides the purchase on the buyer's behalf.
    case autoDecide
    /// The seller must answer a dispute, or the buyer's request is granted.
    case sellerResponse
    /// Negotiation may be escalated to the platform from this moment.
    case negotiationEnds
    /// The buyer must ship an agreed return.
    case returnShip
    /// The refund is due (3 business days from receiving the return, art. 18).
    case refundDue
    /// The seller's move, by ParcelDesk's service target (no law or platform timer).
    case sellerAction

    public var name: String {
        switch self {
        case .withdrawalWindow: "withdrawal_window"
        case .defectWindow: "defect_window"
        case .disputeWindow: "dispute_window"
        case .autoDecide: "auto_decide"
        case .sellerResponse: "seller_response"
        case .negotiationEnds: "negotiation_ends"
        case .returnShip: "return_ship"
        case .refundDue: "refund_due"
        case .sellerAction: "seller_action"
        }
    }

    public var label: LocalizedText {
        switch self {
        case .withdrawalWindow: LocalizedText(ko: "단순 변심 청약철회 기한", en: "Change-of-mind return deadline")
        case .defectWindow: LocalizedText(ko: "상품 하자·불일치 청약철회 기한", en: "Defect or mismatch return deadline")
        case .disputeWindow: LocalizedText(ko: "분쟁 신청 기한", en: "Dispute window")
        case .autoDecide: LocalizedText(ko: "자동 구매확정", en: "Automatic purchase decision")
        case .sellerResponse: LocalizedText(ko: "판매자 답변 기한", en: "Seller's answer due")
        case .negotiationEnds: LocalizedText(ko: "협의 기간 종료(중재 요청 가능)", en: "Negotiation period ends (mediation opens)")
        case .returnShip: LocalizedText(ko: "반품 발송 기한", en: "Return shipping due")
        case .refundDue: LocalizedText(ko: "환불 기한", en: "Refund due")
        case .sellerAction: LocalizedText(ko: "판매자 처리 목표", en: "Seller's action target")
        }
    }
}

/// A small set of enum cases as bits: the engine's allowed actions and
/// states cost no allocation.
public struct CaseSet<Element: RawRepresentable & CaseIterable>: Sendable, Hashable, Sequence
where Element.RawValue == UInt8 {
    public private(set) var bits: UInt32

    public init() { bits = 0 }
    public init(_ elements: Element...) { self.init(elements) }
    public init(_ elements: some Sequence<Element>) {
        bits = 0
        for element in elements { insert(element) }
    }

    public static var all: Self { Self(Element.allCases) }

    @inline(__always) public func contains(_ element: Element) -> Bool { bits & (1 << UInt32(element.rawValue)) != 0 }
    @inline(__always) public mutating func insert(_ element: Element) { bits |= 1 << UInt32(element.rawValue) }
    @inline(__always) public mutating func remove(_ element: Element) { bits &= ~(1 << UInt32(element.rawValue)) }
    public var isEmpty: Bool { bits == 0 }
    public func union(_ other: Self) -> Self {
        var copy = self
        copy.bits |= other.bits
        return copy
    }

    public func makeIterator() -> some IteratorProtocol<Element> {
        Element.allCases.lazy.filter { self.contains($0) }.makeIterator()
    }
}

public typealias ClaimTypes = CaseSet<ClaimType>
public typealias ClaimStates = CaseSet<ClaimState>
public typealias ClaimActions = CaseSet<ClaimAction>
public typealias ClaimActors = CaseSet<ClaimActor>
public typealias ClaimReasons = CaseSet<ClaimReason>
