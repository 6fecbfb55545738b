/// One carrier's part of a journey: the consolidator's number, then the
/// Korean carrier's new number after customs.
public struct ShipmentLeg: Sendable, Hashable {
    public var carrier: String
    public var trackingNumber: String

    public init(carrier: String, trackingNumber: String) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }
}

/// Something in the timeline that cannot be right as reported.
public enum TimelineAnomaly: String, Sendable, Hashable {
    /// An event after delivery (or a completed return) that is not a return.
    case afterFinalState = "after_final_state"
    /// Delivered before the seller shipped.
    case deliveredBeforeShipment = "delivered_before_shipment"
}

/// One step of the merged timeline.
public struct TimelineEntry: Sendable, Hashable {
    public var time: Timestamp
    public var status: TrackingStatus?
    public var milestone: Milestone?
    public var customsStage: CustomsStage?
    public var reason: ExceptionReason?
    public var matchedBy: EventClassification.MatchKind
    public var text: String
    public var code: String?
    public var location: String?
    /// Every source that reported this scan, the carrier's own first.
    public var sources: [String]
    public var leg: Int
    public var carrier: String
    public var anomaly: TimelineAnomaly?
    /// Positions of the raw events this entry stands for.
    public var rawIndices: [Int]

    /// The carrier had the parcel in hand (not a label, not an aggregator's "not found").
    public var isCarrierScan: Bool {
        guard let milestone else { return status == .inTransit || status == .exception }
        return milestone.isCarrierScan
    }
}

/// Every source and leg of one shipment, merged.
public struct Timeline: Sendable, Hashable {
    public var legs: [ShipmentLeg]
    /// In real-time order, duplicates merged, anomalies marked (and not counted).
    public var entries: [TimelineEntry]
    public var status: TrackingStatus
    public var milestone: Milestone?
    public var lastEventAt: Timestamp?
    /// Reports of a scan already in the timeline (another source, or a resend).
    public var duplicatesMerged: Int

    public static let empty = Timeline(
        legs: [], entries: [], status: .pending, milestone: nil, lastEventAt: nil, duplicatesMerged: 0)

    /// Entries that count (not anomalies).
    public var accepted: LazyFilterSequence<[TimelineEntry]> { entries.lazy.filter { $0.anomaly == nil } }

    public var hasCarrierScan: Bool { entries.contains { $0.anomaly == nil && $0.isCarrierScan } }
}

/// Merges raw events from every source and leg into one timeline.
public struct TimelineBuilder: Sendable {
    public let normalizer: EventNormalizer

    /// Sources that repeat carriers' scans; a carrier's own words are preferred.
    public static let aggregators: Set<String> = ["17track", "aftership", "trackerdelivery", "tracker.delivery"]

    /// Reports of one scan by two sources land within this many seconds of each other.
    static let sameScanWindow = 120.0
    /// …or within this many when they also agree on the place.
    static let samePlaceWindow = 900.0

    public init(normalizer: EventNormalizer = .standard) {
        self.normalizer = normalizer
    }

