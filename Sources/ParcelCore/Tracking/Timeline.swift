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

/// One step of the merged timeline. Plain data: the words stay in the raw
/// events the entry points at, so building, sorting and merging timelines for
/// millions of shipments copies no strings.
public struct TimelineEntry: Sendable, Hashable {
    public var time: Timestamp
    public var status: TrackingStatus?
    public var milestone: Milestone?
    public var customsStage: CustomsStage?
    public var reason: ExceptionReason?
    public var matchedBy: EventClassification.MatchKind
    public var anomaly: TimelineAnomaly?
    public var leg: Int
    /// The raw event whose words the entry shows: the carrier's own when it reported the scan.
    public var rawIndex: Int
    /// Every source that reported the scan, as bits over `Timeline.sourceNames`.
    public var sourceMask: UInt64
    /// Customs without a direction; the timeline places it before or after departure.
    var customsDirectionUnknown = false
    /// The shown words come from an aggregator, which a carrier's own report replaces.
    var shownByAggregator = false

    /// The carrier had the parcel in hand (not a label, not an aggregator's "not found").
    public var isCarrierScan: Bool {
        guard let milestone else { return status == .inTransit || status == .exception }
        return milestone.isCarrierScan
    }
}

/// Every source and leg of one shipment, merged.
public struct Timeline: Sendable, Hashable {
    /// The raw events, as reported; entries point into them.
    public var events: [RawTrackingEvent]
    /// Sources in the order they first reported (at most 64 per shipment).
    public var sourceNames: [String]
    /// For each raw event, the raw event shown by the entry it was merged into
    /// (itself when it is the one shown). Empty when nothing was merged.
    public var representative: [Int32]
    public var legs: [ShipmentLeg]
    /// In real-time order, duplicates merged, anomalies marked (and not counted).
    public var entries: [TimelineEntry]
    public var status: TrackingStatus
    public var milestone: Milestone?
    public var lastEventAt: Timestamp?
    /// Reports of a scan already in the timeline (another source, or a resend).
    public var duplicatesMerged: Int

    public static let empty = Timeline(
        events: [], sourceNames: [], representative: [], legs: [], entries: [], status: .pending, milestone: nil,
        lastEventAt: nil, duplicatesMerged: 0)

    /// Entries that count (not anomalies).
    public var accepted: LazyFilterSequence<[TimelineEntry]> { entries.lazy.filter { $0.anomaly == nil } }

    public var hasCarrierScan: Bool { entries.contains { $0.anomaly == nil && $0.isCarrierScan } }

    // The words of an entry, from the raw events it stands for.

    public func text(_ entry: TimelineEntry) -> String { events[entry.rawIndex].text }
    public func code(_ entry: TimelineEntry) -> String? { events[entry.rawIndex].code }

    /// The shown event's place, or a merged report's when the shown one has none.
    public func location(_ entry: TimelineEntry) -> String? {
        if let place = events[entry.rawIndex].location { return place }
        return mergedRawIndices(entry).lazy.compactMap { events[$0].location }.first
    }

    /// The raw events folded into an entry besides the one it shows.
    public func mergedRawIndices(_ entry: TimelineEntry) -> [Int] {
        representative.indices.filter { $0 != entry.rawIndex && Int(representative[$0]) == entry.rawIndex }
    }

    /// Every raw event an entry stands for, the shown one first.
    public func rawIndices(_ entry: TimelineEntry) -> [Int] { [entry.rawIndex] + mergedRawIndices(entry) }

    public func carrier(_ entry: TimelineEntry) -> String {
        let event = events[entry.rawIndex]
        return event.isCustoms ? RawTrackingEvent.customsCarrier : event.carrier
    }

    /// The source whose words are shown.
    public func source(_ entry: TimelineEntry) -> String { events[entry.rawIndex].source }

    /// Every source that reported the scan, the one whose words are shown first.
    public func sources(_ entry: TimelineEntry) -> [String] {
        let shown = source(entry)
        var result = [shown]
        forEachSource(entry) { if $0 != shown { result.append($0) } }
        return result
    }

    public func forEachSource(_ entry: TimelineEntry, _ body: (String) -> Void) {
        var mask = entry.sourceMask
        while mask != 0 {
            body(sourceNames[mask.trailingZeroBitCount])
            mask &= mask - 1
        }
    }
}

