extension NumberDetector {
    /// Characters people mix up when copying a number by eye or by phone.
    static let lookalikes: [(UInt8, UInt8)] = [
        ("O", "0"), ("I", "1"), ("L", "1"), ("S", "5"), ("B", "8"), ("Z", "2"),
    ].map { (letter: String, digit: String) in
        (Symbol.fromUpperASCII(letter.utf8.first!), Symbol.fromUpperASCII(digit.utf8.first!))
    }

    static func lookalike(of symbol: UInt8) -> UInt8? {
        for (letter, digit) in lookalikes {
            if symbol == letter { return digit }
            if symbol == digit, letter != Symbol.fromUpperASCII(UInt8(ascii: "L")) { return letter }
        }
        return nil
    }

    static func isLookalikePair(_ first: UInt8, _ second: UInt8) -> Bool {
        lookalikes.contains { ($0.0 == first && $0.1 == second) || ($0.0 == second && $0.1 == first) }
    }

    /// How plausible each kind of slip is, before the candidate's own confidence.
    /// A neighbouring key is nearly as likely as a swap: typing studies put single
    /// substitutions far ahead of transpositions, but spread over a few neighbours,
    /// while a swap keeps every character the person saw.
    static func weight(_ kind: NumberCheck.Edit.Kind, neighbouringKeys: Bool = false) -> Double {
        switch kind {
        case .lookalike: 4.0
        case .swappedNeighbours: 3.2
        case .missingLastCharacter, .extraLastCharacter: 2.6
        case .missingCharacter, .extraCharacter: 2.0
        case .wrongCharacter: neighbouringKeys ? 3.0 : 1.0
        }
    }

    static func weight(_ edit: NumberCheck.Edit) -> Double {
        weight(edit.kind, neighbouringKeys: neighbouringKeys(edit.from, edit.to))
    }

    /// Digits next to each other on the number row or orthogonally on a keypad.
    static func neighbouringKeys(_ first: String, _ second: String) -> Bool {
        guard first.count == 1, second.count == 1, let a = UInt8(first), let b = UInt8(second) else { return false }
        return neighbouringKeys(a, b)
    }

    /// The same test on symbols (a digit's symbol is its value).
    static func neighbouringKeys(_ a: UInt8, _ b: UInt8) -> Bool {
        guard a < 10, b < 10 else { return false }
        if a &+ 1 == b || b &+ 1 == a { return true }
        // Keypad rows 7 8 9 / 4 5 6 / 1 2 3 / 0: vertical neighbours differ by 3, and 0 sits under 1 and 2.
        if a != 0, b != 0, a &+ 3 == b || b &+ 3 == a { return true }
        return (a == 0 && (b == 1 || b == 2)) || (b == 0 && (a == 1 || a == 2))
    }

    static let chosenCarrierWeight = 2.0

    /// Every valid number within one human edit of `symbols`, best first, at most
    /// `maxSuggestions`. Only candidates with evidence count (a check digit that
    /// passes or a distinctive prefix): any 12 digits fit some Korean carrier.
    ///
    /// A changed or inserted character is tried only against the templates the
    /// rest of the number already fits, and only with the symbols the template
    /// allows there: a few dozen judgements instead of every symbol times every
    /// template.
    func suggest(
        symbols: UnsafeBufferPointer<UInt8>, context: PreparedContext, engine: DetectionEngine
    ) -> [NumberCheck.Suggestion] {
        let count = symbols.count
        guard count > 0, count <= engine.maxLength + 1 else { return [] }
        var best: [String: (suggestion: NumberCheck.Suggestion, score: Double)] = [:]
        let variant = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count + 1)
        defer { variant.deallocate() }
        var cutoff = -Double.infinity
        func updateCutoff() {
            guard best.count >= Self.maxSuggestions else { return }
            var top = [Double](repeating: -Double.infinity, count: Self.maxSuggestions)
            for entry in best.values where entry.score > top[Self.maxSuggestions - 1] {
                top[Self.maxSuggestions - 1] = entry.score
                top.sort(by: >)
            }
            cutoff = top[Self.maxSuggestions - 1]
        }

