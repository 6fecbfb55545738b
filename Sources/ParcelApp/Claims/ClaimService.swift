import Crypto
import Foundation
import ParcelCore

/// Opens claims, takes their actions, attaches their evidence and says
/// where each stands, under the order's marketplace profile. A change is
/// judged against the claims as read, and written only if nobody changed
/// them meanwhile (`stale_state` otherwise).
public struct ClaimService: Sendable {
    let repository: any ClaimRepository
    let orders: any OrderRepository
    public let engine: ClaimEngine
    let settings: LiveSettings
    var diagnoser: Diagnoser { settings.diagnoser }
    public let files: any EvidenceFiles
    public let limits: EvidenceLimits

    public init(
        repository: any ClaimRepository, orders: any OrderRepository, settings: LiveSettings, files: any EvidenceFiles,
        limits: EvidenceLimits = EvidenceLimits()
    ) {
        self.repository = repository
        self.orders = orders
        self.settings = settings
        self.engine = ClaimEngine(detector: settings.diagnoser.detector)
        self.files = files
        self.limits = limits
    }

    /// An action or an opening the rules refuse, with why.
    public struct Refusal: Error, Sendable {
        public let rule: ClaimRule
        public let message: LocalizedText
        public let closedAt: Timestamp?
        public let opensAt: Timestamp?
        /// The claim's state as it stands (nil for a refused opening).
        public let state: ClaimState?
    }

    public enum Failure: Error, Sendable, Equatable {
        case orderNotFound
        case claimNotFound
    }

    /// A claim as the API and the pages show it.
    public struct View: Sendable {
        public let claim: StoredClaim
        /// The whole order's report at the moment asked about.
        public let report: ClaimReport
        /// This claim's index in `report.claims`.
        public let index: Int
        public let evidence: [EvidenceRecord]

        public var standing: ClaimStanding { report.standing.claims[index] }
        public var deadlines: [ClaimDeadline] { report.standing.deadlines(of: index) }
        public var allowed: ClaimEngine.Allowed { report.allowed[index] }
        public var buyerMessage: LocalizedText? { report.buyerMessages[index] }
        public var payer: ClaimActor? { report.profile.returnShippingPayer(claim.claim, standing: standing) }
        public var refundDays: (ClaimProfile.RefundKind, ClaimProfile.DayRange)? {
            report.profile.refundDays(claim.claim, standing: standing, order: report.order)
        }
        public var checklist: [(kind: EvidenceKind, provided: Bool)] {
            EvidenceChecklist.status(for: claim.claim.type, reason: claim.claim.reason, uploaded: evidence.map(\.kind))
        }
    }

    /// An order's claims at `now`: its stage, next deadline, and each claim.
    public struct OrderClaims: Sendable {
        public let report: ClaimReport
        public let claims: [StoredClaim]
    }

    // MARK: - Reading

    public func view(_ id: UUID, now: Timestamp) async throws -> View? {
        guard let stored = try await repository.claim(id) else { return nil }
        guard let order = try await orders.order(stored.orderID.uuidString) else { return nil }
        let claims = try await repository.claims(ofOrder: stored.orderID)
        let report = try report(order, claims: claims, now: now)
        guard let index = claims.firstIndex(where: { $0.id == id }) else { return nil }
        return View(claim: claims[index], report: report, index: index, evidence: try await repository.evidence(of: id))
    }

    /// A claim by its id or its label (`S-2001-C1`).
    public func claimID(for key: String) async throws -> UUID? {
        if let id = UUID(uuidString: key) { return try await repository.claim(id)?.id }
        guard let mark = key.range(of: "-C", options: .backwards), let number = Int(key[mark.upperBound...]),
            let order = try await orders.order(String(key[..<mark.lowerBound]))
        else { return nil }
        return try await repository.claims(ofOrder: order.id).first { $0.number == number }?.id
    }

    public func list(_ filter: ClaimFilter) async throws -> ClaimPage {
        var filter = filter
        filter.limit = max(1, min(filter.limit, 200))
        return try await repository.claims(filter)
    }

    /// The order's claims at `now`, for its detail page and API; `analysis` when the caller has it.
    public func claims(of order: StoredOrder, analysis: ShipmentAnalysis? = nil, now: Timestamp) async throws
        -> OrderClaims
    {
        // Most orders have no claim: their stage and deadlines need no read.
        let claims = order.claimCount == 0 ? [] : try await repository.claims(ofOrder: order.id)
        return OrderClaims(report: try report(order, claims: claims, now: now, analysis: analysis), claims: claims)
    }

