/// A tracking-number pattern written in a small regular-expression subset,
/// compiled to fixed-length templates of per-position symbol masks.
///
/// Supported: literal digits and upper-case letters, `\d`, classes such as
/// `[A-Z]`, `[0-9A-Z]` or `[0124]`, and quantifiers `{n}` / `{n,m}`. There is no
/// alternation: a format lists several patterns instead. Fixed-position masks
/// make matching a loop of shifts with no backtracking and no allocation.
public struct FormatPattern: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    /// One mask per position for each length the pattern allows.
    public let templates: [[UInt64]]

    public var description: String { source }

    public struct SyntaxError: Error, CustomStringConvertible {
        public let pattern: String
        public let reason: String
        public var description: String { "pattern \(pattern): \(reason)" }
    }

    static let digitMask: UInt64 = (1 << 10) - 1
    static let letterMask: UInt64 = ((1 << 36) - 1) & ~digitMask

    public init(_ source: String) throws {
        self.source = source
        var atoms: [(mask: UInt64, counts: ClosedRange<Int>)] = []
        var characters = Array(source)[...]

        func fail(_ reason: String) -> SyntaxError { SyntaxError(pattern: source, reason: reason) }

        while let character = characters.popFirst() {
            var mask: UInt64
            switch character {
            case "\\":
                guard characters.popFirst() == "d" else { throw fail("only \\d is supported") }
                mask = Self.digitMask
            case "[":
                mask = 0
                var previous: UInt8?
                while true {
                    guard let next = characters.popFirst() else { throw fail("unclosed [") }
                    if next == "]" { break }
                    if next == "-", let low = previous, let high = characters.first,
                        high != "]", let highSymbol = Self.symbol(high)
                    {
                        characters.removeFirst()
                        guard low <= highSymbol else { throw fail("reversed range") }
                        for symbol in low...highSymbol { mask |= 1 << UInt64(symbol) }
                        previous = nil
                        continue
                    }
                    guard let symbol = Self.symbol(next) else {
                        throw fail("unsupported class member \(next)")
                    }
                    mask |= 1 << UInt64(symbol)
                    previous = symbol
                }
                guard mask != 0 else { throw fail("empty class") }
            default:
                guard let symbol = Self.symbol(character) else {
                    throw fail("unsupported character \(character)")
                }
                mask = 1 << UInt64(symbol)
            }
            var counts = 1...1
            if characters.first == "{" {
                characters.removeFirst()
                var text = ""
                while let next = characters.popFirst(), next != "}" { text.append(next) }
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count),
                    let low = Int(parts[0]), let high = Int(parts.last!), 0 < low, low <= high
                else { throw fail("bad quantifier {\(text)}") }
                counts = low...high
            }
            atoms.append((mask, counts))
        }
        guard !atoms.isEmpty else { throw fail("empty pattern") }

        var templates: [[UInt64]] = [[]]
        for atom in atoms {
            var grown: [[UInt64]] = []
            for template in templates {
                for count in atom.counts {
                    grown.append(template + Array(repeating: atom.mask, count: count))
                }
            }
            templates = grown
            guard templates.count <= 64 else { throw fail("too many length combinations") }
        }
        self.templates = templates
    }

    private static func symbol(_ character: Character) -> UInt8? {
        guard let ascii = character.asciiValue else { return nil }
        let symbol = Symbol.fromUpperASCII(ascii)
        return symbol == Symbol.other ? nil : symbol
    }

    /// Whether `symbols` matches one of the templates exactly.
    public func matches(_ symbols: [UInt8]) -> Bool {
        templates.contains { template in
            template.count == symbols.count
                && zip(template, symbols).allSatisfy { mask, symbol in
                    symbol < 64 && mask & (1 << UInt64(symbol)) != 0
                }
        }
    }
}
