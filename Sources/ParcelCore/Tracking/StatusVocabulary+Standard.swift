// What each source's codes and phrases mean. Data, not code paths: a new
// source is a new entry here and a fixture test.
//
// Codes and phrases are the sources' own published vocabulary (carrier
// tracking pages and APIs, 17TRACK v2 and AfterShip status enums, UNI-PASS
// cargo progress stage names), collected for tests as fixtures.

/// One source's vocabulary.
public struct StatusVocabulary: Sendable {
    public let id: String
    /// Names the `source` field may carry for this vocabulary (lower case).
    public let aliases: [String]
    /// Carriers whose events use this vocabulary when the source is not named.
    public let carriers: [String]
    /// Status codes (matched case-insensitively).
    public let codes: [String: EventClassification]
    /// Codes that only say roughly where the parcel is: when one of the
    /// vocabulary's phrases is in the scan's words, the phrase's reading is used.
    public let coarseCodes: Set<String>
    /// Phrases in the source's texts, best first: exceptions before progress,
    /// longer phrases before the shorter ones they contain.
    public let phrases: [(String, EventClassification)]
    /// The clock the source's times are on when they carry no offset.
    public let utcOffset: Int?

    public init(
        id: String, aliases: [String] = [], carriers: [String] = [], codes: [String: EventClassification] = [:],
        coarseCodes: Set<String> = [], phrases: [(String, EventClassification)] = [], utcOffset: Int?
    ) {
        self.id = id
        self.aliases = aliases
        self.carriers = carriers
        self.codes = codes
        self.coarseCodes = coarseCodes
        self.phrases = phrases
        self.utcOffset = utcOffset
    }
}

private func at(
    _ milestone: Milestone, _ stage: CustomsStage? = nil, _ reason: ExceptionReason? = nil
) -> EventClassification {
    EventClassification(milestone: milestone, customsStage: stage, reason: reason)
}

private func status(_ status: TrackingStatus, _ reason: ExceptionReason? = nil) -> EventClassification {
    EventClassification(status: status, reason: reason)
}

private func customs(_ stage: CustomsStage?, _ reason: ExceptionReason? = nil) -> EventClassification {
    EventClassification(milestone: .importCustoms, customsStage: stage, reason: reason)
}

extension StatusVocabulary {
    public static let standard: [StatusVocabulary] = [
        cjLogistics, hanjin, lotte, logen, koreaPost, cainiao, seventeenTrack, afterShip, uniPass,
    ]

    /// CJ대한통운: `crgSt` codes from its tracking API, and the scan names (`scanNm`) it prints.
    static let cjLogistics = StatusVocabulary(
        id: "cjlogistics", aliases: ["cjlogistics", "cj", "kr.cjlogistics", "cj대한통운"], carriers: ["kr.cjlogistics"],
        codes: [
            "11": at(.pickedUp),  // 상품인수 (scan 집화처리)
            "21": at(.lastMileTransit),  // 상품이동중
            "41": at(.lastMileTransit),  // 상품이동중
            "42": at(.lastMileTransit),  // 배송지도착
            "44": at(.lastMileTransit),  // 상품이동중
            "82": at(.outForDelivery),  // 배송출발
            "91": at(.delivered),  // 배달완료
        ],
        // `crgSt` is a cargo state, not a scan: 41 and 44 both come with 간선상차, 42 with
        // 간선하차, so the scan name says more.
        coarseCodes: ["21", "41", "42", "44"],
        phrases: [
            ("미배달", at(.deliveryFailed, nil, .recipientAbsent)),
            ("반품", at(.returning)),
            ("집화처리", at(.pickedUp)),
            ("집화완료", at(.pickedUp)),
            ("간선상차", at(.lastMileTransit)),
            ("간선하차", at(.lastMileTransit)),
            ("배송지도착", at(.lastMileTransit)),
            ("배송출발", at(.outForDelivery)),
            ("배달완료", at(.delivered)),
        ],
        utcOffset: Timestamp.kst)

