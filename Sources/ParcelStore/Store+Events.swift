import FluentKit
import Foundation
import ParcelCore
import SQLKit
import SQLiteNIO

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

extension Store {
    public func ingest(_ events: [RawTrackingEvent], now: Timestamp, actor: String) async throws -> IngestResult {
        try await ingest(events.map { IncomingEvent($0) }, now: now, actor: actor)
    }

    /// Stores a batch of raw events and brings every touched shipment's
    /// timeline and findings up to date, in one transaction: when this
    /// returns, all of it is committed; when it throws, none of it is.
    /// Events are matched to shipments by any leg's number; the same event
    /// sent twice is stored once.
    public func ingest(_ events: [IncomingEvent], now: Timestamp, actor: String) async throws -> IngestResult {
        guard !events.isEmpty else { return IngestResult() }
        let diagnoser = diagnoser
        let playbook = playbook
        var wanted = Set(events.map { canonicalNumber($0.event.trackingNumber) })
        for incoming in events {
            if let parent = incoming.parentTrackingNumber { wanted.insert(canonicalNumber(parent)) }
        }
        let numbers = Array(wanted)
        // Matching reads the last commit, outside the write turn, so one batch is
        // matched while another is written. A number not found is looked up again
        // in the turn, where a leg that another batch has just added is seen.
        let known = try await shipments(holding: numbers)
        let early = Self.plan(events, shipmentsByNumber: known)
        return try await transaction { transaction in
            var plan = early
            if plan.result.unmatched > 0 {
                let found = try await transaction.shipments(holding: numbers.filter { known[$0] == nil })
                if !found.isEmpty {
                    plan = Self.plan(events, shipmentsByNumber: known.merging(found) { old, _ in old })
                }
            }
            var result = plan.result
            let stamp = now.epochSeconds
            let stored = try await transaction.insertEvents(plan.pending, receivedAt: stamp)
            result.accepted = stored.count
            result.duplicates += plan.pending.count - stored.count
            let touched = Set(stored.compactMap { plan.shipmentOfKey[$0] })
            try await Self.refresh(
                Array(touched), in: transaction, now: now, diagnoser: diagnoser, playbook: playbook)
            if result.accepted > 0 {
                try await transaction.audit(
                    actor: actor, action: "events.ingest", subject: "",
                    detail:
                        "\(result.accepted) accepted, \(result.duplicates) duplicate, \(result.unmatched) unmatched",
                    at: stamp)
            }
            return result
        }
    }

