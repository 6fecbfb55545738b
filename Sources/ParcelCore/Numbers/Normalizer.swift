/// What normalization changed in a pasted tracking number, so the seller can
/// see that `lp 0012-3456 7890 12` and `LP00123456789012` are the same number.
public struct NormalizationFixes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let trimmed = NormalizationFixes(rawValue: 1 << 0)
    public static let removedSpaces = NormalizationFixes(rawValue: 1 << 1)
    public static let removedHyphens = NormalizationFixes(rawValue: 1 << 2)
    public static let removedDots = NormalizationFixes(rawValue: 1 << 3)
    public static let removedInvisible = NormalizationFixes(rawValue: 1 << 4)
    public static let fullWidth = NormalizationFixes(rawValue: 1 << 5)
    public static let upperCased = NormalizationFixes(rawValue: 1 << 6)
    public static let removedQuotes = NormalizationFixes(rawValue: 1 << 7)
    public static let spreadsheetFormula = NormalizationFixes(rawValue: 1 << 8)

    /// Stable codes in a fixed order: these are part of the `check --json` contract.
    public static let codes: [(NormalizationFixes, String)] = [
        (.trimmed, "trimmed"),
        (.removedSpaces, "removed_spaces"),
        (.removedHyphens, "removed_hyphens"),
        (.removedDots, "removed_dots"),
        (.removedInvisible, "removed_invisible"),
        (.fullWidth, "fullwidth_to_ascii"),
        (.upperCased, "uppercased"),
        (.removedQuotes, "removed_quotes"),
        (.spreadsheetFormula, "removed_spreadsheet_formula"),
    ]

    public var codes: [String] {
        Self.codes.compactMap { contains($0.0) ? $0.1 : nil }
    }
}

/// Receives the normalized text. The detector's hot path uses `DiscardText`,
/// which compiles away; reports use `CollectText`.
public protocol NormalizedTextSink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

public struct DiscardText: NormalizedTextSink {
    public init() {}
    @inline(__always) public mutating func append(_ byte: UInt8) {}
    @inline(__always) public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {}
}

public struct CollectText: NormalizedTextSink {
    public var bytes: [UInt8] = []
    public init() {}
    public mutating func append(_ byte: UInt8) { bytes.append(byte) }
    public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// The shape of a normalized number: how many characters it has (all of them,
/// even past the symbol buffer's capacity) and what was fixed.
public struct NormalizedShape: Sendable {
    public var count: Int
    public var fixes: NormalizationFixes
    /// Characters that are not digits or letters (kept, so the number fails every format).
    public var otherCount: Int
    /// Letters among the characters: zero means an all-digit number.
    public var letterCount: Int
}

public enum Normalizer {
    /// Normalizes UTF-8 input into alphabet symbols (at most `symbols.count` stored)
    /// and, through `sink`, the normalized text. Never fails: bytes that are not
    /// valid UTF-8 become U+FFFD and an `other` symbol.
    public static func normalize<Sink: NormalizedTextSink>(
        _ input: UnsafeBufferPointer<UInt8>,
        into symbols: UnsafeMutableBufferPointer<UInt8>,
        text sink: inout Sink
    ) -> NormalizedShape {
        var fixes: NormalizationFixes = []
        var lower = 0
        var upper = input.count
        // ASCII white space at either end is the common case; Unicode spaces at
        // the ends are caught below by the pending-space logic.
        while lower < upper, isASCIISpace(input[lower]) { lower += 1; fixes.insert(.trimmed) }
        while upper > lower, isASCIISpace(input[upper - 1]) { upper -= 1; fixes.insert(.trimmed) }
        stripSpreadsheetWrappers(input, &lower, &upper, &fixes)

        var count = 0
        var otherCount = 0
        var letterCount = 0
        var pendingSpace = false
        let capacity = symbols.count

        @inline(__always)
        func keep(_ symbol: UInt8) {
            if pendingSpace {
                fixes.insert(count == 0 ? .trimmed : .removedSpaces)
                pendingSpace = false
            }
            if count < capacity { symbols[count] = symbol }
            count += 1
            if symbol >= 10, symbol < 36 { letterCount += 1 }
        }

        /// An ASCII character, typed as such or converted from full width.
        @inline(__always)
        func apply(_ ascii: UInt8) {
            switch classifyASCII(ascii) {
            case .symbol(let symbol, let upperCased):
                if upperCased { fixes.insert(.upperCased) }
                keep(symbol)
                sink.append(Symbol.ascii(symbol))
            case .space: pendingSpace = true
            case .hyphen: fixes.insert(.removedHyphens)
            case .dot: fixes.insert(.removedDots)
            case .invisible: fixes.insert(.removedInvisible)
            case .other:
                keep(Symbol.other)
                otherCount += 1
                sink.append(ascii)
            }
        }

        var index = lower
        while index < upper {
            let byte = input[index]
            if byte < 0x80 {
                index += 1
                apply(byte)
                continue
            }
            let (scalar, length) = decodeScalar(input, at: index, end: upper)
            let start = index
            index += length
            switch scalar {
            case 0xFF01...0xFF5E:
                fixes.insert(.fullWidth)
                apply(UInt8(scalar - 0xFEE0))
            case 0x3000:
                fixes.insert(.fullWidth)
                pendingSpace = true
            case 0x0085, 0x00A0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F:
                pendingSpace = true
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63:
                fixes.insert(.removedHyphens)
            case 0x3002, 0xFF61:
                fixes.insert(.removedDots)
            case 0x00AD, 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064,
                0x2066...0x2069, 0xFEFF:
                fixes.insert(.removedInvisible)
            default:
                keep(Symbol.other)
                otherCount += 1
                if scalar == 0xFFFD && length == 1 {
                    // An invalid byte: write the replacement character, not the byte.
                    sink.append(0xEF)
                    sink.append(0xBF)
                    sink.append(0xBD)
                } else {
                    sink.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
                }
            }
        }
        if pendingSpace { fixes.insert(.trimmed) }
        return NormalizedShape(count: count, fixes: fixes, otherCount: otherCount, letterCount: letterCount)
    }

