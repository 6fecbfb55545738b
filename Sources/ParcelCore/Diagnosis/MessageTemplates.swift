import Foundation

/// Facts a customer message is written from, all filled from the order.
public struct MessageFacts: Sendable, Hashable {
    public var buyerName: String?
    public var orderID: String
    public var carrierName: LocalizedText
    public var trackingNumber: String
    public var trackingURL: String?
    public var shippedAt: Timestamp?
    public var lastStatus: LocalizedText?
    public var lastUpdate: Timestamp?
    public var lastLocation: String?
    /// When the seller will write again, or when the parcel should arrive.
    public var nextUpdateBy: Timestamp

    public init(
        buyerName: String? = nil, orderID: String, carrierName: LocalizedText, trackingNumber: String,
        trackingURL: String? = nil, shippedAt: Timestamp? = nil, lastStatus: LocalizedText? = nil,
        lastUpdate: Timestamp? = nil, lastLocation: String? = nil, nextUpdateBy: Timestamp
    ) {
        self.buyerName = buyerName
        self.orderID = orderID
        self.carrierName = carrierName
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.shippedAt = shippedAt
        self.lastStatus = lastStatus
        self.lastUpdate = lastUpdate
        self.lastLocation = lastLocation
        self.nextUpdateBy = nextUpdateBy
    }
}

/// Messages a seller sends to a buyer. Each one gives the facts so far, the
/// next step with a date, and shows the seller is handling it — short, in
/// polite Korean and plain English. Written by ParcelDesk, filled from the order.
public enum MessageTemplate: String, Sendable, Hashable, CaseIterable {
    case notActivated = "not_activated"
    case stalled
    case numberLooksFake = "number_looks_fake"
    case delayConfirmed = "delay_confirmed"
    case customsPending = "customs_pending"
    case dutiesDue = "duties_due"
    case handedToDomestic = "handed_to_domestic"
    case deliveredNotReceived = "delivered_not_received"
    case reshipNotice = "reship_notice"
    case refundNotice = "refund_notice"
    case untrackedNotice = "untracked_notice"
    case screensDiffer = "screens_differ"
    /// After delivery, before a dispute window or automatic purchase decision closes.
    case deliveryCheckIn = "delivery_check_in"
}

/// Values some templates need beyond the common facts.
public struct MessageExtras: Sendable, Hashable {
    /// A corrected tracking number (a typo fixed).
    public var correctedNumber: String?
    /// The domestic carrier and its new number after customs.
    public var newCarrierName: LocalizedText?
    public var newTrackingNumber: String?
    public var newTrackingURL: String?
    public var promisedBy: Timestamp?
    public var customsStage: CustomsStage?
    public var silentDays: Int?
    public var shippingOption: String?

    public init(
        correctedNumber: String? = nil, newCarrierName: LocalizedText? = nil, newTrackingNumber: String? = nil,
        newTrackingURL: String? = nil, promisedBy: Timestamp? = nil, customsStage: CustomsStage? = nil,
        silentDays: Int? = nil, shippingOption: String? = nil
    ) {
        self.correctedNumber = correctedNumber
        self.newCarrierName = newCarrierName
        self.newTrackingNumber = newTrackingNumber
        self.newTrackingURL = newTrackingURL
        self.promisedBy = promisedBy
        self.customsStage = customsStage
        self.silentDays = silentDays
        self.shippingOption = shippingOption
    }
}

