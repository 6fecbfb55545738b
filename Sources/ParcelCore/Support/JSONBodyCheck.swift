/// What makes a JSON body unreadable before any field is looked at: bytes
/// that are not UTF-8, or nesting deeper than anything ParcelDesk takes.
/// One pass over the bytes, so every JSON route can afford it.
public enum JSONBodyCheck {
    public static let maxDepth = 32

    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The byte offset of the first byte that does not belong to UTF-8 text.
        case notUTF8(offset: Int)
        case tooDeep(limit: Int)

        public var description: String {
            switch self {
            case .notUTF8(let offset): "not UTF-8 text (byte \(offset) is not part of a UTF-8 character)"
            case .tooDeep(let limit): "nested deeper than \(limit) levels of arrays and objects"
            }
        }
    }

    public static func problem(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = maxDepth) -> Problem? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 {
                guard let length = sequenceLength(bytes, at: index) else { return .notUTF8(offset: index) }
                index += length
                continue
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxDepth { return .tooDeep(limit: maxDepth) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
            }
            index += 1
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence starting at `index`
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= low, second <= high else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}