    /// - Parameters:
    ///   - firstLeg: the shipment's own carrier and number.
    ///   - crossBorder: origin and destination differ (customs, a hand-off to a domestic carrier).
    public func build(
        _ events: [RawTrackingEvent], firstLeg: ShipmentLeg, crossBorder: Bool, shippedAt: Timestamp?
    ) -> Timeline {
        guard !events.isEmpty else {
            return Timeline(
                legs: [firstLeg], entries: [], status: .pending, milestone: nil, lastEventAt: nil, duplicatesMerged: 0)
        }
        let firstNumber = Self.canonical(firstLeg.trackingNumber)
        var legs = [firstLeg]
        var legNumbers = [firstNumber]
        var legFirstSeen: [Timestamp?] = [nil]

        var entries: [TimelineEntry] = []
        entries.reserveCapacity(events.count)
        var unknownDirection: Set<Int> = []
        for (index, event) in events.enumerated() {
            let classification = normalizer.classify(event)
            var leg = 0
            if !event.isCustoms {
                let number = Self.canonical(event.trackingNumber)
                if number != firstNumber {
                    if let known = legNumbers.firstIndex(of: number) {
                        leg = known
                    } else {
                        leg = legs.count
                        legs.append(ShipmentLeg(carrier: event.carrier, trackingNumber: event.trackingNumber))
                        legNumbers.append(number)
                        legFirstSeen.append(nil)
                    }
                }
            }
            if legFirstSeen[leg].map({ event.time < $0 }) ?? true { legFirstSeen[leg] = event.time }
            entries.append(
                TimelineEntry(
                    time: event.time, status: classification.status, milestone: classification.milestone,
                    customsStage: classification.customsStage, reason: classification.reason,
                    matchedBy: classification.matchedBy, text: event.text, code: event.code,
                    location: event.location, sources: [event.source], leg: leg,
                    carrier: event.isCustoms ? RawTrackingEvent.customsCarrier : event.carrier, anomaly: nil,
                    rawIndices: [index]))
            if classification.customsDirectionUnknown { unknownDirection.insert(index) }
        }
        // Later legs in the order they first appeared.
        if legs.count > 2 {
            let order = [0] + (1..<legs.count).sorted { legFirstSeen[$0]! < legFirstSeen[$1]! }
            var renumber = [Int](repeating: 0, count: legs.count)
            for (position, old) in order.enumerated() { renumber[old] = position }
            legs = order.map { legs[$0] }
            for index in entries.indices { entries[index].leg = renumber[entries[index].leg] }
        }
        entries.sort { left, right in
            left.time != right.time ? left.time < right.time : left.rawIndices[0] < right.rawIndices[0]
        }
        var merged = Self.mergeDuplicates(entries)
        Self.resolveContext(&merged.entries, unknownDirection: unknownDirection, crossBorder: crossBorder)
        return Self.resolveStatus(merged.entries, legs: legs, shippedAt: shippedAt, duplicates: merged.duplicates)
    }

