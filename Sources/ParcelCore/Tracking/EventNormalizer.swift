/// Reads raw events: the source's code table first (a coarse code gives way to
/// one of the source's phrases in the words), then its phrases, then general
/// keywords, and `unknown` — kept honest — when nothing fits.
public struct EventNormalizer: Sendable {
    public let vocabularies: [StatusVocabulary]
    /// Source aliases (group 0), carrier ids (group 1) and aggregator sources
    /// (group 2), ASCII case aside: looked up once per source of a timeline.
    private let names: ExactMatcher
    /// Status codes of every vocabulary (group = vocabulary), exact and case-insensitive.
    private let codes: ExactMatcher
    private let codeClassifications: [EventClassification]
    /// Per code classification: its vocabulary's phrases may refine it.
    private let codeIsCoarse: [Bool]
    private let matcher: PhraseMatcher
    private let phraseClassifications: [EventClassification]
    /// Phrase values from here on are general keywords, not a source's own phrases.
    private let keywordStart: Int

    public static let standard = EventNormalizer(vocabularies: StatusVocabulary.standard)

    /// Sources that repeat carriers' scans; a carrier's own words are preferred.
    public static let aggregatorSources = ["17track", "aftership", "trackerdelivery", "tracker.delivery"]

    public init(
        vocabularies: [StatusVocabulary], keywords: [(String, EventClassification)] = StatusVocabulary.keywords,
        aggregators: [String] = Self.aggregatorSources
    ) {
        self.vocabularies = vocabularies
        var names: [(key: String, group: Int32, value: Int32)] = []
        var codeKeys: [(key: String, group: Int32, value: Int32)] = []
        var codeClassifications: [EventClassification] = []
        var codeIsCoarse: [Bool] = []
        var phrases: [PhraseMatcher.Phrase] = []
        var classifications: [EventClassification] = []
        for (index, vocabulary) in vocabularies.enumerated() {
            for alias in [vocabulary.id] + vocabulary.aliases { names.append((alias, 0, Int32(index))) }
            for carrier in vocabulary.carriers { names.append((carrier, 1, Int32(index))) }
            for (code, classification) in vocabulary.codes.sorted(by: { $0.key < $1.key }) {
                codeKeys.append((code, Int32(index), Int32(codeClassifications.count)))
                codeClassifications.append(classification)
                codeIsCoarse.append(vocabulary.coarseCodes.contains(code))
            }
            for (rank, (text, classification)) in vocabulary.phrases.enumerated() {
                phrases.append(
                    PhraseMatcher.Phrase(
                        text, rank: Int32(rank), group: Int32(index + 1), value: Int32(classifications.count)))
                classifications.append(classification)
            }
        }
        // General keywords rank after every source's own phrases.
        let keywordStart = classifications.count
        for (rank, (text, classification)) in keywords.enumerated() {
            phrases.append(
                PhraseMatcher.Phrase(text, rank: Int32(100_000 + rank), group: 0, value: Int32(classifications.count)))
            classifications.append(classification)
        }
        for source in aggregators { names.append((source, 2, 1)) }
        self.names = ExactMatcher(names)
        self.codes = ExactMatcher(codeKeys)
        self.codeClassifications = codeClassifications
        self.codeIsCoarse = codeIsCoarse
        self.matcher = PhraseMatcher(phrases)
        self.phraseClassifications = classifications
        self.keywordStart = keywordStart
    }

    /// The vocabulary for an event: named by its source, else by its carrier.
    public func vocabulary(source: String, carrier: String) -> StatusVocabulary? {
        vocabularyIndex(source: source, carrier: carrier).map { vocabularies[$0] }
    }

    func vocabularyIndex(source: String, carrier: String) -> Int? {
        (names.value(for: source, group: 0) ?? names.value(for: carrier, group: 1)).map(Int.init)
    }

    /// Whether a source only repeats carriers' scans.
    public func isAggregator(_ source: String) -> Bool { names.value(for: source, group: 2) != nil }

    public func classify(_ event: RawTrackingEvent) -> EventClassification {
        classify(source: event.source, carrier: event.carrier, code: event.code, text: event.text)
    }

    public func classify(source: String, carrier: String, code: String?, text: String) -> EventClassification {
        classify(vocabulary: vocabularyIndex(source: source, carrier: carrier), code: code, text: text)
    }

    func classify(vocabulary: Int?, code: String?, text: String) -> EventClassification {
        if let vocabulary, let code, !code.isEmpty, let value = codes.value(for: code, group: Int32(vocabulary)) {
            var found = codeClassifications[Int(value)]
            // A coarse code gives way to the source's own phrase for the scan; general keywords do not count.
            if codeIsCoarse[Int(value)], let phrase = matcher.bestMatch(in: text, group: Int32(vocabulary + 1)),
                Int(phrase) < keywordStart, phraseClassifications[Int(phrase)] != found
            {
                found = phraseClassifications[Int(phrase)]
                found.matchedBy = .phrase
                return found
            }
            found.matchedBy = .code
            return found
        }
        let group = vocabulary.map { Int32($0 + 1) } ?? -1
        guard let value = matcher.bestMatch(in: text, group: group) else { return .unknown }
        var found = phraseClassifications[Int(value)]
        found.matchedBy = Int(value) >= keywordStart ? .keyword : .phrase
        return found
    }

    /// The clock a source's times are on when they carry no offset: the
    /// vocabulary's, else the carrier's home country's when it has one zone.
    public func defaultUTCOffset(source: String, carrier: String, registry: CarrierRegistry = .standard) -> Int? {
        if let vocabulary = vocabulary(source: source, carrier: carrier), let offset = vocabulary.utcOffset {
            return offset
        }
        let country =
            registry.carrier(id: carrier)?.country ?? (carrier == RawTrackingEvent.customsCarrier ? "KR" : nil)
        return country.flatMap { Self.singleZoneOffsets[$0] }
    }

    /// Countries with one civil time zone and no daylight saving.
    static let singleZoneOffsets: [String: Int] = [
        "KR": 9 * 3600, "JP": 9 * 3600, "CN": 8 * 3600, "HK": 8 * 3600, "TW": 8 * 3600, "MO": 8 * 3600,
        "SG": 8 * 3600, "MY": 8 * 3600, "PH": 8 * 3600, "TH": 7 * 3600, "VN": 7 * 3600, "IN": 19_800,
    ]
}
