import Foundation
import ParcelApp
import ParcelCore

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
            guard let id = UUID(text: text) else { throw StoreError.corruptRow(column: column) }
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
        var order = StoredOrder(
            id: id, shipmentID: shipmentID, info: info, buyerPhone: try string("buyer_phone"),
            buyerEmail: try string("buyer_email"), items: items, shipment: shipment, events: events,
            createdAt: Timestamp(epochSeconds: created))
        order.claimCount = try int("claim_count") ?? 0
        return order
    }

    /// The digests and search words a refresh compares against.
    func loadedShipment(events: [RawTrackingEvent]) throws -> LoadedShipment {
        LoadedShipment(
            order: try storedOrder(events: events), legsDigest: try string("s_legs_digest"),
            findingsDigest: try string("s_findings_digest"), searchText: try string("search_text"),
            status: try string("s_status"), reviewDueAt: try double("s_review_due_at"))
    }
}
