/// A format's check rule as plain data, so the detection loop reads it
/// without retaining arrays or switching on enum payloads.
struct FormatRuntime: Sendable {
    enum Kind: UInt8, Sendable {
        case none, s10, mod7, gs1, weightedMod11, ups, iso7064
    }

    let carrier: Int32
    let kind: Kind
    let required: Bool
    let serialStart: Int
    let serialEndFromEnd: Int
    let checkFromEnd: Int
    /// `aux[auxStart..<auxStart + auxCount]`: weights, or GS1 prefix digits.
    let auxStart: Int
    let auxCount: Int
    let prior: Double
    let distinctive: Bool
    let isS10: Bool

    init(_ entry: CarrierRegistry.FormatEntry, isS10: Bool, aux: inout [Int]) {
        carrier = entry.carrier
        prior = entry.format.prior
        distinctive = entry.distinctive
        self.isS10 = isS10
        guard let rule = entry.format.check else {
            kind = .none
            required = false
            serialStart = 0
            serialEndFromEnd = 0
            checkFromEnd = 0
            auxStart = 0
            auxCount = 0
            return
        }
        required = rule.strength == .required
        serialStart = rule.serialStart
        serialEndFromEnd = rule.serialEndFromEnd
        checkFromEnd = rule.checkFromEnd
        auxStart = aux.count
        switch rule.algorithm {
        case .s10: kind = .s10
        case .mod7: kind = .mod7
        case .ups: kind = .ups
        case .iso7064Mod37_36: kind = .iso7064
        case .gs1Mod10(let prefix):
            kind = .gs1
            aux.append(contentsOf: prefix.map(Int.init))
        case .weightedMod11Mod10(let weights):
            kind = .weightedMod11
            aux.append(contentsOf: weights)
        }
        auxCount = aux.count - auxStart
    }
}

/// The outcome of a format's check digit on one input.
public enum CheckOutcome: UInt8, Sendable {
    /// The format has no check digit.
    case none
    case passed
    case failed
}

/// One format that matched an input, judged.
struct Evaluation {
    var format: Int32
    /// The carrier (for S10, the operator of the country suffix); −1 when unknown.
    var carrier: Int32
    var valid: Bool
    var check: CheckOutcome
    /// The check symbol the algorithm expects, when it could be computed.
    var expected: UInt8
    var confidence: Double
    /// Index into `CarrierRegistry.s10Services`, −1 for other formats or unallocated services.
    var s10Service: Int8
    /// Valid with evidence beyond length: a check digit that passed or a distinctive prefix.
    var strong: Bool
}

/// Detection over a registry's tables through unsafe pointers, valid only
/// inside `CarrierRegistry.withEngine`. One engine serves a whole batch.
struct DetectionEngine {
    let templates: UnsafeBufferPointer<CarrierRegistry.Template>
    let lengthStart: UnsafeBufferPointer<Int32>
    let masks: UnsafeBufferPointer<UInt64>
    let runtime: UnsafeBufferPointer<FormatRuntime>
    let aux: UnsafeBufferPointer<Int>
    let s10OperatorCarrier: UnsafeBufferPointer<Int32>
    let s10ServiceIndex: UnsafeBufferPointer<Int8>
    let carrierAdjustment: UnsafeBufferPointer<Double>
    let destinationAdjustment: UnsafeBufferPointer<Double>
    let maxLength: Int

    static let requiredPassBonus = 0.25
    static let signalPassBonus = 0.20
    static let signalFailPenalty = 0.15

    /// Calls `visit` for every format whose pattern matches `symbols[0..<count]`.
    @inline(__always)
    func evaluate(
        _ symbols: UnsafeBufferPointer<UInt8>, count: Int, allDigits: Bool, evidenceOnly: Bool = false,
        visit: (Evaluation) -> Void
    ) {
        guard count > 0, count <= maxLength else { return }
        let start = Int(lengthStart[count])
        let end = Int(lengthStart[count + 1])
        // Formats sharing a check rule (three Korean carriers' mod 7) compute it once.
        var cache = CheckCache()
        var index = start
        while index < end {
            let template = templates[index]
            index += 1
            if evidenceOnly, !canBeStrong(template) { continue }
            if !(allDigits && template.allDigits), !fits(template, symbols, count: count) { continue }
            visit(judge(template, symbols, count: count, cache: &cache))
        }
    }

    /// Whether every symbol is one the template allows at its position.
    @inline(__always)
    func fits(_ template: CarrierRegistry.Template, _ symbols: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        var offset = Int(template.maskOffset)
        var position = 0
        while position < count {
            if masks[offset] & (1 &<< UInt64(symbols[position])) == 0 { return false }
            offset += 1
            position += 1
        }
        return true
    }

    /// Whether a match could ever count as evidence: a check digit to pass or a distinctive prefix.
    /// Suggestions skip the rest (plain "any 12 digits" formats).
    @inline(__always)
    func canBeStrong(_ template: CarrierRegistry.Template) -> Bool {
        let rule = runtime[Int(template.format)]
        return rule.kind != .none || rule.distinctive
    }

    /// The last check digit computed, keyed by its rule.
    struct CheckCache {
        var key = -1
        var expected: UInt8 = 0
    }

