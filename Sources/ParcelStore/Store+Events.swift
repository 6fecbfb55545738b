import FluentKit
import Foundation
import ParcelCore
import SQLKit

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
        return try await write { sql in
            var wanted = Set(events.map { canonicalNumber($0.event.trackingNumber) })
            for incoming in events {
                if let parent = incoming.parentTrackingNumber { wanted.insert(canonicalNumber(parent)) }
            }
            let numbers = Array(wanted)
            // A number pasted on two orders belongs to both: each gets the event.
            var shipmentsByNumber: [String: [UUID]] = [:]
            for chunk in numbers.chunked(1000) {
                let rows = try await sql.select().columns("shipment_id", "canonical_number").from(LegModel.schema)
                    .where("canonical_number", .in, Array(chunk)).all()
                for row in rows {
                    let shipment = try row.decode(column: "shipment_id", as: UUID.self)
                    let number = try row.decode(column: "canonical_number", as: String.self)
                    if !(shipmentsByNumber[number]?.contains(shipment) ?? false) {
                        shipmentsByNumber[number, default: []].append(shipment)
                    }
                }
            }
            var result = IngestResult()
            var rows: [[any SQLExpression]] = []
            var shipmentOfKey: [String: UUID] = [:]
            let stamp = now.epochSeconds
            for incoming in events {
                let event = incoming.event
                let number = canonicalNumber(event.trackingNumber)
                guard
                    let shipments = shipmentsByNumber[number]
                        ?? incoming.parentTrackingNumber.flatMap({ shipmentsByNumber[canonicalNumber($0)] })
                else {
                    result.unmatched += 1
                    if result.unmatchedNumbers.count < 100, !result.unmatchedNumbers.contains(event.trackingNumber) {
                        result.unmatchedNumbers.append(event.trackingNumber)
                    }
                    continue
                }
                for shipment in shipments {
                    let key = Self.dedupeKey(shipment, event)
                    guard shipmentOfKey.updateValue(shipment, forKey: key) == nil else {
                        result.duplicates += 1
                        continue
                    }
                    rows.append(Self.eventRow(shipment, event, key: key, receivedAt: stamp))
                }
            }
            var stored: Set<String> = []
            for chunk in rows.chunked(30_000 / Self.eventColumns.count) {
                let builder = sql.insert(into: TrackingEventModel.schema).columns(Self.eventColumns)
                for row in chunk { builder.values(row) }
                let inserted = try await builder.ignoringConflicts(with: ["dedupe_key"]).returning("dedupe_key").all()
                for row in inserted { stored.insert(try row.decode(column: "dedupe_key", as: String.self)) }
            }
            result.accepted = stored.count
            result.duplicates += rows.count - stored.count
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
    /// writes back their state, legs and findings.
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
                       s.shipped_offset AS s_shipped_offset, s.origin AS s_origin, s.destination AS s_destination
                FROM shipments s JOIN orders o ON o.id = s.order_id
                WHERE s.id IN (\(binds: ids))
                """
            ).all()
            var eventsByShipment: [UUID: [RawTrackingEvent]] = [:]
            let eventRows = try await sql.select().column("shipment_id").columns(eventReadColumns)
                .from(TrackingEventModel.schema).where("shipment_id", .in, ids).orderBy("id").all()
            for row in eventRows {
                eventsByShipment[try row.decode(column: "shipment_id", as: UUID.self), default: []].append(
                    try event(row))
            }
            var shipmentRows: [[any SQLExpression]] = []
            var legRows: [[any SQLExpression]] = []
            var findingRows: [[any SQLExpression]] = []
            var searchUpdates: [(UUID, String)] = []
            for row in orderRows {
                guard let shipmentID = try row.decode(column: "s_id", as: UUID?.self) else { continue }
                let stored = try storedOrder(row, shipmentID: shipmentID, events: eventsByShipment[shipmentID] ?? [])
                guard let document = stored.document else { continue }
                let state = ShipmentState(diagnoser.analyze(document, now: now), playbook: playbook)
                shipmentRows.append(shipmentRow(shipmentID, stored.id, document.shipment, state, now: stamp))
                legRows += Self.legRows(shipmentID, state.legs)
                findingRows += state.diagnoses.map { findingRow(shipmentID, stored.id, $0, now: stamp) }
                if state.legs.count > 1 {
                    searchUpdates.append(
                        (
                            stored.id,
                            searchText(stored.info, trackingNumber: document.shipment.trackingNumber, legs: state.legs)
                        ))
                }
            }
            let upsert = sql.insert(into: ShipmentModel.schema).columns(shipmentColumns)
            for row in shipmentRows { upsert.values(row) }
            try await upsert.onConflict(with: ["id"]) { update in
                for column in shipmentStateColumns { update.set(excludedValueOf: column) }
                return update
            }.run()
            try await sql.delete(from: LegModel.schema).where("shipment_id", .in, ids).run()
            try await insert(sql, into: LegModel.schema, columns: legColumns, rows: legRows)
            try await sql.delete(from: DiagnosisModel.schema).where("shipment_id", .in, ids).run()
            try await insert(sql, into: DiagnosisModel.schema, columns: findingColumns, rows: findingRows)
            for (orderID, text) in searchUpdates {
                try await sql.update(OrderModel.schema).set("search_text", to: text).where("id", .equal, orderID).run()
            }
        }
    }
}
