import FluentKit
import Foundation
import ParcelCore
import SQLKit

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

extension Store {
    // MARK: - Create

    /// Stores orders with their shipments and events and their first
    /// analysis, all or nothing. Throws `duplicateOrder` when an external id
    /// is taken (or given twice).
    @discardableResult
    public func createOrders(_ orders: [NewOrder], now: Timestamp, actor: String) async throws -> [UUID] {
        guard !orders.isEmpty else { return [] }
        var seen: Set<String> = []
        for order in orders where !seen.insert(order.draft.info.id).inserted {
            throw StoreError.duplicateOrder(order.draft.info.id)
        }
        let diagnoser = diagnoser
        let playbook = playbook
        let taken = try await existingExternalIDs(Array(seen))
        if let first = orders.first(where: { taken.contains($0.draft.info.id) }) {
            throw StoreError.duplicateOrder(first.draft.info.id)
        }
        return try await transaction { transaction in
            let stamp = now.epochSeconds
            var ids: [UUID] = []
            var orderRecords: [OrderRecord] = []
            var shipmentRecords: [ShipmentRecord] = []
            var legRecords: [LegRecord] = []
            var events: [PendingEvent] = []
            var findingRecords: [FindingRecord] = []
            for order in orders {
                let orderID = UUID()
                ids.append(orderID)
                let info = order.draft.info
                var legs: [ShipmentLeg] = []
                if let shipment = order.draft.shipment {
                    let shipmentID = UUID()
                    let document = ShipmentDocument(order: info, shipment: shipment, events: order.events)
                    let state = ShipmentState(diagnoser.analyze(document, now: now), playbook: playbook)
                    legs = state.legs
                    shipmentRecords.append(
                        ShipmentRecord(id: shipmentID, orderID: orderID, shipment: shipment, state: state))
                    legRecords += LegRecord.rows(shipmentID, legs)
                    events += order.events.map {
                        PendingEvent(shipment: shipmentID, event: $0, key: Self.dedupeKey(shipmentID, $0))
                    }
                    findingRecords += state.diagnoses.map {
                        FindingRecord(shipmentID: shipmentID, orderID: orderID, finding: $0)
                    }
                }
                let searchText = Self.searchText(info, trackingNumber: order.draft.shipment?.trackingNumber, legs: legs)
                orderRecords.append(OrderRecord(id: orderID, draft: order.draft, searchText: searchText))
            }
            try await transaction.insertOrders(orderRecords, now: stamp)
            try await transaction.insertShipments(shipmentRecords, now: stamp)
            try await transaction.replaceLegs(of: [], with: legRecords)
            _ = try await transaction.insertEvents(events, receivedAt: stamp)
            try await transaction.replaceFindings(of: [], with: findingRecords, now: stamp)
            // A number already on another order (or twice in this import): every order
            // holding it is diagnosed again, now knowing about the others.
            let numbers = Set(orders.compactMap { $0.draft.shipment.map { canonicalNumber($0.trackingNumber) } })
            let sharing = try await transaction.shipmentsSharingNumbers(Array(numbers))
            try await Self.refresh(sharing, in: transaction, now: now, diagnoser: diagnoser, playbook: playbook)
            try await transaction.audit(
                actor: actor, action: "orders.create", subject: orders.count == 1 ? orders[0].draft.info.id : "",
                detail: "\(orders.count) order(s), \(events.count) event(s)", at: stamp)
            return ids
        }
    }

    public func existingExternalIDs(_ ids: [String]) async throws -> Set<String> {
        var found: Set<String> = []
        for chunk in ids.chunked(500) {
            let rows = try await sql.select().column("external_id").from(OrderModel.schema)
                .where("external_id", .in, Array(chunk)).all()
            for row in rows { found.insert(try row.decode(column: "external_id", as: String.self)) }
        }
        return found
    }

    // MARK: - Read

    /// The columns an order is read by (`OrderColumns.storedOrder`), from
    /// `orders o` joined with `shipments s`: the shipment's prefixed `s_`.
    static let orderFields: [(column: String, name: String)] =
        [
            "id", "external_id", "marketplace", "placed_at", "placed_offset", "confirmed_at", "confirmed_offset",
            "promised_by", "promised_offset", "buyer_name", "buyer_phone", "buyer_email", "items", "search_text",
            "created_at",
        ].map { ("o.\($0)", $0) }
        + [
            "id", "carrier", "tracking_number", "shipping_option", "shipped_at", "shipped_offset", "origin",
            "destination", "legs_digest", "findings_digest", "status", "review_due_at",
        ].map { ("s.\($0)", "s_\($0)") }

