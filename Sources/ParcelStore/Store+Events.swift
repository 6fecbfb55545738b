import FluentKit
import Foundation
import ParcelCore
import SQLKit
import SQLiteNIO

/// What happened to a batch of events.
public struct IngestResult: Sendable, Equatable {
    /// Stored now.
    public var accepted = 0
    /// Already stored (or repeated within the batch).
    public var duplicates = 0
    /// No shipment has the number; nothing was stored for them.
    public var unmatched = 0
    public var unmatchedNumbers: [String] = []

    public init() {}
}

/// An event as it arrives, with the shipment's first number when the event's
/// own number is a later leg not yet known (the domestic carrier's number
/// reported before any of its scans).
public struct IncomingEvent: Sendable {
    public var event: RawTrackingEvent
    public var parentTrackingNumber: String?

    public init(_ event: RawTrackingEvent, parentTrackingNumber: String? = nil) {
        self.event = event
        self.parentTrackingNumber = parentTrackingNumber
    }
}

extension Store {
    public func ingest(_ events: [RawTrackingEvent], now: Timestamp, actor: String) async throws -> IngestResult {
        try await ingest(events.map { IncomingEvent($0) }, now: now, actor: actor)
    }

    /// Stores a batch of raw events and brings every touched shipment's
    /// timeline and findings up to date, in one transaction: when this
    /// returns, all of it is committed; when it throws, none of it is.
    /// Events are matched to shipments by any leg's number; the same event
    /// sent twice is stored once.
    public func ingest(_ events: [IncomingEvent], now: Timestamp, actor: String) async throws -> IngestResult {
        guard !events.isEmpty else { return IngestResult() }
        let diagnoser = diagnoser
        let playbook = playbook
        var wanted = Set(events.map { canonicalNumber($0.event.trackingNumber) })
        for incoming in events {
            if let parent = incoming.parentTrackingNumber { wanted.insert(canonicalNumber(parent)) }
        }
        let numbers = Array(wanted)
        // Matching reads the last commit, outside the write lock, so one batch is
        // matched while another is written. A number not found is looked up again
        // under the lock, where a leg that another batch has just added is seen.
        let known = try await Self.shipments(holding: numbers, sql: sql)
        let early = Self.plan(events, shipmentsByNumber: known)
        return try await write { sql in
            var plan = early
            if plan.result.unmatched > 0 {
                let found = try await Self.shipments(holding: numbers.filter { known[$0] == nil }, sql: sql)
                if !found.isEmpty {
                    plan = Self.plan(events, shipmentsByNumber: known.merging(found) { old, _ in old })
                }
            }
            var result = plan.result
            let pending = plan.pending
            let shipmentOfKey = plan.shipmentOfKey
            let stamp = now.epochSeconds
            let stored = try await Self.insertNew(pending, receivedAt: stamp, sql: sql)
            result.accepted = stored.count
            result.duplicates += pending.count - stored.count
            let touched = Set(stored.compactMap { shipmentOfKey[$0] })
            try await Self.refresh(
                Array(touched), sql: sql, now: now, diagnoser: diagnoser, playbook: playbook)
            if result.accepted > 0 {
                try await Self.audit(
                    sql, actor: actor, action: "events.ingest", subject: "",
                    detail:
                        "\(result.accepted) accepted, \(result.duplicates) duplicate, \(result.unmatched) unmatched",
                    at: stamp)
            }
            return result
        }
    }

    /// For each canonical number, the shipments with a leg carrying it.
    static func shipments(holding numbers: [String], sql: any SQLDatabase) async throws -> [String: [UUID]] {
        var found: [String: [UUID]] = [:]
        for chunk in numbers.chunked(1000) {
            let rows = try await PackedRows.select(
                ["canonical_number", "shipment_id"], from: LegModel.schema, where: "canonical_number", in: Array(chunk),
                orderBy: "shipment_id", sql: sql)
            for cells in rows {
                guard cells.count == 2, let number = cells[0].string, let shipment = cells[1].string.flatMap(UUID.init)
                else { throw StoreError.corruptRow(column: "legs.shipment_id") }
                // A number pasted on two orders belongs to both: each gets the event.
                if !(found[number]?.contains(shipment) ?? false) { found[number, default: []].append(shipment) }
            }
        }
        return found
    }

    struct IngestPlan: Sendable {
        var result = IngestResult()
        var pending: [PendingEvent] = []
        var shipmentOfKey: [String: UUID] = [:]
    }

    /// Which events go to which shipments, under which dedupe keys; repeats
    /// within the batch and numbers no shipment has are counted, not stored.
    static func plan(_ events: [IncomingEvent], shipmentsByNumber: [String: [UUID]]) -> IngestPlan {
        var plan = IngestPlan()
        for incoming in events {
            let event = incoming.event
            guard
                let shipments = shipmentsByNumber[canonicalNumber(event.trackingNumber)]
                    ?? incoming.parentTrackingNumber.flatMap({ shipmentsByNumber[canonicalNumber($0)] })
            else {
                plan.result.unmatched += 1
                if plan.result.unmatchedNumbers.count < 100,
                    !plan.result.unmatchedNumbers.contains(event.trackingNumber)
                {
                    plan.result.unmatchedNumbers.append(event.trackingNumber)
                }
                continue
            }
            for shipment in shipments {
                let key = dedupeKey(shipment, event)
                guard plan.shipmentOfKey.updateValue(shipment, forKey: key) == nil else {
                    plan.result.duplicates += 1
                    continue
                }
                plan.pending.append(PendingEvent(shipment: shipment, event: event, key: key))
            }
        }
        return plan
    }