    func report(
        _ order: StoredOrder, claims: [StoredClaim], now: Timestamp, attempt: ClaimAttempt? = nil,
        analysis: ShipmentAnalysis? = nil
    ) throws -> ClaimReport {
        let item = try engine.replay(
            claimOrder(order, now: now, analysis: analysis), claims: claims.map(\.claim), trusting: true)
        return engine.report(item, now: now, attempt: attempt)
    }

    /// The claims engine's view of a stored order: its moments, its total, what tracking shows.
    public func claimOrder(_ order: StoredOrder, now: Timestamp, analysis: ShipmentAnalysis? = nil) -> ClaimOrder {
        let prices = order.items.compactMap(\.price)
        var claimOrder = ClaimOrder(
            id: order.info.id, marketplace: order.info.marketplace, placedAt: order.info.placedAt,
            confirmedAt: order.info.confirmedAt, dispatchedAt: order.shipment?.shippedAt,
            total: prices.count == order.items.count && !prices.isEmpty ? prices.reduce(0, +) : nil,
            overseas: order.shipment.map { $0.isCrossBorder || ($0.origin.map { $0 != "KR" } ?? false) } ?? false,
            trackingNumber: order.shipment?.trackingNumber, carrier: order.shipment?.carrier)
        if let analysis {
            claimOrder.tracking = TrackingFacts(analysis)
        } else if let document = order.document {
            claimOrder.tracking = TrackingFacts(diagnoser.analyze(document, now: now))
        }
        return claimOrder
    }

    /// Claim deadlines within `days` of `now` (or passed) as rows of the action queue, `deadline_near`
    /// like the marketplaces' own: passed is urgent, within a day act, else watch.
    public func queueItems(now: Timestamp, withinDays days: Double = 2, minimum: Severity = .watch, limit: Int)
        async throws -> [QueueItem]
    {
        let horizon = now.adding(days: days).epochSeconds
        return try await repository.claimDeadlines(before: horizon, limit: limit).compactMap { claim -> QueueItem? in
            let deadline = claim.deadline
            let hours = now.hours(until: deadline.due)
            let severity: Severity = hours <= 0 ? .urgent : hours <= 24 ? .act : .watch
            guard severity >= minimum else { return nil }
            let due = LegalCalendar.display(deadline.due)
            return QueueItem(
                orderID: claim.orderID, externalID: claim.orderExternalID, trackingNumber: "", carrier: nil,
                status: "claim_\(claim.state.name)", code: DiagnosisCode.deadlineNear.rawValue, severity: severity,
                confidence: 1, since: deadline.due.adding(days: -days), deadline: deadline.due,
                summary: LocalizedText(
                    ko:
                        "\(claim.label) \(claim.type.label.ko): \(deadline.kind.label.ko) \(due) (\(deadline.who.label.ko))",
                    en:
                        "\(claim.label) \(claim.type.label.en): \(deadline.kind.label.en) \(due) (\(deadline.who.label.en))"
                ),
                claimID: claim.id, marketplace: claim.marketplace)
        }
    }

    // MARK: - Changing

    /// Opens a claim on an order (by id or marketplace number).
    public func open(
        order key: String, type: ClaimType, reason: ClaimReason, detail: String?, amount: Decimal?,
        noticedAt: Timestamp?, by party: ClaimActor, actor: String, now: Timestamp
    ) async throws -> Result<View, Refusal> {
        guard let order = try await orders.order(key) else { throw Failure.orderNotFound }
        let before = try await repository.claims(ofOrder: order.id)
        let step = ClaimStep(.request, by: party, at: now, note: detail, amount: amount)
        let attempt = ClaimAttempt(claim: nil, type: type, reason: reason, noticedAt: noticedAt, step: step)
        let judged = try report(order, claims: before, now: now, attempt: attempt)
        guard let verdict = judged.attempt, verdict.verdict.allowed else {
            return .failure(refusal(judged.attempt))
        }
        let id = UUID.forNewRow()
        let claim = Claim(
            id: id.uuidString, type: type, reason: reason, noticedAt: noticedAt, amount: amount, history: [step])
        let cache = try cacheAfter(order, claims: before.map(\.claim) + [claim], claim: before.count, now: now)
        let record = NewClaimRecord(
            id: id, orderID: order.id, number: before.count + 1, type: type, reason: reason, detail: detail,
            noticedAt: noticedAt, amount: amount, step: step, recordedBy: actor, cache: cache)
        let expected = before.map(\.version)
        let written: Bool = try await repository.lockingClaims(ofOrder: order.id) { transaction in
            // Another opening or action on this order since the judgment was made: judge again.
            guard try await transaction.claims(ofOrder: order.id).map(\.version) == expected else { return false }
            try await transaction.insertClaim(record)
            try await transaction.audit(
                AuditEntry(
                    at: now.epochSeconds, actor: actor, action: "claims.open",
                    subject: "\(order.info.id)-C\(record.number)",
                    detail: "\(type.name) (\(reason.name)) by \(party.name)"))
            return true
        }
        guard written else { return .failure(stale(state: nil)) }
        return .success(try await view(id, now: now)!)
    }

