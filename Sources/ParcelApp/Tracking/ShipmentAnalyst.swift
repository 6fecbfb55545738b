import Foundation
import ParcelCore

/// Diagnoses shipments and writes back what the analysis found: the step
/// that creating orders, ingesting events and refreshing due shipments share.
public struct ShipmentAnalyst: Sendable {
    /// Thresholds and wording as the owner set them, read afresh for each batch.
    public let settings: LiveSettings

    public var diagnoser: Diagnoser { settings.diagnoser }
    public var playbook: Playbook { settings.playbook }

    public init(diagnoser: Diagnoser = Diagnoser()) {
        self.init(settings: LiveSettings(diagnoser))
    }

    public init(settings: LiveSettings) {
        self.settings = settings
    }

    /// What the first analysis of a new shipment leaves in the database.
    func state(of document: ShipmentDocument, now: Timestamp) -> ShipmentState {
        ShipmentState(diagnoser.analyze(document, now: now), playbook: playbook)
    }

    /// Loads shipments with all their events, analyzes them at `now`, and
    /// writes back their state; legs, findings and search words only where
    /// they changed, since most new scans change neither.
    func refresh(_ shipmentIDs: [UUID], in transaction: any ShipmentTransaction, now: Timestamp) async throws {
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
            let states = await analyzeAll(work.map(\.document), now: now)
            var shipments: [ShipmentRecord] = []
            var legs: [LegRecord] = []
            var findings: [FindingRecord] = []
            var searchUpdates: [SearchTextUpdate] = []
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
                let words = TrackingKeys.searchText(
                    order.info, trackingNumber: document.shipment.trackingNumber, legs: state.legs)
                if item.searchText != words { searchUpdates.append(SearchTextUpdate(order: order.id, text: words)) }
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
    func analyzeAll(_ documents: [ShipmentDocument], now: Timestamp) async -> [ShipmentState] {
        let diagnoser = diagnoser
        let playbook = playbook
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
