import Foundation
import ParcelApp
import ParcelCore
import SQLKit

extension Store: CustomerCenterRepository {
    public func saveBuyerLink(orderID: UUID, tokenHash: String, at moment: Double) async throws {
        let table = Tables.buyerLinks
        try await write { sql in
            try await sql.insert(into: table.name).columns(table.columnNames)
                .values(table.binds(Tables.BuyerLinkRow(orderID: orderID, tokenHash: tokenHash, at: moment), now: 0))
                .ignoringConflicts(with: ["token_hash"]).run()
        }
    }

    public func order(buyerTokenHash: String) async throws -> UUID? {
        try await sql.select().column("order_id").from(Tables.buyerLinks.name)
            .where("token_hash", .equal, buyerTokenHash).first()?.decode(column: "order_id", as: UUID.self)
    }

    public func currentTicket(ofOrder orderID: UUID) async throws -> Ticket? {
        try await ticketQuery().where("order_id", .equal, orderID)
            .where("status", .notEqual, TicketStatus.closed.rawValue).orderBy("updated_at", .descending).first()
            .map(Self.ticket)
    }

    public func ticket(_ id: UUID) async throws -> Ticket? {
        try await ticketQuery().where("id", .equal, id).first().map(Self.ticket)
    }

    public func tickets(_ filter: TicketFilter) async throws -> [Ticket] {
        guard !filter.statuses.isEmpty else { return [] }
        let query = ticketQuery().where("status", .in, filter.statuses.map(\.rawValue))
        if filter.newestFirst {
            return try await query.orderBy("updated_at", .descending).orderBy("id").limit(filter.limit).all()
                .map(Self.ticket)
        }
        // Waiting ones first, the longest-waiting at the top; then the rest, newest first.
        return try await query.orderBy(SQLRaw("CASE WHEN waiting_since IS NULL THEN 1 ELSE 0 END"))
            .orderBy("waiting_since").orderBy("updated_at", .descending).orderBy("id")
            .limit(filter.limit).all().map(Self.ticket)
    }

    public func messages(ofTicket id: UUID) async throws -> [TicketMessage] {
        try await sql.select().columns("ticket_id", "author", "text", "intent", "at")
            .from(Tables.ticketMessages.name).where("ticket_id", .equal, id).orderBy("id").all()
            .map { row in
                guard let author = TicketMessage.Author(rawValue: try row.decode(column: "author", as: String.self))
                else { throw StoreError.corruptRow(column: "ticket_messages.author") }
                return TicketMessage(
                    ticketID: try row.decode(column: "ticket_id", as: UUID.self), author: author,
                    text: try row.decode(column: "text", as: String.self),
                    intent: try row.decode(column: "intent", as: String?.self).flatMap(BuyerIntent.init(rawValue:)),
                    at: Self.kst(try row.decode(column: "at", as: Double.self)))
            }
    }

    public func deliveryDays(
        origin: String?, destination: String?, shippingOption: String?, carrier: String?, limit: Int
    ) async throws -> [Double] {
        var query = sql.select().column(SQLRaw("(last_event_at - shipped_at) / 86400.0"), as: "days")
            .from(Tables.shipments.name).where("status", .equal, TrackingStatus.delivered.rawValue)
            .where("shipped_at", .isNot, SQLLiteral.null).where("last_event_at", .isNot, SQLLiteral.null)
        // A lane is the same origin, destination, service and carrier; an unknown part matches unknown.
        for (column, value) in [
            ("origin", origin), ("destination", destination), ("shipping_option", shippingOption),
            ("carrier", carrier),
        ] {
            query = value.map { query.where(column, .equal, $0) } ?? query.where(column, .is, SQLLiteral.null)
        }
        return try await query.orderBy("last_event_at", .descending).limit(limit).all()
            .map { try $0.decode(column: "days", as: Double.self) }.filter { $0 >= 0 }
    }

    public func save(_ ticket: Ticket, appending messages: [TicketMessage], audit: AuditEntry?) async throws {
        let table = Tables.tickets
        try await write { sql in
            try await sql.insert(into: table.name).columns(table.columnNames).values(table.binds(ticket, now: 0))
                .onConflict(with: ["id"]) { update in
                    var update = update
                    for column in Tables.ticketState {
                        update = update.set(excludedValueOf: column.name)
                    }
                    return update
                }
                .run()
            try await sql.insert(messages, into: Tables.ticketMessages)
            if let audit { try await sql.insert([audit], into: Tables.auditLog) }
        }
    }

    private func ticketQuery() -> SQLSelectBuilder {
        sql.select().columns(Tables.tickets.columnNames.map { SQLIdentifier($0) }).from(Tables.tickets.name)
    }

    private static func kst(_ seconds: Double) -> Timestamp {
        Timestamp(epochSeconds: seconds, utcOffset: Timestamp.kst)
    }

    private static func ticket(_ row: any SQLRow) throws -> Ticket {
        guard let status = TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoreError.corruptRow(column: "tickets.status")
        }
        return Ticket(
            id: try row.decode(column: "id", as: UUID.self),
            orderID: try row.decode(column: "order_id", as: UUID.self),
            orderExternalID: try row.decode(column: "order_external_id", as: String.self), status: status,
            reason: try row.decode(column: "reason", as: String?.self).flatMap(BuyerIntent.init(rawValue:)),
            openedAt: kst(try row.decode(column: "opened_at", as: Double.self)),
            updatedAt: kst(try row.decode(column: "updated_at", as: Double.self)),
            waitingSince: try row.decode(column: "waiting_since", as: Double?.self).map(kst))
    }
}
