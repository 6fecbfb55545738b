/// A shipment read once: its merged timeline and the findings that do not
/// depend on the clock. Re-diagnosing as time passes starts from here; it is
/// immutable and shared by every analysis made from it.
public final class PreparedShipment: Sendable {
    public let document: ShipmentDocument
    /// The first leg's carrier: the seller's choice, or detected from the number.
    public let carrier: String?
    public let timeline: Timeline
    public let policy: DiagnosisPolicy
    public let deadlines: MarketplaceDeadlines?
    /// Findings that do not depend on the clock: the number's (invalid, fixable,
    /// mismatch, duplicate, untracked) and sources that disagree.
    public let fixedFindings: [Diagnosis]
    /// The full number check, when one was needed.
    public let numberCheck: NumberCheck?

    init(
        document: ShipmentDocument, carrier: String?, timeline: Timeline, policy: DiagnosisPolicy,
        deadlines: MarketplaceDeadlines?, fixedFindings: [Diagnosis], numberCheck: NumberCheck?
    ) {
        self.document = document
        self.carrier = carrier
        self.timeline = timeline
        self.policy = policy
        self.deadlines = deadlines
        self.fixedFindings = fixedFindings
        self.numberCheck = numberCheck
    }
}

/// Everything diagnosis says about one shipment at one moment.
public struct ShipmentAnalysis: Sendable {
    public let prepared: PreparedShipment
    public let now: Timestamp
    public let status: TrackingStatus
    /// Most severe first.
    public let diagnoses: [Diagnosis]

    public var document: ShipmentDocument { prepared.document }
    public var timeline: Timeline { prepared.timeline }
    public var milestone: Milestone? { prepared.timeline.milestone }
    public var lastEventAt: Timestamp? { prepared.timeline.lastEventAt }
}

/// Applies the diagnosis rules: pure, deterministic, `now` is an argument.
public struct Diagnoser: Sendable {
    public let policies: PolicyBook
    public let detector: NumberDetector
    public let builder: TimelineBuilder

    public init(
        policies: PolicyBook = .standard, detector: NumberDetector = NumberDetector(),
        builder: TimelineBuilder = TimelineBuilder()
    ) {
        self.policies = policies
        self.detector = detector
        self.builder = builder
    }

    public func analyze(_ document: ShipmentDocument, now: Timestamp) -> ShipmentAnalysis {
        diagnose(prepare(document), now: now)
    }

    // MARK: - Prepare (clock-independent)

    public func prepare(_ document: ShipmentDocument) -> PreparedShipment {
        let shipment = document.shipment
        var timeline = builder.build(
            document.events,
            firstLeg: ShipmentLeg(carrier: shipment.carrier ?? "", trackingNumber: shipment.trackingNumber),
            crossBorder: shipment.isCrossBorder, shippedAt: shipment.shippedAt)
        // Once the carrier scans the number its shape no longer matters: the number
        // is only checked before that, or when the service may be untracked.
        let scanned = timeline.entries.contains { $0.leg == 0 && $0.anomaly == nil && $0.isCarrierScan }
        let mayBeUntracked =
            (shipment.shippingOption.map(detector.registry.isUntrackedOption) ?? false)
            || Self.looksLikeS10(shipment.trackingNumber)
        var carrier = shipment.carrier
        var check: NumberCheck?
        if !scanned || mayBeUntracked || carrier == nil {
            let context = DetectionContext(
                carrier: shipment.carrier, destination: shipment.destination,
                marketplace: document.order.marketplace, shippingOption: shipment.shippingOption)
            let prepared = detector.prepare(context)
            // The fast verdict settles most numbers; the full report only when something is off.
            let verdict = detector.verdict(shipment.trackingNumber, context: prepared)
            let verdictCarrier = verdict.carrier >= 0 ? detector.registry.carriers[Int(verdict.carrier)].id : nil
            if !verdict.valid || verdict.checkFailed || (shipment.carrier != nil && verdictCarrier != shipment.carrier)
                || mayBeUntracked
            {
                check = detector.check(shipment.trackingNumber, context: prepared)
            }
            carrier = carrier ?? check?.carrier ?? verdictCarrier
        }
        if timeline.legs[0].carrier.isEmpty, let carrier { timeline.legs[0].carrier = carrier }
        let policy = policies.policy(
            origin: shipment.origin, destination: shipment.destination, shippingOption: shipment.shippingOption)
        let deadlines = document.order.marketplace.flatMap {
            policies.marketplaces[detector.registry.marketplace(named: $0)?.id ?? $0.lowercased()]
        }
        return PreparedShipment(
            document: document, carrier: carrier, timeline: timeline, policy: policy, deadlines: deadlines,
            fixedFindings: numberFindings(document, check: check, timeline: timeline)
                + Rules.sourcesDisagree(timeline, policy: policy),
            numberCheck: check)
    }

