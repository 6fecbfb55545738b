/// Where a shipment is, in the nine top-level statuses the major trackers share.
public enum TrackingStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Nothing from the carrier yet.
    case pending
    case infoReceived = "info_received"
    case inTransit = "in_transit"
    case outForDelivery = "out_for_delivery"
    case attemptFailed = "attempt_failed"
    case availableForPickup = "available_for_pickup"
    case delivered
    case exception
    /// Tracking went silent for so long that it is no longer followed.
    case expired

    public var name: LocalizedText {
        switch self {
        case .pending: LocalizedText(ko: "조회 대기", en: "Pending")
        case .infoReceived: LocalizedText(ko: "접수됨", en: "Info received")
        case .inTransit: LocalizedText(ko: "배송 중", en: "In transit")
        case .outForDelivery: LocalizedText(ko: "배송 출발", en: "Out for delivery")
        case .attemptFailed: LocalizedText(ko: "배달 실패", en: "Delivery attempt failed")
        case .availableForPickup: LocalizedText(ko: "보관 중(수령 대기)", en: "Ready for pickup")
        case .delivered: LocalizedText(ko: "배달 완료", en: "Delivered")
        case .exception: LocalizedText(ko: "문제 발생", en: "Exception")
        case .expired: LocalizedText(ko: "추적 만료", en: "Expired")
        }
    }
}

/// The step of the journey an event marks, in the order a cross-border parcel
/// meets them (domestic parcels skip the customs and line-haul steps).
public enum Milestone: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case labelCreated = "label_created"
    case pickedUp = "picked_up"
    case originFacility = "origin_facility"
    case exportCustoms = "export_customs"
    case departedOrigin = "departed_origin"
    case arrivedDestination = "arrived_destination"
    case importCustoms = "import_customs"
    case dutiesDue = "duties_due"
    case handedToLastMile = "handed_to_last_mile"
    case lastMileTransit = "last_mile_transit"
    case outForDelivery = "out_for_delivery"
    case deliveryFailed = "delivery_failed"
    case heldForPickup = "held_for_pickup"
    case delivered
    case returning
    case returned
    case lost
    case damaged
    case cancelled

    /// Progress order; exceptions sort after delivery so they never read as "earlier".
    public var rank: Int {
        // A switch compiles to a table; searching `allCases` allocated on every comparison.
        switch self {
        case .labelCreated: 0
        case .pickedUp: 1
        case .originFacility: 2
        case .exportCustoms: 3
        case .departedOrigin: 4
        case .arrivedDestination: 5
        case .importCustoms: 6
        case .dutiesDue: 7
        case .handedToLastMile: 8
        case .lastMileTransit: 9
        case .outForDelivery: 10
        case .deliveryFailed: 11
        case .heldForPickup: 12
        case .delivered: 13
        case .returning: 14
        case .returned: 15
        case .lost: 16
        case .damaged: 17
        case .cancelled: 18
        }
    }

    public static func < (left: Milestone, right: Milestone) -> Bool { left.rank < right.rank }

    /// Before the parcel leaves the origin country.
    public var isOrigin: Bool { self <= .exportCustoms }

    /// Once here, nothing but a return changes the outcome.
    public var isFinal: Bool { self == .delivered || self == .returned || self == .lost || self == .cancelled }

    /// The carrier physically has the parcel (not just a label).
    public var isCarrierScan: Bool { self != .labelCreated && self != .cancelled }

    public var name: LocalizedText {
        switch self {
        case .labelCreated: LocalizedText(ko: "운송장 발행", en: "Label created")
        case .pickedUp: LocalizedText(ko: "집화", en: "Picked up")
        case .originFacility: LocalizedText(ko: "출발지 물류센터", en: "At origin facility")
        case .exportCustoms: LocalizedText(ko: "수출 통관", en: "Export customs")
        case .departedOrigin: LocalizedText(ko: "출발 국가 출항", en: "Departed origin country")
        case .arrivedDestination: LocalizedText(ko: "도착 국가 입항", en: "Arrived in destination country")
        case .importCustoms: LocalizedText(ko: "수입 통관", en: "Import customs")
        case .dutiesDue: LocalizedText(ko: "관부가세 납부 대기", en: "Duties due")
        case .handedToLastMile: LocalizedText(ko: "국내 택배사 인계", en: "Handed to the domestic carrier")
        case .lastMileTransit: LocalizedText(ko: "국내 배송 중", en: "In domestic transit")
        case .outForDelivery: LocalizedText(ko: "배송 출발", en: "Out for delivery")
        case .deliveryFailed: LocalizedText(ko: "배달 실패", en: "Delivery failed")
        case .heldForPickup: LocalizedText(ko: "보관함·편의점 보관", en: "Held for pickup")
        case .delivered: LocalizedText(ko: "배달 완료", en: "Delivered")
        case .returning: LocalizedText(ko: "반송 중", en: "Returning to sender")
        case .returned: LocalizedText(ko: "반송 완료", en: "Returned to sender")
        case .lost: LocalizedText(ko: "분실", en: "Lost")
        case .damaged: LocalizedText(ko: "파손", en: "Damaged")
        case .cancelled: LocalizedText(ko: "취소", en: "Cancelled")
        }
    }
}