    /// 한진택배: its tracking page prints sentences; these are their stems.
    static let hanjin = StatusVocabulary(
        id: "hanjin", aliases: ["hanjin", "kr.hanjin", "한진택배"], carriers: ["kr.hanjin"],
        phrases: [
            ("미배송", at(.deliveryFailed)),
            ("반송", at(.returning)),
            ("통관목록이 접수", customs(.listClearanceReceived)),
            ("목록통관 심사가 완료", customs(.listClearanceApproved)),
            ("하선신고가 수리", at(.arrivedDestination, .unloaded)),
            ("수입신고가 접수", customs(.importDeclarationFiled)),
            ("수입신고가 수리", customs(.importDeclarationAccepted)),
            ("수입신고 진행", customs(.importDeclarationFiled)),
            ("수입통관이 완료", customs(.released)),
            ("운송장 정보가 등록", at(.labelCreated)),
            ("배송완료", at(.delivered)),
            ("배송출발", at(.outForDelivery)),
            ("배송을 준비중", at(.lastMileTransit)),
            ("배송준비중", at(.lastMileTransit)),
            ("로 이동중", at(.lastMileTransit)),
            ("에 도착", at(.lastMileTransit)),
            ("에 입고", at(.lastMileTransit)),
            ("집하", at(.pickedUp)),
            ("접수", at(.labelCreated)),
        ],
        utcOffset: Timestamp.kst)

    /// 롯데택배: `GODS_STAT_CD` codes and their names.
    static let lotte = StatusVocabulary(
        id: "lotte", aliases: ["lotte", "kr.lotte", "롯데택배"], carriers: ["kr.lotte"],
        codes: [
            "09": at(.cancelled),  // 반품취소
            "10": at(.pickedUp),  // 집하
            "12": at(.labelCreated),  // 운송장 등록
            "20": at(.lastMileTransit),  // 구간발송
            "21": at(.lastMileTransit),  // 구간도착
            "24": at(.lastMileTransit),  // 적입
            "25": at(.lastMileTransit),  // 해체
            "40": at(.outForDelivery),  // 배달전
            "41": at(.delivered),  // 배달완료
            "45": at(.delivered),  // 인수자등록
        ],
        phrases: [
            ("반품취소", at(.cancelled)),
            ("반품", at(.returning)),
            ("미배달", at(.deliveryFailed, nil, .recipientAbsent)),
            ("배달 완료", at(.delivered)),
            ("배달완료", at(.delivered)),
            ("인수자등록", at(.delivered)),
            ("배송 출발", at(.outForDelivery)),
            ("배달전", at(.outForDelivery)),
            ("상품접수", at(.pickedUp)),
            ("집하", at(.pickedUp)),
            ("운송장 등록", at(.labelCreated)),
            ("구간발송", at(.lastMileTransit)),
            ("구간도착", at(.lastMileTransit)),
        ],
        utcOffset: Timestamp.kst)

    /// 로젠택배: scan names from its trace table.
    static let logen = StatusVocabulary(
        id: "logen", aliases: ["logen", "kr.logen", "로젠택배"], carriers: ["kr.logen"],
        phrases: [
            ("미배송", at(.deliveryFailed)),
            ("미배달", at(.deliveryFailed)),
            ("반품", at(.returning)),
            ("배송완료", at(.delivered)),
            ("배송출고", at(.outForDelivery)),
            ("집하완료", at(.pickedUp)),
            ("집하출고", at(.lastMileTransit)),
            ("터미널입고", at(.lastMileTransit)),
            ("터미널출고", at(.lastMileTransit)),
            ("행낭적입", at(.lastMileTransit)),
            ("배송입고", at(.lastMileTransit)),
        ],
        utcOffset: Timestamp.kst)

    /// 우체국: domestic parcel and EMS trace statuses.
    static let koreaPost = StatusVocabulary(
        id: "epost", aliases: ["epost", "kr.epost", "koreapost", "우체국", "우체국택배", "ems"], carriers: ["kr.epost"],
        phrases: [
            ("신청취소", at(.cancelled)),
            ("접수취소", at(.cancelled)),
            ("미배달", at(.deliveryFailed, nil, .recipientAbsent)),
            ("반송", at(.returning)),
            ("배달완료", at(.delivered)),
            ("배달준비", at(.outForDelivery)),
            ("통관검사", customs(.inspection)),
            ("세관", customs(nil)),
            ("교환국 도착", at(.arrivedDestination)),
            ("운송장출력", at(.labelCreated)),
            ("접수 마감 후 접수", at(.pickedUp)),
            ("집하완료", at(.pickedUp)),
            ("접수", at(.pickedUp)),
            ("발송준비", at(.originFacility)),
            ("발송", at(.lastMileTransit)),
            ("도착", at(.lastMileTransit)),
        ],
        utcOffset: Timestamp.kst)