extension MessageTemplate {
    /// The message, filled.
    public func render(_ facts: MessageFacts, _ extras: MessageExtras = MessageExtras()) -> LocalizedText {
        let name = facts.buyerName.map { (ko: "\($0)님", en: $0) } ?? (ko: "고객님", en: "there")
        let greeting = LocalizedText(ko: "안녕하세요, \(name.ko).", en: "Hello \(name.en),")
        let order = LocalizedText(ko: "주문번호 \(facts.orderID)", en: "order \(facts.orderID)")
        let number = LocalizedText(
            ko: "\(facts.carrierName.ko) \(facts.trackingNumber)", en: "\(facts.carrierName.en) \(facts.trackingNumber)"
        )
        let link =
            facts.trackingURL.map { LocalizedText(ko: " 조회: \($0)", en: " Track it here: \($0)") }
            ?? LocalizedText(ko: "", en: "")
        let next = Words.day(facts.nextUpdateBy)
        let last = Words.lastSeen(facts)
        let body: LocalizedText
        switch self {
        case .notActivated:
            let shipped = facts.shippedAt.map(Words.day) ?? LocalizedText(ko: "최근", en: "recently")
            body = LocalizedText(
                ko:
                    "\(order.ko) 상품은 \(shipped.ko)에 발송되었고, 운송장은 \(number.ko)입니다. 택배사가 첫 스캔을 하기 전이라 아직 조회 내용이 없는데, 발송 직후에는 흔한 일입니다. \(next.ko)까지는 이동 기록이 보일 예정이고, 그 전에 저희가 먼저 확인해서 다시 알려드리겠습니다.\(link.ko)",
                en:
                    "Your \(order.en) shipped \(shipped.en) with \(number.en). The carrier has not made its first scan yet, so tracking shows nothing so far; that is common right after shipping. It should show movement by \(next.en), and we will check before then and write to you again.\(link.en)"
            )
        case .stalled:
            body = LocalizedText(
                ko:
                    "\(order.ko)의 배송 조회가 \(last.ko) 이후로 바뀌지 않고 있습니다. 해외 배송은 구간이 넘어갈 때 조회가 잠시 멈추는 일이 많지만, 저희가 운송사에 직접 확인을 요청해 두었습니다. \(next.ko)까지 확인 결과를 알려드리겠습니다.",
                en:
                    "Tracking for your \(order.en) has not changed since \(last.en). Cross-border parcels often go quiet between legs of the journey, but we have asked the carrier to check directly. We will tell you what we learn by \(next.en)."
            )
        case .numberLooksFake:
            if let corrected = extras.correctedNumber {
                body = LocalizedText(
                    ko:
                        "앞서 알려드린 운송장 번호에 오타가 있었습니다. 정확한 번호는 \(facts.carrierName.ko) \(corrected)입니다. 혼란을 드려 죄송합니다.\(link.ko)",
                    en:
                        "The tracking number we sent earlier had a typo. The correct one is \(facts.carrierName.en) \(corrected). Sorry for the confusion.\(link.en)"
                )
            } else {
                body = LocalizedText(
                    ko:
                        "\(order.ko)의 운송장 \(Korean.topic(number.ko)) 실제로 발급된 번호입니다. 해외 배송 번호는 형식이 낯설고, 택배사 첫 스캔 전에는 조회가 되지 않아 잘못된 번호처럼 보일 수 있습니다. \(next.ko)까지 조회가 되는지 저희가 함께 지켜보겠습니다.\(link.ko)",
                    en:
                        "The tracking number for your \(order.en), \(number.en), is a real one. Cross-border numbers look unfamiliar and show nothing until the carrier's first scan, so they can seem fake at first. We will keep watching it with you until \(next.en).\(link.en)"
                )
            }
        case .delayConfirmed:
            let promised = extras.promisedBy.map(Words.day)
            body = LocalizedText(
                ko:
                    "\(order.ko) 상품이 \(promised.map { "약속드린 \($0.ko)까지" } ?? "예정일까지") 도착하기 어렵게 되었습니다. 지금은 \(last.ko) 상태입니다. 늦어진 점 진심으로 죄송하며, \(next.ko)까지 받으실 수 있도록 계속 챙기고 상황이 바뀌면 바로 알려드리겠습니다.",
                en:
                    "Your \(order.en) will not arrive \(promised.map { "by \($0.en) as promised" } ?? "on time"). Its latest status is \(last.en). We are sorry for the delay; we are following it closely so it reaches you by \(next.en), and we will tell you as soon as anything changes."
            )
        case .customsPending:
            let stage = extras.customsStage.map { " (\($0.name.ko))" } ?? ""
            let stageEN = extras.customsStage.map { " (\($0.name.en))" } ?? ""
            body = LocalizedText(
                ko:
                    "\(order.ko) 상품은 지금 한국 세관에서 통관 절차를 밟고 있습니다\(stage). 통관은 보통 1~3일이면 끝나고, 끝나는 대로 국내 택배사로 넘어갑니다. \(next.ko)까지 진행 상황을 다시 알려드리겠습니다.",
                en:
                    "Your \(order.en) is going through Korean customs\(stageEN). Clearance usually takes one to three days, after which a Korean carrier takes over. We will update you by \(next.en)."
            )
        case .dutiesDue:
            body = LocalizedText(
                ko:
                    "\(order.ko) 상품의 통관이 고객님의 관부가세 납부나 서류 확인을 기다리며 멈춰 있습니다. 관세청이나 택배사에서 받으신 문자·알림톡 안내대로 처리해 주시면 바로 통관이 이어집니다. 개인통관고유부호가 주문 정보와 다르면 통관이 멈출 수 있으니 함께 확인 부탁드립니다. 도움이 필요하시면 말씀해 주세요.",
                en:
                    "Customs is holding your \(order.en) until duties are paid or documents are confirmed by you. Please follow the text or app notice from Korean customs or the carrier, and clearance will continue right away. A personal customs clearance code that does not match the order can also stop it, so please check that too. Tell us if you need help."
            )
        case .handedToDomestic:
            let carrier = extras.newCarrierName ?? facts.carrierName
            let newNumber = extras.newTrackingNumber ?? facts.trackingNumber
            let newLink =
                extras.newTrackingURL.map { LocalizedText(ko: " 조회: \($0)", en: " Track it here: \($0)") }
                ?? LocalizedText(ko: "", en: "")
            body = LocalizedText(
                ko:
                    "\(order.ko) 상품이 통관을 마치고 국내 택배사 \(Korean.toward(carrier.ko)) 넘어갔습니다. 이제는 새 운송장 번호 \(Korean.toward(newNumber)) 조회하셔야 최신 위치가 보입니다. 이전 번호 화면은 더 갱신되지 않을 수 있습니다.\(newLink.ko)",
                en:
                    "Your \(order.en) has cleared customs and is now with the Korean carrier \(carrier.en). Please track it with the new number \(newNumber) to see where it is; the old number may no longer update.\(newLink.en)"
            )
        case .deliveredNotReceived:
            let delivered = facts.lastUpdate.map(Words.moment) ?? LocalizedText(ko: "최근", en: "recently")
            body = LocalizedText(
                ko:
                    "택배사 기록에는 \(order.ko) 상품이 \(delivered.ko)에 배달 완료로 나오는데, 받지 못하셨다니 많이 당황스러우셨겠습니다. 문 앞, 경비실, 무인택배함을 한 번 확인해 주세요. 저희는 택배사에 배달 위치와 사진 확인을 요청했고, \(next.ko)까지 결과를 알려드리겠습니다.",
                en:
                    "The carrier shows your \(order.en) as delivered \(delivered.en), and we understand it has not reached you. Please check by the door, with the building's front desk, and in any parcel locker. We have asked the carrier for the delivery location and photo and will report back by \(next.en)."
            )
        case .deliveryCheckIn:
            let delivered = facts.lastUpdate.map(Words.day) ?? LocalizedText(ko: "최근", en: "recently")
            body = LocalizedText(
                ko:
                    "\(order.ko) 상품이 \(delivered.ko)에 배달 완료된 것으로 확인되어 연락드립니다. 상품은 잘 받으셨나요? 받지 못하셨거나 상품에 문제가 있다면 이 메시지에 답장해 주세요. 바로 확인해서 해결해 드리겠습니다.",
                en:
                    "Your \(order.en) shows as delivered \(delivered.en), so we wanted to check in. Did everything arrive in good shape? If it has not reached you, or something is wrong with it, just reply to this message and we will sort it out right away."
            )
        case .reshipNotice:
            let newNumber = extras.newTrackingNumber
            body = LocalizedText(
                ko:
                    "\(order.ko)의 배송이 오래 멈춰 있어, 더 기다리시지 않도록 같은 상품을 새로 보내드리기로 했습니다. \(newNumber.map { "새 운송장 번호는 \($0)입니다." } ?? "새 운송장 번호는 발송하는 대로 알려드리겠습니다.") 먼저 보낸 상품이 뒤늦게 도착하면 알려주세요. 기다리게 해 드려 죄송합니다.",
                en:
                    "Your \(order.en) has been stuck for too long, so we are sending the same item again. \(newNumber.map { "The new tracking number is \($0)." } ?? "We will send the new tracking number as soon as it ships.") If the first parcel turns up later, please let us know. We are sorry for the wait."
            )
        case .refundNotice:
            let days = extras.silentDays.map { "\($0)일째" } ?? "오랫동안"
            let daysEN = extras.silentDays.map { "for \($0) days" } ?? "for a long time"
            body = LocalizedText(
                ko:
                    "\(order.ko)의 배송이 \(days) 진행되지 않아, 결제하신 금액을 전액 환불해 드리기로 했습니다. 환불은 결제 수단에 따라 영업일 기준 며칠이 걸릴 수 있습니다. 상품이 뒤늦게 도착하면 알려주세요. 불편을 드려 정말 죄송합니다.",
                en:
                    "Your \(order.en) has not moved \(daysEN), so we are refunding the full amount you paid. Depending on the payment method, the refund may take a few business days. If the parcel arrives later, please let us know. We are truly sorry."
            )
        case .untrackedNotice:
            let option = extras.shippingOption.map { "(\($0))" } ?? ""
            body = LocalizedText(
                ko:
                    "\(Korean.topic(order.ko)) 경제형 배송\(option)으로 발송되어, 출발 국가를 떠난 뒤에는 조회가 잘 갱신되지 않습니다. 조회가 멈춰 보여도 배송은 계속되고 있으니 안심하셔도 됩니다. \(next.ko)까지 도착 여부를 함께 확인하겠습니다.",
                en:
                    "Your \(order.en) went by an economy service\(option.isEmpty ? "" : " \(option)") whose tracking rarely updates after it leaves the origin country. Even when tracking looks frozen, the parcel keeps moving. We will check with you by \(next.en) that it has arrived."
            )
        case .screensDiffer:
            body = LocalizedText(
                ko:
                    "조회하시는 화면마다 \(order.ko)의 배송 상태가 다르게 보일 수 있습니다. 사이트마다 정보를 받아 오는 시점이 달라서 생기는 일로, 가장 최근 기록은 \(last.ko)입니다.\(link.ko)",
                en:
                    "Different tracking pages may show different states for your \(order.en): each site picks up updates at its own pace. The most recent record is \(last.en).\(link.en)"
            )
        }
        // An English letter puts the greeting on its own line; Korean chat reads as one.
        return LocalizedText(ko: "\(greeting.ko) \(body.ko)", en: "\(greeting.en)\n\(body.en)")
    }
}

