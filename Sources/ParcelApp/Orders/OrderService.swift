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

    /// Which of these canonical tracking numbers a stored shipment already carries, as of the last commit.
    public func storedNumbers(_ numbers: some Collection<String>) async throws -> Set<String> {
        guard !numbers.isEmpty else { return [] }
        return Set(try await repository.shipments(holding: Array(numbers)).filter { !$0.value.isEmpty }.keys)
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
        let prepared = orders.map { prepare($0, now: now) }
        let batch = PreparedBatch(prepared)
        try await store(batch, in: transaction, now: now)
        try await refreshSharing(batch.numbers, in: transaction, now: now)
        return prepared.map(\.record.id)
    }

    /// An order's rows and first analysis, worked out before any write: an
    /// import prepares the next chunk while the store writes this one.
    public func prepare(_ order: NewOrder, now: Timestamp) -> PreparedOrder {
        let orderID = UUID.forNewRow()
        let info = order.draft.info
        guard let shipment = order.draft.shipment else {
            let searchText = TrackingKeys.searchText(info, trackingNumber: nil, legs: [])
            return PreparedOrder(
                record: OrderRecord(id: orderID, draft: order.draft, searchText: searchText), shipment: nil, legs: [],
                events: [], findings: [])
        }
        let shipmentID = UUID.forNewRow()
        let document = ShipmentDocument(order: info, shipment: shipment, events: order.events)
        let state = analyst.state(of: document, now: now)
        let searchText = TrackingKeys.searchText(info, trackingNumber: shipment.trackingNumber, legs: state.legs)
        return PreparedOrder(
            record: OrderRecord(id: orderID, draft: order.draft, searchText: searchText),
            shipment: ShipmentRecord(id: shipmentID, orderID: orderID, shipment: shipment, state: state),
            legs: LegRecord.rows(shipmentID, state.legs),
            events: order.events.map {
                PendingEvent(shipment: shipmentID, event: $0, key: TrackingKeys.dedupeKey(shipmentID, $0))
            },
            findings: state.diagnoses.map { FindingRecord(shipmentID: shipmentID, orderID: orderID, finding: $0) })
    }

    /// Writes prepared orders. Orders that share a tracking number with
    /// others are diagnosed again by `refreshSharing` once all are written.
    public func store(_ batch: PreparedBatch, in transaction: any ShipmentTransaction, now: Timestamp) async throws {
        guard !batch.orders.isEmpty else { return }
        let stamp = now.epochSeconds
        try await transaction.insertOrders(batch.orders, now: stamp)
        try await transaction.insertShipments(batch.shipments, now: stamp)
        try await transaction.replaceLegs(of: [], with: batch.legs)
        _ = try await transaction.insertEvents(batch.events, receivedAt: stamp)
        try await transaction.replaceFindings(of: [], with: batch.findings, now: stamp)
    }

    /// Every shipment holding one of `numbers` together with another order
    /// (or twice among new ones) is diagnosed again, now knowing about the others.
    public func refreshSharing(_ numbers: Set<String>, in transaction: any ShipmentTransaction, now: Timestamp)
        async throws
    {
        guard !numbers.isEmpty else { return }
        let sharing = try await transaction.shipmentsSharingNumbers(Array(numbers))
        try await transaction.lockShipments(sharing)
        try await analyst.refresh(sharing, in: transaction, now: now)
    }
}

/// A new order's rows and first analysis, ready to write.
public struct PreparedOrder: Sendable {
    public let record: OrderRecord
    let shipment: ShipmentRecord?
    let legs: [LegRecord]
    let events: [PendingEvent]
    let findings: [FindingRecord]
}

/// New orders' rows gathered by table, in the order every writer inserts them.
public struct PreparedBatch: Sendable {
    var orders: [OrderRecord] = []
    var shipments: [ShipmentRecord] = []
    var legs: [LegRecord] = []
    var events: [PendingEvent] = []
    var findings: [FindingRecord] = []
    /// The canonical tracking numbers of the batch's shipments.
    public private(set) var numbers: Set<String> = []
    /// Those held by more than one of its shipments.
    public private(set) var repeatedNumbers: Set<String> = []

    public init(_ prepared: [PreparedOrder]) {
        orders.reserveCapacity(prepared.count)
        shipments.reserveCapacity(prepared.count)
        for order in prepared {
            orders.append(order.record)
            if let shipment = order.shipment { shipments.append(shipment) }
            legs += order.legs
            events += order.events
            findings += order.findings
        }
        countNumbers()
        // One insertion order for every writer: two imports sharing order numbers then
        // wait on the first shared one instead of each holding what the other needs.
        orders.sort { $0.draft.info.id < $1.draft.info.id }
    }

    /// How many orders.
    public var count: Int { orders.count }

    /// The batch without the given orders (and their shipments' rows).
    public func removing(orders removed: Set<UUID>) -> PreparedBatch {
        guard !removed.isEmpty else { return self }
        var batch = self
        let shipments = Set(self.shipments.filter { removed.contains($0.orderID) }.map(\.id))
        batch.orders.removeAll { removed.contains($0.id) }
        batch.shipments.removeAll { shipments.contains($0.id) }
        batch.legs.removeAll { shipments.contains($0.shipmentID) }
        batch.events.removeAll { shipments.contains($0.shipment) }
        batch.findings.removeAll { shipments.contains($0.shipmentID) }
        batch.countNumbers()
        return batch
    }

    /// `numbers` and `repeatedNumbers` from the shipments.
    private mutating func countNumbers() {
        numbers = []
        repeatedNumbers = []
        for shipment in shipments {
            let number = canonicalNumber(shipment.shipment.trackingNumber)
            if !numbers.insert(number).inserted { repeatedNumbers.insert(number) }
        }
    }
}