    /// Takes an action on a claim. With an idempotency key, a repeat of an action already
    /// recorded answers the claim as it is instead of acting twice; with `expectedVersion`
    /// (the history length the caller saw), a claim changed since is `stale_state`.
    public func act(
        claim id: UUID, action: ClaimAction, by party: ClaimActor, note: String?, trackingNumber: String?,
        carrier: String?, amount: Decimal?, idempotencyKey: String?, expectedVersion: Int?, actor: String,
        now: Timestamp
    ) async throws -> Result<View, Refusal> {
        guard let stored = try await repository.claim(id) else { throw Failure.claimNotFound }
        if let idempotencyKey, try await repository.step(claim: id, idempotencyKey: idempotencyKey) != nil {
            return .success(try await view(id, now: now)!)
        }
        if let expectedVersion, expectedVersion != stored.version { return .failure(stale(state: stored.state)) }
        guard let order = try await orders.order(stored.orderID.uuidString) else { throw Failure.claimNotFound }
        let before = try await repository.claims(ofOrder: order.id)
        guard let index = before.firstIndex(where: { $0.id == id }) else { throw Failure.claimNotFound }
        if let expectedVersion, expectedVersion != before[index].version {
            return .failure(stale(state: before[index].state))
        }
        let step = ClaimStep(
            action, by: party, at: now, note: note, trackingNumber: trackingNumber, carrier: carrier, amount: amount)
        let attempt = ClaimAttempt(claim: id.uuidString, step: step)
        let judged = try report(order, claims: before, now: now, attempt: attempt)
        guard let verdict = judged.attempt, verdict.verdict.allowed else {
            // A copy of a keyed request that another copy has just done is not refused: it was done.
            if let idempotencyKey, try await repository.step(claim: id, idempotencyKey: idempotencyKey) != nil {
                return .success(try await view(id, now: now)!)
            }
            return .failure(refusal(judged.attempt))
        }
        var claims = before.map(\.claim)
        claims[index].history.append(step)
        let record = ClaimStepRecord(
            claimID: id, position: before[index].version, step: step, recordedBy: actor,
            idempotencyKey: idempotencyKey, cache: try cacheAfter(order, claims: claims, claim: index, now: now))
        let expected = before[index].version
        let label = before[index].label
        do {
            let written: Bool = try await repository.lockingClaims(ofOrder: order.id) { transaction in
                let current = try await transaction.claims(ofOrder: order.id)
                guard current.first(where: { $0.id == id })?.version == expected else { return false }
                try await transaction.appendStep(record)
                try await transaction.audit(
                    AuditEntry(
                        at: now.epochSeconds, actor: actor, action: "claims.\(action.name)", subject: label,
                        detail: "by \(party.name)\(note.map { ": \($0)" } ?? "")"))
                return true
            }
            guard written else {
                // The same request sent twice at once: the copy that lost the race answers as the first did.
                if let idempotencyKey, try await repository.step(claim: id, idempotencyKey: idempotencyKey) != nil {
                    return .success(try await view(id, now: now)!)
                }
                return .failure(stale(state: try await repository.claim(id)?.state))
            }
        } catch ClaimStoreError.duplicateKey {
            // The same request, sent twice at once: the first one did it.
            return .success(try await view(id, now: now)!)
        }
        return .success(try await view(id, now: now)!)
    }

