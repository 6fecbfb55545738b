import Foundation

extension NumberDetector {
    /// At most this many suggestions are offered for one number.
    public static let maxSuggestions = 5

    /// The full report for one number.
    public func check(_ input: String, context: DetectionContext = .none) -> NumberCheck {
        check(input, context: prepare(context))
    }

    public func check(_ input: String, context: PreparedContext) -> NumberCheck {
        let (normalized, symbols, shape) = Normalizer.normalize(input)
        return registry.withEngine(context) { engine in
            symbols.withUnsafeBufferPointer { symbolBuffer in
                report(
                    input: input, normalized: normalized, symbols: symbolBuffer, shape: shape, context: context,
                    engine: engine)
            }
        }
    }

    private func report(
        input: String, normalized: String, symbols: UnsafeBufferPointer<UInt8>, shape: NormalizedShape,
        context: PreparedContext, engine: DetectionEngine
    ) -> NumberCheck {
        var evaluations: [Evaluation] = []
        let allDigits = symbols.allSatisfy { $0 < 10 }
        engine.evaluate(symbols, count: symbols.count, allDigits: allDigits) { evaluations.append($0) }
        // Valid first, then by confidence; registry order breaks ties.
        let ranked = evaluations.enumerated().sorted { left, right in
            if left.element.valid != right.element.valid { return left.element.valid }
            if left.element.confidence != right.element.confidence {
                return left.element.confidence > right.element.confidence
            }
            return left.offset < right.offset
        }.map(\.element)
        let best = ranked.first { $0.valid }
        let candidates = ranked.map { candidate($0, symbols: symbols, context: context) }
        let s10Evaluation = ranked.first { registry.runtime[Int($0.format)].isS10 }
        let s10 = s10Evaluation.map { s10Details($0, symbols: symbols) }

        var warnings: [NumberCheck.Warning] = []
        if symbols.count > registry.maxLength { warnings.append(.tooLong) }
        if symbols.count == shape.otherCount { warnings.append(.noDigitsOrLetters) }
        if Self.looksLikeScientificNotation(input) { warnings.append(.spreadsheetScientific) }
        let chosen = context.carrier
        let fitsChosen = chosen >= 0 && ranked.contains { $0.valid && $0.carrier == chosen }
        if chosen >= 0, !fitsChosen, ranked.contains(where: { $0.valid && $0.carrier != chosen }) {
            warnings.append(.carrierMismatch)
        }
        if context.untrackedOption || (s10Evaluation.map { $0.valid } ?? false) && s10?.tracked == false {
            warnings.append(.untrackedService)
        }
        let validRanked = ranked.filter(\.valid)
        if validRanked.count >= 2, validRanked[0].carrier != validRanked[1].carrier,
            validRanked[0].confidence - validRanked[1].confidence < 0.1
        {
            warnings.append(.ambiguousCarrier)
        }
        if let best, best.check == .failed { warnings.append(.checkDigitUnverified) }

        var suggestions: [NumberCheck.Suggestion] = []
        // A number that fails its carrier's usual check digit is worth a second look too.
        if best == nil || (chosen >= 0 && !fitsChosen) || best?.check == .failed {
            suggestions = suggest(symbols: symbols, context: context, engine: engine)
        }

        var trackingURL: String?
        var carrierID: String?
        var formatID: String?
        if let best, best.carrier >= 0 {
            let carrier = registry.carriers[Int(best.carrier)]
            let number = Symbol.text(of: symbols)
            carrierID = carrier.id
            formatID = registry.formats[Int(best.format)].format.id
            let isS10 = registry.runtime[Int(best.format)].isS10
            if isS10, let override = registry.s10.trackingURLOverrides[carrier.id] {
                trackingURL = override.replacingOccurrences(of: "{number}", with: number)
            } else {
                trackingURL = carrier.trackingURL(for: number)
            }
        }
        return NumberCheck(
            input: input, normalized: normalized, fixes: shape.fixes.codes, valid: best != nil, carrier: carrierID,
            format: formatID, candidates: candidates, suggestions: suggestions, warnings: warnings, s10: s10,
            trackingURL: trackingURL,
            chosenCarrier: chosen >= 0 ? registry.carriers[Int(chosen)].id : nil)
    }