/// Dates, moments and durations as people read them: KST, Korean first.
enum Words {
    static let koreanWeekdays = ["일", "월", "화", "수", "목", "금", "토"]
    static let englishWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `11월 2일(월)` / `Mon, Nov 2`, on the KST calendar.
    static func day(_ time: Timestamp) -> LocalizedText {
        let fields = time.civilFields(utcOffset: Timestamp.kst)
        let days = Timestamp.days(fromCivil: fields.year, fields.month, fields.day)
        let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday.
        return LocalizedText(
            ko: "\(fields.month)월 \(fields.day)일(\(koreanWeekdays[weekday]))",
            en: "\(englishWeekdays[weekday]), \(englishMonths[fields.month - 1]) \(fields.day)")
    }

    /// `11월 2일(월) 18:00` / `Mon, Nov 2 18:00 KST`.
    static func moment(_ time: Timestamp) -> LocalizedText {
        let date = day(time)
        let fields = time.civilFields(utcOffset: Timestamp.kst)
        var clock = ""
        Timestamp.appendPadded(fields.hour, width: 2, to: &clock)
        clock.append(":")
        Timestamp.appendPadded(fields.minute, width: 2, to: &clock)
        return LocalizedText(ko: "\(date.ko) \(clock)", en: "\(date.en) \(clock) KST")
    }

    /// `3일` / `3 days` from two days on; hours below that.
    static func duration(hours: Double) -> LocalizedText {
        if hours >= 48 {
            let days = Int(hours / 24)
            return LocalizedText(ko: "\(days)일", en: "\(days) days")
        }
        let whole = max(0, Int(hours.rounded()))
        return LocalizedText(ko: "\(whole)시간", en: "\(whole) \(whole == 1 ? "hour" : "hours")")
    }

    /// `11월 2일(월) 18:00 '간선하차'(대전HUB)` — the last thing the carrier said.
    static func lastSeen(_ facts: MessageFacts) -> LocalizedText {
        guard let status = facts.lastStatus, let time = facts.lastUpdate else {
            return LocalizedText(ko: "발송", en: "shipping")
        }
        let moment = self.moment(time)
        let place = facts.lastLocation.map { "(\($0))" } ?? ""
        let placeEN = facts.lastLocation.map { " at \($0)" } ?? ""
        return LocalizedText(ko: "\(moment.ko) '\(status.ko)'\(place)", en: "'\(status.en)'\(placeEN) on \(moment.en)")
    }
}
