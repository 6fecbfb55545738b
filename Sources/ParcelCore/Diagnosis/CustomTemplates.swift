/// A value a seller's own wording can ask for, written `{name}` in the text.
public enum TemplatePlaceholder: String, Sendable, CaseIterable {
    case name, order, carrier, number, link, shipped, last, next, promised
    case newNumber = "new_number"

    public var token: String { "{\(rawValue)}" }

    public var meaning: LocalizedText {
        switch self {
        case .name: LocalizedText(ko: "구매자 호칭 (김민수님 / 고객님)", en: "The buyer's name (or \"there\")")
        case .order: LocalizedText(ko: "주문번호", en: "Order number")
        case .carrier: LocalizedText(ko: "택배사 이름", en: "Carrier name")
        case .number: LocalizedText(ko: "운송장 번호", en: "Tracking number")
        case .link: LocalizedText(ko: "조회 링크 (없으면 빈칸)", en: "Tracking link (empty when none)")
        case .shipped: LocalizedText(ko: "발송일", en: "Day shipped")
        case .last: LocalizedText(ko: "마지막 조회 기록", en: "The last tracking record")
        case .next: LocalizedText(ko: "다음 안내 날짜", en: "When we write next")
        case .promised: LocalizedText(ko: "약속한 도착일", en: "Promised delivery day")
        case .newNumber: LocalizedText(ko: "국내 택배사의 새 운송장 번호", en: "The domestic carrier's new number")
        }
    }

    func value(_ facts: MessageFacts, _ extras: MessageExtras, _ language: Language) -> String {
        let ko = language == .ko
        switch self {
        case .name: return facts.buyerName.map { ko ? "\($0)님" : $0 } ?? (ko ? "고객님" : "there")
        case .order: return facts.orderID
        case .carrier: return facts.carrierName.text(language)
        case .number: return extras.correctedNumber ?? facts.trackingNumber
        case .link: return facts.trackingURL ?? ""
        case .shipped: return facts.shippedAt.map { Words.day($0).text(language) } ?? (ko ? "최근" : "recently")
        case .last: return Words.lastSeen(facts).text(language)
        case .next: return Words.day(facts.nextUpdateBy).text(language)
        case .promised:
            return extras.promisedBy.map { Words.day($0).text(language) } ?? (ko ? "예정일" : "the expected day")
        case .newNumber:
            // Never the old number passed off as the new one (no domestic leg yet, a reship not yet sent).
            return extras.newTrackingNumber ?? (ko ? "(새 번호는 나오는 대로 알려드릴게요)" : "(the new number will follow)")
        }
    }
}

public enum TemplateTextError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownPlaceholder(String)
    case unclosedBrace
    case tooLong(limit: Int)

    public var description: String {
        switch self {
        case .unknownPlaceholder(let name): "\(name) is not a placeholder"
        case .unclosedBrace: "a { is not closed"
        case .tooLong(let limit): "a message is at most \(limit) characters"
        }
    }
}

/// A seller's own wording for one of our messages, per language; a language
/// left nil keeps ours. Checked when saved, so filling it cannot fail.
public struct CustomTemplate: Sendable, Hashable {
    public let ko: String?
    public let en: String?

    public static let maximumLength = 1500

    public init(ko: String?, en: String?) throws(TemplateTextError) {
        self.ko = try Self.checked(ko)
        self.en = try Self.checked(en)
    }

    public var isEmpty: Bool { ko == nil && en == nil }

    /// The seller's wording where there is one, else `ours`.
    public func render(_ facts: MessageFacts, _ extras: MessageExtras, ours: LocalizedText) -> LocalizedText {
        LocalizedText(
            ko: ko.map { Self.fill($0) { $0.value(facts, extras, .ko) } } ?? ours.ko,
            en: en.map { Self.fill($0) { $0.value(facts, extras, .en) } } ?? ours.en)
    }

    static func checked(_ text: String?) throws(TemplateTextError) -> String? {
        guard let text = text?.trimmed, !text.isEmpty else { return nil }
        guard text.count <= maximumLength else { throw .tooLong(limit: maximumLength) }
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { throw .unclosedBrace }
            let token = String(rest[open...close])
            guard TemplatePlaceholder(rawValue: String(token.dropFirst().dropLast())) != nil else {
                throw .unknownPlaceholder(token)
            }
            rest = rest[rest.index(after: close)...]
        }
        return text
    }

    static func fill(_ text: String, _ value: (TemplatePlaceholder) -> String) -> String {
        var filled = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
            let placeholder = TemplatePlaceholder(rawValue: String(rest[rest.index(after: open)..<close]))
        {
            filled += rest[..<open]
            filled += value(placeholder)
            rest = rest[rest.index(after: close)...]
        }
        return filled + rest
    }
}

extension MessageTemplate {
    /// What the seller sees when choosing which message to reword.
    public var title: LocalizedText {
        switch self {
        case .notActivated: LocalizedText(ko: "조회가 아직 안 될 때", en: "Tracking not active yet")
        case .stalled: LocalizedText(ko: "배송이 멈췄을 때", en: "Tracking stalled")
        case .numberLooksFake: LocalizedText(ko: "가짜 번호 같다는 문의", en: "Number looks fake")
        case .delayConfirmed: LocalizedText(ko: "약속일을 넘길 때", en: "Delay confirmed")
        case .customsPending: LocalizedText(ko: "통관 중", en: "In customs")
        case .dutiesDue: LocalizedText(ko: "관부가세·서류 대기", en: "Duties or documents due")
        case .handedToDomestic: LocalizedText(ko: "국내 택배사 인계", en: "Handed to the Korean carrier")
        case .deliveredNotReceived: LocalizedText(ko: "배달 완료인데 못 받음", en: "Delivered, not received")
        case .reshipNotice: LocalizedText(ko: "재발송 안내", en: "Reship notice")
        case .refundNotice: LocalizedText(ko: "환불 안내", en: "Refund notice")
        case .untrackedNotice: LocalizedText(ko: "조회가 안 되는 배송 방식", en: "Untracked service")
        case .screensDiffer: LocalizedText(ko: "화면마다 다를 때", en: "Screens disagree")
        case .deliveryCheckIn: LocalizedText(ko: "배달 후 안부", en: "After delivery check-in")
        }
    }
}
