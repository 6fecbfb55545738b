import FluentKit
import Foundation

// Times are stored as UTC epoch seconds beside the reporting clock's offset:
// portable across SQLite and PostgreSQL, sortable, and nothing of the
// original offset is lost.

public final class OrderModel: Model, @unchecked Sendable {
    public static let schema = "orders"

    @ID(key: .id) public var id: UUID?
    /// The marketplace's order number.
    @Field(key: "external_id") public var externalID: String
    @OptionalField(key: "marketplace") public var marketplace: String?
    @Field(key: "placed_at") public var placedAt: Double
    @Field(key: "placed_offset") public var placedOffset: Int
    @OptionalField(key: "confirmed_at") public var confirmedAt: Double?
    @OptionalField(key: "confirmed_offset") public var confirmedOffset: Int?
    @OptionalField(key: "promised_by") public var promisedBy: Double?
    @OptionalField(key: "promised_offset") public var promisedOffset: Int?
    @OptionalField(key: "buyer_name") public var buyerName: String?
    @OptionalField(key: "buyer_phone") public var buyerPhone: String?
    @OptionalField(key: "buyer_email") public var buyerEmail: String?
    /// JSON array of `{name, quantity, price}`.
    @Field(key: "items") public var items: String
    /// Lower-cased order id, buyer name and every leg's number, for search.
    @Field(key: "search_text") public var searchText: String
    @Field(key: "created_at") public var createdAt: Double
    @Field(key: "updated_at") public var updatedAt: Double

    public init() {}
}

public final class ShipmentModel: Model, @unchecked Sendable {
    public static let schema = "shipments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "order_id") public var order: OrderModel
    @OptionalField(key: "carrier") public var carrier: String?
    @Field(key: "tracking_number") public var trackingNumber: String
    @Field(key: "canonical_number") public var canonicalNumber: String
    @OptionalField(key: "shipping_option") public var shippingOption: String?
    @OptionalField(key: "shipped_at") public var shippedAt: Double?
    @OptionalField(key: "shipped_offset") public var shippedOffset: Int?
    @OptionalField(key: "origin") public var origin: String?
    @OptionalField(key: "destination") public var destination: String?
    // What the last analysis said, so lists and filters need no recomputation.
    @Field(key: "status") public var status: String
    @OptionalField(key: "milestone") public var milestone: String?
    @OptionalField(key: "last_event_at") public var lastEventAt: Double?
    @Field(key: "event_count") public var eventCount: Int
    /// The most severe open diagnosis (`Severity.rank`), −1 when none.
    @Field(key: "top_severity") public var topSeverity: Int
    /// When the diagnosis should next be recomputed as time passes.
    @Field(key: "review_due_at") public var reviewDueAt: Double
    @Field(key: "updated_at") public var updatedAt: Double

    public init() {}
}

public final class LegModel: Model, @unchecked Sendable {
    public static let schema = "legs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "shipment_id") public var shipment: ShipmentModel
    @Field(key: "position") public var position: Int
    @Field(key: "carrier") public var carrier: String
    @Field(key: "tracking_number") public var trackingNumber: String
    @Field(key: "canonical_number") public var canonicalNumber: String

    public init() {}
}

public final class TrackingEventModel: Model, @unchecked Sendable {
    public static let schema = "tracking_events"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Parent(key: "shipment_id") public var shipment: ShipmentModel
    @Field(key: "source") public var source: String
    @Field(key: "carrier") public var carrier: String
    @Field(key: "tracking_number") public var trackingNumber: String
    @Field(key: "time") public var time: Double
    @Field(key: "time_offset") public var timeOffset: Int
    @OptionalField(key: "code") public var code: String?
    @Field(key: "text") public var text: String
    @OptionalField(key: "location") public var location: String?
    @Field(key: "dedupe_key") public var dedupeKey: String
    @Field(key: "received_at") public var receivedAt: Double

    public init() {}
}

/// A shipment's current finding, kept for the seller's queue.
public final class DiagnosisModel: Model, @unchecked Sendable {
    public static let schema = "diagnoses"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Parent(key: "shipment_id") public var shipment: ShipmentModel
    @Field(key: "order_id") public var orderID: UUID
    @Field(key: "code") public var code: String
    @Field(key: "severity") public var severity: Int
    @Field(key: "confidence") public var confidence: Double
    @Field(key: "since") public var since: Double
    @OptionalField(key: "deadline") public var deadline: Double?
    @Field(key: "sort_deadline") public var sortDeadline: Double
    @Field(key: "summary_ko") public var summaryKo: String
    @Field(key: "summary_en") public var summaryEn: String
    @Field(key: "updated_at") public var updatedAt: Double

    public init() {}
}