        // Most variants fit nothing: the edit's strings are only built for those that do.
        func record(
            _ evaluation: Evaluation, length: Int, _ kind: NumberCheck.Edit.Kind, position: Int,
            neighbouringKeys: Bool, _ edit: () -> NumberCheck.Edit
        ) {
            guard evaluation.strong, evaluation.carrier >= 0 else { return }
            // Later positions break ties: long numbers go wrong towards their end.
            var score =
                Self.weight(kind, neighbouringKeys: neighbouringKeys) + evaluation.confidence + Double(position) * 0.001
            if evaluation.carrier == context.carrier { score += Self.chosenCarrierWeight }
            // Below the current fifth best it can never make the list, new or not.
            if score < cutoff { return }
            let number = Symbol.text(of: UnsafeBufferPointer(rebasing: variant[0..<length]))
            if let existing = best[number], existing.score >= score { return }
            defer { updateCutoff() }
            best[number] = (
                NumberCheck.Suggestion(
                    number: number, carrier: registry.carriers[Int(evaluation.carrier)].id,
                    format: registry.formats[Int(evaluation.format)].format.id, edit: edit(),
                    confidence: (evaluation.confidence * 100).rounded() / 100),
                score
            )
        }

        /// Every template of `length` on the variant as it stands.
        func consider(
            _ length: Int, _ kind: NumberCheck.Edit.Kind, position: Int, _ edit: () -> NumberCheck.Edit
        ) {
            let candidate = UnsafeBufferPointer(rebasing: variant[0..<length])
            let allDigits = candidate.allSatisfy { $0 < 10 }
            engine.evaluate(candidate, count: length, allDigits: allDigits, evidenceOnly: true) { evaluation in
                record(evaluation, length: length, kind, position: position, neighbouringKeys: false, edit)
            }
        }

        func text(_ symbol: UInt8) -> String { Symbol.text(of: [symbol]) }
        func load() { for position in 0..<count { variant[position] = symbols[position] } }

        // Lookalikes fitted to a template: `RR12345678SCN` → `RR123456785CN` even when several slipped.
        for templateIndex in templateRange(length: count, engine: engine) {
            let offset = Int(engine.templates[templateIndex].maskOffset)
            load()
            var changed: [Int] = []
            for position in 0..<count {
                let mask = engine.masks[offset + position]
                let symbol = symbols[position]
                if symbol < 64, mask & (1 << UInt64(symbol)) != 0 { continue }
                guard let swapped = Self.lookalike(of: symbol), mask & (1 << UInt64(swapped)) != 0 else {
                    changed = []
                    break
                }
                variant[position] = swapped
                changed.append(position)
            }
            if !changed.isEmpty {
                let swapped = changed.map { variant[$0] }
                consider(count, .lookalike, position: changed[0] + 1) {
                    NumberCheck.Edit(
                        kind: .lookalike, position: changed[0] + 1,
                        from: changed.map { text(symbols[$0]) }.joined(), to: swapped.map(text).joined())
                }
            }
        }

        // One changed character. A template is tried at a position only when the
        // rest of the number fits it, with the symbols it allows there; templates
        // sharing a check rule (the Korean carriers' mod 7) share its computation.
        if count <= engine.maxLength {
            load()
            let candidate = UnsafeBufferPointer(rebasing: variant[0..<count])
            // Per template: how many positions the number misfits, and the last one.
            var fitting: [(template: CarrierRegistry.Template, misfits: Int, misfit: Int)] = []
            for templateIndex in templateRange(length: count, engine: engine) {
                let template = engine.templates[templateIndex]
                guard engine.canBeStrong(template) else { continue }
                let offset = Int(template.maskOffset)
                var misfits = 0
                var misfit = 0
                for position in 0..<count
                where engine.masks[offset + position] & (1 &<< UInt64(symbols[position])) == 0 {
                    misfits += 1
                    misfit = position
                }
                if misfits <= 1 { fitting.append((template, misfits, misfit)) }
            }
            for position in 0..<count where !fitting.isEmpty {
                let original = symbols[position]
                var union: UInt64 = 0
                for entry in fitting where entry.misfits == 0 || entry.misfit == position {
                    union |= engine.masks[Int(entry.template.maskOffset) + position]
                }
                while union != 0 {
                    let symbol = UInt8(union.trailingZeroBitCount)
                    union &= union - 1
                    guard symbol != original else { continue }
                    variant[position] = symbol
                    // A letter read as its digit twin is the classic slip; the reverse rarely is.
                    let kind: NumberCheck.Edit.Kind =
                        Symbol.isLetter(original) && Self.isLookalikePair(symbol, original)
                        ? .lookalike : .wrongCharacter
                    let neighbours = Self.neighbouringKeys(original, symbol)
                    var cache = DetectionEngine.CheckCache()
                    for entry in fitting where entry.misfits == 0 || entry.misfit == position {
                        let offset = Int(entry.template.maskOffset)
                        guard engine.masks[offset + position] & (1 &<< UInt64(symbol)) != 0 else { continue }
                        let evaluation = engine.judge(entry.template, candidate, count: count, cache: &cache)
                        record(evaluation, length: count, kind, position: position + 1, neighbouringKeys: neighbours) {
                            NumberCheck.Edit(
                                kind: kind, position: position + 1, from: text(original), to: text(symbol))
                        }
                    }
                }
                variant[position] = original
            }
            // Two neighbours swapped.
            for position in 0..<(count - 1) where symbols[position] != symbols[position + 1] {
                load()
                variant.swapAt(position, position + 1)
                consider(count, .swappedNeighbours, position: position + 1) {
                    NumberCheck.Edit(
                        kind: .swappedNeighbours, position: position + 1,
                        from: text(symbols[position]) + text(symbols[position + 1]),
                        to: text(symbols[position + 1]) + text(symbols[position]))
                }
            }
        }