    private func candidate(
        _ evaluation: Evaluation, symbols: UnsafeBufferPointer<UInt8>, context: PreparedContext
    ) -> NumberCheck.Candidate {
        let entry = registry.formats[Int(evaluation.format)]
        let rule = registry.runtime[Int(evaluation.format)]
        var reasons: [NumberCheck.Reason] = [.matchesPattern(entry.format.description)]
        if rule.distinctive { reasons.append(.distinctivePrefix) }
        if let check = entry.format.check {
            let found = Symbol.text(of: [symbols[symbols.count - check.checkFromEnd]])
            let expected = evaluation.expected < 36 ? Symbol.text(of: [evaluation.expected]) : nil
            switch evaluation.check {
            case .passed: reasons.append(.checkDigitPassed(algorithm: check.algorithm.name, digit: found))
            case .failed:
                reasons.append(
                    .checkDigitFailed(
                        algorithm: check.algorithm.name, found: found, expected: expected,
                        decisive: check.strength == .required))
            case .none: break
            }
        }
        if rule.isS10 {
            let indicator = Symbol.text(of: symbols[0..<2])
            let country = Symbol.text(of: symbols[(symbols.count - 2)...])
            if evaluation.s10Service < 0 {
                reasons.append(.s10ServiceUnknown(indicator))
            } else if !registry.s10Services[Int(evaluation.s10Service)].tracked {
                reasons.append(.s10Untracked(indicator))
            }
            if evaluation.carrier < 0 { reasons.append(.s10CountryUnknown(country)) }
        }
        if evaluation.carrier >= 0 {
            let carrier = registry.carriers[Int(evaluation.carrier)]
            if context.carrier >= 0 {
                reasons.append(
                    context.carrier == evaluation.carrier
                        ? .chosenBySeller : .sellerChoseOther(registry.carriers[Int(context.carrier)].id))
            }
            if let name = context.context.marketplace, let marketplace = registry.marketplace(named: name),
                (marketplace.affinity[carrier.id] ?? 0) > 0
            {
                reasons.append(.marketplaceHabit(marketplace.id))
            }
            if !rule.isS10, carrier.domesticOnly, let destination = context.context.destination {
                reasons.append(
                    carrier.country == destination ? .destinationHome(destination) : .destinationForeign(destination))
            }
        }
        return NumberCheck.Candidate(
            carrier: evaluation.carrier >= 0 ? registry.carriers[Int(evaluation.carrier)].id : nil,
            format: entry.format.id, valid: evaluation.valid,
            confidence: (evaluation.confidence * 100).rounded() / 100, check: evaluation.check, reasons: reasons)
    }

    private func s10Details(_ evaluation: Evaluation, symbols: UnsafeBufferPointer<UInt8>) -> S10Details {
        let count = symbols.count
        let service = evaluation.s10Service >= 0 ? registry.s10Services[Int(evaluation.s10Service)] : nil
        let country = Symbol.text(of: symbols[(count - 2)...])
        let postalOperator = registry.s10Operator(country: country)?.0
        return S10Details(
            service: Symbol.text(of: symbols[0..<2]),
            serviceName: service?.name ?? LocalizedText(ko: "배정되지 않은 서비스 코드", en: "Unallocated service indicator"),
            serial: Symbol.text(of: symbols[2..<(count - 3)]),
            checkDigit: Symbol.text(of: [symbols[count - 3]]),
            checkDigitValid: evaluation.check == .passed,
            country: country,
            operator: postalOperator?.name.en ?? "unknown",
            tracked: service?.tracked ?? false)
    }

    /// `6.09123E+11`: what a spreadsheet shows after it reads a long number as a number.
    static func looksLikeScientificNotation(_ input: String) -> Bool {
        // Cheap gate first: no E, no scientific notation.
        guard input.utf8.contains(where: { $0 == 0x45 || $0 == 0x65 }) else { return false }
        let text = input.trimmed
        guard let exponent = text.firstIndex(where: { $0 == "E" || $0 == "e" }) else { return false }
        let mantissa = text[..<exponent]
        var power = text[text.index(after: exponent)...]
        if power.first == "+" { power = power.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
            && !power.isEmpty && power.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
