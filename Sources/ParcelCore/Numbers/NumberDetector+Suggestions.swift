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
    func suggest(
        symbols: UnsafeBufferPointer<UInt8>, context: PreparedContext, engine: DetectionEngine
    ) -> [NumberCheck.Suggestion] {
        let count = symbols.count
        guard count > 0, count <= engine.maxLength + 1 else { return [] }
        var best: [String: (suggestion: NumberCheck.Suggestion, score: Double)] = [:]
        var variant = [UInt8](repeating: 0, count: count + 1)

        // Most variants fit nothing: the edit's strings are only built for those that do.
        func consider(
            _ length: Int, _ kind: NumberCheck.Edit.Kind, position: Int, neighbouringKeys: Bool = false,
            _ edit: () -> NumberCheck.Edit
        ) {
            variant.withUnsafeBufferPointer { buffer in
                let candidate = UnsafeBufferPointer(rebasing: buffer[0..<length])
                let allDigits = candidate.allSatisfy { $0 < 10 }
                engine.evaluate(candidate, count: length, allDigits: allDigits) { evaluation in
                    guard evaluation.strong, evaluation.carrier >= 0 else { return }
                    // Later positions break ties: long numbers go wrong towards their end.
                    var score =
                        Self.weight(kind, neighbouringKeys: neighbouringKeys) + evaluation.confidence
                        + Double(position) * 0.001
                    if evaluation.carrier == context.carrier { score += Self.chosenCarrierWeight }
                    let number = Symbol.text(of: candidate)
                    if let existing = best[number], existing.score >= score { return }
                    best[number] = (
                        NumberCheck.Suggestion(
                            number: number, carrier: registry.carriers[Int(evaluation.carrier)].id,
                            format: registry.formats[Int(evaluation.format)].format.id, edit: edit(),
                            confidence: (evaluation.confidence * 100).rounded() / 100),
                        score
                    )
                }
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

        // One changed character, limited to what some format accepts at that position.
        if count <= engine.maxLength {
            let allowed = allowedSymbols(length: count, engine: engine)
            for position in 0..<count {
                load()
                var mask = allowed[position]
                while mask != 0 {
                    let symbol = UInt8(mask.trailingZeroBitCount)
                    mask &= mask - 1
                    guard symbol != symbols[position] else { continue }
                    variant[position] = symbol
                    // A letter read as its digit twin is the classic slip; the reverse rarely is.
                    let kind: NumberCheck.Edit.Kind =
                        Symbol.isLetter(symbols[position]) && Self.isLookalikePair(symbol, symbols[position])
                        ? .lookalike : .wrongCharacter
                    consider(
                        count, kind, position: position + 1,
                        neighbouringKeys: Self.neighbouringKeys(symbols[position], symbol)
                    ) {
                        NumberCheck.Edit(
                            kind: kind, position: position + 1, from: text(symbols[position]), to: text(symbol))
                    }
                }
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

        // One character missing.
        if count + 1 <= engine.maxLength {
            let allowed = allowedSymbols(length: count + 1, engine: engine)
            for inserted in 0...count {
                var mask = allowed[inserted]
                while mask != 0 {
                    let symbol = UInt8(mask.trailingZeroBitCount)
                    mask &= mask - 1
                    var read = 0
                    for position in 0...count {
                        if position == inserted {
                            variant[position] = symbol
                        } else {
                            variant[position] = symbols[read]
                            read += 1
                        }
                    }
                    let kind: NumberCheck.Edit.Kind = inserted == count ? .missingLastCharacter : .missingCharacter
                    consider(count + 1, kind, position: inserted + 1) {
                        NumberCheck.Edit(kind: kind, position: inserted + 1, from: "", to: text(symbol))
                    }
                }
            }
        }

        return best.values.sorted { left, right in
            left.score != right.score ? left.score > right.score : left.suggestion.number < right.suggestion.number
        }.prefix(Self.maxSuggestions).map(\.suggestion)
    }

    /// Per position, every symbol some template of `length` accepts there.
    private func allowedSymbols(length: Int, engine: DetectionEngine) -> [UInt64] {
        var allowed = [UInt64](repeating: 0, count: length)
        for templateIndex in templateRange(length: length, engine: engine) {
            let offset = Int(engine.templates[templateIndex].maskOffset)
            for position in 0..<length { allowed[position] |= engine.masks[offset + position] }
        }
        return allowed
    }

    /// The templates of exactly `length` symbols (none past the longest format).
    private func templateRange(length: Int, engine: DetectionEngine) -> Range<Int> {
        guard length > 0, length <= engine.maxLength else { return 0..<0 }
        return Int(engine.lengthStart[length])..<Int(engine.lengthStart[length + 1])
    }
}
