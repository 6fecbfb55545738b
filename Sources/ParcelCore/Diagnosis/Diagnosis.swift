/// The ways tracking gets tangled, and the trouble a seller must see coming.
public enum DiagnosisCode: String, Sendable, Hashable, CaseIterable, Codable {
    case numberInvalid = "number_invalid"
    case numberFixable = "number_fixable"
    case carrierMismatch = "carrier_mismatch"
    case numberDuplicate = "number_duplicate"
    case untrackedService = "untracked_service"
    case notActivated = "not_activated"
    case stalledOrigin = "stalled_origin"
    case stalledInternational = "stalled_international"
    case customsLoop = "customs_loop"
    case dutiesDue = "duties_due"
    case handoffMissing = "handoff_missing"
    case sourcesDisagree = "sources_disagree"
    case longSilence = "long_silence"
    case refundEligible = "refund_eligible"
    case eventAnomaly = "event_anomaly"
    case late
    case deadlineNear = "deadline_near"
}

/// How soon the seller must look. Ordered: the queue sorts by it.
public enum Severity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Normal; worth telling the buyer.
    case info
    /// Not yet a problem; keep an eye on it.
    case watch
    /// Needs the seller today.
    case act
    /// Money or the buyer's trust is at stake now.
    case urgent

    public var rank: Int {
        switch self {
        case .info: 0
        case .watch: 1
        case .act: 2
        case .urgent: 3
        }
    }

    public static func < (left: Severity, right: Severity) -> Bool { left.rank < right.rank }
}

/// One finding about a shipment.
public struct Diagnosis: Sendable, Hashable {
    public let code: DiagnosisCode
    public let severity: Severity
    /// How sure the rule is, 0–1.
    public let confidence: Double
    /// When the condition started (the silence began, the stage first appeared…).
    public let since: Timestamp
    public let evidence: Evidence
    /// The figures the explanation and the messages are written from.
    public let figures: Figures

    public init(
        code: DiagnosisCode, severity: Severity, confidence: Double, since: Timestamp, evidence: Evidence = Evidence(),
        figures: Figures = Figures()
    ) {
        self.code = code
        self.severity = severity
        self.confidence = confidence
        self.since = since
        self.evidence = evidence
        self.figures = figures
    }

    /// What the finding rests on.
    public struct Evidence: Sendable, Hashable {
        /// Positions in the merged timeline.
        public var entries: [Int] = []
        /// Tracking numbers involved (a suggested fix, the other carrier's reading…).
        public var numbers: [String] = []
        /// Other orders involved.
        public var orders: [String] = []
        /// Sources involved.
        public var sources: [String] = []

        public init(entries: [Int] = [], numbers: [String] = [], orders: [String] = [], sources: [String] = []) {
            self.entries = entries
            self.numbers = numbers
            self.orders = orders
            self.sources = sources
        }
    }

    /// Figures behind the words: how long, against what threshold, which deadline.
    public struct Figures: Sendable, Hashable {
        /// How long the condition has lasted, in hours.
        public var elapsedHours: Double?
        /// The policy threshold it was measured against, in hours.
        public var thresholdHours: Double?
        /// A deadline (promised date, refund eligibility, dispute window…).
        public var deadline: Timestamp?
        public var deadlineKind: DeadlineKind?
        /// The carrier the number really fits, for a mismatch.
        public var suggestedCarrier: String?
        /// Customs stage that repeats or holds.
        public var customsStage: CustomsStage?
        /// How many times a customs stage repeated.
        public var repeats: Int?
        /// The number has a valid shape; only its carrier's usual check digit disagrees.
        public var checkDigitOnly = false
        /// Lagging and leading source for a disagreement, with their readings.
        public var laggingSource: String?
        public var leadingSource: String?
        /// What each source shows (a milestone or customs stage where known).
        public var laggingState: LocalizedText?
        public var leadingState: LocalizedText?

        public init() {}
    }

    public enum DeadlineKind: String, Sendable, Hashable {
        case promisedDelivery = "promised_delivery"
        case refundEligibility = "refund_eligibility"
        case disputeWindow = "dispute_window"
        case autoConfirm = "auto_confirm"
    }
}
