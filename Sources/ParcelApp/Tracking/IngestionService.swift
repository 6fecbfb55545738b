import Foundation
import ParcelCore

/// What happened to a batch of events.
public struct IngestResult: Sendable, Equatable {
    /// Stored now.
    public var accepted = 0
    /// Already stored (or repeated within the batch).
    public var duplicates = 0
    /// No shipment has the number; nothing was stored for them.
    public var unmatched = 0
    public var unmatchedNumbers: [String] = []

    public init() {}
}

/// An event as it arrives, with the shipment's first number when the event's
/// own number is a later leg not yet known (the domestic carrier's number
/// reported before any of its scans).
public struct IncomingEvent: Sendable {
    public var event: RawTrackingEvent
    public var parentTrackingNumber: String?

    public init(_ event: RawTrackingEvent, parentTrackingNumber: String? = nil) {
        self.event = event
        self.parentTrackingNumber = parentTrackingNumber
    }
}

/// Tracking events in, timelines and findings up to date: event batches as
/// they arrive, and the shipments whose findings change with time alone.
public struct IngestionService: Sendable {
    let repository: any OrderRepository
    let analyst: ShipmentAnalyst

    public init(repository: any OrderRepository, analyst: ShipmentAnalyst) {
        self.repository = repository
        self.analyst = analyst
    }

    public func ingest(_ events: [RawTrackingEvent], now: Timestamp, actor: String) async throws -> IngestResult {
        try await ingest(events.map { IncomingEvent($0) }, now: now, actor: actor)
    }

    /// Stores a batch of raw events and brings every touched shipment's
    /// timeline and findings up to date, in one transaction. Events are
    /// matched to shipments by any leg's number; the same event sent twice
    /// is stored once.
    public func ingest(_ events: [IncomingEvent], now: Timestamp, actor: String) async throws -> IngestResult {
        guard !events.isEmpty else { return IngestResult() }
        let analyst = analyst
        var wanted = Set(events.map { canonicalNumber($0.event.trackingNumber) })
        for incoming in events {
            if let parent = incoming.parentTrackingNumber { wanted.insert(canonicalNumber(parent)) }
        }
        let numbers = Array(wanted)
        // Matching reads the last commit, outside the write turn, so one batch is
        // matched while another is written. A number not found is looked up again
        // in the turn, where a leg that another batch has just added is seen.
        let known = try await repository.shipments(holding: numbers)
        let early = Self.plan(events, shipmentsByNumber: known)
        return try await repository.transaction { transaction in
            var plan = early
            if plan.result.unmatched > 0 {
                let found = try await transaction.shipments(holding: numbers.filter { known[$0] == nil })
                if !found.isEmpty {
                    plan = Self.plan(events, shipmentsByNumber: known.merging(found) { old, _ in old })
                }
            }
            var result = plan.result
            let stamp = now.epochSeconds
            try await transaction.lockShipments(Array(Set(plan.shipmentOfKey.values)))
            let stored = try await transaction.insertEvents(plan.pending, receivedAt: stamp)
            result.accepted = stored.count
            result.duplicates += plan.pending.count - stored.count
            let touched = Set(stored.compactMap { plan.shipmentOfKey[$0] })
            try await analyst.refresh(Array(touched), in: transaction, now: now)
            if result.accepted > 0 {
                try await transaction.audit(
                    AuditEntry(
                        at: stamp, actor: actor, action: "events.ingest",
                        detail:
                            "\(result.accepted) accepted, \(result.duplicates) duplicate, \(result.unmatched) unmatched"
                    ))
            }
            return result
        }
    }

    /// Re-diagnoses shipments whose findings may have changed with time
    /// alone; returns how many were refreshed.
    @discardableResult
    public func refreshDue(now: Timestamp, limit: Int = 2000) async throws -> Int {
        let ids = try await repository.shipmentsDue(at: now.epochSeconds, limit: limit)
        guard !ids.isEmpty else { return 0 }
        let analyst = analyst
        try await repository.transaction { transaction in
            try await transaction.lockShipments(ids)
            try await analyst.refresh(ids, in: transaction, now: now)
        }
        return ids.count
    }

    struct Plan: Sendable {
        var result = IngestResult()
        var pending: [PendingEvent] = []
        var shipmentOfKey: [String: UUID] = [:]
    }

    /// Which events go to which shipments, under which dedupe keys; repeats
    /// within the batch and numbers no shipment has are counted, not stored.
    static func plan(_ events: [IncomingEvent], shipmentsByNumber: [String: [UUID]]) -> Plan {
        var plan = Plan()
        for incoming in events {
            let event = incoming.event
            guard
                let shipments = shipmentsByNumber[canonicalNumber(event.trackingNumber)]
                    ?? incoming.parentTrackingNumber.flatMap({ shipmentsByNumber[canonicalNumber($0)] })
            else {
                plan.result.unmatched += 1
                if plan.result.unmatchedNumbers.count < 100,
                    !plan.result.unmatchedNumbers.contains(event.trackingNumber)
                {
                    plan.result.unmatchedNumbers.append(event.trackingNumber)
                }
                continue
            }
            for shipment in shipments {
                let key = TrackingKeys.dedupeKey(shipment, event)
                guard plan.shipmentOfKey.updateValue(shipment, forKey: key) == nil else {
                    plan.result.duplicates += 1
                    continue
                }
                plan.pending.append(PendingEvent(shipment: shipment, event: event, key: key))
            }
        }
        return plan
    }
}