    /// Two letters, nine digits, two letters: only S10 numbers carry an untracked service class.
    static func looksLikeS10(_ number: String) -> Bool {
        guard number.utf8.count == 13 else { return false }
        var number = number
        return number.withUTF8 { bytes in
            func letter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
            return letter(bytes[0]) && letter(bytes[1]) && letter(bytes[11]) && letter(bytes[12])
                && bytes[2..<11].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
    }

    func numberFindings(_ document: ShipmentDocument, check: NumberCheck?, timeline: Timeline) -> [Diagnosis] {
        var findings: [Diagnosis] = []
        let since = document.shipment.shippedAt ?? document.order.confirmedAt ?? document.order.placedAt
        // A carrier that scans the number has proven it real, whatever its shape.
        let scanned = timeline.entries.contains { $0.leg == 0 && $0.anomaly == nil && $0.isCarrierScan }
        if let check {
            if !check.valid, !scanned {
                if check.suggestions.isEmpty {
                    findings.append(Diagnosis(code: .numberInvalid, severity: .act, confidence: 0.9, since: since))
                } else {
                    findings.append(
                        Diagnosis(
                            code: .numberFixable, severity: .act, confidence: 0.85, since: since,
                            evidence: Diagnosis.Evidence(numbers: check.suggestions.map(\.number))))
                }
            }
            if check.valid, !scanned, check.warnings.contains(.checkDigitUnverified), !check.suggestions.isEmpty,
                !check.warnings.contains(.carrierMismatch)
            {
                // Valid in shape, but the carrier's own check digit disagrees: most likely a slip,
                // though not certainly, so it is watched rather than acted on.
                var figures = Diagnosis.Figures()
                figures.checkDigitOnly = true
                findings.append(
                    Diagnosis(
                        code: .numberFixable, severity: .watch, confidence: 0.6, since: since,
                        evidence: Diagnosis.Evidence(numbers: check.suggestions.map(\.number)), figures: figures))
            }
            if check.warnings.contains(.carrierMismatch), !scanned {
                var figures = Diagnosis.Figures()
                figures.suggestedCarrier = check.carrier
                findings.append(
                    Diagnosis(
                        code: .carrierMismatch, severity: .act, confidence: check.candidates.first?.confidence ?? 0.5,
                        since: since,
                        evidence: Diagnosis.Evidence(numbers: check.suggestions.map(\.number)), figures: figures))
            }
            if check.warnings.contains(.untrackedService) {
                findings.append(Diagnosis(code: .untrackedService, severity: .info, confidence: 0.8, since: since))
            }
        }
        guard document.otherOrders.contains(where: { $0.trackingNumber != nil }) else { return findings }
        let number = canonicalNumber(document.shipment.trackingNumber)
        let duplicates = document.otherOrders.filter { other in
            other.id != document.order.id && other.trackingNumber.map(canonicalNumber) == number
        }
        if !duplicates.isEmpty {
            findings.append(
                Diagnosis(
                    code: .numberDuplicate, severity: .act, confidence: 0.8, since: since,
                    evidence: Diagnosis.Evidence(
                        numbers: [document.shipment.trackingNumber], orders: duplicates.map(\.id))
                ))
        }
        return findings
    }

    // MARK: - Diagnose (at a moment)

    public func diagnose(_ prepared: PreparedShipment, now: Timestamp) -> ShipmentAnalysis {
        var rules = Rules(prepared: prepared, now: now)
        rules.run()
        var findings = prepared.fixedFindings + rules.findings
        findings.sort { left, right in
            left.severity != right.severity ? left.severity > right.severity : left.since < right.since
        }
        return ShipmentAnalysis(prepared: prepared, now: now, status: rules.status, diagnoses: findings)
    }
}

/// The time-dependent rules of DESIGN §5, over one prepared shipment.
struct Rules {
    let prepared: PreparedShipment
    let now: Timestamp
    let policy: DiagnosisPolicy
    let entries: [TimelineEntry]
    let timeline: Timeline
    var findings: [Diagnosis] = []
    var status: TrackingStatus

