import Foundation
import ParcelCore

/// Creating orders and reading them: one order, the list, the action queue.
public struct OrderService: Sendable {
    let repository: any OrderRepository
    public let analyst: ShipmentAnalyst

    public init(repository: any OrderRepository, analyst: ShipmentAnalyst) {
        self.repository = repository
        self.analyst = analyst
    }

    public var diagnoser: Diagnoser { analyst.diagnoser }
    public var playbook: Playbook { analyst.playbook }

    /// Stores orders with their shipments and events and their first
    /// analysis, all or nothing. Throws `OrderError.duplicateOrder` when an
    /// external id is taken (or given twice).
    @discardableResult
    public func createOrders(_ orders: [NewOrder], now: Timestamp, actor: String) async throws -> [UUID] {
        guard !orders.isEmpty else { return [] }
        var seen: Set<String> = []
        for order in orders where !seen.insert(order.draft.info.id).inserted {
            throw OrderError.duplicateOrder(order.draft.info.id)
        }
        let taken = try await repository.existingExternalIDs(Array(seen))
        if let first = orders.first(where: { taken.contains($0.draft.info.id) }) {
            throw OrderError.duplicateOrder(first.draft.info.id)
        }
        let writer = OrderWriter(analyst: analyst)
        return try await repository.transaction { transaction in
            let ids = try await writer.add(orders, in: transaction, now: now)
            try await transaction.audit(
                AuditEntry(
                    at: now.epochSeconds, actor: actor, action: "orders.create",
                    subject: orders.count == 1 ? orders[0].draft.info.id : "",
                    detail: "\(orders.count) order(s), \(orders.reduce(0) { $0 + $1.events.count }) event(s)"))
            return ids
        }
    }

    /// Runs `body` in one write transaction in which `OrderWriter.add` stores
    /// orders a chunk at a time: a large import goes in whole or not at all
    /// without holding every order in memory at once.
    public func inOneTransaction<T: Sendable>(
        _ body: @escaping @Sendable (OrderWriter, any ShipmentTransaction) async throws -> T
    ) async throws -> T {
        let writer = OrderWriter(analyst: analyst)
        return try await repository.transaction { transaction in try await body(writer, transaction) }
    }

    public func existingExternalIDs(_ ids: [String]) async throws -> Set<String> {
        try await repository.existingExternalIDs(ids)
    }

    /// One order by its id or marketplace order number, with its events.
    public func order(_ key: String) async throws -> StoredOrder? {
        try await repository.order(key)
    }

    /// One order with its tracking analysed at `now`.
    public func detail(_ key: String, now: Timestamp) async throws -> OrderDetail? {
        guard let order = try await repository.order(key) else { return nil }
        return OrderDetail(order: order, analysis: order.document.map { diagnoser.analyze($0, now: now) })
    }

    /// Newest first, `filter.limit` (1–200) at a time.
    public func orders(_ filter: OrderFilter) async throws -> OrderPage {
        var filter = filter
        filter.limit = max(1, min(filter.limit, 200))
        return try await repository.orders(filter)
    }

    /// Open findings at or above `minimum`, most severe first, then the nearest deadline.
    public func queue(minimum: Severity = .watch, limit: Int = 100) async throws -> [QueueItem] {
        try await repository.queue(minimum: minimum, limit: max(1, min(limit, 1000)))
    }

    public func queueSummary() async throws -> [Severity: Int] {
        try await repository.queueSummary()
    }

    public func counts() async throws -> StoreCounts {
        try await repository.counts()
    }
}

/// Stores new orders with their shipments, events and first analysis inside
/// a transaction the caller holds.
public struct OrderWriter: Sendable {
    let analyst: ShipmentAnalyst

    /// The new orders' ids, in the order given.
    public func add(_ orders: [NewOrder], in transaction: any ShipmentTransaction, now: Timestamp) async throws
        -> [UUID]
    {
        guard !orders.isEmpty else { return [] }
        let stamp = now.epochSeconds
        var ids: [UUID] = []
        var orderRecords: [OrderRecord] = []
        var shipmentRecords: [ShipmentRecord] = []
        var legRecords: [LegRecord] = []
        var events: [PendingEvent] = []
        var findingRecords: [FindingRecord] = []
        ids.reserveCapacity(orders.count)
        orderRecords.reserveCapacity(orders.count)
        shipmentRecords.reserveCapacity(orders.count)
        for order in orders {
            let orderID = UUID()
            ids.append(orderID)
            let info = order.draft.info
            var legs: [ShipmentLeg] = []
            if let shipment = order.draft.shipment {
                let shipmentID = UUID()
                let document = ShipmentDocument(order: info, shipment: shipment, events: order.events)
                let state = analyst.state(of: document, now: now)
                legs = state.legs
                shipmentRecords.append(
                    ShipmentRecord(id: shipmentID, orderID: orderID, shipment: shipment, state: state))
                legRecords += LegRecord.rows(shipmentID, legs)
                events += order.events.map {
                    PendingEvent(shipment: shipmentID, event: $0, key: TrackingKeys.dedupeKey(shipmentID, $0))
                }
                findingRecords += state.diagnoses.map {
                    FindingRecord(shipmentID: shipmentID, orderID: orderID, finding: $0)
                }
            }
            let searchText = TrackingKeys.searchText(
                info, trackingNumber: order.draft.shipment?.trackingNumber, legs: legs)
            orderRecords.append(try OrderRecord(id: orderID, draft: order.draft, searchText: searchText))
        }
        // One insertion order for every writer: two imports sharing order numbers then
        // wait on the first shared one instead of each holding what the other needs.
        orderRecords.sort { $0.draft.info.id < $1.draft.info.id }
        try await transaction.insertOrders(orderRecords, now: stamp)
        try await transaction.insertShipments(shipmentRecords, now: stamp)
        try await transaction.replaceLegs(of: [], with: legRecords)
        _ = try await transaction.insertEvents(events, receivedAt: stamp)
        try await transaction.replaceFindings(of: [], with: findingRecords, now: stamp)
        // A number already on another order (or twice among these): every order
        // holding it is diagnosed again, now knowing about the others.
        let numbers = Set(orders.compactMap { $0.draft.shipment.map { canonicalNumber($0.trackingNumber) } })
        let sharing = try await transaction.shipmentsSharingNumbers(Array(numbers))
        try await transaction.lockShipments(sharing)
        try await analyst.refresh(sharing, in: transaction, now: now)
        return ids
    }
}