    /// `orderFields` as a select list.
    static let orderSelection = orderFields.map { "\($0.column) AS \($0.name)" }.joined(separator: ", ")

    /// Where each of `orderFields` is in a packed row.
    static let orderFieldIndex = Dictionary(uniqueKeysWithValues: orderFields.enumerated().map { ($1.name, $0) })

    /// One order by its id (or, failing that, its marketplace order number),
    /// with its events: the busiest read of the API.
    public func order(_ key: String) async throws -> StoredOrder? {
        if let sqliteFile { return try sqliteFile.read { try $0.order(key) } }
        guard let row = try await postgresOrderRow(key) else { return nil }
        var order = row.order
        // Most numbers are on one order only; the others are listed only when there are any.
        if row.holders > 1, let number = order.shipment.map({ canonicalNumber($0.trackingNumber) }) {
            order.otherOrders = try await PostgresTransaction(sql: sql).ordersHolding([number])[number, default: []]
                .filter { $0.id != order.info.id }
        }
        return order
    }

    public struct OrderFilter: Sendable {
        public var status: String?
        public var diagnosis: String?
        public var query: String?
        public var limit = 50
        public var cursor: String?

        public init(
            status: String? = nil, diagnosis: String? = nil, query: String? = nil, limit: Int = 50,
            cursor: String? = nil
        ) {
            self.status = status
            self.diagnosis = diagnosis
            self.query = query
            self.limit = limit
            self.cursor = cursor
        }
    }

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
    }

    /// Newest first, `limit` at a time; pass the returned cursor for the next page.
    public func orders(_ filter: OrderFilter) async throws -> (items: [OrderSummary], nextCursor: String?) {
        let limit = max(1, min(filter.limit, 200))
        var conditions: [SQLQueryString] = []
        if let status = filter.status { conditions.append("s.status = \(bind: status)") }
        if let code = filter.diagnosis {
            conditions.append("EXISTS (SELECT 1 FROM diagnoses d WHERE d.order_id = o.id AND d.code = \(bind: code))")
        }
        if let query = filter.query?.lowercased().trimmed, !query.isEmpty {
            // A number typed with spaces or dashes matches its canonical form too.
            let number = canonicalNumber(query).lowercased()
            var patterns = [query]
            if number.count >= 4, number != query { patterns.append(number) }
            let matches = patterns.map { pattern -> SQLQueryString in
                "o.search_text LIKE \(bind: "%" + Self.likeEscaped(pattern) + "%") ESCAPE '\\'"
            }
            conditions.append("(" + matches.joined(separator: " OR ") + ")")
        }
        if let cursor = filter.cursor.flatMap(Cursor.init(encoded:)) {
            conditions.append(
                "(o.placed_at < \(bind: cursor.placedAt) OR (o.placed_at = \(bind: cursor.placedAt) AND o.id < \(bind: cursor.id)))"
            )
        }
        var query: SQLQueryString = """
            SELECT o.id, o.external_id, o.marketplace, o.placed_at, o.placed_offset, o.buyer_name,
                   s.carrier, s.tracking_number, s.status, s.milestone, s.last_event_at, s.top_severity
            FROM orders o LEFT JOIN shipments s ON s.order_id = o.id
            """
        if !conditions.isEmpty { query = query + " WHERE " + conditions.joined(separator: " AND ") }
        query = query + " ORDER BY o.placed_at DESC, o.id DESC LIMIT \(literal: limit + 1)"
        let rows = try await sql.raw(query).all()
        var items: [OrderSummary] = []
        for row in rows.prefix(limit) {
            let severity = try row.decode(column: "top_severity", as: Int?.self)
            let lastEvent = try row.decode(column: "last_event_at", as: Double?.self)
            items.append(
                OrderSummary(
                    id: try row.decode(column: "id", as: UUID.self),
                    externalID: try row.decode(column: "external_id", as: String.self),
                    marketplace: try row.decode(column: "marketplace", as: String?.self),
                    placedAt: Timestamp(
                        stored: try row.decode(column: "placed_at", as: Double.self),
                        offset: try row.decode(column: "placed_offset", as: Int.self)),
                    buyerName: try row.decode(column: "buyer_name", as: String?.self),
                    carrier: try row.decode(column: "carrier", as: String?.self),
                    trackingNumber: try row.decode(column: "tracking_number", as: String?.self),
                    status: try row.decode(column: "status", as: String?.self),
                    milestone: try row.decode(column: "milestone", as: String?.self),
                    lastEventAt: lastEvent.map { Timestamp(epochSeconds: $0) },
                    topSeverity: severity.flatMap { rank in Severity.allCases.first { $0.rank == rank } }))
        }
        let next =
            rows.count > limit ? items.last.map { Cursor(placedAt: $0.placedAt.epochSeconds, id: $0.id).encoded } : nil
        return (items, next)
    }

    /// A page position: the last row's `(placed_at, id)`.
    struct Cursor {
        let placedAt: Double
        let id: UUID

        init(placedAt: Double, id: UUID) {
            self.placedAt = placedAt
            self.id = id
        }

        init?(encoded: String) {
            guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
                return nil
            }
            let parts = text.split(separator: "|")
            guard parts.count == 2, let placedAt = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
                return nil
            }
            self.init(placedAt: placedAt, id: id)
        }

        var encoded: String { Data("\(placedAt)|\(id.uuidString)".utf8).base64EncodedString() }
    }

    /// Whether a cursor could have come from `orders(_:)`.
    public static func isValidCursor(_ text: String) -> Bool { Cursor(encoded: text) != nil }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

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
    }

    /// Open findings at or above `minimum`, most severe first, then the nearest deadline.
    public func queue(minimum: Severity = .watch, limit: Int = 100) async throws -> [QueueItem] {
        let rows = try await sql.raw(
            """
            SELECT d.code, d.severity, d.confidence, d.since, d.deadline, d.summary_ko, d.summary_en,
                   o.id AS order_id, o.external_id, s.tracking_number, s.carrier, s.status
            FROM diagnoses d
            JOIN shipments s ON s.id = d.shipment_id
            JOIN orders o ON o.id = d.order_id
            WHERE d.severity >= \(bind: minimum.rank)
            ORDER BY d.severity DESC, d.sort_deadline, d.since
            LIMIT \(literal: max(1, min(limit, 1000)))
            """
        ).all()
        return try rows.map { row in
            let rank = try row.decode(column: "severity", as: Int.self)
            return QueueItem(
                orderID: try row.decode(column: "order_id", as: UUID.self),
                externalID: try row.decode(column: "external_id", as: String.self),
                trackingNumber: try row.decode(column: "tracking_number", as: String.self),
                carrier: try row.decode(column: "carrier", as: String?.self),
                status: try row.decode(column: "status", as: String.self),
                code: try row.decode(column: "code", as: String.self),
                severity: Severity.allCases.first { $0.rank == rank } ?? .info,
                confidence: try row.decode(column: "confidence", as: Double.self),
                since: Timestamp(epochSeconds: try row.decode(column: "since", as: Double.self)),
                deadline: try row.decode(column: "deadline", as: Double?.self).map { Timestamp(epochSeconds: $0) },
                summary: LocalizedText(
                    ko: try row.decode(column: "summary_ko", as: String.self),
                    en: try row.decode(column: "summary_en", as: String.self)))
        }
    }

    /// How many orders sit at each severity, each order counted once at its worst open diagnosis.
    public func queueSummary() async throws -> [Severity: Int] {
        let rows = try await sql.raw(
            """
            SELECT worst, COUNT(*) AS n FROM (
                SELECT order_id, MAX(severity) AS worst FROM diagnoses GROUP BY order_id
            ) per_order GROUP BY worst
            """
        ).all()
        var summary: [Severity: Int] = [:]
        for row in rows {
            let rank = try row.decode(column: "worst", as: Int.self)
            guard let severity = Severity.allCases.first(where: { $0.rank == rank }) else { continue }
            summary[severity] = try row.decode(column: "n", as: Int.self)
        }
        return summary
    }

    public func counts() async throws -> (orders: Int, shipments: Int, events: Int) {
        func count(_ table: String) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
                ?? 0
        }
        return (
            try await count(OrderModel.schema), try await count(ShipmentModel.schema),
            try await count(TrackingEventModel.schema)
        )
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
