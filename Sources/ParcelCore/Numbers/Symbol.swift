/// Tracking numbers are matched over a 36-symbol alphabet: digits 0–9 are
/// symbols 0–9 and letters A–Z are symbols 10–35. Anything else a person typed
/// that survives normalization is `Symbol.other`, which no format accepts.
///
/// Working on small integers instead of `Character` keeps detection
/// allocation-free and lets a format position be a 64-bit mask.
public enum Symbol {
    public static let other: UInt8 = 63
    public static let alphabetSize = 36

    /// The symbol for an ASCII byte that is a digit or an upper-case letter.
    @inline(__always)
    public static func fromUpperASCII(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x30...0x39: return byte &- 0x30
        case 0x41...0x5A: return byte &- 0x41 &+ 10
        default: return other
        }
    }

    /// The ASCII byte for a symbol (digits and upper-case letters only).
    @inline(__always)
    public static func ascii(_ symbol: UInt8) -> UInt8 {
        symbol < 10 ? symbol &+ 0x30 : symbol &- 10 &+ 0x41
    }

    @inline(__always)
    public static func isDigit(_ symbol: UInt8) -> Bool { symbol < 10 }

    @inline(__always)
    public static func isLetter(_ symbol: UInt8) -> Bool { symbol >= 10 && symbol < 36 }

    /// Symbols for a string of digits and upper-case letters; `nil` for anything else.
    public static func symbols(of text: String) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let symbol = fromUpperASCII(byte)
            if symbol == other { return nil }
            result.append(symbol)
        }
        return result
    }

    /// The text for a run of alphabet symbols.
    public static func text<S: Sequence>(of symbols: S) -> String where S.Element == UInt8 {
        String(decoding: symbols.map { $0 < 36 ? ascii($0) : 0x3F }, as: UTF8.self)
    }
}
