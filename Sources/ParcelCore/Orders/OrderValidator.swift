import Foundation

/// Checks raw orders and events against what ParcelDesk can work with, and
/// names every bad field. Numbers are never rewritten: a number the check
/// would fix is kept and flagged.
public struct OrderValidator: Sendable {
    public let detector: NumberDetector
    public let normalizer: EventNormalizer

    public init(detector: NumberDetector = NumberDetector(), normalizer: EventNormalizer = .standard) {
        self.detector = detector
        self.normalizer = normalizer
    }

    public var registry: CarrierRegistry { detector.registry }

    public func validate(_ raw: RawOrder) -> Result<OrderDraft, ValidationFailure> {
        var memo = ValidationMemo()
        return validate(raw, memo: &memo)
    }

    /// `validate`, reusing what earlier orders worked out: an export's rows share a handful of carriers and contexts.
    public func validate(_ raw: RawOrder, memo: inout ValidationMemo) -> Result<OrderDraft, ValidationFailure> {
        var errors: [FieldError] = []
        var raw = raw
        var limits = LimitCheck(prefix: "")
        Self.limit(&raw, &limits)
        errors += limits.errors
        let overLimit = limits.overLimit
        func required(_ value: String?, _ field: String) -> String? {
            guard let value = value?.trimmed, !value.isEmpty else {
                if !overLimit.contains(field) { errors.append(FieldError(field, "is required")) }
                return nil
            }
            return value
        }
        func time(_ value: String?, _ field: String, endOfDay: Bool = false) -> Timestamp? {
            guard let text = value?.trimmed, !text.isEmpty else { return nil }
            guard var stamp = Self.parseTime(text) else {
                errors.append(
                    FieldError(
                        field,
                        "expected a date-time such as 2026-11-02T18:00:00+09:00 or 2026-11-02 18:00; got \"\(text)\""))
                return nil
            }
            // A bare date as a deadline means the end of that day.
            if endOfDay, text.utf8.count == 10 { stamp = stamp.adding(seconds: 86_399) }
            return stamp
        }
        func country(_ value: String?, _ field: String) -> String? {
            guard let text = value?.trimmed, !text.isEmpty else { return nil }
            let code = Self.countryCode(text)
            if code == nil {
                errors.append(FieldError(field, "expected a country's two-letter ISO code such as KR; got \"\(text)\""))
            }
            return code
        }

        let externalID = required(raw.externalID, "externalId")
        let placedAt = required(raw.placedAt, "placedAt").flatMap { time($0, "placedAt") }
        let confirmedAt = time(raw.confirmedAt, "confirmedAt")
        let promisedBy = time(raw.promisedBy, "promisedBy", endOfDay: true)
        var marketplace = raw.marketplace?.trimmed
        if let name = marketplace, !name.isEmpty {
            marketplace = registry.marketplace(named: name)?.id ?? name.lowercased()
        } else {
            marketplace = nil
        }
        let buyerName = raw.buyerName?.trimmed.nilIfEmpty
        let buyerPhone = raw.buyerPhone?.trimmed.nilIfEmpty
        let buyerEmail = raw.buyerEmail?.trimmed.nilIfEmpty
        if let phone = buyerPhone, !ContactCheck.isPhone(phone) {
            errors.append(
                FieldError("buyer.phone", "expected a phone number such as 010-1234-5678; got \(quotedExcerpt(phone))"))
        }
        if let email = buyerEmail, !ContactCheck.isEmail(email) {
            errors.append(FieldError("buyer.email", "expected an e-mail address; got \(quotedExcerpt(email))"))
        }

        var items: [OrderItem] = []
        for (index, item) in raw.items.enumerated() {
            let field = "items[\(index)]"
            let name = required(item.name, "\(field).name")
            var quantity = 1
            if let text = item.quantity?.trimmed, !text.isEmpty {
                if let value = Int(text), (1...InputLimits.quantity).contains(value) {
                    quantity = value
                } else {
                    errors.append(
                        FieldError(
                            "\(field).quantity",
                            "expected a whole number from 1 to \(InputLimits.quantity); got \"\(text)\""))
                }
            }
            var price: Decimal?
            if let text = item.price?.trimmed, !text.isEmpty {
                price = Self.parseMoney(text)
                if price == nil {
                    errors.append(FieldError("\(field).price", "expected an amount; got \"\(text)\""))
                } else if let amount = price, amount < 0 || amount > InputLimits.price {
                    errors.append(
                        FieldError("\(field).price", "expected an amount from 0 to \(InputLimits.price); got \(text)"))
                    price = nil
                }
            }
            if let name { items.append(OrderItem(name: name, quantity: quantity, price: price)) }
        }

        var shipment: ShipmentInfo?
        var note: NumberNote?
        if let rawShipment = raw.shipment {
            let number = required(rawShipment.trackingNumber, "shipment.trackingNumber")
            var carrier: String?
            if let given = rawShipment.carrier?.trimmed, !given.isEmpty {
                if let resolved = memo.carrier(named: given, in: registry) {
                    carrier = resolved
                } else {
                    errors.append(
                        FieldError("shipment.carrier", "unknown carrier \"\(given)\" (see `parceldesk carriers`)"))
                }
            }
            let origin = country(rawShipment.origin, "shipment.origin")
            let destination = country(rawShipment.destination, "shipment.destination") ?? (origin == nil ? nil : "KR")
            let shippedAt = time(rawShipment.shippedAt, "shipment.shippedAt")
            let option = rawShipment.shippingOption?.trimmed.nilIfEmpty
            if let number {
                let context = DetectionContext(
                    carrier: carrier, destination: destination, marketplace: marketplace, shippingOption: option)
                let prepared = memo.prepared(context, by: detector)
                // The fast verdict settles most numbers; the full report (for the note) only when something is off.
                let verdict = detector.verdict(number, context: prepared)
                let verdictCarrier = verdict.carrier >= 0 ? registry.carriers[Int(verdict.carrier)].id : nil
                if !verdict.valid || verdict.checkFailed || (carrier != nil && verdictCarrier != carrier) {
                    let check = detector.check(number, context: prepared)
                    note = Self.note(for: check)
                    // A missing carrier is read from the number.
                    carrier = carrier ?? check.carrier
                } else {
                    carrier = carrier ?? verdictCarrier
                }
                shipment = ShipmentInfo(
                    carrier: carrier, trackingNumber: number, shippingOption: option, shippedAt: shippedAt,
                    origin: origin ?? carrier.flatMap { registry.carrier(id: $0)?.country },
                    destination: destination ?? "KR")
            }
        }

        guard errors.isEmpty, let externalID, let placedAt else { return .failure(ValidationFailure(errors)) }
        return .success(
            OrderDraft(
                info: OrderInfo(
                    id: externalID, marketplace: marketplace, placedAt: placedAt, confirmedAt: confirmedAt,
                    promisedBy: promisedBy, buyerName: buyerName),
                buyerPhone: buyerPhone, buyerEmail: buyerEmail, items: items, shipment: shipment, numberNote: note))
    }

