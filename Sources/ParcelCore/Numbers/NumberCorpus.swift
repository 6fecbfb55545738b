/// Deterministic tracking numbers for tests and benchmarks: every format of
/// the registry, valid and broken, pasted the way people paste them.
public struct NumberCorpus: Sendable {
    public let registry: CarrierRegistry

    public init(registry: CarrierRegistry = .standard) {
        self.registry = registry
    }

    /// Every format id the corpus draws from (the shared S10 format included).
    public var formatIDs: [String] { registry.formats.map(\.format.id) }

    /// A valid number of `formatID`; `nil` for an unknown id. For formats whose
    /// check digit is only a signal, `honourSignal` decides whether it matches.
    public func validNumber(formatID: String, using random: inout SeededRandom, honourSignal: Bool = true)
        -> String?
    {
        guard let index = registry.formats.firstIndex(where: { $0.format.id == formatID }) else { return nil }
        return Symbol.text(of: validSymbols(formatIndex: index, using: &random, honourSignal: honourSignal))
    }

    func validSymbols(formatIndex: Int, using random: inout SeededRandom, honourSignal: Bool) -> [UInt8] {
        let entry = registry.formats[formatIndex]
        let pattern = random.pick(entry.format.patterns)
        let template = random.pick(pattern.templates)
        var symbols = template.map { mask in Self.randomSymbol(in: mask, using: &random) }
        if formatIndex == CarrierRegistry.s10FormatIndex {
            let services = Array("ERLVCHU")
            symbols[0] = Symbol.fromUpperASCII(random.pick(services).asciiValue!)
            let postalOperator =
                random.chance(60)
                ? random.pick(["CN", "KR", "US", "GB", "JP", "HK", "DE", "YP"])
                : random.pick(S10.operators).country
            let code = Array(postalOperator.utf8)
            symbols[symbols.count - 2] = Symbol.fromUpperASCII(code[0])
            symbols[symbols.count - 1] = Symbol.fromUpperASCII(code[1])
        }
        if let rule = entry.format.check, rule.strength == .required || honourSignal {
            let runtime = registry.runtime[formatIndex]
            let expected = symbols.withUnsafeBufferPointer { buffer in
                registry.withEngine(PreparedContext(.none, registry: registry)) { engine in
                    engine.computeExpected(runtime, buffer, count: buffer.count)
                }
            }
            symbols[symbols.count - rule.checkFromEnd] = expected
        }
        return symbols
    }

    static func randomSymbol(in mask: UInt64, using random: inout SeededRandom) -> UInt8 {
        var bits = mask
        var pick = random.below(mask.nonzeroBitCount)
        while pick > 0 {
            bits &= bits - 1
            pick -= 1
        }
        return UInt8(bits.trailingZeroBitCount)
    }

    /// The mix the benchmark and the property tests use.
    public struct Mix: Sendable {
        /// Percent of lines that are valid numbers (before messy formatting).
        public var validPercent = 70
        /// Percent of lines that are valid numbers with one human slip.
        public var slipPercent = 20
        /// Percent of lines that are not numbers at all (text, punctuation, very long).
        public var garbagePercent = 8
        // The rest are blank lines, which `check` skips.

        public init() {}
    }

    /// `count` lines, the same for the same seed.
    public func lines(count: Int, seed: UInt64, mix: Mix = Mix()) -> [String] {
        var random = SeededRandom(seed: seed)
        var lines: [String] = []
        lines.reserveCapacity(count)
        // Weight formats so that common shapes (Korean 12 digits, S10, LP…) dominate like real order books.
        let weights = registry.formats.map { max(1, Int($0.format.prior * 10)) }
        let totalWeight = weights.reduce(0, +)
        for _ in 0..<count {
            let roll = random.below(100)
            if roll >= mix.validPercent + mix.slipPercent + mix.garbagePercent {
                lines.append(random.chance(50) ? "" : "   ")
                continue
            }
            if roll >= mix.validPercent + mix.slipPercent {
                lines.append(garbage(using: &random))
                continue
            }
            var pick = random.below(totalWeight)
            var formatIndex = 0
            while pick >= weights[formatIndex] {
                pick -= weights[formatIndex]
                formatIndex += 1
            }
            var symbols = validSymbols(formatIndex: formatIndex, using: &random, honourSignal: random.chance(90))
            if roll >= mix.validPercent { slip(&symbols, using: &random) }
            lines.append(mess(Symbol.text(of: symbols), using: &random))
        }
        return lines
    }

    /// One human edit: a wrong, missing, extra or swapped character.
    func slip(_ symbols: inout [UInt8], using random: inout SeededRandom) {
        let position = random.below(symbols.count)
        switch random.below(4) {
        case 0: symbols[position] = UInt8(random.below(Symbol.alphabetSize))
        case 1 where symbols.count > 1: symbols.remove(at: position)
        case 2: symbols.insert(UInt8(random.below(10)), at: position)
        default:
            if position + 1 < symbols.count { symbols.swapAt(position, position + 1) }
        }
    }

    /// Pasted from a spreadsheet or a chat: groups, hyphens, case, full width, wrappers.
    func mess(_ number: String, using random: inout SeededRandom) -> String {
        var text = number
        if random.chance(25) {
            let separator = random.pick([" ", "-", " - ", "."])
            var grouped = ""
            for (offset, character) in text.enumerated() {
                if offset > 0, offset % 4 == 0 { grouped += separator }
                grouped.append(character)
            }
            text = grouped
        }
        if random.chance(10) { text = text.lowercased() }
        if random.chance(3) {
            text = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { scalar in
                        (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
                    }))
        }
        if random.chance(8) { text = "  \(text)\t" }
        if random.chance(2) { text = "=\"\(text)\"" }
        if random.chance(1) { text = "\u{200B}\(text)" }
        return text
    }

    func garbage(using random: inout SeededRandom) -> String {
        switch random.below(6) {
        case 0: return "---"
        case 1: return "송장번호 미입력"
        case 2: return String(repeating: "1234567890", count: 11 + random.below(5))
        case 3: return "N/A"
        case 4: return "6.09123E+11"
        default: return "#\(random.below(100_000))"
        }
    }
}