    /// Judges symbols that fit `template`: carrier, check digit, validity, confidence.
    @inline(__always)
    func judge(
        _ template: CarrierRegistry.Template, _ symbols: UnsafeBufferPointer<UInt8>, count: Int,
        cache: inout CheckCache
    ) -> Evaluation {
        let rule = runtime[Int(template.format)]
        var carrier = rule.carrier
        var s10Service: Int8 = -1
        var structurallyValid = true
        if rule.isS10 {
            let country = Int(symbols[count - 2] &- 10) * 26 + Int(symbols[count - 1] &- 10)
            carrier = s10OperatorCarrier[country]
            s10Service = s10ServiceIndex[Int(symbols[0] &- 10) * 26 + Int(symbols[1] &- 10)]
            structurallyValid = carrier >= 0 && s10Service >= 0
        }
        var check = CheckOutcome.none
        var expected: UInt8 = Symbol.other
        if rule.kind != .none {
            let key =
                Int(rule.kind.rawValue) | rule.serialStart << 4 | rule.serialEndFromEnd << 12 | rule.auxStart << 20
            if key == cache.key {
                expected = cache.expected
            } else {
                expected = computeExpected(rule, symbols, count: count)
                cache.key = key
                cache.expected = expected
            }
            check = symbols[count - rule.checkFromEnd] == expected ? .passed : .failed
        }
        let valid = structurallyValid && !(rule.required && check == .failed)
        var confidence = rule.prior
        switch check {
        case .passed: confidence += rule.required ? Self.requiredPassBonus : Self.signalPassBonus
        case .failed: confidence -= Self.signalFailPenalty
        case .none: break
        }
        if carrier >= 0 {
            confidence += carrierAdjustment[Int(carrier)]
            if !rule.isS10 { confidence += destinationAdjustment[Int(carrier)] }
        }
        if !valid { confidence = min(confidence, 0.3) * 0.5 }
        confidence = min(max(confidence, 0.01), 0.99)
        return Evaluation(
            format: template.format, carrier: carrier, valid: valid, check: check, expected: expected,
            confidence: confidence, s10Service: s10Service, strong: valid && (check == .passed || rule.distinctive))
    }

    @inline(__always)
    func computeExpected(_ rule: FormatRuntime, _ symbols: UnsafeBufferPointer<UInt8>, count: Int) -> UInt8 {
        let serialEnd = count - rule.serialEndFromEnd
        guard rule.serialStart <= serialEnd else { return Symbol.other }
        let serial = UnsafeBufferPointer(rebasing: symbols[rule.serialStart..<serialEnd])
        let auxSlice = UnsafeBufferPointer(rebasing: aux[rule.auxStart..<(rule.auxStart + rule.auxCount)])
        let result: UInt8?
        switch rule.kind {
        case .none: result = nil
        case .s10: result = CheckDigits.s10(serial)
        case .mod7: result = CheckDigits.mod7(serial)
        case .ups: result = CheckDigits.ups(serial)
        case .iso7064: result = CheckDigits.iso7064Mod37_36(serial)
        case .gs1:
            result =
                auxSlice.isEmpty
                ? CheckDigits.gs1Mod10(serial) : CheckDigits.gs1Mod10(serial, prefix: auxSlice.lazy.map { UInt8($0) })
        case .weightedMod11: result = CheckDigits.weightedMod11Mod10(serial, weights: auxSlice)
        }
        return result ?? Symbol.other
    }

    /// The most confident valid evaluation (earliest registry order wins ties).
    @inline(__always)
    func best(_ symbols: UnsafeBufferPointer<UInt8>, count: Int, allDigits: Bool) -> Evaluation? {
        var best: Evaluation?
        evaluate(symbols, count: count, allDigits: allDigits) { evaluation in
            guard evaluation.valid else { return }
            if let current = best, current.confidence >= evaluation.confidence { return }
            best = evaluation
        }
        return best
    }
}

extension CarrierRegistry {
    /// Runs `body` with an engine over this registry's tables and `context`'s adjustments.
    func withEngine<Result>(_ context: PreparedContext, _ body: (DetectionEngine) throws -> Result) rethrows
        -> Result
    {
        try templates.withUnsafeBufferPointer { templates in
            try lengthStart.withUnsafeBufferPointer { lengthStart in
                try masks.withUnsafeBufferPointer { masks in
                    try runtime.withUnsafeBufferPointer { runtime in
                        try aux.withUnsafeBufferPointer { aux in
                            try s10OperatorCarrier.withUnsafeBufferPointer { operators in
                                try s10ServiceIndex.withUnsafeBufferPointer { services in
                                    try context.carrierAdjustment.withUnsafeBufferPointer { carrierAdjustment in
                                        try context.destinationAdjustment.withUnsafeBufferPointer {
                                            destinationAdjustment in
                                            try body(
                                                DetectionEngine(
                                                    templates: templates, lengthStart: lengthStart, masks: masks,
                                                    runtime: runtime, aux: aux, s10OperatorCarrier: operators,
                                                    s10ServiceIndex: services, carrierAdjustment: carrierAdjustment,
                                                    destinationAdjustment: destinationAdjustment,
                                                    maxLength: maxLength))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
