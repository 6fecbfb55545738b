import Foundation
import ParcelCore

/// A shipment as a refresh reads it: the order with its events, and what
/// the last analysis wrote, to skip rewriting rows that did not change.
public struct LoadedShipment: Sendable {
    public var order: StoredOrder
    public var legsDigest: String?
    public var findingsDigest: String?
    public var searchText: String?
    public var status: String?
    public var reviewDueAt: Double?

    public init(
        order: StoredOrder, legsDigest: String?, findingsDigest: String?, searchText: String?, status: String?,
        reviewDueAt: Double?
    ) {
        self.order = order
        self.legsDigest = legsDigest
        self.findingsDigest = findingsDigest
        self.searchText = searchText
        self.status = status
        self.reviewDueAt = reviewDueAt
    }
}

public struct OrderRecord: Sendable {
    public let id: UUID
    public let draft: OrderDraft
    public let searchText: String
    /// The items as the `items` column holds them.
    public let itemsJSON: String

    init(id: UUID, draft: OrderDraft, searchText: String) {
        self.id = id
        self.draft = draft
        self.searchText = searchText
        itemsJSON = OrderItem.encodeList(draft.items)
    }
}

public struct ShipmentRecord: Sendable {
    public var id: UUID
    public var orderID: UUID
    public var shipment: ShipmentInfo
    public var state: ShipmentState
    /// The indexed columns as stored, for a shipment that exists: an engine
    /// may leave them alone when they did not change.
    public var storedStatus: String?
    public var storedReviewDueAt: Double?

    /// The carrier the analysis settled on, else the one the order named.
    public var carrier: String? { state.legs.first?.carrier.nilIfEmpty ?? shipment.carrier }
}

public struct LegRecord: Sendable {
    public var shipmentID: UUID
    public var position: Int
    public var leg: ShipmentLeg

    static func rows(_ shipmentID: UUID, _ legs: [ShipmentLeg]) -> [LegRecord] {
        legs.enumerated().map { LegRecord(shipmentID: shipmentID, position: $0, leg: $1) }
    }
}

public struct FindingRecord: Sendable {
    public var shipmentID: UUID
    public var orderID: UUID
    public var finding: ShipmentState.Finding

    /// `sort_deadline` for findings without a deadline: after every real one.
    public static let noDeadline = 1e15

    public var sortDeadline: Double { finding.deadline ?? Self.noDeadline }
}

public struct PendingEvent: Sendable {
    public var shipment: UUID
    public var event: RawTrackingEvent
    /// `TrackingKeys.dedupeKey`: the same report sent again has the same key.
    public var key: String
}

public struct SearchTextUpdate: Sendable {
    public var order: UUID
    public var text: String
}

/// The keys and words derived from orders and events that both engines store.
public enum TrackingKeys {
    /// Lower-cased words a seller searches by: order id, buyer, every number as given and canonical,
    /// each once (the search index stores every three characters of it).
    public static func searchText(_ info: OrderInfo, trackingNumber: String?, legs: [ShipmentLeg]) -> String {
        var words = [info.id, info.buyerName ?? "", trackingNumber ?? ""]
        for leg in legs { words += [leg.trackingNumber, canonicalNumber(leg.trackingNumber)] }
        var seen: Set<String> = []
        return words.map(\.lowercasedForSearch).filter { !$0.isEmpty && seen.insert($0).inserted }
            .joined(separator: " ")
    }

    /// One report of one scan for one shipment: the same report sent again has the same key.
    public static func dedupeKey(_ shipmentID: UUID, _ event: RawTrackingEvent) -> String {
        Hashing.digest128(joining: [
            shipmentID.uuidString, event.source, event.carrier, canonicalNumber(event.trackingNumber),
            String(event.time.epochSeconds), event.code ?? "", event.text, event.location ?? "",
        ])
    }
}