    init(prepared: PreparedShipment, now: Timestamp) {
        self.prepared = prepared
        self.now = now
        self.policy = prepared.policy
        self.timeline = prepared.timeline
        self.entries = prepared.timeline.entries
        self.status = prepared.timeline.status
    }

    var order: OrderInfo { prepared.document.order }
    var shipment: ShipmentInfo { prepared.document.shipment }
    var delivered: Bool { timeline.status == .delivered }
    var finished: Bool { delivered || timeline.milestone == .returned }

    /// The last sign of life: the last event, else the moment it shipped.
    var lastActivity: Timestamp? { timeline.lastEventAt ?? shipment.shippedAt }

    func hours(since time: Timestamp) -> Double { time.hours(until: now) }

    mutating func add(
        _ code: DiagnosisCode, _ severity: Severity, _ confidence: Double, since: Timestamp, entries: [Int] = [],
        sources: [String] = [], figures: Diagnosis.Figures = Diagnosis.Figures()
    ) {
        findings.append(
            Diagnosis(
                code: code, severity: severity, confidence: confidence, since: since,
                evidence: Diagnosis.Evidence(entries: entries, sources: sources), figures: figures))
    }

    func figures(elapsed: Double, threshold: Double) -> Diagnosis.Figures {
        var figures = Diagnosis.Figures()
        figures.elapsedHours = elapsed
        figures.thresholdHours = threshold
        return figures
    }

    mutating func run() {
        if !finished, let last = lastActivity, last.days(until: now) >= policy.expiredDays {
            status = .expired
        }
        notActivated()
        stalled()
        let dutiesFound = dutiesDue()
        if !dutiesFound { customs() }
        handoff()
        silence()
        // A long silence already covers a stall, and its steps include the stall's.
        if findings.contains(where: { $0.code == .longSilence || $0.code == .refundEligible }) {
            findings.removeAll { $0.code == .stalledOrigin || $0.code == .stalledInternational }
        }
        anomalies()
        lateAndDeadlines()
    }

    mutating func notActivated() {
        guard let shippedAt = shipment.shippedAt, !finished, !timeline.hasCarrierScan else { return }
        let elapsed = hours(since: shippedAt)
        guard elapsed >= 0 else { return }
        let normal = elapsed < policy.notActivatedHours
        let labels = entries.indices.filter { entries[$0].milestone == .labelCreated }
        add(
            .notActivated, normal ? .info : .act, normal ? 0.9 : 0.85, since: shippedAt, entries: labels,
            figures: figures(elapsed: elapsed, threshold: policy.notActivatedHours))
    }

    /// Index of the last entry that counts.
    var lastAcceptedIndex: Int? {
        entries.lastIndex { $0.anomaly == nil && $0.status != nil && $0.status != .pending && $0.status != .expired }
    }

