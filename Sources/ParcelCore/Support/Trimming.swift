extension StringProtocol {
    /// The text without leading and trailing white space (Unicode White_Space,
    /// newlines included). Untouched text is returned without copying, and no
    /// NSString bridging happens: ingestion trims every field of every event.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex, let whole = self as? String {
            return whole
        }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}

extension String {
    /// `nil` for empty text: optional fields read "absent", not "".
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
