extension StringProtocol {
    /// The text without leading and trailing white space (Unicode White_Space,
    /// newlines included). Untouched text is returned without copying, and no
    /// NSString bridging happens: ingestion and imports trim every field.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhiteSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isWhiteSpace($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex, let whole = self as? String {
            return whole
        }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}

/// Unicode's White_Space property, as a table: the property lookup costs
/// more than the rest of trimming an export's cell.
@inline(__always)
func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
}

extension String {
    /// `nil` for empty text: optional fields read "absent", not "".
    public var nilIfEmpty: String? { isEmpty ? nil : self }

    /// The same as `lowercased()`, without its per-character case mapping
    /// for the text an order is searched by (ASCII and Hangul, which has no case).
    public var lowercasedForSearch: String {
        var hasUpper = false
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: hasUpper = true
            case 0...0x7F, 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7A3: continue
            default: return lowercased()
            }
        }
        guard hasUpper else { return self }
        var bytes = Array(utf8)
        for index in bytes.indices where (0x41...0x5A).contains(bytes[index]) { bytes[index] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
