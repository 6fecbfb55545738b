import FluentKit
import Foundation
import ParcelApp
import ParcelCore
import SQLKit

extension Store: OrderRepository {
    public func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
        try await engine.shipments(holding: numbers)
    }

    public func shipmentsDue(at moment: Double, limit: Int) async throws -> [UUID] {
        let rows = try await sql.select().column("id").from(Tables.shipments.name)
            .where("review_due_at", .lessThanOrEqual, moment).orderBy("review_due_at").limit(limit).all()
        return try rows.map { try $0.decode(column: "id", as: UUID.self) }
    }

    public func existingExternalIDs(_ ids: [String]) async throws -> Set<String> {
        var found: Set<String> = []
        for chunk in ids.chunked(500) {
            let rows = try await sql.select().column("external_id").from(Tables.orders.name)
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
            "created_at", "claim_count",
        ].map { ("o.\($0)", $0) }
        + [
            "id", "carrier", "tracking_number", "shipping_option", "shipped_at", "shipped_offset", "origin",
            "destination", "legs_digest", "findings_digest", "status", "review_due_at",
        ].map { ("s.\($0)", "s_\($0)") }

    /// `orderFields` as a select list.
    static let orderSelection = orderFields.map { "\($0.column) AS \($0.name)" }.joined(separator: ", ")

    /// Where each of `orderFields` is in a packed row.
    static let orderFieldIndex = Dictionary(uniqueKeysWithValues: orderFields.enumerated().map { ($1.name, $0) })

    public func order(_ key: String) async throws -> StoredOrder? {
        try await engine.order(key)
    }

    public func orders(_ filter: OrderFilter) async throws -> OrderPage {
        let limit = filter.limit
        var conditions: [SQLQueryString] = []
        if let status = filter.status { conditions.append("s.status = \(bind: status)") }
        if let code = filter.diagnosis {
            conditions.append("EXISTS (SELECT 1 FROM diagnoses d WHERE d.order_id = o.id AND d.code = \(bind: code))")
        }
        if let marketplace = filter.marketplace { conditions.append("o.marketplace = \(bind: marketplace)") }
        if let carrier = filter.carrier { conditions.append("s.carrier = \(bind: carrier)") }
        if let option = filter.shippingOption { conditions.append("s.shipping_option = \(bind: option)") }
        if let from = filter.placedFrom { conditions.append("o.placed_at >= \(bind: from.epochSeconds)") }
        if let before = filter.placedBefore { conditions.append("o.placed_at < \(bind: before.epochSeconds)") }
        if let query = filter.query?.lowercased().trimmed, !query.isEmpty {
            // No stored text holds a NUL (PostgreSQL's cannot), and SQLite would read the pattern only up to it.
            guard !query.unicodeScalars.contains("\u{0}") else { return OrderPage(items: [], nextCursor: nil) }
            // A number typed with spaces or dashes matches its canonical form too.
            let number = canonicalNumber(query).lowercased()
            var patterns = [query]
            if number.count >= 4, number != query { patterns.append(number) }
            let matches = patterns.map { pattern -> SQLQueryString in
                "o.search_text LIKE \(bind: "%" + Self.likeEscaped(pattern) + "%") ESCAPE '\\'"
            }
            conditions.append("(" + matches.joined(separator: " OR ") + ")")
            if let candidates = try await searchCandidates(patterns, page: limit + 1) {
                guard !candidates.isEmpty else { return OrderPage(items: [], nextCursor: nil) }
                conditions.append("o.rowid IN (\(binds: candidates))")
            }
        }
        if let cursor = filter.cursor {
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
            rows.count > limit
            ? items.last.map { OrderCursor(placedAt: $0.placedAt.epochSeconds, id: $0.id).encoded } : nil
        return OrderPage(items: items, nextCursor: next)
    }

    /// On SQLite, the orders the trigram index (`AddOrderSearchIndex`) says
    /// may hold the words, when reading those is cheaper than going through
    /// the orders newest first until a page is full: the candidates cost one
    /// lookup each, the walk about `page × orders / matches` rows. Nil means
    /// walk. The `LIKE` above still decides, so the index only narrows.
    private func searchCandidates(_ patterns: [String], page: Int) async throws -> [Int]? {
        guard sql.dialect.name == "sqlite", let expression = Self.indexExpression(patterns) else { return nil }
        let orders =
            try await sql.raw("SELECT max(rowid) AS n FROM orders").first()?
            .decode(column: "n", as: Int?.self) ?? 0
        let worthwhile = max(page, Int(Double(page * orders).squareRoot()))
        // One row back: a common word's thousands of matches are counted, not handed over one by one.
        let found = try await sql.raw(
            """
            SELECT COUNT(*) AS n, group_concat(rowid) AS ids FROM (
                SELECT rowid FROM \(ident: AddOrderSearchIndex.table)
                WHERE \(ident: AddOrderSearchIndex.table) MATCH \(bind: expression) LIMIT \(literal: worthwhile))
            """
        ).first()
        guard let found, try found.decode(column: "n", as: Int.self) < worthwhile else { return nil }
        let ids = try found.decode(column: "ids", as: String?.self) ?? ""
        return ids.split(separator: ",").compactMap { Int($0) }
    }

    /// Makes the SQLite search index again when it holds a different number of
    /// orders than `orders` does: orders written by something that does not
    /// keep it (an older release, the `sqlite3` shell). Answers whether it did.
    /// An order's words changed that way still need the rebuild by hand
    /// (docs/SERVER.md).
    func repairSearchIndex() async throws -> Bool {
        guard sql.dialect.name == "sqlite" else { return false }
        let counts = try await sql.raw(
            """
            SELECT (SELECT COUNT(*) FROM orders) AS orders,
                   (SELECT COUNT(*) FROM \(ident: AddOrderSearchIndex.table + "_docsize")) AS indexed
            """
        ).first()
        guard let counts,
            try counts.decode(column: "orders", as: Int.self) != counts.decode(column: "indexed", as: Int.self)
        else { return false }
        try await write { sql in
            try await sql.raw(
                "INSERT INTO \(ident: AddOrderSearchIndex.table) (\(ident: AddOrderSearchIndex.table)) VALUES ('rebuild')"
            ).run()
        }
        return true
    }

    /// An FTS5 query for texts holding any of `patterns`. A word of up to
    /// eight characters is asked for as it is (a phrase: its pieces one
    /// after another). A longer one, a tracking number mostly, is asked for
    /// by its three-character pieces side by side, and its last three, all
    /// in the text: every text holding the word holds those, few others do,
    /// and reading 5 pieces of a 16-character number costs a third of reading
    /// all 14. Nil when a word is too short for the index (it holds pieces of
    /// three) or carries a NUL, where FTS5 would stop reading the query.
    static func indexExpression(_ patterns: [String]) -> String? {
        func quoted(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            return "\"" + String(text).replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var alternatives: [String] = []
        for pattern in patterns {
            let scalars = Array(pattern.unicodeScalars)
            guard scalars.count >= 3, !scalars.contains("\u{0}") else { return nil }
            guard scalars.count > 8 else {
                alternatives.append(quoted(scalars[...]))
                continue
            }
            var starts = Array(stride(from: 0, to: scalars.count - 2, by: 3))
            if starts.last != scalars.count - 3 { starts.append(scalars.count - 3) }
            alternatives.append("(" + starts.map { quoted(scalars[$0..<$0 + 3]) }.joined(separator: " AND ") + ")")
        }
        return alternatives.isEmpty ? nil : alternatives.joined(separator: " OR ")
    }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    public func queue(minimum: Severity, limit: Int) async throws -> [QueueItem] {
        let rows = try await sql.raw(
            """
            SELECT d.code, d.severity, d.confidence, d.since, d.deadline, d.summary_ko, d.summary_en,
                   o.id AS order_id, o.external_id, o.marketplace, s.tracking_number, s.carrier, s.status
            FROM diagnoses d
            JOIN shipments s ON s.id = d.shipment_id
            JOIN orders o ON o.id = d.order_id
            WHERE d.severity >= \(bind: minimum.rank)
            ORDER BY d.severity DESC, d.sort_deadline, d.since
            LIMIT \(literal: limit)
            """
        ).all()
        return try rows.map { row in
            let severity = try Self.severity(row.decode(column: "severity", as: Int.self))
            return QueueItem(
                orderID: try row.decode(column: "order_id", as: UUID.self),
                externalID: try row.decode(column: "external_id", as: String.self),
                trackingNumber: try row.decode(column: "tracking_number", as: String.self),
                carrier: try row.decode(column: "carrier", as: String?.self),
                status: try row.decode(column: "status", as: String.self),
                code: try row.decode(column: "code", as: String.self),
                severity: severity,
                confidence: try row.decode(column: "confidence", as: Double.self),
                since: Timestamp(epochSeconds: try row.decode(column: "since", as: Double.self)),
                deadline: try row.decode(column: "deadline", as: Double?.self).map { Timestamp(epochSeconds: $0) },
                summary: LocalizedText(
                    ko: try row.decode(column: "summary_ko", as: String.self),
                    en: try row.decode(column: "summary_en", as: String.self)),
                marketplace: try row.decode(column: "marketplace", as: String?.self))
        }
    }

    public func queueSummary() async throws -> [Severity: Int] {
        let rows = try await sql.raw(
            """
            SELECT top_severity AS worst, COUNT(*) AS n FROM shipments
            WHERE top_severity >= 0 GROUP BY top_severity
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

    public func counts() async throws -> StoreCounts {
        func count(_ table: String) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
                ?? 0
        }
        return StoreCounts(
            orders: try await count(Tables.orders.name), shipments: try await count(Tables.shipments.name),
            events: try await count(Tables.trackingEvents.name))
    }
}