    /// Re-diagnoses shipments whose findings may have changed with time
    /// alone; returns how many were refreshed.
    @discardableResult
    public func refreshDue(now: Timestamp, limit: Int = 2000) async throws -> Int {
        let rows = try await sql.select().column("id").from(ShipmentModel.schema)
            .where("review_due_at", .lessThanOrEqual, now.epochSeconds).orderBy("review_due_at").limit(limit).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return 0 }
        let diagnoser = diagnoser
        let playbook = playbook
        try await write { sql in
            try await Self.refresh(ids, sql: sql, now: now, diagnoser: diagnoser, playbook: playbook)
        }
        return ids.count
    }

    /// Loads shipments with all their events, analyzes them at `now`, and
    /// writes back their state; legs, findings and search words only where
    /// they changed, since most new scans change neither.
    static func refresh(
        _ shipmentIDs: [UUID], sql: any SQLDatabase, now: Timestamp, diagnoser: Diagnoser, playbook: Playbook
    ) async throws {
        guard !shipmentIDs.isEmpty else { return }
        let stamp = now.epochSeconds
        for chunk in shipmentIDs.chunked(500) {
            let ids = Array(chunk)
            let orderRows = try await sql.raw(
                """
                SELECT o.*, s.id AS s_id, s.carrier AS s_carrier, s.tracking_number AS s_tracking_number,
                       s.shipping_option AS s_shipping_option, s.shipped_at AS s_shipped_at,
                       s.shipped_offset AS s_shipped_offset, s.origin AS s_origin, s.destination AS s_destination,
                       s.legs_digest AS s_legs_digest, s.findings_digest AS s_findings_digest
                FROM shipments s JOIN orders o ON o.id = s.order_id
                WHERE s.id IN (\(binds: ids))
                """
            ).all()
            let eventsByShipment = try await events(of: ids, sql: sql)
            let holders = try await ordersHolding(
                try orderRows.map { canonicalNumber(try $0.decode(column: "s_tracking_number", as: String.self)) },
                sql: sql)
            var stored: [(order: StoredOrder, document: ShipmentDocument, row: any SQLRow)] = []
            for row in orderRows {
                guard let shipmentID = try row.decode(column: "s_id", as: UUID?.self) else { continue }
                var order = try storedOrder(
                    row, shipmentID: shipmentID, events: eventsByShipment[shipmentID.uuidString] ?? [])
                if let number = order.shipment.map({ canonicalNumber($0.trackingNumber) }),
                    let holding = holders[number], holding.count > 1
                {
                    order.otherOrders = holding.filter { $0.id != order.info.id }
                }
                guard let document = order.document else { continue }
                stored.append((order, document, row))
            }
            let states = await analyzeAll(stored.map(\.document), now: now, diagnoser: diagnoser, playbook: playbook)
            var shipmentRows: [[any SQLExpression]] = []
            var legRows: [[any SQLExpression]] = []
            var findingRows: [[any SQLExpression]] = []
            var searchUpdates: [(UUID, String)] = []
            var changedLegs: [UUID] = []
            var changedFindings: [UUID] = []
            for ((order, document, row), state) in zip(stored, states) {
                guard let shipmentID = order.shipmentID else { continue }
                shipmentRows.append(shipmentRow(shipmentID, order.id, document.shipment, state, now: stamp))
                if try row.decode(column: "s_findings_digest", as: String?.self) != state.findingsDigest {
                    changedFindings.append(shipmentID)
                    findingRows += state.diagnoses.map { findingRow(shipmentID, order.id, $0, now: stamp) }
                }
                guard try row.decode(column: "s_legs_digest", as: String?.self) != state.legsDigest else { continue }
                changedLegs.append(shipmentID)
                legRows += Self.legRows(shipmentID, state.legs)
                let words = searchText(order.info, trackingNumber: document.shipment.trackingNumber, legs: state.legs)
                if try row.decode(column: "search_text", as: String?.self) != words {
                    searchUpdates.append((order.id, words))
                }
            }
            let upsert = sql.insert(into: ShipmentModel.schema).columns(shipmentColumns)
            for row in shipmentRows { upsert.values(row) }
            try await upsert.onConflict(with: ["id"]) { update in
                for column in shipmentStateColumns { update.set(excludedValueOf: column) }
                return update
            }.run()
            if !changedLegs.isEmpty {
                try await sql.delete(from: LegModel.schema).where("shipment_id", .in, changedLegs).run()
                try await insert(sql, into: LegModel.schema, columns: legColumns, rows: legRows)
            }
            if !changedFindings.isEmpty {
                try await sql.delete(from: DiagnosisModel.schema).where("shipment_id", .in, changedFindings).run()
                try await insert(sql, into: DiagnosisModel.schema, columns: findingColumns, rows: findingRows)
            }
            for (orderID, text) in searchUpdates {
                try await sql.update(OrderModel.schema).set("search_text", to: text).where("id", .equal, orderID).run()
            }
        }
    }

    /// Analyses shipments at `now`, in order, on two tasks when there are
    /// enough of them: a batch of one scan for each of 500 parcels spends
    /// most of its time here, while the write lock is held.
    static func analyzeAll(_ documents: [ShipmentDocument], now: Timestamp, diagnoser: Diagnoser, playbook: Playbook)
        async -> [ShipmentState]
    {
        func analyze(_ part: ArraySlice<ShipmentDocument>) -> [ShipmentState] {
            part.map { ShipmentState(diagnoser.analyze($0, now: now), playbook: playbook) }
        }
        guard documents.count >= 32 else { return analyze(documents[...]) }
        let middle = documents.count / 2
        async let firstHalf = analyze(documents[..<middle])
        let secondHalf = analyze(documents[middle...])
        return await firstHalf + secondHalf
    }

    /// Every stored event of the given shipments, in arrival order, keyed by
    /// the shipment's UUID string. This is most of what a refresh reads
    /// (thousands of rows a batch), so the rows come back packed as one value.
    static func events(of shipmentIDs: [UUID], sql: any SQLDatabase) async throws -> [String: [RawTrackingEvent]] {
        var events: [String: [RawTrackingEvent]] = [:]
        // PostgreSQL prints a UUID in lower case; the keys are `uuidString`s.
        let uppercase = sql.dialect.name != "sqlite"
        for chunk in shipmentIDs.chunked(500) {
            let rows = try await PackedRows.select(
                ["shipment_id"] + eventReadColumns, from: TrackingEventModel.schema, where: "shipment_id",
                in: Array(chunk), orderBy: "id", sql: sql)
            for cells in rows {
                guard let shipment = cells.first?.string else { throw StoreError.corruptRow(column: "shipment_id") }
                events[uppercase ? shipment.uppercased() : shipment, default: []].append(
                    try event(cells.dropFirst()))
            }
        }
        return events
    }

    struct PendingEvent: Sendable {
        var shipment: UUID
        var event: RawTrackingEvent
        var key: String
    }

    /// Inserts the events not stored yet; returns the dedupe keys of those it
    /// stored. On SQLite the statement is built with raw values: going
    /// through SQLKit's Codable encoding costs more than the insert itself
    /// at 5,500 values a batch.
    static func insertNew(_ pending: [PendingEvent], receivedAt: Double, sql: any SQLDatabase) async throws -> Set<
        String
    > {
        var stored: Set<String> = []
        let chunks = pending.chunked(30_000 / eventColumns.count)
        guard let sqlite = sql as? any SQLiteDatabase else {
            for chunk in chunks {
                let builder = sql.insert(into: TrackingEventModel.schema).columns(eventColumns)
                for item in chunk {
                    builder.values(eventRow(item.shipment, item.event, key: item.key, receivedAt: receivedAt))
                }
                let inserted = try await builder.ignoringConflicts(with: eventConflictColumns).returning("dedupe_key")
                    .all()
                for row in inserted { stored.insert(try row.decode(column: "dedupe_key", as: String.self)) }
            }
            return stored
        }
        let tuple = "(" + Array(repeating: "?", count: eventColumns.count).joined(separator: ",") + ")"
        for chunk in chunks {
            var values: [SQLiteData] = []
            values.reserveCapacity(chunk.count * eventColumns.count)
            for item in chunk {
                let event = item.event
                values += [
                    .text(item.shipment.uuidString), .text(event.source), .text(event.carrier),
                    .text(event.trackingNumber), .float(event.time.epochSeconds), .integer(event.time.utcOffset),
                    event.code.map { .text($0) } ?? .null, .text(event.text), event.location.map { .text($0) } ?? .null,
                    .text(item.key), .float(receivedAt),
                ]
            }
            // Which rows this statement stored, without RETURNING's row per event: the
            // write lock is held, so every row above the previous largest id is ours.
            let before =
                try await sqlite.query("SELECT COALESCE(MAX(id), 0) AS id FROM \(TrackingEventModel.schema)")
                .first?.column("id")?.integer ?? 0
            _ = try await sqlite.query(
                """
                INSERT INTO \(TrackingEventModel.schema) (\(eventColumns.joined(separator: ", ")))
                VALUES \(Array(repeating: tuple, count: chunk.count).joined(separator: ","))
                ON CONFLICT (\(eventConflictColumns.joined(separator: ", "))) DO NOTHING
                """,
                values)
            let keys = try await sqlite.query(
                "SELECT group_concat(dedupe_key, ' ') AS keys FROM \(TrackingEventModel.schema) WHERE id > ?",
                [.integer(before)]
            ).first?.column("keys")?.string
            // Dedupe keys are hex digits: a space cannot occur in one.
            for key in keys?.split(separator: " ") ?? [] { stored.insert(String(key)) }
        }
        return stored
    }
}