    /// For each canonical number, the shipments with a leg carrying it, as of the last commit.
    func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
        if let sqliteFile { return try sqliteFile.read { try $0.shipments(holding: numbers) } }
        return try await PostgresTransaction(sql: sql).shipments(holding: numbers)
    }

    struct IngestPlan: Sendable {
        var result = IngestResult()
        var pending: [PendingEvent] = []
        var shipmentOfKey: [String: UUID] = [:]
    }

    /// Which events go to which shipments, under which dedupe keys; repeats
    /// within the batch and numbers no shipment has are counted, not stored.
    static func plan(_ events: [IncomingEvent], shipmentsByNumber: [String: [UUID]]) -> IngestPlan {
        var plan = IngestPlan()
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
                let key = dedupeKey(shipment, event)
                guard plan.shipmentOfKey.updateValue(shipment, forKey: key) == nil else {
                    plan.result.duplicates += 1
                    continue
                }
                plan.pending.append(PendingEvent(shipment: shipment, event: event, key: key))
            }
        }
        return plan
    }

    /// Re-diagnoses shipments whose findings may have changed with time
    /// alone; returns how many were refreshed.
    @discardableResult
    public func refreshDue(now: Timestamp, limit: Int = 2000) async throws -> Int {
        let rows = try await sql.select().column("id").from(ShipmentModel.schema)
            .where("review_due_at", .lessThanOrEqual, now.epochSeconds).orderBy("review_due_at").limit(limit).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return 0 }
        let diagnoser = diagnoser
        let playbook = playbook
        try await transaction { transaction in
            try await Self.refresh(ids, in: transaction, now: now, diagnoser: diagnoser, playbook: playbook)
        }
        return ids.count
    }

    /// Loads shipments with all their events, analyzes them at `now`, and
    /// writes back their state; legs, findings and search words only where
    /// they changed, since most new scans change neither.
    static func refresh(
        _ shipmentIDs: [UUID], in transaction: any StoreTransaction, now: Timestamp, diagnoser: Diagnoser,
        playbook: Playbook
    ) async throws {
        guard !shipmentIDs.isEmpty else { return }
        let stamp = now.epochSeconds
        for chunk in shipmentIDs.chunked(500) {
            let loaded = try await transaction.loadShipments(Array(chunk))
            let holders = try await transaction.ordersHolding(
                loaded.compactMap { $0.order.shipment.map { canonicalNumber($0.trackingNumber) } })
            var work: [(loaded: LoadedShipment, document: ShipmentDocument)] = []
            work.reserveCapacity(loaded.count)
            for var item in loaded {
                if let number = item.order.shipment.map({ canonicalNumber($0.trackingNumber) }),
                    let holding = holders[number], holding.count > 1
                {
                    item.order.otherOrders = holding.filter { $0.id != item.order.info.id }
                }
                guard let document = item.order.document else { continue }
                work.append((item, document))
            }
            let states = await analyzeAll(work.map(\.document), now: now, diagnoser: diagnoser, playbook: playbook)
            var shipments: [ShipmentRecord] = []
            var legs: [LegRecord] = []
            var findings: [FindingRecord] = []
            var searchUpdates: [(order: UUID, text: String)] = []
            var changedLegs: [UUID] = []
            var changedFindings: [UUID] = []
            for ((item, document), analysed) in zip(work, states) {
                let order = item.order
                guard let shipmentID = order.shipmentID else { continue }
                var state = analysed
                // A review already due sooner stands: checking again early is harmless, and
                // not moving it spares the review index a write for every scan.
                if let stored = item.reviewDueAt, stored > stamp, stored < state.reviewDueAt {
                    state.reviewDueAt = stored
                }
                shipments.append(
                    ShipmentRecord(
                        id: shipmentID, orderID: order.id, shipment: document.shipment, state: state,
                        storedStatus: item.status, storedReviewDueAt: item.reviewDueAt))
                if item.findingsDigest != state.findingsDigest {
                    changedFindings.append(shipmentID)
                    findings += state.diagnoses.map {
                        FindingRecord(shipmentID: shipmentID, orderID: order.id, finding: $0)
                    }
                }
                guard item.legsDigest != state.legsDigest else { continue }
                changedLegs.append(shipmentID)
                legs += LegRecord.rows(shipmentID, state.legs)
                let words = searchText(order.info, trackingNumber: document.shipment.trackingNumber, legs: state.legs)
                if item.searchText != words { searchUpdates.append((order.id, words)) }
            }
            try await transaction.updateShipments(shipments, now: stamp)
            try await transaction.replaceLegs(of: changedLegs, with: legs)
            try await transaction.replaceFindings(of: changedFindings, with: findings, now: stamp)
            try await transaction.updateSearchText(searchUpdates)
        }
    }

    /// Analyses shipments at `now`, in order, on two tasks when there are
    /// enough of them: a batch of one scan for each of 500 parcels spends
    /// much of its time here, in the write turn. The second task leaves the
    /// SQLite writer's thread for the shared pool, so both cores work.
    static func analyzeAll(_ documents: [ShipmentDocument], now: Timestamp, diagnoser: Diagnoser, playbook: Playbook)
        async -> [ShipmentState]
    {
        @Sendable func analyze(_ part: ArraySlice<ShipmentDocument>) -> [ShipmentState] {
            part.map { ShipmentState(diagnoser.analyze($0, now: now), playbook: playbook) }
        }
        guard documents.count >= 32 else { return analyze(documents[...]) }
        let middle = documents.count / 2
        let firstHalf = Task(executorPreference: globalConcurrentExecutor) { analyze(documents[..<middle]) }
        let secondHalf = analyze(documents[middle...])
        return await firstHalf.value + secondHalf
    }
}
