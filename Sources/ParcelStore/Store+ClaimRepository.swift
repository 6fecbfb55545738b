import Foundation
import ParcelApp
import ParcelCore
import SQLKit

extension Store: ClaimRepository {
    public func claims(ofOrder orderID: UUID) async throws -> [StoredClaim] {
        try await ClaimRows(sql: sql).claims(
            where: SQLBinaryExpression(SQLColumn("order_id", table: "c"), .equal, SQLBind(orderID)))
    }

    public func claim(_ id: UUID) async throws -> StoredClaim? {
        try await ClaimRows(sql: sql).claims(
            where: SQLBinaryExpression(SQLColumn("id", table: "c"), .equal, SQLBind(id))
        )
        .first
    }

    public func claims(_ filter: ClaimFilter) async throws -> ClaimPage {
        var conditions: [any SQLExpression] = []
        if let state = filter.state {
            conditions.append(SQLBinaryExpression(SQLColumn("state", table: "c"), .equal, SQLBind(state.name)))
        }
        if let type = filter.type {
            conditions.append(SQLBinaryExpression(SQLColumn("type", table: "c"), .equal, SQLBind(type.name)))
        }
        if let cursor = filter.cursor {
            // Newest first: rows strictly after the cursor's (opened_at, id).
            conditions.append(
                SQLGroupExpression(
                    SQLBinaryExpression(
                        SQLBinaryExpression(SQLColumn("opened_at", table: "c"), .lessThan, SQLBind(cursor.openedAt)),
                        .or,
                        SQLBinaryExpression(
                            SQLBinaryExpression(SQLColumn("opened_at", table: "c"), .equal, SQLBind(cursor.openedAt)),
                            .and,
                            SQLBinaryExpression(SQLColumn("id", table: "c"), .lessThan, SQLBind(cursor.id))))))
        }
        let condition = conditions.reduce(nil as (any SQLExpression)?) { result, next in
            result.map { SQLBinaryExpression($0, .and, next) } ?? next
        }
        var items = try await ClaimRows(sql: sql).claims(where: condition, newestFirst: true, limit: filter.limit + 1)
        var next: String?
        if items.count > filter.limit {
            items.removeLast()
            if let last = items.last { next = ClaimCursor(openedAt: last.openedAt.epochSeconds, id: last.id).encoded }
        }
        return ClaimPage(items: items, nextCursor: next)
    }

    public func lockingClaims<T: Sendable>(
        ofOrder orderID: UUID, _ body: @escaping @Sendable (any ClaimTransaction) async throws -> T
    ) async throws -> T {
        try await write { sql in
            // SQLite runs one writer at a time already; PostgreSQL takes the order's row first,
            // so every change to its claims waits for the one before.
            if sql.dialect.name == "postgresql" {
                _ = try await sql.raw("SELECT id FROM orders WHERE id = \(bind: orderID) FOR UPDATE").all()
            }
            return try await body(SQLClaimTransaction(sql: sql))
        }
    }

    public func step(claim: UUID, idempotencyKey: String) async throws -> Int? {
        try await sql.select().column("position").from(Tables.claimSteps.name)
            .where("claim_id", .equal, claim).where("idempotency_key", .equal, idempotencyKey)
            .first()?.decode(column: "position", as: Int.self)
    }

    public func evidence(of claim: UUID) async throws -> [EvidenceRecord] {
        try await sql.select().columns(Tables.claimEvidence.columnNames).from(Tables.claimEvidence.name)
            .where("claim_id", .equal, claim).orderBy("uploaded_at").orderBy("id").all()
            .map(ClaimRows.evidence)
    }

    public func claimsDue(at moment: Double, limit: Int) async throws -> [UUID] {
        try await sql.select().column("id").from(Tables.claims.name)
            .where("next_due_at", .lessThanOrEqual, moment).orderBy("next_due_at").limit(limit).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
    }

    public func claimDeadlines(before moment: Double, limit: Int) async throws -> [ClaimDue] {
        let rows = try await sql.raw(
            """
            SELECT c.id, c.order_id, o.external_id, o.marketplace, c.number, c.type, c.state, c.next_due_at,
                   c.next_due_kind, c.next_due_who
            FROM claims c JOIN orders o ON o.id = c.order_id
            WHERE c.next_due_at <= \(bind: moment)
            ORDER BY c.next_due_at, c.id
            LIMIT \(literal: limit)
            """
        ).all()
        return try rows.compactMap { row in
            guard let type = ClaimType(name: try row.decode(column: "type", as: String.self)),
                let state = ClaimState(name: try row.decode(column: "state", as: String.self)),
                let deadline = try ClaimRows.deadline(row)
            else { throw StoreError.corruptRow(column: "claims") }
            guard !state.isFinal else { return nil }
            return ClaimDue(
                id: try row.decode(column: "id", as: UUID.self),
                orderID: try row.decode(column: "order_id", as: UUID.self),
                orderExternalID: try row.decode(column: "external_id", as: String.self),
                number: try row.decode(column: "number", as: Int.self), type: type, state: state, deadline: deadline,
                marketplace: try row.decode(column: "marketplace", as: String?.self))
        }
    }