/// What a (source, carrier) pair means, worked out once per timeline. It
/// names the pair by the first event that had it, so looking one up copies no strings.
struct EventOrigin {
    let firstEvent: Int
    let vocabulary: Int?
    let sourceBit: Int
    let isCustoms: Bool
    let isAggregator: Bool
}

/// A leg after the first, while the timeline is built.
struct LaterLeg {
    /// Canonical, for comparing.
    let number: String
    /// As first reported.
    let spelling: String
    var firstSeen: Timestamp
}

/// Merges raw events from every source and leg into one timeline.
public struct TimelineBuilder: Sendable {
    public let normalizer: EventNormalizer

    /// Reports of one scan by two sources land within this many seconds of each other.
    static let sameScanWindow = 120.0
    /// …or within this many when they also read alike and agree on the place.
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
                events: [], sourceNames: [], representative: [], legs: [firstLeg], entries: [], status: .pending,
                milestone: nil, lastEventAt: nil, duplicatesMerged: 0)
        }
        var legs = [firstLeg]
        // Set once an event carries another number; most shipments never need it.
        var firstNumber: String?
        var laterLegs: [LaterLeg] = []
        // A shipment's events come from a handful of sources: each is looked up once.
        var origins: [EventOrigin] = []
        origins.reserveCapacity(4)
        var sourceCount = 0

        var entries: [TimelineEntry] = []
        entries.reserveCapacity(events.count)
        var sorted = true
        for index in events.indices {
            // Fields are read in place: copying a whole event retains six strings.
            let time = events[index].time
            var originIndex = 0
            while originIndex < origins.count {
                let first = origins[originIndex].firstEvent
                if events[first].source == events[index].source, events[first].carrier == events[index].carrier {
                    break
                }
                originIndex += 1
            }
            if originIndex == origins.count {
                let source = events[index].source
                var bit = sourceCount
                for known in origins where events[known.firstEvent].source == source {
                    bit = known.sourceBit
                    break
                }
                if bit == sourceCount {
                    // A mask holds 64 sources; any beyond share the last bit.
                    if sourceCount < 64 { sourceCount += 1 } else { bit = 63 }
                }
                origins.append(
                    EventOrigin(
                        firstEvent: index,
                        vocabulary: normalizer.vocabularyIndex(source: source, carrier: events[index].carrier),
                        sourceBit: bit, isCustoms: events[index].isCustoms,
                        isAggregator: normalizer.isAggregator(source)))
            }
            let origin = origins[originIndex]
            let classification = normalizer.classify(
                vocabulary: origin.vocabulary, code: events[index].code, text: events[index].text)
            var leg = 0
            if !origin.isCustoms, events[index].trackingNumber != firstLeg.trackingNumber {
                // A known leg's own spelling settles it without normalizing the number.
                var known = laterLegs.firstIndex { $0.spelling == events[index].trackingNumber }
                var number: String?
                if known == nil {
                    let canonical = canonicalNumber(events[index].trackingNumber)
                    if firstNumber == nil { firstNumber = canonicalNumber(firstLeg.trackingNumber) }
                    if canonical != firstNumber {
                        known = laterLegs.firstIndex { $0.number == canonical }
                        number = canonical
                    }
                }
                if let known {
                    leg = known + 1
                    if time < laterLegs[known].firstSeen { laterLegs[known].firstSeen = time }
                } else if let number {
                    leg = legs.count
                    legs.append(
                        ShipmentLeg(carrier: events[index].carrier, trackingNumber: events[index].trackingNumber))
                    laterLegs.append(
                        LaterLeg(number: number, spelling: events[index].trackingNumber, firstSeen: time))
                }
            }
            if !entries.isEmpty, time < entries[entries.count - 1].time { sorted = false }
            entries.append(
                TimelineEntry(
                    time: time, status: classification.status, milestone: classification.milestone,
                    customsStage: classification.customsStage, reason: classification.reason,
                    matchedBy: classification.matchedBy, anomaly: nil, leg: leg, rawIndex: index,
                    sourceMask: 1 << UInt64(origin.sourceBit),
                    customsDirectionUnknown: classification.customsDirectionUnknown,
                    shownByAggregator: origin.isAggregator))
        }
        var sourceNames: [String] = []
        sourceNames.reserveCapacity(sourceCount)
        for origin in origins where origin.sourceBit == sourceNames.count {
            sourceNames.append(events[origin.firstEvent].source)
        }
        // Later legs in the order they first appeared.
        if legs.count > 2 {
            let order = [0] + (1..<legs.count).sorted { laterLegs[$0 - 1].firstSeen < laterLegs[$1 - 1].firstSeen }
            var renumber = [Int](repeating: 0, count: legs.count)
            for (position, old) in order.enumerated() { renumber[old] = position }
            legs = order.map { legs[$0] }
            for index in entries.indices { entries[index].leg = renumber[entries[index].leg] }
        }
        if !sorted {
            // Sort positions, then move each entry once: entries are costly to shuffle.
            let order = entries.indices.sorted { left, right in
                entries[left].time != entries[right].time
                    ? entries[left].time < entries[right].time : entries[left].rawIndex < entries[right].rawIndex
            }
            entries = order.map { entries[$0] }
        }
        var representative: [Int32] = []
        let duplicates = Self.mergeDuplicates(&entries, events: events, representative: &representative)
        Self.resolveContext(&entries, crossBorder: crossBorder)
        let state = Self.resolveStatus(&entries, shippedAt: shippedAt)
        return Timeline(
            events: events, sourceNames: sourceNames, representative: representative, legs: legs, entries: entries,
            status: state.status, milestone: state.milestone, lastEventAt: state.lastEventAt,
            duplicatesMerged: duplicates)
    }

    /// Folds reports of the same scan into one entry, in place; returns how many were folded.
    static func mergeDuplicates(
        _ entries: inout [TimelineEntry], events: [RawTrackingEvent], representative: inout [Int32]
    ) -> Int {
        var kept = 0
        var duplicates = 0
        for index in entries.indices {
            var matched: Int?
            var back = kept - 1
            while back >= 0, entries[index].time.epochSeconds - entries[back].time.epochSeconds <= samePlaceWindow {
                if isSameScan(entries[back], entries[index], events: events) {
                    matched = back
                    break
                }
                back -= 1
            }
            guard let matched else {
                if kept != index { entries[kept] = entries[index] }
                kept += 1
                continue
            }
            duplicates += 1
            let entry = entries[index]
            merge(entry, into: &entries[matched], events: events, representative: &representative)
        }
        entries.removeLast(entries.count - kept)
        return duplicates
    }

    static func merge(
        _ entry: TimelineEntry, into kept: inout TimelineEntry, events: [RawTrackingEvent],
        representative: inout [Int32]
    ) {
        if representative.isEmpty { representative = (0..<Int32(events.count)).map { $0 } }
        let alike = readAlike(kept, entry)
        let carrierOverAggregator = kept.shownByAggregator && !entry.shownByAggregator
        // The carrier's own words beat an aggregator's copy of them.
        if carrierOverAggregator {
            kept.shownByAggregator = false
            let old = Int32(kept.rawIndex)
            for raw in representative.indices where representative[raw] == old {
                representative[raw] = Int32(entry.rawIndex)
            }
            kept.rawIndex = entry.rawIndex
        } else {
            representative[entry.rawIndex] = Int32(kept.rawIndex)
        }
        kept.sourceMask |= entry.sourceMask
        guard alike else {
            // Readings that conflict are not mixed: the carrier's own beats an aggregator's, any beats none.
            if entry.status != nil, kept.status == nil || carrierOverAggregator {
                kept.status = entry.status
                kept.milestone = entry.milestone
                kept.customsStage = entry.customsStage
                kept.reason = entry.reason
                kept.matchedBy = entry.matchedBy
                kept.customsDirectionUnknown = entry.customsDirectionUnknown
            }
            return
        }
        // The more specific reading wins.
        if kept.milestone == nil, entry.milestone != nil {
            kept.milestone = entry.milestone
            kept.status = entry.status
        }
        if kept.customsStage == nil { kept.customsStage = entry.customsStage }
        if kept.reason == nil { kept.reason = entry.reason }
        kept.customsDirectionUnknown = kept.customsDirectionUnknown || entry.customsDirectionUnknown
    }

    /// The same status, and no conflict in milestone or customs stage where both say one.
    static func readAlike(_ one: TimelineEntry, _ two: TimelineEntry) -> Bool {
        guard one.status == two.status else { return false }
        if let first = one.milestone, let second = two.milestone, first != second { return false }
        if let first = one.customsStage, let second = two.customsStage, first != second { return false }
        return true
    }

    static func isSameScan(_ earlier: TimelineEntry, _ later: TimelineEntry, events: [RawTrackingEvent]) -> Bool {
        guard earlier.leg == later.leg else { return false }
        let gap = later.time.epochSeconds - earlier.time.epochSeconds
        // The words are compared last and in place: most pairs differ in status already.
        let first = earlier.rawIndex
        let second = later.rawIndex
        guard readAlike(earlier, later) else {
            // Two sources' vocabularies may read one scan differently; its words, moment and place stay the same.
            return gap <= sameScanWindow && earlier.sourceMask & later.sourceMask == 0
                && sameWords(events[first].text, events[second].text)
                && samePlace(events[first].location, events[second].location)
        }
        if earlier.status == nil {
            return gap <= sameScanWindow && events[first].text == events[second].text
        }
        // Two scans by the same source are only the same when they read the same.
        if earlier.sourceMask & later.sourceMask != 0,
            events[first].text != events[second].text || events[first].code != events[second].code
        {
            return false
        }
        if gap <= sameScanWindow { return true }
        guard let place = events[first].location, let other = events[second].location else { return false }
        return place == other || normalizedPlace(place) == normalizedPlace(other)
    }

    static func normalizedPlace(_ place: String) -> String {
        place.lowercased().filter { !$0.isWhitespace }
    }

    /// Places agree, or one report gives none.
    static func samePlace(_ one: String?, _ two: String?) -> Bool {
        guard let one, let two else { return true }
        return one == two || normalizedPlace(one) == normalizedPlace(two)
    }

    /// The same words, spacing and ASCII case aside: compared byte by byte, without copying.
    static func sameWords(_ one: String, _ two: String) -> Bool {
        if one == two { return true }
        var one = one
        var two = two
        return one.withUTF8 { left in
            two.withUTF8 { right in
                var i = 0
                var j = 0
                while true {
                    while i < left.count, isSpace(left[i]) { i += 1 }
                    while j < right.count, isSpace(right[j]) { j += 1 }
                    guard i < left.count, j < right.count else { return i == left.count && j == right.count }
                    guard TextSearch.fold(left[i]) == TextSearch.fold(right[j]) else { return false }
                    i += 1
                    j += 1
                }
            }
        }
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Readings that depend on the rest of the timeline.
    static func resolveContext(_ entries: inout [TimelineEntry], crossBorder: Bool) {
        guard crossBorder else { return }
        // Customs seen before the parcel left the origin country is export customs.
        let departure = entries.firstIndex { entry in
            entry.milestone.map { $0 >= .departedOrigin && $0 != .exportCustoms } ?? false
                && !entry.customsDirectionUnknown
        }
        for index in entries.indices where entries[index].customsDirectionUnknown {
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

    /// Marks what cannot count and returns where the parcel stands.
    static func resolveStatus(
        _ entries: inout [TimelineEntry], shippedAt: Timestamp?
    ) -> (status: TrackingStatus, milestone: Milestone?, lastEventAt: Timestamp?) {
        var status: TrackingStatus?
        var milestone: Milestone?
        var lastEventAt: Timestamp?
        var outcomeReached = false
        var sawScan = false
        for index in entries.indices {
            if entries[index].status == .delivered, let shippedAt, entries[index].time < shippedAt {
                entries[index].anomaly = .deliveredBeforeShipment
                continue
            }
            guard let entryStatus = entries[index].status else { continue }
            // An aggregator's "not found" or "expired" says nothing once the carrier has scanned.
            if (entryStatus == .pending || entryStatus == .expired), sawScan { continue }
            let entryMilestone = entries[index].milestone
            let startsReturn = entryMilestone == .returning || entryMilestone == .returned
            if outcomeReached, !startsReturn {
                entries[index].anomaly = .afterFinalState
                continue
            }
            status = entryStatus
            if let entryMilestone { milestone = entryMilestone }
            lastEventAt = entries[index].time
            if entries[index].isCarrierScan { sawScan = true }
            outcomeReached = entryStatus == .delivered || entryMilestone == .returned
        }
        // Events nobody could read still show the carrier is moving the parcel.
        if let lastUnread = entries.last(where: { $0.anomaly == nil && $0.status == nil }),
            lastEventAt.map({ lastUnread.time > $0 }) ?? true
        {
            lastEventAt = lastUnread.time
        }
        return (status ?? .pending, milestone, lastEventAt)
    }
}
