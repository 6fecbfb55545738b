import Foundation
import Testing

@testable import ParcelCore

/// Random and mutated inputs: detection never crashes and every report is
/// well-formed JSON whose fields agree with each other.
@Suite("Property: any input gives a well-formed report")
struct PropertyTests {
    let detector = NumberDetector()

    /// Pieces people and spreadsheets actually produce, plus raw noise.
    static let alphabet: [String] = {
        var pieces = (0...9).map(String.init) + (65...90).map { String(UnicodeScalar($0)) }
        pieces += ["a", "z", "o", "l", " ", "-", ".", "\t", "#", "/", "\"", "'", "=", "+", "E", "송", "장", "号"]
        pieces += ["\u{200B}", "\u{FEFF}", "\u{3000}", "\u{00A0}", "Ｌ", "Ｐ", "０", "９", "－", "\u{0085}", "\u{1F4E6}"]
        return pieces
    }()

    func randomInput(_ random: inout SeededRandom) -> String {
        switch random.below(4) {
        case 0:
            // Raw bytes, decoded the way standard input is.
            let bytes = (0..<random.below(40)).map { _ in UInt8(random.below(256)) }
            return String(decoding: bytes, as: UTF8.self)
        case 1:
            return (0..<random.below(30)).map { _ in random.pick(Self.alphabet) }.joined()
        case 2:
            // A real number with a few random pieces spliced in.
            var characters = Array(random.pick(NumberCorpus().lines(count: 50, seed: UInt64(random.below(1000)))))
            for _ in 0..<random.below(3) where !characters.isEmpty {
                characters.insert(Character(random.pick(Self.alphabet)), at: random.below(characters.count))
            }
            return String(characters)
        default:
            return String(repeating: random.pick(Self.alphabet), count: random.below(150))
        }
    }

    @Test("10,000 random inputs: no crash, valid JSON, consistent fields")
    func randomInputs() throws {
        var random = SeededRandom(seed: 20261122)
        let contexts = try ["", "carrier=kr.lotte", "destination=US,marketplace=aliexpress", "option=untracked"].map {
            detector.prepare(try DetectionContext.parse($0))
        }
        let knownFixes = Set(NormalizationFixes.codes.map(\.1))
        for _ in 0..<10_000 {
            let input = randomInput(&random)
            let context = random.pick(contexts)
            // MUT
            let report = detector.check(input, context: context)
            let verdict = detector.verdict(input, context: context)
            // validate: the JSON line parses and carries the contract's fields.
            let line = report.jsonLine()
            #expect(!line.contains("\n"))
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(input.debugDescription)")
            for key in [
                "input", "normalized", "fixes", "valid", "carrier", "format", "candidates", "suggestions", "warnings",
                "s10", "trackingUrl",
            ] {
                #expect(object[key] != nil, "missing \(key) for \(input.debugDescription)")
            }
            #expect(object["input"] as? String == input)
            // Fields agree.
            #expect(report.valid == report.candidates.contains(where: \.valid))
            #expect(report.valid == verdict.valid || verdict.blank)
            #expect(report.carrier == report.candidates.first(where: \.valid)?.carrier)
            #expect((report.carrier == nil) == (report.trackingURL == nil))
            #expect(Set(report.fixes).isSubset(of: knownFixes))
            #expect(!report.normalized.contains { $0.isWhitespace || ($0.isASCII && $0.isLowercase) })
            #expect(report.suggestions.count <= NumberDetector.maxSuggestions)
            for candidate in report.candidates { #expect((0...1).contains(candidate.confidence)) }
            let validFirst = report.candidates.map(\.valid)
            #expect(validFirst == validFirst.sorted { $0 && !$1 })
        }
    }

    @Test("every suggestion is one edit away and valid on its own")
    func suggestionsAreOneEditAway() {
        var random = SeededRandom(seed: 7)
        let corpus = NumberCorpus()
        var checked = 0
        while checked < 300 {
            var symbols = corpus.validSymbols(
                formatIndex: random.below(corpus.registry.formats.count), using: &random, honourSignal: true)
            corpus.slip(&symbols, using: &random)
            let report = detector.check(Symbol.text(of: symbols))
            guard !report.suggestions.isEmpty else { continue }
            checked += 1
            for suggestion in report.suggestions {
                #expect(
                    Self.editDistance(Array(report.normalized), Array(suggestion.number)) == 1,
                    "\(report.normalized) → \(suggestion.number)")
                #expect(
                    detector.check(suggestion.number).candidates.contains {
                        $0.valid && $0.carrier == suggestion.carrier
                    })
            }
        }
    }

    /// Damerau–Levenshtein distance (adjacent swaps count as one edit).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
