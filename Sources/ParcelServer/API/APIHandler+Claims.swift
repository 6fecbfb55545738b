import Foundation
import OpenAPIRuntime
import ParcelApp
import ParcelCore
import Vapor

/// The claims operations of `openapi.yaml`, over `ClaimService`.
extension APIHandler {
    func createClaim(_ input: Operations.createClaim.Input) async throws -> Operations.createClaim.Output {
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        var problems =
            Self.tooLong(input.path.id, "id", InputLimits.externalID)
            + Self.tooLong(body.detail, "detail", InputLimits.claimNote)
        let amount = Self.amount(body.amount, field: "amount", into: &problems)
        var noticedAt: Timestamp?
        if let text = body.noticedAt, !text.isEmpty {
            noticedAt = Timestamp.parse(text, defaultOffset: Timestamp.kst)
            if noticedAt == nil {
                problems.append(
                    FieldError("noticedAt", "expected an ISO 8601 date or date-time; got \(quotedExcerpt(text))"))
            }
        }
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        do {
            let result = try await services.claims.open(
                order: input.path.id, type: try Self.domain(body._type, field: "type"),
                reason: try Self.domain(body.reason, field: "reason"), detail: body.detail?.nilIfEmpty, amount: amount,
                noticedAt: noticedAt, by: try body.by.map { try Self.domain($0, field: "by") } ?? .buyer, actor: actor,
                now: clock.now())
            switch result {
            case .success(let view): return .created(.init(body: .json(try view.dto())))
            case .failure(let refusal): return .conflict(.init(body: .json(try refusal.dto())))
            }
        } catch ClaimService.Failure.orderNotFound {
            return .notFound(.init(body: .json(.init(error: "no order \(input.path.id)"))))
        }
    }

    func listClaims(_ input: Operations.listClaims.Input) async throws -> Operations.listClaims.Output {
        let query = input.query
        let problems = Self.outOfRange(query.limit, "limit", 1...200) + Self.tooLong(query.cursor, "cursor", 200)
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        var cursor: ClaimCursor?
        if let text = query.cursor, !text.isEmpty {
            guard let decoded = ClaimCursor(encoded: text) else {
                return .unprocessableContent(
                    .init(body: .json(Self.invalid([FieldError("cursor", "not a cursor this API gave out")]))))
            }
            cursor = decoded
        }
        let page = try await services.claims.list(
            ClaimFilter(
                state: try query.state.map { try Self.domain($0, field: "state") },
                type: try query._type.map { try Self.domain($0, field: "type") }, limit: query.limit ?? 50,
                cursor: cursor))
        return .ok(
            .init(body: .json(.init(items: try page.items.map { try $0.summaryDTO() }, nextCursor: page.nextCursor))))
    }

    func getClaim(_ input: Operations.getClaim.Input) async throws -> Operations.getClaim.Output {
        guard let id = UUID(path: input.path.id) else {
            return .notFound(.init(body: .json(.init(error: "no claim \(input.path.id)"))))
        }
        guard let view = try await services.claims.view(id, now: clock.now()) else {
            return .notFound(.init(body: .json(.init(error: "no claim \(input.path.id)"))))
        }
        // The version bare: the runtime would percent-encode the quotes of a strong ETag.
        return .ok(.init(headers: .init(ETag: "\(view.claim.version)"), body: .json(try view.dto())))
    }

    func claimAction(_ input: Operations.claimAction.Input) async throws -> Operations.claimAction.Output {
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        guard let id = UUID(path: input.path.id) else {
            return .notFound(.init(body: .json(.init(error: "no claim \(input.path.id)"))))
        }
        var problems =
            Self.tooLong(body.note, "note", InputLimits.claimNote)
            + Self.tooLong(body.trackingNumber, "trackingNumber", InputLimits.trackingNumber)
            + Self.tooLong(body.carrier, "carrier", InputLimits.carrier)
            + Self.tooLong(input.headers.Idempotency_hyphen_Key, "Idempotency-Key", InputLimits.idempotencyKey)
        let amount = Self.amount(body.amount, field: "amount", into: &problems)
        var expected: Int?
        if let tag = input.headers.If_hyphen_Match?.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/")),
            !tag.isEmpty
        {
            expected = Int(tag)
            if expected == nil {
                problems.append(FieldError("If-Match", "expected the claim's ETag (its version), such as 3"))
            }
        }
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        do {
            let result = try await services.claims.act(
                claim: id, action: try Self.domain(body.action, field: "action"),
                by: try body.by.map { try Self.domain($0, field: "by") } ?? .seller, note: body.note?.nilIfEmpty,
                trackingNumber: body.trackingNumber?.trimmed.nilIfEmpty, carrier: body.carrier?.trimmed.nilIfEmpty,
                amount: amount, idempotencyKey: input.headers.Idempotency_hyphen_Key?.nilIfEmpty,
                expectedVersion: expected, actor: actor, now: clock.now())
            switch result {
            case .success(let view): return .ok(.init(body: .json(try view.dto())))
            case .failure(let refusal): return .conflict(.init(body: .json(try refusal.dto())))
            }
        } catch ClaimService.Failure.claimNotFound {
            return .notFound(.init(body: .json(.init(error: "no claim \(input.path.id)"))))
        }
    }