    /// Normalizes a string, returning the normalized text, its symbols and the fixes.
    public static func normalize(_ input: String) -> (text: String, symbols: [UInt8], shape: NormalizedShape) {
        let utf8 = Array(input.utf8)
        var sink = CollectText()
        var symbols = [UInt8](repeating: 0, count: utf8.count)
        let shape = utf8.withUnsafeBufferPointer { input in
            symbols.withUnsafeMutableBufferPointer { buffer in
                normalize(input, into: buffer, text: &sink)
            }
        }
        symbols.removeLast(symbols.count - min(shape.count, symbols.count))
        return (String(decoding: sink.bytes, as: UTF8.self), symbols, shape)
    }

    enum ASCIIClass {
        case symbol(UInt8, upperCased: Bool)
        case space, hyphen, dot, invisible, other
    }

    @inline(__always)
    static func classifyASCII(_ byte: UInt8) -> ASCIIClass {
        switch byte {
        case 0x30...0x39: return .symbol(byte &- 0x30, upperCased: false)
        case 0x41...0x5A: return .symbol(byte &- 0x41 &+ 10, upperCased: false)
        case 0x61...0x7A: return .symbol(byte &- 0x61 &+ 10, upperCased: true)
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return .space
        case 0x2D: return .hyphen
        case 0x2E: return .dot
        case 0x00...0x08, 0x0E...0x1F, 0x7F: return .invisible
        default: return .other
        }
    }

    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Spreadsheets wrap numbers to keep them as text: `="0123…"` in CSV
    /// exports, a leading apostrophe in Excel, or plain double quotes.
    static func stripSpreadsheetWrappers(
        _ input: UnsafeBufferPointer<UInt8>, _ lower: inout Int, _ upper: inout Int,
        _ fixes: inout NormalizationFixes
    ) {
        let length = upper - lower
        if length >= 3, input[lower] == 0x3D, input[lower + 1] == 0x22, input[upper - 1] == 0x22 {
            lower += 2
            upper -= 1
            fixes.insert(.spreadsheetFormula)
        } else if length >= 2, input[lower] == 0x22, input[upper - 1] == 0x22 {
            lower += 1
            upper -= 1
            fixes.insert(.removedQuotes)
        } else if length >= 2, input[lower] == 0x27 {
            lower += 1
            if input[upper - 1] == 0x27 { upper -= 1 }
            fixes.insert(.removedQuotes)
        }
    }

    /// Decodes one scalar; an invalid sequence yields U+FFFD over one byte.
    @inline(__always)
    static func decodeScalar(_ input: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (UInt32, Int) {
        let lead = input[index]
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07)
        default: return (0xFFFD, 1)
        }
        guard index + length <= end else { return (0xFFFD, 1) }
        for offset in 1..<length {
            let byte = input[index + offset]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        // Overlong forms and surrogates are not characters anyone typed.
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
            return (0xFFFD, 1)
        }
        return (scalar, length)
    }
}
