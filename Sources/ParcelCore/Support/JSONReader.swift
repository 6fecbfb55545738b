import Foundation

extension JSONValue {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Byte offset in the input where reading stopped.
        public let offset: Int
        public let expected: String

        public init(offset: Int, expected: String) {
            self.offset = offset
            self.expected = expected
        }

        public var description: String { "not valid JSON: expected \(expected) at byte \(offset)" }
    }

    /// Reads JSON text (RFC 8259) into a value; object members keep their
    /// order. Ours for the same reason the writer is: the busiest request
    /// bodies (event batches) are read several times faster than through
    /// `JSONDecoder` and `Codable`.
    /// With `numbersAsText`, numbers come back as `.string` of their text,
    /// for readers that need them exactly (a price as a `Decimal`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, numbersAsText: Bool = false) throws -> JSONValue {
        var reader = JSONByteReader(bytes: bytes.bindMemory(to: UInt8.self), numbersAsText: numbersAsText)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw reader.error("the end of the text") }
        return value
    }

    public static func parse(_ text: String, numbersAsText: Bool = false) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0), numbersAsText: numbersAsText) }
    }

    /// The member `key` of an object; nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}

private struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let numbersAsText: Bool
    var index = 0
    /// Deeper nesting than any request needs is refused rather than overflowing the stack.
    static let maxDepth = 256

    init(bytes: UnsafeBufferPointer<UInt8>, numbersAsText: Bool) {
        self.bytes = bytes
        self.numbersAsText = numbersAsText
    }

    func error(_ expected: String) -> JSONValue.ParseError {
        JSONValue.ParseError(offset: index, expected: expected)
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw error("a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("less nesting") }
        index += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("a member name") }
            let key = try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("\":\"") }
            index += 1
            members.append((key, try value(depth: depth)))
            if try closes(UInt8(ascii: "}")) { return .object(members) }
        }
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("less nesting") }
        index += 1
        var values: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(values)
        }
        while true {
            values.append(try value(depth: depth))
            if try closes(UInt8(ascii: "]")) { return .array(values) }
        }
    }

    /// After an element: true past `closing`, false past a comma.
    private mutating func closes(_ closing: UInt8) throws -> Bool {
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
            return false
        }
        guard index < bytes.count, bytes[index] == closing else {
            throw error("\",\" or \"\(Character(Unicode.Scalar(closing)))\"")
        }
        index += 1
        return true
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else {
            throw error("\(word)")
        }
        index += count
        return value
    }

    private mutating func number() throws -> JSONValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        // Whole numbers (counts, offsets) are most numbers: their value is built while scanning.
        var magnitude = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            if index - integerStart < 18 { magnitude = magnitude * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
            index += 1
        }
        guard index > integerStart else { throw error("a value") }
        // A leading zero stands alone: 0, 0.5, never 012.
        guard bytes[integerStart] != UInt8(ascii: "0") || index == integerStart + 1 else {
            throw JSONValue.ParseError(offset: integerStart, expected: "a number without leading zeros")
        }
        var whole = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            whole = false
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            guard index > fractionStart else { throw error("a digit after \".\"") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            whole = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            guard index > exponentStart else { throw error("a digit in the exponent") }
        }
        if whole, !numbersAsText, index - integerStart <= 18 {
            return .int(integerStart > start ? -magnitude : magnitude)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if numbersAsText { return .string(text) }
        if whole, let integer = Int(text) { return .int(integer) }
        guard let double = Double(text) else { throw JSONValue.ParseError(offset: start, expected: "a number") }
        return .double(double)
    }

    /// A string, the opening quote under `index`.
    mutating func string() throws -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw error("no raw control characters in a string") }
            index += 1
        }
        throw error("the end of a string")
    }

    /// The slow path, for strings with escapes.
    private mutating func escapedString(from start: Int) throws -> String {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw error("an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "u"): utf8 += try unicodeEscape()
                default:
                    index -= 1
                    throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
                }
            case 0x00..<0x20:
                index -= 1
                throw error("no raw control characters in a string")
            default:
                utf8.append(byte)
            }
        }
        throw error("the end of a string")
    }

    /// `\uXXXX` (the `\u` already read), joined with a following low surrogate
    /// when it is a high one; a lone surrogate becomes U+FFFD.
    private mutating func unicodeEscape() throws -> [UInt8] {
        var value = try hex4()
        if (0xD800..<0xDC00).contains(value) {
            if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try hex4()
                value = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            } else {
                value = 0xFFFD
            }
        }
        return Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a hex digit")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
