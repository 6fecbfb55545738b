/// One event as a source reported it: nothing is thrown away, so a seller can
/// always see the carrier's own words next to ParcelDesk's reading of them.
public struct RawTrackingEvent: Sendable, Hashable {
    /// Who reported it: a carrier (`cjlogistics`, `cainiao`), an aggregator
    /// (`17track`, `aftership`) or Korean customs (`unipass`).
    public var source: String
    /// The carrier whose scan this is (`kr.customs` for UNI-PASS progress).
    public var carrier: String
    public var trackingNumber: String
    /// The carrier's local time with its offset.
    public var time: Timestamp
    /// The source's own status code (CJ `crgSt`, a Cainiao action code, a 17TRACK sub-status…).
    public var code: String?
    public var text: String
    public var location: String?

    public init(
        source: String, carrier: String, trackingNumber: String, time: Timestamp, code: String? = nil,
        text: String, location: String? = nil
    ) {
        self.source = source
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.time = time
        self.code = code
        self.text = text
        self.location = location
    }

    /// Korean customs progress is reported under this carrier id.
    public static let customsCarrier = "kr.customs"

    public var isCustoms: Bool { carrier == Self.customsCarrier || source == "unipass" }
}

/// What ParcelDesk reads in one event.
public struct EventClassification: Sendable, Hashable {
    public var status: TrackingStatus?
    public var milestone: Milestone?
    public var customsStage: CustomsStage?
    public var reason: ExceptionReason?
    /// A customs event that does not say whether it is export or import; the
    /// timeline decides from where it falls relative to departure.
    public var customsDirectionUnknown = false
    public var matchedBy: MatchKind = .none

    public enum MatchKind: String, Sendable, Hashable {
        /// The source's status code was in its table.
        case code
        /// A phrase from the source's own vocabulary.
        case phrase
        /// A general Korean, Chinese or English keyword.
        case keyword
        case none
    }

    public static let unknown = EventClassification()

    public init(
        status: TrackingStatus? = nil, milestone: Milestone? = nil, customsStage: CustomsStage? = nil,
        reason: ExceptionReason? = nil, customsDirectionUnknown: Bool = false
    ) {
        self.milestone = milestone
        self.customsStage = customsStage
        self.reason = reason
        self.customsDirectionUnknown = customsDirectionUnknown
        self.status = status ?? milestone.map(Self.status(for:)) ?? (customsStage != nil ? .inTransit : nil)
    }

    public var isUnknown: Bool { status == nil && milestone == nil && customsStage == nil }

    /// The top-level status a milestone implies.
    public static func status(for milestone: Milestone) -> TrackingStatus {
        switch milestone {
        case .labelCreated: .infoReceived
        case .pickedUp, .originFacility, .exportCustoms, .departedOrigin, .arrivedDestination, .importCustoms,
            .handedToLastMile, .lastMileTransit:
            .inTransit
        case .dutiesDue: .exception
        case .outForDelivery: .outForDelivery
        case .deliveryFailed: .attemptFailed
        case .heldForPickup: .availableForPickup
        case .delivered: .delivered
        case .returning, .returned, .lost, .damaged, .cancelled: .exception
        }
    }
}