    /// Tracking numbers compared the way people mean them: case and separators aside.
    static func canonical(_ number: String) -> String {
        if number.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }) { return number }
        return String(number.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    static func mergeDuplicates(_ sorted: [TimelineEntry]) -> (entries: [TimelineEntry], duplicates: Int) {
        var result: [TimelineEntry] = []
        result.reserveCapacity(sorted.count)
        var duplicates = 0
        for entry in sorted {
            var matched: Int?
            var back = result.count - 1
            while back >= 0, entry.time.epochSeconds - result[back].time.epochSeconds <= samePlaceWindow {
                if isSameScan(result[back], entry) {
                    matched = back
                    break
                }
                back -= 1
            }
            guard let matched else {
                result.append(entry)
                continue
            }
            duplicates += 1
            var kept = result[matched]
            let keepNewWording = aggregators.contains(kept.sources[0]) && !aggregators.contains(entry.sources[0])
            if keepNewWording {
                kept.text = entry.text
                kept.code = entry.code
                kept.location = entry.location ?? kept.location
                kept.sources.insert(contentsOf: entry.sources.filter { !kept.sources.contains($0) }, at: 0)
            } else {
                kept.sources.append(contentsOf: entry.sources.filter { !kept.sources.contains($0) })
                if kept.location == nil { kept.location = entry.location }
            }
            // The more specific reading wins.
            if kept.milestone == nil, entry.milestone != nil {
                kept.milestone = entry.milestone
                kept.status = entry.status
            }
            if kept.customsStage == nil { kept.customsStage = entry.customsStage }
            if kept.reason == nil { kept.reason = entry.reason }
            kept.rawIndices.append(contentsOf: entry.rawIndices)
            result[matched] = kept
        }
        return (result, duplicates)
    }

    static func isSameScan(_ earlier: TimelineEntry, _ later: TimelineEntry) -> Bool {
        guard earlier.leg == later.leg else { return false }
        let gap = later.time.epochSeconds - earlier.time.epochSeconds
        if earlier.status == nil || later.status == nil {
            return gap <= sameScanWindow && earlier.text == later.text && earlier.status == later.status
        }
        guard earlier.status == later.status else { return false }
        if let first = earlier.milestone, let second = later.milestone, first != second { return false }
        if let first = earlier.customsStage, let second = later.customsStage, first != second { return false }
        // Two scans by the same source are only the same when they read the same.
        if earlier.sources == later.sources, earlier.text != later.text || earlier.code != later.code { return false }
        if gap <= sameScanWindow { return true }
        guard let first = earlier.location, let second = later.location else { return false }
        return normalizedPlace(first) == normalizedPlace(second)
    }

    static func normalizedPlace(_ place: String) -> String {
        place.lowercased().filter { !$0.isWhitespace }
    }

    /// Readings that depend on the rest of the timeline.
    static func resolveContext(_ entries: inout [TimelineEntry], unknownDirection: Set<Int>, crossBorder: Bool) {
        guard crossBorder else { return }
        // Customs seen before the parcel left the origin country is export customs.
        let departure = entries.firstIndex { entry in
            entry.milestone.map { $0 >= .departedOrigin && $0 != .exportCustoms } ?? false
                && !unknownDirection.contains(entry.rawIndices[0])
        }
        for index in entries.indices where entries[index].rawIndices.contains(where: unknownDirection.contains) {
            if departure.map({ index < $0 }) ?? true, entries[index].leg == 0 {
                entries[index].milestone = .exportCustoms
                if entries[index].customsStage?.isClearance == true { entries[index].customsStage = nil }
            }
        }
        // The domestic carrier's first event is the hand-off.
        if let first = entries.firstIndex(where: { $0.leg > 0 }) {
            let milestone = entries[first].milestone
            if milestone == nil || milestone! < .outForDelivery {
                entries[first].milestone = .handedToLastMile
                entries[first].status = .inTransit
            }
        }
    }

    static func resolveStatus(
        _ entries: [TimelineEntry], legs: [ShipmentLeg], shippedAt: Timestamp?, duplicates: Int
    ) -> Timeline {
        var entries = entries
        var status: TrackingStatus?
        var milestone: Milestone?
        var lastEventAt: Timestamp?
        var outcomeReached = false
        var sawScan = false
        for index in entries.indices {
            let entry = entries[index]
            if entry.status == .delivered, let shippedAt, entry.time < shippedAt {
                entries[index].anomaly = .deliveredBeforeShipment
                continue
            }
            guard let entryStatus = entry.status else { continue }
            // An aggregator's "not found" or "expired" says nothing once the carrier has scanned.
            if (entryStatus == .pending || entryStatus == .expired), sawScan { continue }
            let startsReturn = entry.milestone == .returning || entry.milestone == .returned
            if outcomeReached, !startsReturn {
                entries[index].anomaly = .afterFinalState
                continue
            }
            status = entryStatus
            if let entryMilestone = entry.milestone { milestone = entryMilestone }
            lastEventAt = entry.time
            if entry.isCarrierScan { sawScan = true }
            outcomeReached = entryStatus == .delivered || entry.milestone == .returned
        }
        // Events nobody could read still show the carrier is moving the parcel.
        if let lastUnread = entries.last(where: { $0.anomaly == nil && $0.status == nil }),
            lastEventAt.map({ lastUnread.time > $0 }) ?? true
        {
            lastEventAt = lastUnread.time
        }
        return Timeline(
            legs: legs, entries: entries, status: status ?? .pending, milestone: milestone, lastEventAt: lastEventAt,
            duplicatesMerged: duplicates)
    }
}