    /// Cainiao global tracking action codes.
    static let cainiao = StatusVocabulary(
        id: "cainiao", aliases: ["cainiao", "cn.cainiao", "菜鸟", "aliexpress"], carriers: ["cn.cainiao"],
        codes: [
            "GWMS_ACCEPT": at(.labelCreated),
            "GWMS_PACKAGE": at(.labelCreated),
            "PRE_READY_TO_SHIP": at(.labelCreated),
            "WMS_CONFIRMED": at(.labelCreated),
            "PU_PICKUP_SUCCESS": at(.pickedUp),
            "PU_SIGN_IN_SUCCESS": at(.pickedUp),
            "CW_INBOUND": at(.originFacility),
            "CW_OUTBOUND": at(.originFacility),
            "CW_COMMON_PROCESSING1": at(.originFacility),
            "GWMS_OUTBOUND": at(.originFacility),
            "SC_INBOUND_SUCCESS": at(.originFacility),
            "SC_SIGN_IN_SUCCESS": at(.originFacility),
            "SC_OUTBOUND_SUCCESS": at(.originFacility),
            "SC_INBOUND_FAILURE": EventClassification(status: .exception, milestone: .originFacility),
            "LH_HO_IN_SUCCESS": at(.originFacility),
            "CC_EX_START": at(.exportCustoms),
            "CC_EX_SUCCESS": at(.exportCustoms),
            "LH_HO_AIRLINE": at(.departedOrigin),
            "LH_DEPART": at(.departedOrigin),
            "COMMON_INTRANSIT": status(.inTransit),
            "LH_ARRIVE": at(.arrivedDestination),
            "CUSTOMS_ARRIVED_IN_AREA_CALLBACK": customs(nil),
            "CC_HO_IN_SUCCESS": customs(nil),
            "CC_IM_START": customs(.importDeclarationFiled),
            "CC_IM_SUCCESS": customs(.released),
            "CC_HO_OUT_SUCCESS": customs(.bondedOut),
            "GTMS_ACCEPT": at(.handedToLastMile),
            "GTMS_SC_ARRIVE": at(.lastMileTransit),
            "GTMS_SC_DEPART": at(.lastMileTransit),
            "GTMS_DO_ARRIVE": at(.lastMileTransit),
            "GTMS_DO_DEPART": at(.outForDelivery),
            "GTMS_DELIVERING": at(.outForDelivery),
            "GTMS_RE_DELIVERING": at(.outForDelivery),
            "GSTA_INFORM_BUYER": at(.heldForPickup),
            "GTMS_WAIT_SELF_PICK": at(.heldForPickup),
            // The station signing for the parcel: ready to collect, not delivered.
            "GTMS_STA_SIGNED": at(.heldForPickup),
            "GTMS_STA_SIGN_FAILURE": at(.deliveryFailed),
            "GTMS_FAILED": at(.deliveryFailed),
            "GTMS_SIGNED": at(.delivered),
            "RT_INBOUND": at(.returning),
            "RETURNED": at(.returned),
            "EXCEPTION": status(.exception),
        ],
        utcOffset: Timestamp.chinaStandard)

