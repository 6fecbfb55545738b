/// Substring tests on UTF-8 bytes with ASCII case folding: what policy and
/// option matching need, without Foundation's locale-aware search (which costs
/// a microsecond per call on Linux).
public enum TextSearch {
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                guard pattern.count <= text.count else { return false }
                let first = fold(pattern[0])
                var start = 0
                while start + pattern.count <= text.count {
                    if fold(text[start]) == first {
                        var offset = 1
                        while offset < pattern.count, fold(text[start + offset]) == fold(pattern[offset]) {
                            offset += 1
                        }
                        if offset == pattern.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