        // One character too many.
        if count >= 2 {
            for removed in 0..<count {
                var write = 0
                for position in 0..<count where position != removed {
                    variant[write] = symbols[position]
                    write += 1
                }
                let kind: NumberCheck.Edit.Kind = removed == count - 1 ? .extraLastCharacter : .extraCharacter
                consider(count - 1, kind, position: removed + 1) {
                    NumberCheck.Edit(kind: kind, position: removed + 1, from: text(symbols[removed]), to: "")
                }
            }
        }

        // One character missing: for each template one longer, the insertion
        // points where what comes before and after already fit.
        if count + 1 <= engine.maxLength {
            let length = count + 1
            let candidate = UnsafeBufferPointer(rebasing: variant[0..<length])
            for templateIndex in templateRange(length: length, engine: engine) {
                let template = engine.templates[templateIndex]
                guard engine.canBeStrong(template) else { continue }
                let offset = Int(template.maskOffset)
                func allows(_ position: Int, _ symbol: UInt8) -> Bool {
                    engine.masks[offset + position] & (1 &<< UInt64(symbol)) != 0
                }
                // Symbols before the insertion keep their places; those after move one on.
                var prefix = 0
                while prefix < count, allows(prefix, symbols[prefix]) { prefix += 1 }
                var suffixStart = length
                while suffixStart > 1, allows(suffixStart - 1, symbols[suffixStart - 2]) { suffixStart -= 1 }
                let first = max(0, suffixStart - 1)
                guard first <= prefix else { continue }
                for inserted in first...prefix {
                    var read = 0
                    for position in 0..<length where position != inserted {
                        variant[position] = symbols[read]
                        read += 1
                    }
                    var mask = engine.masks[offset + inserted]
                    var cache = DetectionEngine.CheckCache()
                    while mask != 0 {
                        let symbol = UInt8(mask.trailingZeroBitCount)
                        mask &= mask - 1
                        variant[inserted] = symbol
                        cache.key = -1
                        let evaluation = engine.judge(template, candidate, count: length, cache: &cache)
                        let kind: NumberCheck.Edit.Kind = inserted == count ? .missingLastCharacter : .missingCharacter
                        record(evaluation, length: length, kind, position: inserted + 1, neighbouringKeys: false) {
                            NumberCheck.Edit(kind: kind, position: inserted + 1, from: "", to: text(symbol))
                        }
                    }
                }
            }
        }

        return best.values.sorted { left, right in
            left.score != right.score ? left.score > right.score : left.suggestion.number < right.suggestion.number
        }.prefix(Self.maxSuggestions).map(\.suggestion)
    }

    /// The templates of exactly `length` symbols (none past the longest format).
    private func templateRange(length: Int, engine: DetectionEngine) -> Range<Int> {
        guard length > 0, length <= engine.maxLength else { return 0..<0 }
        return Int(engine.lengthStart[length])..<Int(engine.lengthStart[length + 1])
    }
}