    /// Every text of `raw` against `InputLimits`: a text over its limit is
    /// named and dropped, so nothing later quotes or stores it.
    static func limit(_ raw: inout RawOrder, _ limits: inout LimitCheck) {
        func check(_ value: inout String?, _ field: String, _ limit: Int) { limits.check(&value, field, limit) }
        check(&raw.externalID, "externalId", InputLimits.externalID)
        check(&raw.marketplace, "marketplace", InputLimits.marketplace)
        check(&raw.placedAt, "placedAt", InputLimits.time)
        check(&raw.confirmedAt, "confirmedAt", InputLimits.time)
        check(&raw.promisedBy, "promisedBy", InputLimits.time)
        check(&raw.buyerName, "buyer.name", InputLimits.buyerName)
        check(&raw.buyerPhone, "buyer.phone", InputLimits.phone)
        check(&raw.buyerEmail, "buyer.email", InputLimits.email)
        if raw.items.count > InputLimits.itemsPerOrder {
            limits.errors.append(FieldError("items", "at most \(InputLimits.itemsPerOrder) items per order"))
            raw.items = []
        }
        for index in raw.items.indices {
            check(&raw.items[index].name, "items[\(index)].name", InputLimits.itemName)
            check(&raw.items[index].quantity, "items[\(index)].quantity", InputLimits.numberText)
            check(&raw.items[index].price, "items[\(index)].price", InputLimits.numberText)
        }
        guard var shipment = raw.shipment else { return }
        check(&shipment.carrier, "shipment.carrier", InputLimits.carrier)
        check(&shipment.trackingNumber, "shipment.trackingNumber", InputLimits.trackingNumber)
        check(&shipment.shippingOption, "shipment.shippingOption", InputLimits.shippingOption)
        check(&shipment.shippedAt, "shipment.shippedAt", InputLimits.time)
        check(&shipment.origin, "shipment.origin", InputLimits.country)
        check(&shipment.destination, "shipment.destination", InputLimits.country)
        raw.shipment = shipment
    }

    static func note(for check: NumberCheck) -> NumberNote? {
        let numbers = check.suggestions.map(\.number)
        if !check.valid { return NumberNote(kind: numbers.isEmpty ? .invalid : .fixable, suggestions: numbers) }
        if check.warnings.contains(.carrierMismatch) {
            return NumberNote(kind: .carrierMismatch, suggestions: check.carrier.map { [$0] } ?? [])
        }
        if check.warnings.contains(.checkDigitUnverified), !numbers.isEmpty {
            return NumberNote(kind: .checkDigit, suggestions: numbers)
        }
        return nil
    }