    /// 17TRACK API v2 main statuses and sub-statuses.
    static let seventeenTrack = StatusVocabulary(
        id: "17track", aliases: ["17track", "seventeentrack", "17 track"],
        codes: [
            "NotFound": status(.pending),
            "NotFound_Other": status(.pending),
            "NotFound_InvalidCode": status(.pending),
            "InfoReceived": at(.labelCreated),
            "InTransit": status(.inTransit),
            "InTransit_PickedUp": at(.pickedUp),
            "InTransit_Other": status(.inTransit),
            "InTransit_Departure": at(.departedOrigin),
            "InTransit_Arrival": at(.arrivedDestination),
            "InTransit_CustomsProcessing": EventClassification(
                milestone: .importCustoms, customsDirectionUnknown: true),
            "InTransit_CustomsReleased": EventClassification(
                milestone: .importCustoms, customsStage: .released, customsDirectionUnknown: true),
            // Customs waits for something only the buyer can give.
            "InTransit_CustomsRequiringInformation": at(.dutiesDue, nil, .documentsRequired),
            "Expired": status(.expired),
            "Expired_Other": status(.expired),
            "AvailableForPickup": at(.heldForPickup),
            "AvailableForPickup_Other": at(.heldForPickup),
            "OutForDelivery": at(.outForDelivery),
            "OutForDelivery_Other": at(.outForDelivery),
            "DeliveryFailure": at(.deliveryFailed),
            "DeliveryFailure_Other": at(.deliveryFailed),
            "DeliveryFailure_NoBody": at(.deliveryFailed, nil, .recipientAbsent),
            "DeliveryFailure_Security": at(.deliveryFailed, nil, .customsHold),
            "DeliveryFailure_Rejected": at(.deliveryFailed, nil, .refused),
            "DeliveryFailure_InvalidAddress": at(.deliveryFailed, nil, .addressProblem),
            "Delivered": at(.delivered),
            "Delivered_Other": at(.delivered),
            "Exception": status(.exception),
            "Exception_Other": status(.exception),
            "Exception_Returning": at(.returning),
            "Exception_Returned": at(.returned),
            "Exception_NoBody": status(.exception, .recipientAbsent),
            "Exception_Security": status(.exception, .customsHold),
            "Exception_Damage": at(.damaged, nil, .damaged),
            "Exception_Rejected": status(.exception, .refused),
            "Exception_Delayed": status(.exception, .delayed),
            "Exception_Lost": at(.lost, nil, .lost),
            "Exception_Destroyed": at(.lost, nil, .damaged),
            "Exception_Cancel": at(.cancelled),
        ],
        utcOffset: nil)

    /// AfterShip tags and subtags.
    static let afterShip = StatusVocabulary(
        id: "aftership", aliases: ["aftership", "after ship"],
        codes: [
            "Pending": status(.pending),
            "Pending_001": status(.pending), "Pending_002": status(.pending), "Pending_003": status(.pending),
            "Pending_004": status(.pending), "Pending_005": status(.pending), "Pending_006": status(.pending),
            "InfoReceived": at(.labelCreated),
            "InfoReceived_001": at(.labelCreated),
            "InTransit": status(.inTransit),
            "InTransit_001": status(.inTransit),
            "InTransit_002": at(.pickedUp),  // acceptance scan
            "InTransit_003": status(.inTransit),  // arrival scan at a hub
            "InTransit_004": at(.arrivedDestination),
            "InTransit_005": EventClassification(
                milestone: .importCustoms, customsStage: .released, customsDirectionUnknown: true),
            "InTransit_006": EventClassification(milestone: .importCustoms, customsDirectionUnknown: true),
            "InTransit_007": status(.inTransit),  // departure scan
            "InTransit_008": status(.inTransit),  // problem resolved
            "InTransit_009": status(.inTransit),  // forwarded
            "OutForDelivery": at(.outForDelivery),
            "OutForDelivery_001": at(.outForDelivery),
            "OutForDelivery_003": at(.outForDelivery),
            "OutForDelivery_004": at(.outForDelivery),
            "AttemptFail": at(.deliveryFailed),
            "AttemptFail_001": at(.deliveryFailed),
            "AttemptFail_002": at(.deliveryFailed, nil, .recipientAbsent),
            "AttemptFail_003": at(.deliveryFailed, nil, .recipientAbsent),
            "Delivered": at(.delivered),
            "Delivered_001": at(.delivered), "Delivered_002": at(.delivered), "Delivered_003": at(.delivered),
            "Delivered_004": at(.delivered), "Delivered_005": at(.delivered),
            "AvailableForPickup": at(.heldForPickup),
            "AvailableForPickup_001": at(.heldForPickup),
            "Exception": status(.exception),
            "Exception_001": status(.exception),
            "Exception_002": status(.exception, .addressProblem),  // customer moved
            "Exception_003": status(.exception, .refused),
            "Exception_004": customs(.hold, .customsHold),
            "Exception_005": status(.exception, .delayed),
            "Exception_006": at(.dutiesDue, nil, .dutiesUnpaid),  // held for payment
            "Exception_007": status(.exception, .addressProblem),
            "Exception_008": status(.exception),
            "Exception_009": status(.exception, .prohibited),  // rejected by the carrier
            "Exception_010": at(.returning),
            "Exception_011": at(.returned),
            "Exception_012": at(.damaged, nil, .damaged),
            "Exception_013": at(.lost, nil, .lost),
            "Expired": status(.expired),
            "Expired_001": status(.expired),
        ],
        utcOffset: nil)