    mutating func stalled() {
        guard !finished, let milestone = timeline.milestone, let last = timeline.lastEventAt,
            let index = lastAcceptedIndex
        else { return }
        let elapsed = hours(since: last)
        switch milestone {
        case .pickedUp, .originFacility, .exportCustoms:
            let threshold = policy.stalledOriginDays * 24
            if elapsed > threshold {
                add(
                    .stalledOrigin, .act, 0.8, since: last, entries: [index],
                    figures: figures(elapsed: elapsed, threshold: threshold))
            }
        case .departedOrigin:
            let threshold = policy.stalledInternationalDays * 24
            if elapsed > threshold {
                add(
                    .stalledInternational, .act, 0.75, since: last, entries: [index],
                    figures: figures(elapsed: elapsed, threshold: threshold))
            }
        default: break
        }
    }

    /// Customs waiting on the buyer: duties or documents.
    mutating func dutiesDue() -> Bool {
        guard !finished else { return false }
        guard
            let waiting = entries.lastIndex(where: { entry in
                entry.anomaly == nil
                    && (entry.milestone == .dutiesDue || entry.reason == .dutiesUnpaid
                        || entry.reason == .documentsRequired)
            })
        else { return false }
        let cleared = entries[(waiting + 1)...].contains { entry in
            entry.anomaly == nil
                && (entry.customsStage?.isClearance == true
                    || (entry.milestone.map { $0 >= .handedToLastMile } ?? false))
        }
        guard !cleared else { return false }
        let since = entries[waiting].time
        var figures = figures(elapsed: hours(since: since), threshold: 0)
        figures.customsStage = entries[waiting].customsStage
        add(.dutiesDue, .urgent, 0.9, since: since, entries: [waiting], figures: figures)
        return true
    }

    static func isCustoms(_ entry: TimelineEntry) -> Bool {
        entry.customsStage != nil || entry.milestone == .importCustoms || entry.milestone == .exportCustoms
    }

    mutating func customs() {
        guard !finished else { return }
        // The customs episode still open at the end of the timeline.
        guard let last = lastAcceptedIndex, Self.isCustoms(entries[last]),
            entries[last].customsStage?.isClearance != true
        else { return }
        let direction = entries[last].milestone == .exportCustoms ? Milestone.exportCustoms : .importCustoms
        var start = last
        var episode: [Int] = []
        var index = last
        while index >= 0 {
            let entry = entries[index]
            if entry.anomaly == nil, entry.status != nil {
                guard Self.isCustoms(entry) || entry.milestone == .arrivedDestination else { break }
                if (entry.milestone == .exportCustoms) == (direction == .exportCustoms) {
                    start = index
                    episode.append(index)
                }
            }
            index -= 1
        }
        episode.reverse()
        // The same stage again and again is a loop, however fast it cycles.
        var counts: [String: (count: Int, first: Int)] = [:]
        for position in episode {
            let key = entries[position].customsStage?.rawValue ?? timeline.text(entries[position])
            let current = counts[key]
            counts[key] = ((current?.count ?? 0) + 1, current?.first ?? position)
        }
        let repeated = counts.max { $0.value.count < $1.value.count }
        let elapsed = hours(since: entries[start].time)
        let threshold = policy.customsDays * 24
        let looping = (repeated?.value.count ?? 0) >= policy.customsRepeats
        guard looping || elapsed > threshold else { return }
        var figures = figures(elapsed: elapsed, threshold: threshold)
        if looping, let repeated {
            figures.repeats = repeated.value.count
            figures.customsStage = CustomsStage(rawValue: repeated.key)
        } else {
            figures.customsStage = entries[last].customsStage
        }
        add(.customsLoop, .act, looping ? 0.85 : 0.75, since: entries[start].time, entries: episode, figures: figures)
    }

