import Foundation

/// Reads tracking numbers: normalizes what a person pasted, finds every
/// carrier format it fits, judges check digits, and ranks the candidates.
///
/// Two paths share one engine: `verdict`/`summarize` decide validity and the
/// best carrier without allocating (millions of numbers a second), and
/// `check` builds the full report a person or an API client reads.
public struct NumberDetector: Sendable {
    public let registry: CarrierRegistry

    /// Symbols kept per input; longer inputs are still counted (and invalid).
    static let symbolCapacity = 128

    public init(registry: CarrierRegistry = .standard) {
        self.registry = registry
    }

    public func prepare(_ context: DetectionContext) -> PreparedContext {
        PreparedContext(context, registry: registry)
    }

    /// Whether a number is valid and which carrier it most likely belongs to.
    public struct Verdict: Sendable, Equatable {
        public let valid: Bool
        /// Index into `registry.carriers`, −1 when no candidate is valid.
        public let carrier: Int32
        /// The input had only white space: it is skipped, not judged.
        public let blank: Bool
        /// Valid, but the best carrier's usual check digit does not match: a likely slip.
        public var checkFailed = false
    }

    public func verdict(_ input: String, context: PreparedContext) -> Verdict {
        var input = input
        return input.withUTF8 { bytes in
            registry.withEngine(context) { engine in verdict(bytes, engine: engine) }
        }
    }

    @inline(__always)
    func verdict(_ bytes: UnsafeBufferPointer<UInt8>, engine: DetectionEngine) -> Verdict {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.symbolCapacity) { symbols in
            var sink = DiscardText()
            let shape = Normalizer.normalize(bytes, into: symbols, text: &sink)
            if shape.count == 0 {
                let blank = shape.fixes.subtracting([.trimmed, .removedSpaces, .fullWidth]).isEmpty
                return Verdict(valid: false, carrier: -1, blank: blank)
            }
            guard shape.count <= engine.maxLength, shape.otherCount == 0 else {
                return Verdict(valid: false, carrier: -1, blank: false)
            }
            let stored = UnsafeBufferPointer(symbols)
            guard let best = engine.best(stored, count: shape.count, allDigits: shape.letterCount == 0) else {
                return Verdict(valid: false, carrier: -1, blank: false)
            }
            return Verdict(valid: true, carrier: best.carrier, blank: false, checkFailed: best.check == .failed)
        }
    }

    /// Counts of a batch, as `check --summary` prints them.
    public struct Summary: Sendable, Equatable {
        public var total = 0
        public var valid = 0
        public var invalid: Int { total - valid }
        /// Valid numbers per carrier index.
        public var byCarrier: [Int]

        public init(carrierCount: Int) {
            byCarrier = Array(repeating: 0, count: carrierCount)
        }

        public mutating func add(_ verdict: Verdict) {
            guard !verdict.blank else { return }
            total += 1
            if verdict.valid {
                valid += 1
                byCarrier[Int(verdict.carrier)] += 1
            }
        }
    }

    /// Judges every complete line of `text` (LF or CRLF endings) into `summary`
    /// and returns how many bytes were consumed; an unterminated last line is
    /// left for the next call unless `final` is set.
    @discardableResult
    public func summarize(
        _ text: UnsafeBufferPointer<UInt8>, context: PreparedContext, final: Bool, into summary: inout Summary
    ) -> Int {
        registry.withEngine(context) { engine in
            var lineStart = 0
            let count = text.count
            guard let base = text.baseAddress else { return 0 }
            while lineStart < count {
                // memchr scans for the newline many bytes at a time.
                guard let found = memchr(base + lineStart, 0x0A, count - lineStart) else { break }
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var lineEnd = newline
                if lineEnd > lineStart, text[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                summary.add(verdict(UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd]), engine: engine))
                lineStart = newline + 1
            }
            if final, lineStart < count {
                var lineEnd = count
                if text[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                summary.add(verdict(UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd]), engine: engine))
                lineStart = count
            }
            return lineStart
        }
    }
}

extension NumberDetector {
    /// A line with nothing but Unicode white space: `check` skips it rather than judging it.
    public static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }
}