/// Korean customs (UNI-PASS) progress stages of an imported parcel.
public enum CustomsStage: String, Sendable, Hashable, CaseIterable, Codable {
    case manifestSubmitted = "manifest_submitted"
    case arrivalReported = "arrival_reported"
    case unloaded
    case bondedIn = "bonded_in"
    case listClearanceReceived = "list_clearance_received"
    case listClearanceApproved = "list_clearance_approved"
    case importDeclarationFiled = "import_declaration_filed"
    case importDeclarationAccepted = "import_declaration_accepted"
    case bondedOut = "bonded_out"
    case released
    case inspection
    case hold

    /// The parcel may leave customs.
    public var isClearance: Bool {
        self == .listClearanceApproved || self == .importDeclarationAccepted || self == .bondedOut
            || self == .released
    }

    public var name: LocalizedText {
        switch self {
        case .manifestSubmitted: LocalizedText(ko: "적하목록 제출", en: "Manifest submitted")
        case .arrivalReported: LocalizedText(ko: "입항보고 수리", en: "Arrival reported")
        case .unloaded: LocalizedText(ko: "하선·하기 신고 수리", en: "Unloaded")
        case .bondedIn: LocalizedText(ko: "보세창고 반입", en: "In bonded warehouse")
        case .listClearanceReceived: LocalizedText(ko: "목록통관 접수", en: "List clearance received")
        case .listClearanceApproved: LocalizedText(ko: "목록통관 심사 완료", en: "List clearance approved")
        case .importDeclarationFiled: LocalizedText(ko: "수입신고", en: "Import declaration filed")
        case .importDeclarationAccepted: LocalizedText(ko: "수입신고 수리", en: "Import declaration accepted")
        case .bondedOut: LocalizedText(ko: "보세창고 반출", en: "Out of bonded warehouse")
        case .released: LocalizedText(ko: "통관 완료", en: "Released by customs")
        case .inspection: LocalizedText(ko: "세관 검사", en: "Customs inspection")
        case .hold: LocalizedText(ko: "통관 보류", en: "Customs hold")
        }
    }
}

/// Who or what an exception comes from: it decides who must act.
public enum ExceptionCause: String, Sendable, Hashable, CaseIterable, Codable {
    case carrier, seller, recipient, customs
    case forceMajeure = "force_majeure"
}

/// Why an exception happened, grouped by cause.
public enum ExceptionReason: String, Sendable, Hashable, CaseIterable, Codable {
    // carrier
    case lost, damaged, delayed, misrouted
    // seller
    case cancelledByShipper = "cancelled_by_shipper"
    case notHandedOver = "not_handed_over"
    // recipient
    case addressProblem = "address_problem"
    case recipientAbsent = "recipient_absent"
    case refused
    case unclaimed
    // customs
    case customsHold = "customs_hold"
    case documentsRequired = "documents_required"
    case dutiesUnpaid = "duties_unpaid"
    case prohibited
    // force majeure
    case weather, disaster

    public var cause: ExceptionCause {
        switch self {
        case .lost, .damaged, .delayed, .misrouted: .carrier
        case .cancelledByShipper, .notHandedOver: .seller
        case .addressProblem, .recipientAbsent, .refused, .unclaimed: .recipient
        case .customsHold, .documentsRequired, .dutiesUnpaid, .prohibited: .customs
        case .weather, .disaster: .forceMajeure
        }
    }
}