    mutating func handoff() {
        guard shipment.isCrossBorder, !finished else { return }
        let handedOver = entries.contains { entry in
            entry.anomaly == nil
                && (entry.leg > 0 || (entry.milestone.map { $0 >= .handedToLastMile && $0 != .dutiesDue } ?? false))
        }
        guard !handedOver else { return }
        let cleared = entries.lastIndex { $0.anomaly == nil && $0.customsStage?.isClearance == true }
        let arrived = entries.firstIndex { $0.anomaly == nil && $0.milestone == .arrivedDestination }
        let reference: Int
        if let cleared {
            reference = cleared
        } else if let arrived, !entries[(arrived + 1)...].contains(where: { $0.anomaly == nil && Self.isCustoms($0) }) {
            // Arrived with no customs news at all: count from the arrival.
            reference = arrived
        } else {
            return
        }
        let elapsed = hours(since: entries[reference].time)
        let threshold = policy.handoffDays * 24
        guard elapsed > threshold else { return }
        add(
            .handoffMissing, .act, 0.8, since: entries[reference].time, entries: [reference],
            figures: figures(elapsed: elapsed, threshold: threshold))
    }

    /// Two sources showing different states far apart: the "seller screen vs
    /// buyer screen" problem. It depends on the events only, not on the clock.
    static func sourcesDisagree(_ timeline: Timeline, policy: DiagnosisPolicy) -> [Diagnosis] {
        let entries = timeline.entries
        // Each source's latest word per leg, by source bit: no strings until the end. A screen has got as
        // far as its last word, read or not; only a word ParcelDesk can read shows a source ahead.
        var latest: [(leg: Int, bit: Int, last: Int, lastRead: Int?)] = []
        latest.reserveCapacity(4)
        for index in entries.indices where entries[index].anomaly == nil {
            let leg = entries[index].leg
            let read = entries[index].status != nil
            var mask = entries[index].sourceMask
            while mask != 0 {
                let bit = mask.trailingZeroBitCount
                mask &= mask - 1
                if let known = latest.firstIndex(where: { $0.leg == leg && $0.bit == bit }) {
                    latest[known].last = index
                    if read { latest[known].lastRead = index }
                } else {
                    latest.append((leg, bit, index, read ? index : nil))
                }
            }
        }
        guard latest.count >= 2 else { return [] }
        let threshold = policy.sourcesDisagreeHours
        var worst: (lagging: Int, leading: Int, laggingBit: Int, leadingBit: Int, gap: Double)?
        for lagging in latest {
            for leading in latest where leading.bit != lagging.bit && leading.leg == lagging.leg {
                guard let ahead = leading.lastRead else { continue }
                let behind = lagging.last
                // Words nobody could read cannot be shown to agree with anything.
                if entries[behind].status != nil, entries[behind].status == entries[ahead].status,
                    entries[behind].milestone == entries[ahead].milestone
                {
                    continue
                }
                let gap = entries[behind].time.hours(until: entries[ahead].time)
                if gap > threshold, gap > (worst?.gap ?? 0) {
                    worst = (behind, ahead, lagging.bit, leading.bit, gap)
                }
            }
        }
        guard let worst else { return [] }
        let laggingSource = timeline.sourceNames[worst.laggingBit]
        let leadingSource = timeline.sourceNames[worst.leadingBit]
        var figures = Diagnosis.Figures()
        figures.elapsedHours = worst.gap
        figures.thresholdHours = threshold
        figures.laggingSource = laggingSource
        figures.leadingSource = leadingSource
        figures.laggingState = view(entries[worst.lagging], of: laggingSource, in: timeline)
        figures.leadingState = view(entries[worst.leading], of: leadingSource, in: timeline)
        return [
            Diagnosis(
                code: .sourcesDisagree, severity: .watch, confidence: 0.7, since: entries[worst.lagging].time,
                evidence: Diagnosis.Evidence(
                    entries: [worst.lagging, worst.leading], sources: [laggingSource, leadingSource]),
                figures: figures)
        ]
    }

    /// What a source's screen shows for an entry: its reading, else the source's own words.
    static func view(_ entry: TimelineEntry, of source: String, in timeline: Timeline) -> LocalizedText {
        guard entry.status == nil else { return Playbook.statusName(entry) }
        let own = timeline.rawIndices(entry).first { timeline.events[$0].source == source } ?? entry.rawIndex
        return LocalizedText(timeline.events[own].text)
    }