    /// ISO 8601 with or without an offset (Korean time when missing), or the
    /// `2026-11-02 18:00[:00]` and `2026.11.02 18:00` forms spreadsheets use.
    public static func parseTime(_ text: String) -> Timestamp? {
        if let iso = spreadsheetISO(text) { return Timestamp.parse(utf8: iso[...], defaultOffset: Timestamp.kst) }
        if let stamp = Timestamp.parse(text, defaultOffset: Timestamp.kst) { return stamp }
        var normalized = text.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "/", with: "-")
        if normalized.count >= 16, normalized[normalized.index(normalized.startIndex, offsetBy: 10)] == " " {
            normalized.replaceSubrange(
                normalized.index(
                    normalized.startIndex, offsetBy: 10)...normalized.index(
                        normalized.startIndex, offsetBy: 10), with: "T")
        }
        if normalized.count == 16 { normalized += ":00" }
        return Timestamp.parse(normalized, defaultOffset: Timestamp.kst)
    }

    /// `2026.11.02 18:00[:00]` (any of `.`, `-`, `/` between the date's parts)
    /// as the bytes of ISO 8601 without an offset: an export has several on every row.
    static func spreadsheetISO(_ text: String) -> [UInt8]? {
        var bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19 else { return nil }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { (0x30...0x39).contains(bytes[$0]) } }
        let separator = bytes[4]
        guard digits(0..<4),
            separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"),
            digits(5..<7), bytes[7] == separator, digits(8..<10),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"), digits(11..<13),
            bytes[13] == UInt8(ascii: ":"), digits(14..<16)
        else { return nil }
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), digits(17..<19) else { return nil }
        } else {
            bytes += Array(":00".utf8)
        }
        bytes[4] = UInt8(ascii: "-")
        bytes[7] = UInt8(ascii: "-")
        bytes[10] = UInt8(ascii: "T")
        return bytes
    }

    /// `1,234.50`, `₩12,000`, `US $3.99` → a decimal amount.
    static func parseMoney(_ text: String) -> Decimal? {
        // Whole amounts (`17000`, `1,234`), the common case, without Decimal's locale-aware parser.
        var whole: Int64 = 0
        var digitCount = 0
        for byte in text.utf8 {
            if byte >= 0x30, byte <= 0x39, digitCount < 18 {
                whole = whole * 10 + Int64(byte - 0x30)
                digitCount += 1
            } else if byte != UInt8(ascii: ",") {
                digitCount = -1
                break
            }
        }
        if digitCount > 0 { return Decimal(whole) }
        let digits = text.filter { $0.isNumber || $0 == "." || $0 == "-" }
        guard !digits.isEmpty, digits.filter({ $0 == "." }).count <= 1 else { return nil }
        return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `KR`, `kr`, `Korea`, `대한민국`, `China`, `중국`… → the ISO code.
    static func countryCode(_ text: String) -> String? {
        if text.trimmed.count == 2 { return CountryCodes.code(text) }
        switch text.lowercased().filter({ !$0.isWhitespace }) {
        case "korea", "southkorea", "republicofkorea", "한국", "대한민국": return "KR"
        case "china", "중국", "中国": return "CN"
        case "japan", "일본": return "JP"
        case "unitedstates", "usa", "미국": return "US"
        case "hongkong", "홍콩": return "HK"
        default: return nil
        }
    }
}

/// Carrier names already resolved and detection contexts already prepared.
public struct ValidationMemo: Sendable {
    private var contexts: [DetectionContext: PreparedContext] = [:]
    private var carriers: [String: String?] = [:]
    /// Shipping options and carrier names are free text: a file with many does not grow this without end.
    static let capacity = 64

    public init() {}

    mutating func prepared(_ context: DetectionContext, by detector: NumberDetector) -> PreparedContext {
        if let known = contexts[context] { return known }
        if contexts.count >= Self.capacity { contexts.removeAll(keepingCapacity: true) }
        let made = detector.prepare(context)
        contexts[context] = made
        return made
    }

    /// The registry id of the carrier a seller's text names.
    mutating func carrier(named name: String, in registry: CarrierRegistry) -> String? {
        if let known = carriers[name] { return known }
        if carriers.count >= Self.capacity { carriers.removeAll(keepingCapacity: true) }
        let id = registry.resolveCarrier(name)?.id
        carriers[name] = id
        return id
    }
}

/// A tracking event as it arrives, unchecked.
public struct RawEventInput: Sendable, Hashable {
    public var source: String?
    public var carrier: String?
    public var trackingNumber: String?
    public var parentTrackingNumber: String?
    public var time: String?
    public var code: String?
    public var text: String?
    public var location: String?