    /// Brings stored states and next deadlines up to date for claims that time has moved
    /// (a seller's answer window ran out, a deadline passed). Returns how many changed.
    @discardableResult
    public func refreshDue(now: Timestamp, limit: Int = 500) async throws -> Int {
        var changed = 0
        var seenOrders: Set<UUID> = []
        for id in try await repository.claimsDue(at: now.epochSeconds, limit: limit) {
            guard let stored = try await repository.claim(id), seenOrders.insert(stored.orderID).inserted,
                let order = try await orders.order(stored.orderID.uuidString)
            else { continue }
            let claims = try await repository.claims(ofOrder: order.id)
            let report = try report(order, claims: claims, now: now)
            let updates = claims.indices.compactMap { index -> (UUID, ClaimCache)? in
                let cache = ClaimCache(
                    state: report.standing.claims[index].state,
                    nextDeadline: report.standing.deadlines(of: index).first, updatedAt: now.epochSeconds)
                let current = claims[index]
                return cache.state == current.state && cache.nextDeadline == current.nextDeadline
                    ? nil : (current.id, cache)
            }
            guard !updates.isEmpty else { continue }
            let moved = updates.compactMap { update -> AuditEntry? in
                guard let claim = claims.first(where: { $0.id == update.0 }), claim.state != update.1.state else {
                    return nil
                }
                // A deadline decided it: in the audit log like any other move (the webhooks read it).
                return AuditEntry(
                    at: now.epochSeconds, actor: "system", action: "claims.deadline", subject: claim.label,
                    detail: "\(claim.state.rawValue) → \(update.1.state.rawValue)")
            }
            try await repository.lockingClaims(ofOrder: order.id) { transaction in
                for (claim, cache) in updates { try await transaction.updateCache(claim: claim, cache) }
                for entry in moved { try await transaction.audit(entry) }
            }
            changed += updates.count
        }
        return changed
    }

    /// What the claim's row should say once `claims` (with the change) stand at `now`.
    func cacheAfter(_ order: StoredOrder, claims: [Claim], claim index: Int, now: Timestamp) throws -> ClaimCache {
        let item = try engine.replay(claimOrder(order, now: now), claims: claims, trusting: true)
        let standing = engine.standing(of: item, now: now)
        return ClaimCache(
            state: standing.claims[index].state, nextDeadline: standing.deadlines(of: index).first,
            updatedAt: now.epochSeconds)
    }

    func refusal(_ attempt: ClaimReport.Attempt?) -> Refusal {
        guard let attempt else {
            return Refusal(
                rule: .unknownClaim, message: LocalizedText("?"), closedAt: nil, opensAt: nil, state: nil)
        }
        return Refusal(
            rule: attempt.verdict.rule, message: attempt.message, closedAt: attempt.verdict.closedAt,
            opensAt: attempt.verdict.opensAt, state: attempt.state)
    }

    func stale(state: ClaimState?) -> Refusal {
        Refusal(
            rule: .staleState,
            message: LocalizedText(
                ko: "다른 처리가 먼저 반영되었습니다. 화면을 새로 고친 뒤 다시 시도해 주세요.",
                en: "Someone else changed this claim first: reload and try again."),
            closedAt: nil, opensAt: nil, state: state)
    }

    // MARK: - Evidence

    /// Attaches a file: its type read from its first bytes, its size held to the limits,
    /// written to disk whole before its row is stored (a failed row removes the file).
    public func attach(
        _ data: Data, name: String, kind: EvidenceKind, to claim: UUID, actor: String, now: Timestamp
    ) async throws -> EvidenceRecord {
        guard let stored = try await repository.claim(claim) else { throw EvidenceError.claimNotFound }
        guard !data.isEmpty else { throw EvidenceError.empty }
        guard data.count <= limits.fileBytes else { throw EvidenceError.fileTooLarge(limit: limits.fileBytes) }
        guard let type = EvidenceFileType.sniff(data) else { throw EvidenceError.unsupportedType }
        let id = UUID.forNewRow()
        let key = "\(claim.uuidString.lowercased())/\(id.uuidString.lowercased()).\(type.fileExtension)"
        let record = EvidenceRecord(
            id: id, claimID: claim, kind: kind, name: Self.safeName(name, fallback: "evidence.\(type.fileExtension)"),
            mediaType: type.mediaType, size: data.count, sha256: Self.sha256(data), storageKey: key,
            uploadedAt: now, uploadedBy: actor)
        try files.write(data, key: key)
        let limit = limits.claimBytes
        do {
            try await repository.lockingClaims(ofOrder: stored.orderID) { transaction in
                let held = try await transaction.evidenceSize(of: claim)
                guard held + data.count <= limit else { throw EvidenceError.claimFull(limit: limit, stored: held) }
                try await transaction.insertEvidence(record)
                try await transaction.audit(
                    AuditEntry(
                        at: now.epochSeconds, actor: actor, action: "claims.evidence", subject: stored.label,
                        detail: "\(kind.rawValue): \(record.name) (\(data.count) bytes, sha256 \(record.sha256))"))
            }
        } catch {
            files.remove(key: key)
            throw error
        }
        return record
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A name to show and to use inside a bundle: no directories, no control characters, not too long.
    static func safeName(_ name: String, fallback: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(120))
        return cleaned.trimmed.isEmpty || cleaned == "." || cleaned == ".." ? fallback : cleaned
    }
}