    /// UNI-PASS cargo clearance progress: the 처리구분 stage names.
    static let uniPass = StatusVocabulary(
        id: "unipass", aliases: ["unipass", "uni-pass", "customs", "관세청"], carriers: [RawTrackingEvent.customsCarrier],
        phrases: [
            ("통관보류", customs(.hold, .customsHold)),
            ("보류", customs(.hold, .customsHold)),
            ("관부가세", at(.dutiesDue, nil, .dutiesUnpaid)),
            ("세금 납부", at(.dutiesDue, nil, .dutiesUnpaid)),
            ("납부서", at(.dutiesDue, nil, .dutiesUnpaid)),
            ("납부 대기", at(.dutiesDue, nil, .dutiesUnpaid)),
            ("서류 제출", at(.dutiesDue, nil, .documentsRequired)),
            ("개인통관고유부호", at(.dutiesDue, nil, .documentsRequired)),
            ("검사대상", customs(.inspection)),
            ("세관검사", customs(.inspection)),
            ("현품검사", customs(.inspection)),
            ("입항적재화물목록", customs(.manifestSubmitted)),
            ("적재화물목록", customs(.manifestSubmitted)),
            ("적하목록", customs(.manifestSubmitted)),
            ("입항보고", at(.arrivedDestination, .arrivalReported)),
            ("하선신고", at(.arrivedDestination, .unloaded)),
            ("하기신고", at(.arrivedDestination, .unloaded)),
            ("반입신고", customs(.bondedIn)),
            ("통관목록 심사완료", customs(.listClearanceApproved)),
            ("통관목록심사완료", customs(.listClearanceApproved)),
            ("목록통관 심사완료", customs(.listClearanceApproved)),
            ("통관목록 접수", customs(.listClearanceReceived)),
            ("통관목록접수", customs(.listClearanceReceived)),
            ("목록통관 접수", customs(.listClearanceReceived)),
            ("수입신고 수리", customs(.importDeclarationAccepted)),
            ("수입신고수리", customs(.importDeclarationAccepted)),
            ("수입신고", customs(.importDeclarationFiled)),
            ("반출완료", customs(.released)),
            ("반출신고", customs(.bondedOut)),
            ("보세운송", customs(nil)),
        ],
        utcOffset: Timestamp.kst)