    public init(
        source: String? = nil, carrier: String? = nil, trackingNumber: String? = nil,
        parentTrackingNumber: String? = nil, time: String? = nil, code: String? = nil, text: String? = nil,
        location: String? = nil
    ) {
        self.source = source
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.parentTrackingNumber = parentTrackingNumber
        self.time = time
        self.code = code
        self.text = text
        self.location = location
    }
}

extension OrderValidator {
    public static let maxEventsPerBatch = 1000

    /// Checks a batch of events; every bad one is named by its index
    /// (`events[3].time`). A time without an offset is on the source's clock.
    public func validate(events raw: [RawEventInput]) -> Result<
        [(event: RawTrackingEvent, parentTrackingNumber: String?)], ValidationFailure
    > {
        guard raw.count <= Self.maxEventsPerBatch else {
            return .failure(
                ValidationFailure([
                    FieldError("events", "at most \(Self.maxEventsPerBatch) events per batch; got \(raw.count)")
                ]))
        }
        var errors: [FieldError] = []
        var events: [(RawTrackingEvent, String?)] = []
        events.reserveCapacity(raw.count)
        for (index, original) in raw.enumerated() {
            let path = "events[\(index)]"
            let count = errors.count
            var input = original
            var limits = LimitCheck(prefix: path + ".")
            limits.check(&input.source, "source", InputLimits.eventSource)
            limits.check(&input.carrier, "carrier", InputLimits.carrier)
            limits.check(&input.trackingNumber, "trackingNumber", InputLimits.trackingNumber)
            limits.check(&input.parentTrackingNumber, "parentTrackingNumber", InputLimits.trackingNumber)
            limits.check(&input.time, "time", InputLimits.time)
            limits.check(&input.code, "code", InputLimits.eventCode)
            limits.check(&input.text, "text", InputLimits.eventText)
            limits.check(&input.location, "location", InputLimits.location)
            errors += limits.errors
            let overLimit = limits.overLimit
            func required(_ value: String?, _ field: String) -> String? {
                guard let value = value?.trimmed, !value.isEmpty else {
                    if !overLimit.contains(field) { errors.append(FieldError("\(path).\(field)", "is required")) }
                    return nil
                }
                return value
            }
            let source = required(input.source, "source")?.lowercased()
            let number = required(input.trackingNumber, "trackingNumber")
            var carrier = input.carrier?.trimmed ?? ""
            if !carrier.isEmpty, carrier != RawTrackingEvent.customsCarrier {
                carrier = registry.resolveCarrier(carrier)?.id ?? carrier.lowercased()
            } else if carrier.isEmpty, let source, let vocabulary = normalizer.vocabulary(source: source, carrier: ""),
                vocabulary.carriers.count == 1
            {
                // A carrier's own feed (`cjlogistics`) names its carrier.
                carrier = vocabulary.carriers[0]
            }
            var time: Timestamp?
            if let text = required(input.time, "time"), let source {
                let offset = normalizer.defaultUTCOffset(source: source, carrier: carrier, registry: registry)
                time = Timestamp.parse(text, defaultOffset: offset ?? Timestamp.kst)
                if time == nil {
                    errors.append(
                        FieldError(
                            "\(path).time",
                            "expected an ISO 8601 date-time such as 2026-11-02T18:00:00+08:00; got \"\(text)\""))
                }
            }
            let code = input.code?.trimmed.nilIfEmpty
            let text = input.text?.trimmed ?? ""
            if code == nil, text.isEmpty, overLimit.isDisjoint(with: ["code", "text"]) {
                errors.append(FieldError(path, "needs a code or a text"))
            }
            guard errors.count == count, let source, let number, let time else { continue }
            events.append(
                (
                    RawTrackingEvent(
                        source: source, carrier: carrier, trackingNumber: number, time: time, code: code, text: text,
                        location: input.location?.trimmed.nilIfEmpty),
                    input.parentTrackingNumber?.trimmed.nilIfEmpty
                ))
        }
        guard errors.isEmpty else { return .failure(ValidationFailure(errors)) }
        return .success(events)
    }
}

/// Texts held to their `InputLimits`: one over its limit is named and
/// dropped, so nothing later quotes or stores it, and its field is
/// remembered so that "is required" is not said of it as well.
struct LimitCheck {
    /// Put before every field name (`events[3].`).
    let prefix: String
    var errors: [FieldError] = []
    /// The fields refused, without the prefix.
    var overLimit: Set<String> = []

    mutating func check(_ value: inout String?, _ field: String, _ limit: Int) {
        guard let text = value, let problem = InputLimits.problem(text, limit: limit) else { return }
        errors.append(FieldError(prefix + field, problem))
        overLimit.insert(field)
        value = nil
    }
}
