/// A JSON document with object keys in the order they were written, so
/// outputs read the way their contract lists them. Serialization is ours
/// because Foundation's encoder neither keeps key order nor runs fast enough
/// for a million JSON Lines.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (left: JSONValue, right: JSONValue) -> Bool {
        left.serialized() == right.serialized()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    public static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    public static func optional(_ value: Double?) -> JSONValue {
        value.map(JSONValue.double) ?? .null
    }

    public static func optional(_ value: Int?) -> JSONValue {
        value.map(JSONValue.int) ?? .null
    }

    public static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    /// Compact JSON text.
    public func serialized() -> String {
        var bytes: [UInt8] = []
        write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public func write(into bytes: inout [UInt8]) {
        switch self {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): bytes.append(contentsOf: String(value).utf8)
        case .double(let value):
            if value.isFinite {
                let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
                bytes.append(contentsOf: text.utf8)
            } else {
                bytes.append(contentsOf: "null".utf8)
            }
        case .string(let value): Self.writeString(value, into: &bytes)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                value.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                value.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Escapes quotes, backslashes and control characters, and also invisible
    /// format characters (BOM, zero-width, bidi marks, U+2028/2029): some JSON
    /// parsers drop or choke on them raw, and escaped they stay visible to
    /// whoever debugs a pasted number.
    static func writeString(_ value: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        // Over the UTF-8, copying runs of plain bytes in one go: most text (Korean
        // included) is copied as is; only a few ASCII bytes and three lead bytes
        // need a second look.
        value.withUTF8 { utf8 in
            var index = 0
            var plainFrom = 0
            func flush() {
                if plainFrom < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<index]))
                }
            }
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x00..<0x20, 0x7F:
                    flush()
                    switch byte {
                    case 0x22: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                    case 0x5C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                    case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                    case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                    case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                    default: appendEscaped(UInt32(byte), into: &bytes)
                    }
                    index += 1
                    plainFrom = index
                case 0xC2, 0xE2, 0xEF:
                    // The invisible characters below all start with one of these.
                    let length = byte == 0xC2 ? 2 : 3
                    guard index + length <= utf8.count else {
                        index += 1
                        continue
                    }
                    var scalar = UInt32(byte & (length == 2 ? 0x1F : 0x0F))
                    for offset in 1..<length { scalar = scalar << 6 | UInt32(utf8[index + offset] & 0x3F) }
                    if isInvisible(scalar) {
                        flush()
                        appendEscaped(scalar, into: &bytes)
                        index += length
                        plainFrom = index
                    } else {
                        index += length
                    }
                default:
                    index += 1
                }
            }
            flush()
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func isInvisible(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00AD, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0xFEFF: true
        default: false
        }
    }

    private static func appendEscaped(_ scalar: UInt32, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: "\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
        }
    }
}
