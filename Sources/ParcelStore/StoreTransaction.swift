import Foundation
import ParcelCore

/// What the busy writes need from a database inside one transaction. The
/// domain steps (matching, dedupe keys, analysis, what changed) are written
/// once over this; each engine says how to read and write the rows: SQLite
/// with prepared statements run one row at a time on its writer thread
/// (`SQLiteTransaction`), PostgreSQL with a batch of rows as one parameter
/// (`PostgresTransaction`).
protocol StoreTransaction: Sendable {
    /// For each canonical number, the shipments with a leg carrying it.
    func shipments(holding numbers: [String]) async throws -> [String: [UUID]]
    /// Shipments whose canonical number is also on another shipment, among `numbers`.
    func shipmentsSharingNumbers(_ numbers: [String]) async throws -> [UUID]
    /// The shipments with their orders and every stored event, in arrival order.
    func loadShipments(_ ids: [UUID]) async throws -> [LoadedShipment]
    /// For each canonical number, every order whose shipment carries it.
    func ordersHolding(_ numbers: [String]) async throws -> [String: [OtherOrder]]

    func insertOrders(_ orders: [OrderRecord], now: Double) async throws
    func insertShipments(_ shipments: [ShipmentRecord], now: Double) async throws
    /// Writes the analysis columns of shipments that exist.
    func updateShipments(_ shipments: [ShipmentRecord], now: Double) async throws
    func replaceLegs(of shipments: [UUID], with legs: [LegRecord]) async throws
    func replaceFindings(of shipments: [UUID], with findings: [FindingRecord], now: Double) async throws
    func updateSearchText(_ updates: [(order: UUID, text: String)]) async throws
    /// Inserts the events not stored yet; returns the dedupe keys of those it stored.
    func insertEvents(_ events: [PendingEvent], receivedAt: Double) async throws -> Set<String>
    func audit(actor: String, action: String, subject: String, detail: String, at: Double) async throws
}

/// A shipment as a refresh reads it: the order with its events, and what
/// the last analysis wrote, to skip rewriting rows that did not change.
struct LoadedShipment: Sendable {
    var order: StoredOrder
    var legsDigest: String?
    var findingsDigest: String?
    var searchText: String?
    var status: String?
    var reviewDueAt: Double?
}

struct OrderRecord: Sendable {
    var id: UUID
    var draft: OrderDraft
    var searchText: String

    /// The items as the `items` column holds them.
    var itemsJSON: String {
        get throws { String(decoding: try JSONEncoder().encode(draft.items), as: UTF8.self) }
    }
}

struct ShipmentRecord: Sendable {
    var id: UUID
    var orderID: UUID
    var shipment: ShipmentInfo
    var state: ShipmentState
    /// The indexed columns as stored, for a shipment that exists: an engine
    /// may leave them alone when they did not change.
    var storedStatus: String?
    var storedReviewDueAt: Double?

    /// The carrier the analysis settled on, else the one the order named.
    var carrier: String? { state.legs.first?.carrier.nilIfEmpty ?? shipment.carrier }
}

struct LegRecord: Sendable {
    var shipmentID: UUID
    var position: Int
    var leg: ShipmentLeg

    static func rows(_ shipmentID: UUID, _ legs: [ShipmentLeg]) -> [LegRecord] {
        legs.enumerated().map { LegRecord(shipmentID: shipmentID, position: $0, leg: $1) }
    }
}

struct FindingRecord: Sendable {
    var shipmentID: UUID
    var orderID: UUID
    var finding: ShipmentState.Finding

    /// `sort_deadline` for findings without a deadline: after every real one.
    static let noDeadline = 1e15

    var sortDeadline: Double { finding.deadline ?? Self.noDeadline }
}

struct PendingEvent: Sendable {
    var shipment: UUID
    var event: RawTrackingEvent
    var key: String
}

/// The columns of a stored order row, read by name: SQLKit rows and SQLite
/// statements both offer them, so an order is decoded in one place.
protocol OrderColumns {
    func string(_ column: String) throws -> String?
    func double(_ column: String) throws -> Double?
    func int(_ column: String) throws -> Int?
    /// By default read from the column's text.
    func uuid(_ column: String) throws -> UUID?
}

extension OrderColumns {
    func required(_ column: String) throws -> String {
        guard let value = try string(column) else { throw StoreError.corruptRow(column: column) }
        return value
    }

    func time(_ epoch: String, _ offset: String) throws -> Timestamp? {
        guard let value = try double(epoch) else { return nil }
        return Timestamp(stored: value, offset: try int(offset) ?? 0)
    }

    func uuid(_ column: String) throws -> UUID? {
        try string(column).map { text in
            guard let id = UUID(uuidString: text) else { throw StoreError.corruptRow(column: column) }
            return id
        }
    }

    /// The order (and its shipment when `s_id` is set) of a row selected with
    /// `Store.orderSelection`, with `events` as its events.
    func storedOrder(events: [RawTrackingEvent]) throws -> StoredOrder {
        guard let placedAt = try time("placed_at", "placed_offset") else {
            throw StoreError.corruptRow(column: "placed_at")
        }
        let info = OrderInfo(
            id: try required("external_id"), marketplace: try string("marketplace"), placedAt: placedAt,
            confirmedAt: try time("confirmed_at", "confirmed_offset"),
            promisedBy: try time("promised_by", "promised_offset"), buyerName: try string("buyer_name"))
        let shipmentID = try uuid("s_id")
        var shipment: ShipmentInfo?
        if shipmentID != nil {
            shipment = ShipmentInfo(
                carrier: try string("s_carrier"), trackingNumber: try required("s_tracking_number"),
                shippingOption: try string("s_shipping_option"),
                shippedAt: try time("s_shipped_at", "s_shipped_offset"), origin: try string("s_origin"),
                destination: try string("s_destination"))
        }
        let items = try OrderItem.decodeList(try required("items"))
        guard let id = try uuid("id"), let created = try double("created_at") else {
            throw StoreError.corruptRow(column: "orders.id")
        }
        return StoredOrder(
            id: id, shipmentID: shipmentID, info: info, buyerPhone: try string("buyer_phone"),
            buyerEmail: try string("buyer_email"), items: items, shipment: shipment, events: events,
            createdAt: Timestamp(epochSeconds: created))
    }

    /// The digests and search words a refresh compares against.
    func loadedShipment(events: [RawTrackingEvent]) throws -> LoadedShipment {
        LoadedShipment(
            order: try storedOrder(events: events), legsDigest: try string("s_legs_digest"),
            findingsDigest: try string("s_findings_digest"), searchText: try string("search_text"),
            status: try string("s_status"), reviewDueAt: try double("s_review_due_at"))
    }
}
