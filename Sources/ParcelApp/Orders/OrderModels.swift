import Foundation
import ParcelCore

/// An order as stored: enough to analyze and to show.
public struct StoredOrder: Sendable {
    public let id: UUID
    public let shipmentID: UUID?
    public let info: OrderInfo
    public let buyerPhone: String?
    public let buyerEmail: String?
    public let items: [OrderItem]
    public let shipment: ShipmentInfo?
    public let events: [RawTrackingEvent]
    public let createdAt: Timestamp
    /// Other orders whose shipment has the same tracking number.
    public var otherOrders: [OtherOrder] = []
    /// How many claims the order has (none: its claims need no reading).
    public var claimCount = 0

    public init(
        id: UUID, shipmentID: UUID?, info: OrderInfo, buyerPhone: String?, buyerEmail: String?, items: [OrderItem],
        shipment: ShipmentInfo?, events: [RawTrackingEvent], createdAt: Timestamp
    ) {
        self.id = id
        self.shipmentID = shipmentID
        self.info = info
        self.buyerPhone = buyerPhone
        self.buyerEmail = buyerEmail
        self.items = items
        self.shipment = shipment
        self.events = events
        self.createdAt = createdAt
    }

    /// What diagnosis reads; nil for an order not shipped yet.
    public var document: ShipmentDocument? {
        shipment.map { ShipmentDocument(order: info, shipment: $0, events: events, otherOrders: otherOrders) }
    }
}

/// A new order with the events already known for it (a demo or a migration).
public struct NewOrder: Sendable {
    public var draft: OrderDraft
    public var events: [RawTrackingEvent]

    public init(_ draft: OrderDraft, events: [RawTrackingEvent] = []) {
        self.draft = draft
        self.events = events
    }
}

public enum OrderError: Error, Sendable, Equatable, CustomStringConvertible {
    case duplicateOrder(String)

    public var description: String {
        switch self {
        case .duplicateOrder(let id): "an order with externalId \"\(id)\" already exists"
        }
    }
}

/// Which orders a list shows.
public struct OrderFilter: Sendable {
    public var status: String?
    public var diagnosis: String?
    public var query: String?
    public var marketplace: String?
    public var carrier: String?
    /// The shipping option (the lane's service), as the orders name it.
    public var shippingOption: String?
    /// Placed at or after.
    public var placedFrom: Timestamp?
    /// Placed before.
    public var placedBefore: Timestamp?
    public var limit = 50
    public var cursor: OrderCursor?

    public init(
        status: String? = nil, diagnosis: String? = nil, query: String? = nil, limit: Int = 50,
        cursor: OrderCursor? = nil
    ) {
        self.status = status
        self.diagnosis = diagnosis
        self.query = query
        self.limit = limit
        self.cursor = cursor
    }
}

/// A page position in the order list, newest first: the last row's `(placedAt, id)`.
public struct OrderCursor: Sendable, Equatable {
    public let placedAt: Double
    public let id: UUID

    public init(placedAt: Double, id: UUID) {
        self.placedAt = placedAt
        self.id = id
    }

    /// The cursor an API client got back; nil for text no list gave out.
    public init?(encoded: String) {
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let placedAt = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            return nil
        }
        self.init(placedAt: placedAt, id: id)
    }

    public var encoded: String { Data("\(placedAt)|\(id.uuidString)".utf8).base64EncodedString() }
}

/// One row of the order list.
public struct OrderSummary: Sendable {
    public let id: UUID
    public let externalID: String
    public let marketplace: String?
    public let placedAt: Timestamp
    public let buyerName: String?
    public let carrier: String?
    public let trackingNumber: String?
    public let status: String?
    public let milestone: String?
    public let lastEventAt: Timestamp?
    public let topSeverity: Severity?

    public init(
        id: UUID, externalID: String, marketplace: String?, placedAt: Timestamp, buyerName: String?, carrier: String?,
        trackingNumber: String?, status: String?, milestone: String?, lastEventAt: Timestamp?, topSeverity: Severity?
    ) {
        self.id = id
        self.externalID = externalID
        self.marketplace = marketplace
        self.placedAt = placedAt
        self.buyerName = buyerName
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.status = status
        self.milestone = milestone
        self.lastEventAt = lastEventAt
        self.topSeverity = topSeverity
    }
}

public struct OrderPage: Sendable {
    public var items: [OrderSummary]
    /// Where the next page starts; nil on the last page.
    public var nextCursor: String?

    public init(items: [OrderSummary], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// One open finding in the action queue.
public struct QueueItem: Sendable {
    public let orderID: UUID
    public let externalID: String
    public let trackingNumber: String
    public let carrier: String?
    public let status: String
    public let code: String
    public let severity: Severity
    public let confidence: Double
    public let since: Timestamp
    public let deadline: Timestamp?
    public let summary: LocalizedText
    /// For a claim's deadline: the claim.
    public let claimID: UUID?
    /// The order's marketplace, for the queue's filter.
    public var marketplace: String?

    public init(
        orderID: UUID, externalID: String, trackingNumber: String, carrier: String?, status: String, code: String,
        severity: Severity, confidence: Double, since: Timestamp, deadline: Timestamp?, summary: LocalizedText,
        claimID: UUID? = nil, marketplace: String? = nil
    ) {
        self.claimID = claimID
        self.marketplace = marketplace
        self.orderID = orderID
        self.externalID = externalID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.status = status
        self.code = code
        self.severity = severity
        self.confidence = confidence
        self.since = since
        self.deadline = deadline
        self.summary = summary
    }
}

public struct StoreCounts: Sendable, Equatable {
    public var orders: Int
    public var shipments: Int
    public var events: Int

    public init(orders: Int, shipments: Int, events: Int) {
        self.orders = orders
        self.shipments = shipments
        self.events = events
    }
}

/// An order with its tracking analysed at one moment: what the order page shows.
public struct OrderDetail: Sendable {
    public let order: StoredOrder
    public let analysis: ShipmentAnalysis?
}