    public func ordersWithClaimOutcomes() async throws -> Set<String> {
        // Money or goods went back: a return or refund done, a dispute settled for the buyer.
        let rows = try await sql.raw(
            """
            SELECT DISTINCT o.external_id FROM claims c JOIN orders o ON o.id = c.order_id
            WHERE (c.type IN ('return', 'refund', 'exchange') AND c.state = 'done')
               OR (c.type IN ('dispute_non_delivery', 'dispute_not_as_described') AND c.state IN ('resolved', 'closed')
                   AND EXISTS (SELECT 1 FROM claim_steps s WHERE s.claim_id = c.id AND s.action = 'refund'))
               OR (c.type IN ('dispute_non_delivery', 'dispute_not_as_described') AND c.state = 'resolved')
            """
        ).all()
        return Set(try rows.map { try $0.decode(column: "external_id", as: String.self) })
    }
}

/// The writes of one claim transaction over SQLKit (both engines: claims are rare writes).
struct SQLClaimTransaction: ClaimTransaction {
    let sql: any SQLDatabase

    func claims(ofOrder orderID: UUID) async throws -> [StoredClaim] {
        try await ClaimRows(sql: sql).claims(
            where: SQLBinaryExpression(SQLColumn("order_id", table: "c"), .equal, SQLBind(orderID)))
    }

    func insertClaim(_ claim: NewClaimRecord) async throws {
        try await sql.insert([claim], into: Tables.claims)
        try await sql.update(Tables.orders.name)
            .set(SQLIdentifier("claim_count"), to: SQLRaw("claim_count + 1"))
            .where("id", .equal, claim.orderID).run()
        try await sql.insert(
            [
                ClaimStepRecord(
                    claimID: claim.id, position: 0, step: claim.step, recordedBy: claim.recordedBy,
                    idempotencyKey: nil, cache: claim.cache)
            ], into: Tables.claimSteps)
    }

    func appendStep(_ step: ClaimStepRecord) async throws {
        do {
            try await sql.insert([step], into: Tables.claimSteps)
        } catch  where isUniqueViolation(error) && step.idempotencyKey != nil {
            throw ClaimStoreError.duplicateKey
        }
        try await updateCache(claim: step.claimID, step.cache)
    }

    func updateCache(claim: UUID, _ cache: ClaimCache) async throws {
        try await sql.update(Tables.claims.name)
            .set("state", to: cache.state.name)
            .set("next_due_at", to: SQLBind(cache.nextDeadline?.due.epochSeconds))
            .set("next_due_kind", to: SQLBind(cache.nextDeadline?.kind.name))
            .set("next_due_who", to: SQLBind(cache.nextDeadline?.who.name))
            .set("updated_at", to: cache.updatedAt)
            .where("id", .equal, claim).run()
    }

    func evidenceSize(of claim: UUID) async throws -> Int {
        try await sql.raw(
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) AS total FROM claim_evidence WHERE claim_id = \(bind: claim)"
        )
        .first()?.decode(column: "total", as: Int.self) ?? 0
    }

    func insertEvidence(_ evidence: EvidenceRecord) async throws {
        try await sql.insert([evidence], into: Tables.claimEvidence)
    }

    func audit(_ entry: AuditEntry) async throws {
        try await sql.insert([entry], into: Tables.auditLog)
    }
}

/// Claims read back with their histories: one query for the claims, one for their steps.
struct ClaimRows {
    let sql: any SQLDatabase

