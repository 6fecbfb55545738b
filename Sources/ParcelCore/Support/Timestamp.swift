import Foundation

/// A moment and the UTC offset it was reported in: carriers report local
/// wall-clock times, and a seller reading "18:00 in Shenzhen" needs both.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let date: Date
    /// Offset of the reporting clock from UTC, in seconds (+32400 for KST).
    public let utcOffset: Int

    public init(_ date: Date, utcOffset: Int = 0) {
        self.date = date
        self.utcOffset = utcOffset
    }

    public init(epochSeconds: Double, utcOffset: Int = 0) {
        self.init(Date(timeIntervalSince1970: epochSeconds), utcOffset: utcOffset)
    }

    public static let kst = 9 * 3600
    public static let chinaStandard = 8 * 3600

    public static func < (left: Timestamp, right: Timestamp) -> Bool { left.date < right.date }

    /// Equal instants compare equal whatever clock reported them.
    public static func == (left: Timestamp, right: Timestamp) -> Bool { left.date == right.date }
    public func hash(into hasher: inout Hasher) { hasher.combine(date) }

    public var epochSeconds: Double { date.timeIntervalSince1970 }

    public func adding(seconds: Double) -> Timestamp {
        Timestamp(date.addingTimeInterval(seconds), utcOffset: utcOffset)
    }

    public func adding(hours: Double) -> Timestamp { adding(seconds: hours * 3600) }
    public func adding(days: Double) -> Timestamp { adding(seconds: days * 86_400) }

    /// The same instant on another clock.
    public func at(utcOffset: Int) -> Timestamp { Timestamp(date, utcOffset: utcOffset) }

    /// Hours from `self` to `later` (negative when `later` is earlier).
    public func hours(until later: Timestamp) -> Double {
        (later.epochSeconds - epochSeconds) / 3600
    }

    public func days(until later: Timestamp) -> Double { hours(until: later) / 24 }

    /// ISO 8601 on the reporting clock: `2026-11-02T18:00:00+08:00`.
    public var description: String { iso8601(utcOffset: utcOffset) }

    /// ISO 8601 in UTC: `2026-11-02T10:00:00Z`, what the wire carries.
    public var utcString: String { iso8601(utcOffset: 0) }

    public func iso8601(utcOffset offset: Int) -> String {
        let fields = civilFields(utcOffset: offset)
        guard (0...9999).contains(fields.year), abs(offset) < 100 * 3600 else { return Self.iso8601(fields, offset) }
        // Fixed width: written byte by byte into the string's own storage, once.
        // An order read prints two of these for every timeline entry.
        return String(unsafeUninitializedCapacity: offset == 0 ? 20 : 25) { buffer in
            var index = 0
            func digits(_ value: Int, _ width: Int) {
                var rest = value
                for position in stride(from: index + width - 1, through: index, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += width
            }
            func byte(_ value: UInt8) {
                buffer[index] = value
                index += 1
            }
            digits(fields.year, 4)
            byte(UInt8(ascii: "-"))
            digits(fields.month, 2)
            byte(UInt8(ascii: "-"))
            digits(fields.day, 2)
            byte(UInt8(ascii: "T"))
            digits(fields.hour, 2)
            byte(UInt8(ascii: ":"))
            digits(fields.minute, 2)
            byte(UInt8(ascii: ":"))
            digits(fields.second, 2)
            if offset == 0 {
                byte(UInt8(ascii: "Z"))
            } else {
                byte(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                digits(abs(offset) / 3600, 2)
                byte(UInt8(ascii: ":"))
                digits(abs(offset) % 3600 / 60, 2)
            }
            return index
        }
    }

    /// Any year, any offset.
    private static func iso8601(_ fields: CivilFields, _ offset: Int) -> String {
        var text = ""
        text.reserveCapacity(25)
        appendDate(fields, to: &text)
        text.append("T")
        appendPadded(fields.hour, width: 2, to: &text)
        text.append(":")
        appendPadded(fields.minute, width: 2, to: &text)
        text.append(":")
        appendPadded(fields.second, width: 2, to: &text)
        if offset == 0 {
            text.append("Z")
        } else {
            let magnitude = abs(offset)
            text.append(offset < 0 ? "-" : "+")
            appendPadded(magnitude / 3600, width: 2, to: &text)
            text.append(":")
            appendPadded(magnitude % 3600 / 60, width: 2, to: &text)
        }
        return text
    }

    /// `2026-11-02 18:00 (KST)`-style text for people, on the given clock.
    public func display(utcOffset offset: Int = Timestamp.kst) -> String {
        let fields = civilFields(utcOffset: offset)
        let zone = offset == Timestamp.kst ? "KST" : offset == 0 ? "UTC" : Self.offsetLabel(offset)
        var text = ""
        Self.appendDate(fields, to: &text)
        text.append(" ")
        Self.appendPadded(fields.hour, width: 2, to: &text)
        text.append(":")
        Self.appendPadded(fields.minute, width: 2, to: &text)
        return text + " \(zone)"
    }

    /// The calendar date on a clock, `2026-11-02`.
    public func day(utcOffset offset: Int = Timestamp.kst) -> String {
        var text = ""
        Self.appendDate(civilFields(utcOffset: offset), to: &text)
        return text
    }

    static func offsetLabel(_ offset: Int) -> String {
        let magnitude = abs(offset)
        var text = "UTC" + (offset < 0 ? "-" : "+") + String(magnitude / 3600)
        if magnitude % 3600 != 0 {
            text.append(":")
            appendPadded(magnitude % 3600 / 60, width: 2, to: &text)
        }
        return text
    }

    static func appendDate(_ fields: CivilFields, to text: inout String) {
        appendPadded(fields.year, width: 4, to: &text)
        text.append("-")
        appendPadded(fields.month, width: 2, to: &text)
        text.append("-")
        appendPadded(fields.day, width: 2, to: &text)
    }

    /// Zero-padded decimal; `String(format:)` goes through CoreFoundation and
    /// costs more than the rest of writing an event.
    static func appendPadded(_ value: Int, width: Int, to text: inout String) {
        let digits = String(abs(value))
        if value < 0 { text.append("-") }
        for _ in digits.utf8.count..<max(width, digits.utf8.count) { text.append("0") }
        text.append(digits)
    }

    struct CivilFields {
        var year, month, day, hour, minute, second: Int
    }

    func civilFields(utcOffset offset: Int) -> CivilFields {
        let total = Int((epochSeconds + Double(offset)).rounded(.down))
        var days = total / 86_400
        var seconds = total % 86_400
        if seconds < 0 {
            seconds += 86_400
            days -= 1
        }
        let (year, month, day) = Self.civil(fromDays: days)
        return CivilFields(
            year: year, month: month, day: day, hour: seconds / 3600, minute: seconds % 3600 / 60,
            second: seconds % 60)
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic
    // Gregorian calendar, no Calendar or formatter objects on the hot path.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses ISO 8601 date-times as carriers and people write them:
    /// `2026-11-02T18:00:00+08:00`, `…Z`, fractional seconds, `2026-11-02 18:00`
    /// (a space for the T, seconds optional), and a bare date `2026-11-20`.
    /// Without an offset the time is read on `defaultOffset`'s clock (a Korean
    /// carrier's times are KST); `nil` when `defaultOffset` is nil and none is given.
    public static func parse(_ text: String, defaultOffset: Int? = nil) -> Timestamp? {
        parse(utf8: Array(text.utf8)[...], defaultOffset: defaultOffset)
    }

    static func parse(utf8 text: ArraySlice<UInt8>, defaultOffset: Int?) -> Timestamp? {
        var bytes = text
        while let first = bytes.first, first == 0x20 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }

        func number(_ count: Int) -> Int? {
            guard bytes.count >= count else { return nil }
            var value = 0
            for _ in 0..<count {
                let byte = bytes.removeFirst()
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard bytes.first == byte else { return false }
            bytes.removeFirst()
            return true
        }

        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        guard day <= daysInMonth(year: year, month: month) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        if let separator = bytes.first, separator == 0x54 || separator == 0x20 {
            bytes.removeFirst()
            guard let h = number(2), expect(0x3A), let m = number(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if expect(0x3A) {
                guard let s = number(2), s < 60 else { return nil }
                second = s
                if expect(0x2E) || expect(0x2C) {
                    var scale = 0.1
                    var digits = 0
                    while let byte = bytes.first, (0x30...0x39).contains(byte) {
                        fraction += Double(byte - 0x30) * scale
                        scale /= 10
                        digits += 1
                        bytes.removeFirst()
                    }
                    guard digits > 0 else { return nil }
                }
            }
        }
        var offset: Int? = defaultOffset
        if let sign = bytes.first {
            if sign == 0x5A || sign == 0x7A {
                bytes.removeFirst()
                offset = 0
            } else if sign == 0x2B || sign == 0x2D {
                bytes.removeFirst()
                guard let hours = number(2) else { return nil }
                _ = expect(0x3A)
                let minutes = bytes.isEmpty ? 0 : (number(2) ?? -1)
                guard minutes >= 0, minutes < 60, hours <= 14 else { return nil }
                offset = (sign == 0x2D ? -1 : 1) * (hours * 3600 + minutes * 60)
            }
        }
        guard bytes.isEmpty, let offset else { return nil }
        let local = Double(days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        return Timestamp(epochSeconds: local - Double(offset), utcOffset: offset)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
