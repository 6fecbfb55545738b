import FluentKit
import Foundation
import ParcelCore
import SQLKit

/// `StoreTransaction` through SQLKit, for PostgreSQL: few round trips, so
/// many rows per statement, split to stay under the bind limit.
struct SQLKitTransaction: StoreTransaction {
    let sql: any SQLDatabase

    /// Rows per statement: PostgreSQL takes at most 65,535 binds.
    static func chunk(columns: Int) -> Int { max(1, 30_000 / columns) }

    func shipments(holding numbers: [String]) async throws -> [String: [UUID]] {
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

    func shipmentsSharingNumbers(_ numbers: [String]) async throws -> [UUID] {
        var found: [UUID] = []
        for chunk in numbers.chunked(500) {
            let rows = try await sql.raw(
                """
                SELECT id FROM shipments WHERE canonical_number IN (
                    SELECT canonical_number FROM shipments WHERE canonical_number IN (\(binds: Array(chunk)))
                    GROUP BY canonical_number HAVING COUNT(*) > 1)
                """
            ).all()
            found += try rows.map { try $0.decode(column: "id", as: UUID.self) }
        }
        return found
    }

    func loadShipments(_ ids: [UUID]) async throws -> [LoadedShipment] {
        var loaded: [LoadedShipment] = []
        for chunk in ids.chunked(500) {
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: Store.orderSelection)
                FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id IN (\(binds: Array(chunk)))
                """
            ).all()
            let events = try await events(of: Array(chunk))
            for row in rows {
                let columns = SQLRowColumns(row: row)
                let id = try columns.uuid("s_id")
                loaded.append(try columns.loadedShipment(events: id.flatMap { events[$0] } ?? []))
            }
        }
        return loaded
    }

    /// Every stored event of the given shipments, in arrival order. This is
    /// most of what a refresh reads, so the rows come back packed as one value.
    func events(of shipmentIDs: [UUID]) async throws -> [UUID: [RawTrackingEvent]] {
        var events: [UUID: [RawTrackingEvent]] = [:]
        for chunk in shipmentIDs.chunked(500) {
            let rows = try await PackedRows.select(
                ["shipment_id"] + Store.eventReadColumns, from: TrackingEventModel.schema, where: "shipment_id",
                in: Array(chunk), orderBy: "id", sql: sql)
            for cells in rows {
                guard let shipment = cells.first?.string.flatMap(UUID.init(uuidString:)) else {
                    throw StoreError.corruptRow(column: "shipment_id")
                }
                events[shipment, default: []].append(try Store.event(cells.dropFirst()))
            }
        }
        return events
    }

    func ordersHolding(_ numbers: [String]) async throws -> [String: [OtherOrder]] {
        var found: [String: [OtherOrder]] = [:]
        for chunk in numbers.chunked(500) {
            let rows = try await sql.raw(
                """
                SELECT s.canonical_number, s.tracking_number, o.external_id
                FROM shipments s JOIN orders o ON o.id = s.order_id
                WHERE s.canonical_number IN (\(binds: Array(chunk)))
                """
            ).all()
            for row in rows {
                found[try row.decode(column: "canonical_number", as: String.self), default: []].append(
                    OtherOrder(
                        id: try row.decode(column: "external_id", as: String.self),
                        trackingNumber: try row.decode(column: "tracking_number", as: String.self)))
            }
        }
        return found
    }

    func insertOrders(_ orders: [OrderRecord], now: Double) async throws {
        try await insert(
            into: OrderModel.schema, columns: Store.orderColumns,
            rows: orders.map { order in
                let info = order.draft.info
                return [
                    SQLBind(order.id), SQLBind(info.id), SQLBind(info.marketplace), SQLBind(info.placedAt.epochSeconds),
                    SQLBind(info.placedAt.utcOffset), SQLBind(info.confirmedAt?.epochSeconds),
                    SQLBind(info.confirmedAt?.utcOffset), SQLBind(info.promisedBy?.epochSeconds),
                    SQLBind(info.promisedBy?.utcOffset), SQLBind(info.buyerName), SQLBind(order.draft.buyerPhone),
                    SQLBind(order.draft.buyerEmail), SQLBind(try order.itemsJSON), SQLBind(order.searchText),
                    SQLBind(now), SQLBind(now),
                ]
            })
    }

    func insertShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        try await insert(
            into: ShipmentModel.schema, columns: Store.shipmentColumns, rows: shipments.map { row($0, now: now) })
    }

    func updateShipments(_ shipments: [ShipmentRecord], now: Double) async throws {
        for chunk in shipments.chunked(Self.chunk(columns: Store.shipmentColumns.count)) {
            let upsert = sql.insert(into: ShipmentModel.schema).columns(Store.shipmentColumns)
            for shipment in chunk { upsert.values(row(shipment, now: now)) }
            try await upsert.onConflict(with: ["id"]) { update in
                for column in Store.shipmentStateColumns { update.set(excludedValueOf: column) }
                return update
            }.run()
        }
    }

    private func row(_ record: ShipmentRecord, now: Double) -> [any SQLExpression] {
        let shipment = record.shipment
        let state = record.state
        return [
            SQLBind(record.id), SQLBind(record.orderID), SQLBind(record.carrier), SQLBind(shipment.trackingNumber),
            SQLBind(canonicalNumber(shipment.trackingNumber)), SQLBind(shipment.shippingOption),
            SQLBind(shipment.shippedAt?.epochSeconds), SQLBind(shipment.shippedAt?.utcOffset), SQLBind(shipment.origin),
            SQLBind(shipment.destination), SQLBind(state.status), SQLBind(state.milestone), SQLBind(state.lastEventAt),
            SQLBind(state.eventCount), SQLBind(state.topSeverity), SQLBind(state.reviewDueAt), SQLBind(now),
            SQLBind(state.legsDigest), SQLBind(state.findingsDigest),
        ]
    }

    func replaceLegs(of shipments: [UUID], with legs: [LegRecord]) async throws {
        for chunk in shipments.chunked(1000) {
            try await sql.delete(from: LegModel.schema).where("shipment_id", .in, Array(chunk)).run()
        }
        try await insert(
            into: LegModel.schema, columns: Store.legColumns,
            rows: legs.map { record in
                [
                    SQLBind(UUID()), SQLBind(record.shipmentID), SQLBind(record.position), SQLBind(record.leg.carrier),
                    SQLBind(record.leg.trackingNumber), SQLBind(canonicalNumber(record.leg.trackingNumber)),
                ]
            })
    }

    func replaceFindings(of shipments: [UUID], with findings: [FindingRecord], now: Double) async throws {
        for chunk in shipments.chunked(1000) {
            try await sql.delete(from: DiagnosisModel.schema).where("shipment_id", .in, Array(chunk)).run()
        }
        try await insert(
            into: DiagnosisModel.schema, columns: Store.findingColumns,
            rows: findings.map { record in
                let finding = record.finding
                return [
                    SQLBind(record.shipmentID), SQLBind(record.orderID), SQLBind(finding.code),
                    SQLBind(finding.severity), SQLBind(finding.confidence), SQLBind(finding.since),
                    SQLBind(finding.deadline), SQLBind(record.sortDeadline), SQLBind(finding.summaryKo),
                    SQLBind(finding.summaryEn), SQLBind(now),
                ]
            })
    }

    func updateSearchText(_ updates: [(order: UUID, text: String)]) async throws {
        for (order, text) in updates {
            try await sql.update(OrderModel.schema).set("search_text", to: text).where("id", .equal, order).run()
        }
    }

    func insertEvents(_ events: [PendingEvent], receivedAt: Double) async throws -> Set<String> {
        var stored: Set<String> = []
        for chunk in events.chunked(Self.chunk(columns: Store.eventColumns.count)) {
            let builder = sql.insert(into: TrackingEventModel.schema).columns(Store.eventColumns)
            for item in chunk {
                let event = item.event
                builder.values([
                    SQLBind(item.shipment), SQLBind(event.source), SQLBind(event.carrier),
                    SQLBind(event.trackingNumber),
                    SQLBind(event.time.epochSeconds), SQLBind(event.time.utcOffset), SQLBind(event.code),
                    SQLBind(event.text), SQLBind(event.location), SQLBind(item.key), SQLBind(receivedAt),
                ])
            }
            let inserted = try await builder.ignoringConflicts(with: Store.eventConflictColumns)
                .returning("dedupe_key").all()
            for row in inserted { stored.insert(try row.decode(column: "dedupe_key", as: String.self)) }
        }
        return stored
    }

    func audit(actor: String, action: String, subject: String, detail: String, at: Double) async throws {
        try await Store.audit(sql, actor: actor, action: action, subject: subject, detail: detail, at: at)
    }

    private func insert(into table: String, columns: [String], rows: [[any SQLExpression]]) async throws {
        for chunk in rows.chunked(Self.chunk(columns: columns.count)) {
            let builder = sql.insert(into: table).columns(columns)
            for row in chunk { builder.values(row) }
            try await builder.run()
        }
    }
}

/// An SQLKit row read by column name.
struct SQLRowColumns: OrderColumns {
    let row: any SQLRow

    func string(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
    func double(_ column: String) throws -> Double? { try row.decode(column: column, as: Double?.self) }
    func int(_ column: String) throws -> Int? { try row.decode(column: column, as: Int?.self) }
}