    func claims(
        where condition: (any SQLExpression)?, newestFirst: Bool = false, limit: Int? = nil
    ) async throws -> [StoredClaim] {
        var select = sql.select()
            .columns(
                SQLColumn(SQLLiteral.all, table: SQLIdentifier("c")),
                SQLAlias(SQLColumn("external_id", table: "o"), as: SQLIdentifier("order_external_id"))
            )
            .from(SQLAlias(SQLIdentifier(Tables.claims.name), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier(Tables.orders.name), as: SQLIdentifier("o")), method: SQLJoinMethod.inner,
                on: SQLBinaryExpression(SQLColumn("id", table: "o"), .equal, SQLColumn("order_id", table: "c")))
        if let condition { select = select.where(condition) }
        if newestFirst {
            select = select.orderBy(
                SQLOrderBy(expression: SQLColumn("opened_at", table: "c"), direction: SQLDirection.descending)
            )
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "c"), direction: SQLDirection.descending))
        } else {
            select = select.orderBy(SQLColumn("order_id", table: "c")).orderBy(SQLColumn("number", table: "c"))
        }
        if let limit { select = select.limit(limit) }
        let rows = try await select.all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let stepRows = try await sql.select().columns(Tables.claimSteps.columnNames).from(Tables.claimSteps.name)
            .where("claim_id", .in, ids).orderBy("claim_id").orderBy("position").all()
        var steps: [UUID: [(ClaimStep, String)]] = [:]
        for row in stepRows {
            steps[try row.decode(column: "claim_id", as: UUID.self), default: []].append(try Self.step(row))
        }
        return try rows.map { row in
            try Self.claim(row, steps: steps[try row.decode(column: "id", as: UUID.self)] ?? [])
        }
    }

    static func claim(_ row: any SQLRow, steps: [(ClaimStep, String)]) throws -> StoredClaim {
        let id = try row.decode(column: "id", as: UUID.self)
        guard let type = ClaimType(name: try row.decode(column: "type", as: String.self)) else {
            throw StoreError.corruptRow(column: "claims.type")
        }
        guard let reason = ClaimReason(name: try row.decode(column: "reason", as: String.self)) else {
            throw StoreError.corruptRow(column: "claims.reason")
        }
        guard let state = ClaimState(name: try row.decode(column: "state", as: String.self)) else {
            throw StoreError.corruptRow(column: "claims.state")
        }
        let next = try deadline(row)
        let noticed = try row.decode(column: "noticed_at", as: Double?.self).map {
            Timestamp(
                stored: $0, offset: (try? row.decode(column: "noticed_offset", as: Int?.self) ?? nil) ?? Timestamp.kst)
        }
        let claim = Claim(
            id: id.uuidString, type: type, reason: reason, noticedAt: noticed,
            amount: try row.decode(column: "amount", as: String?.self).flatMap { Decimal(string: $0) },
            history: steps.map(\.0))
        return StoredClaim(
            id: id, orderID: try row.decode(column: "order_id", as: UUID.self),
            orderExternalID: try row.decode(column: "order_external_id", as: String.self),
            number: try row.decode(column: "number", as: Int.self),
            detail: try row.decode(column: "detail", as: String?.self),
            claim: claim, recordedBy: steps.map(\.1), state: state, nextDeadline: next,
            openedAt: Timestamp(stored: try row.decode(column: "opened_at", as: Double.self), offset: Timestamp.kst),
            updatedAt: Timestamp(stored: try row.decode(column: "updated_at", as: Double.self), offset: Timestamp.kst))
    }

    /// The stored next deadline, when the claim has one.
    static func deadline(_ row: any SQLRow) throws -> ClaimDeadline? {
        guard let due = try row.decode(column: "next_due_at", as: Double?.self) else { return nil }
        let kindName = try row.decode(column: "next_due_kind", as: String?.self)
        guard let kind = DeadlineKind.allCases.first(where: { $0.name == kindName }),
            let who = ClaimActor(name: try row.decode(column: "next_due_who", as: String?.self) ?? "")
        else { throw StoreError.corruptRow(column: "claims.next_due_kind") }
        return ClaimDeadline(kind, due: Timestamp(stored: due, offset: Timestamp.kst), who: who)
    }

    static func step(_ row: any SQLRow) throws -> (ClaimStep, String) {
        guard let action = ClaimAction(name: try row.decode(column: "action", as: String.self)) else {
            throw StoreError.corruptRow(column: "claim_steps.action")
        }
        guard let party = ClaimActor(name: try row.decode(column: "party", as: String.self)) else {
            throw StoreError.corruptRow(column: "claim_steps.party")
        }
        let step = ClaimStep(
            action, by: party,
            at: Timestamp(
                stored: try row.decode(column: "at", as: Double.self),
                offset: try row.decode(column: "at_offset", as: Int.self)),
            note: try row.decode(column: "note", as: String?.self),
            trackingNumber: try row.decode(column: "tracking_number", as: String?.self),
            carrier: try row.decode(column: "carrier", as: String?.self),
            amount: try row.decode(column: "amount", as: String?.self).flatMap { Decimal(string: $0) })
        return (step, try row.decode(column: "recorded_by", as: String.self))
    }

    static func evidence(_ row: any SQLRow) throws -> EvidenceRecord {
        guard let kind = EvidenceKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
            throw StoreError.corruptRow(column: "claim_evidence.kind")
        }
        return EvidenceRecord(
            id: try row.decode(column: "id", as: UUID.self), claimID: try row.decode(column: "claim_id", as: UUID.self),
            kind: kind, name: try row.decode(column: "name", as: String.self),
            mediaType: try row.decode(column: "media_type", as: String.self),
            size: try row.decode(column: "size", as: Int.self),
            sha256: try row.decode(column: "sha256", as: String.self),
            storageKey: try row.decode(column: "storage_key", as: String.self),
            uploadedAt: Timestamp(
                stored: try row.decode(column: "uploaded_at", as: Double.self), offset: Timestamp.kst),
            uploadedBy: try row.decode(column: "uploaded_by", as: String.self))
    }
}