    /// Words any source may use, when its own tables say nothing. Ordered:
    /// trouble first (so "미배달" beats "배달", "undelivered" beats "delivered").
    public static let keywords: [(String, EventClassification)] = [
        // Korean
        // A failure that says why beats one that does not.
        ("수취인 부재", at(.deliveryFailed, nil, .recipientAbsent)),
        ("부재", at(.deliveryFailed, nil, .recipientAbsent)),
        ("주소불명", at(.deliveryFailed, nil, .addressProblem)),
        ("주소 불명", at(.deliveryFailed, nil, .addressProblem)),
        ("주소오류", at(.deliveryFailed, nil, .addressProblem)),
        ("미배달", at(.deliveryFailed)),
        ("배달실패", at(.deliveryFailed)),
        ("수취거절", status(.exception, .refused)),
        ("수령거부", status(.exception, .refused)),
        ("반송완료", at(.returned)),
        ("반송", at(.returning)),
        ("반품", at(.returning)),
        ("분실", at(.lost, nil, .lost)),
        ("파손", at(.damaged, nil, .damaged)),
        ("통관보류", customs(.hold, .customsHold)),
        ("관부가세", at(.dutiesDue, nil, .dutiesUnpaid)),
        ("개인통관고유부호", at(.dutiesDue, nil, .documentsRequired)),
        ("기상", status(.exception, .weather)),
        ("폭설", status(.exception, .weather)),
        ("태풍", status(.exception, .weather)),
        ("배달완료", at(.delivered)),
        ("배송완료", at(.delivered)),
        ("수령완료", at(.delivered)),
        ("보관함", at(.heldForPickup)),
        ("편의점 보관", at(.heldForPickup)),
        ("배송출발", at(.outForDelivery)),
        ("배달출발", at(.outForDelivery)),
        ("배달준비", at(.outForDelivery)),
        ("국내 택배사", at(.handedToLastMile)),
        ("통관", EventClassification(milestone: .importCustoms, customsDirectionUnknown: true)),
        ("입항", at(.arrivedDestination)),
        ("출항", at(.departedOrigin)),
        ("집화", at(.pickedUp)),
        ("집하", at(.pickedUp)),
        ("간선", at(.lastMileTransit)),
        ("터미널", at(.lastMileTransit)),
        ("운송장 등록", at(.labelCreated)),
        ("운송장 발행", at(.labelCreated)),
        ("이동중", status(.inTransit)),
        ("배송중", status(.inTransit)),
        // Chinese
        ("投递失败", at(.deliveryFailed)),
        ("派送失败", at(.deliveryFailed)),
        ("拒收", status(.exception, .refused)),
        ("退回", at(.returning)),
        ("退件", at(.returning)),
        ("丢失", at(.lost, nil, .lost)),
        ("破损", at(.damaged, nil, .damaged)),
        ("已签收", at(.delivered)),
        ("妥投", at(.delivered)),
        ("签收", at(.delivered)),
        ("待取", at(.heldForPickup)),
        ("驿站", at(.heldForPickup)),
        ("派送中", at(.outForDelivery)),
        ("正在投递", at(.outForDelivery)),
        ("派件", at(.outForDelivery)),
        ("出口报关", at(.exportCustoms)),
        ("出口海关", at(.exportCustoms)),
        ("进口清关", at(.importCustoms)),
        ("清关", EventClassification(milestone: .importCustoms, customsDirectionUnknown: true)),
        ("海关", EventClassification(milestone: .importCustoms, customsDirectionUnknown: true)),
        ("航班起飞", at(.departedOrigin)),
        ("离开始发国", at(.departedOrigin)),
        ("已离港", at(.departedOrigin)),
        ("到达目的国", at(.arrivedDestination)),
        ("已到港", at(.arrivedDestination)),
        ("揽收", at(.pickedUp)),
        ("已揽件", at(.pickedUp)),
        ("分拨中心", at(.originFacility)),
        ("转运", status(.inTransit)),
        ("运输中", status(.inTransit)),
        // English
        ("no one home", at(.deliveryFailed, nil, .recipientAbsent)),
        ("addressee not available", at(.deliveryFailed, nil, .recipientAbsent)),
        ("undelivered", at(.deliveryFailed)),
        ("not delivered", at(.deliveryFailed)),
        ("delivery attempt", at(.deliveryFailed)),
        ("attempted delivery", at(.deliveryFailed)),
        ("delivery failed", at(.deliveryFailed)),
        ("incorrect address", status(.exception, .addressProblem)),
        ("address problem", status(.exception, .addressProblem)),
        ("refused", status(.exception, .refused)),
        ("returned to sender", at(.returned)),
        ("return to sender", at(.returning)),
        ("returning", at(.returning)),
        ("lost", at(.lost, nil, .lost)),
        ("damaged", at(.damaged, nil, .damaged)),
        ("customs hold", customs(.hold, .customsHold)),
        ("held by customs", customs(.hold, .customsHold)),
        ("duties", at(.dutiesDue, nil, .dutiesUnpaid)),
        ("tax payment", at(.dutiesDue, nil, .dutiesUnpaid)),
        ("weather", status(.exception, .weather)),
        ("delivered", at(.delivered)),
        ("signed for", at(.delivered)),
        ("ready for pickup", at(.heldForPickup)),
        ("available for pickup", at(.heldForPickup)),
        ("pickup point", at(.heldForPickup)),
        ("parcel locker", at(.heldForPickup)),
        ("out for delivery", at(.outForDelivery)),
        ("with delivery courier", at(.outForDelivery)),
        ("handed over to", at(.handedToLastMile)),
        ("export customs", at(.exportCustoms)),
        ("import customs", at(.importCustoms)),
        ("customs clearance", EventClassification(milestone: .importCustoms, customsDirectionUnknown: true)),
        ("customs", EventClassification(milestone: .importCustoms, customsDirectionUnknown: true)),
        ("departed from origin", at(.departedOrigin)),
        ("left the origin", at(.departedOrigin)),
        ("flight departed", at(.departedOrigin)),
        ("arrived at destination country", at(.arrivedDestination)),
        ("arrival at destination", at(.arrivedDestination)),
        ("arrived in destination", at(.arrivedDestination)),
        ("picked up", at(.pickedUp)),
        ("accepted by carrier", at(.pickedUp)),
        ("acceptance", at(.pickedUp)),
        ("sorting center", status(.inTransit)),
        ("label created", at(.labelCreated)),
        ("shipment information received", at(.labelCreated)),
        ("electronic information", at(.labelCreated)),
        ("in transit", status(.inTransit)),
    ]
}