    mutating func silence() {
        guard !finished, let last = lastActivity else { return }
        let elapsed = hours(since: last)
        let failedSince =
            timeline.status == .attemptFailed
            ? entries.first(where: { $0.anomaly == nil && $0.milestone == .deliveryFailed })?.time : nil
        let refundClock = max(elapsed, failedSince.map(hours(since:)) ?? 0)
        if refundClock >= policy.refundDays * 24 {
            add(
                .refundEligible, .urgent, 0.85, since: failedSince ?? last,
                figures: figures(elapsed: refundClock, threshold: policy.refundDays * 24))
        } else if elapsed >= policy.longSilenceDays * 24 {
            add(
                .longSilence, .urgent, 0.8, since: last,
                figures: figures(elapsed: elapsed, threshold: policy.longSilenceDays * 24))
        }
    }

    mutating func anomalies() {
        var flagged = entries.indices.filter { entries[$0].anomaly != nil }
        // Scans stamped in the future: a wrong clock or a wrong time zone.
        flagged += entries.indices.filter { entries[$0].anomaly == nil && hours(since: entries[$0].time) < -6 }
        let shippedBeforeOrder = shipment.shippedAt.map { $0 < order.placedAt } ?? false
        guard !flagged.isEmpty || shippedBeforeOrder else { return }
        let since = flagged.map { entries[$0].time }.min() ?? shipment.shippedAt ?? order.placedAt
        add(.eventAnomaly, .watch, 0.9, since: since, entries: flagged.sorted())
    }

    mutating func lateAndDeadlines() {
        let window = policy.deadlineNearDays * 24
        if let promised = order.promisedBy, !finished {
            let overdue = promised.hours(until: now)
            if overdue > 0 {
                add(
                    .late, overdue > 7 * 24 ? .urgent : .act, 0.95, since: promised,
                    figures: deadlineFigures(promised, .promisedDelivery, elapsed: overdue))
            } else if -overdue <= window {
                add(
                    .deadlineNear, .watch, 0.9, since: promised.adding(hours: -window),
                    figures: deadlineFigures(promised, .promisedDelivery, elapsed: -overdue))
            }
        }
        if !finished, let last = lastActivity {
            let eligibleAt = last.adding(days: policy.refundDays)
            let remaining = now.hours(until: eligibleAt)
            if remaining > 0, remaining <= window {
                add(
                    .deadlineNear, .act, 0.85, since: eligibleAt.adding(hours: -window),
                    figures: deadlineFigures(eligibleAt, .refundEligibility, elapsed: remaining))
            }
        }
        if delivered, let deadlines = prepared.deadlines,
            let deliveredAt = entries.last(where: { $0.anomaly == nil && $0.status == .delivered })?.time
        {
            let windows: [(Double?, Diagnosis.DeadlineKind)] = [
                (deadlines.disputeDaysAfterDelivery, .disputeWindow),
                (deadlines.autoConfirmDaysAfterDelivery, .autoConfirm),
            ]
            for case let (days?, kind) in windows {
                let end = deliveredAt.adding(days: days)
                let remaining = now.hours(until: end)
                if remaining > 0, remaining <= window {
                    add(
                        .deadlineNear, .info, 0.9, since: end.adding(hours: -window),
                        figures: deadlineFigures(end, kind, elapsed: remaining))
                }
            }
        }
    }

    func deadlineFigures(_ deadline: Timestamp, _ kind: Diagnosis.DeadlineKind, elapsed: Double) -> Diagnosis.Figures {
        var figures = Diagnosis.Figures()
        figures.deadline = deadline
        figures.deadlineKind = kind
        figures.elapsedHours = elapsed
        figures.thresholdHours = policy.deadlineNearDays * 24
        return figures
    }
}