    /// A sum as decimal text, or the problem that names the field.
    static func amount(_ text: String?, field: String, into problems: inout [FieldError]) -> Decimal? {
        guard let text, !text.isEmpty else { return nil }
        let digits = text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
        guard digits, text.utf8.count <= 17, text.utf8.filter({ $0 == 0x2E }).count <= 1,
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value > 0
        else {
            problems.append(
                FieldError(field, "expected a positive amount such as \"39000\"; got \(quotedExcerpt(text))"))
            return nil
        }
        return value
    }

    /// A generated enum's case as the domain's (both spell their cases the same way).
    static func domain<Wire: RawRepresentable, Domain>(_ value: Wire, field: String) throws -> Domain
    where Wire.RawValue == String, Domain: WireNamed {
        guard let domain = Domain(name: value.rawValue) else { throw UnknownValue(field: field, value: value.rawValue) }
        return domain
    }
}

/// Domain enums spelled on the wire by `name`.
protocol WireNamed {
    init?(name: String)
    var name: String { get }
}

extension ClaimType: WireNamed {}
extension ClaimReason: WireNamed {}
extension ClaimState: WireNamed {}
extension ClaimAction: WireNamed {}
extension ClaimActor: WireNamed {}

/// The domain's name as a generated enum's case.
func wire<Wire: RawRepresentable>(_ name: String, field: String) throws -> Wire where Wire.RawValue == String {
    try Wire.named(name, field: field)
}

extension ClaimDeadline {
    func dto() throws -> Schemas.Deadline {
        Schemas.Deadline(
            kind: try wire(kind.name, field: "deadline.kind"), due: due.utcString,
            who: try wire(who.name, field: "deadline.who"))
    }
}

extension ClaimService.Refusal {
    func dto() throws -> Schemas.ClaimRefusal {
        Schemas.ClaimRefusal(
            rule: try wire(rule.name, field: "rule"), message: message.dto, closedAt: closedAt?.utcString,
            opensAt: opensAt?.utcString, state: try state.map { try wire($0.name, field: "state") })
    }
}

extension StoredClaim {
    func summaryDTO() throws -> Schemas.ClaimSummary {
        Schemas.ClaimSummary(
            id: id.uuidString.lowercased(), orderId: orderID.uuidString.lowercased(), orderExternalId: orderExternalID,
            label: label, _type: try wire(claim.type.name, field: "type"),
            reason: try wire(claim.reason.name, field: "reason"), state: try wire(state.name, field: "state"),
            openedAt: openedAt.utcString, updatedAt: updatedAt.utcString, nextDeadline: try nextDeadline?.dto())
    }
}

extension ClaimService.View {
    func dto() throws -> Schemas.Claim {
        let stored = claim
        let actions = allowed
        return Schemas.Claim(
            id: stored.id.uuidString.lowercased(), orderId: stored.orderID.uuidString.lowercased(),
            orderExternalId: stored.orderExternalID, label: stored.label,
            _type: try wire(stored.claim.type.name, field: "type"),
            reason: try wire(stored.claim.reason.name, field: "reason"), detail: stored.detail,
            state: try wire(standing.state.name, field: "state"),
            profile: try wire(report.profile.id, field: "profile"),
            orderStage: try wire(report.standing.stage.name, field: "orderStage"),
            amount: (standing.amount ?? stored.claim.amount).map { "\($0)" }, openedAt: stored.openedAt.utcString,
            updatedAt: stored.updatedAt.utcString, version: stored.version,
            payer: try payer.map { try wire($0.name, field: "payer") },
            refundDays: try refundDays.map { kind, range in
                Schemas.RefundDays(
                    min: range.min, max: range.max, unit: range.businessDays ? .business_days : .days,
                    kind: try wire(kind.rawValue, field: "refundDays.kind"))
            },
            deadlines: try deadlines.map { try $0.dto() }, nextDeadline: try deadlines.first?.dto(),
            allowed: Schemas.AllowedActions(
                buyer: try actions.buyer.map { try wire($0.name, field: "allowed") },
                seller: try actions.seller.map { try wire($0.name, field: "allowed") },
                platform: try actions.platform.map { try wire($0.name, field: "allowed") }),
            history: try zip(stored.claim.history, stored.recordedBy).map { step, recordedBy in
                Schemas.ClaimHistoryEntry(
                    action: try wire(step.action.name, field: "history.action"),
                    by: try wire(step.by.name, field: "history.by"), at: step.at.utcString, note: step.note,
                    trackingNumber: step.trackingNumber, carrier: step.carrier, amount: step.amount.map { "\($0)" },
                    recordedBy: recordedBy)
            },
            evidence: try evidence.map { try $0.dto() },
            checklist: try checklist.map {
                Schemas.ChecklistItem(
                    kind: try wire($0.kind.rawValue, field: "checklist.kind"), label: $0.kind.label.dto,
                    provided: $0.provided)
            },
            buyerMessage: buyerMessage?.dto)
    }
}

extension EvidenceRecord {
    func dto() throws -> Schemas.EvidenceFile {
        Schemas.EvidenceFile(
            id: id.uuidString.lowercased(), kind: try wire(kind.rawValue, field: "evidence.kind"), name: name,
            mediaType: mediaType, size: size, sha256: sha256, uploadedAt: uploadedAt.utcString)
    }
}
