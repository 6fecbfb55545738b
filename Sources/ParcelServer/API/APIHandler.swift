import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import ParcelApp
import ParcelCore
import Prometheus
import Vapor

/// The REST API: each operation of `openapi.yaml`, over the services. Who
/// may call each is in `OperationAccess`.
struct APIHandler: APIProtocol {
    let services: Services
    let clock: ServerClock
    let metrics: ServerMetrics
    let signInLimits: SignInLimits
    let tokenCache: TokenCache
    let logger: Logger

    var actor: String { RequestContext.caller?.actor ?? "anonymous" }
    var validator: OrderValidator { services.validator }

    // MARK: - Accounts

    func createSession(_ input: Operations.createSession.Input) async throws -> Operations.createSession.Output {
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let problems = [
            ("email", body.email, InputLimits.email), ("password", body.password, InputLimits.password),
        ].compactMap { field, value, limit in
            value.isEmpty
                ? FieldError(field, "is required")
                // Only compared, never shown back: a NUL here is just a wrong e-mail or password.
                : InputLimits.lengthProblem(value, limit: limit).map { FieldError(field, $0) }
        }
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        let email = body.email.lowercased().trimmed
        let address = RequestContext.remoteAddress ?? "unknown"
        if let wait = signInLimits.attempt(email: email, address: address) {
            return .tooManyRequests(
                .init(
                    headers: .init(Retry_hyphen_After: wait),
                    body: .json(.init(error: "too many sign-in attempts; try again in \(wait) seconds"))))
        }
        guard let issued = try await services.accounts.signIn(email: email, password: body.password, now: clock.now())
        else {
            return .unauthorized(
                .init(
                    headers: .init(WWW_hyphen_Authenticate: "Bearer"),
                    body: .json(.init(error: "wrong e-mail or password"))))
        }
        guard let expiresAt = issued.record.expiresAt else { throw BrokenInvariant("a sign-in token always expires") }
        return .created(
            .init(
                headers: .init(Cache_hyphen_Control: .no_hyphen_store),
                body: .json(
                    .init(
                        token: issued.token, email: issued.user.email,
                        role: try converted(issued.user.role, field: "role"),
                        expiresAt: Date(timeIntervalSince1970: expiresAt)))))
    }

    func deleteCurrentSession(_ input: Operations.deleteCurrentSession.Input) async throws
        -> Operations.deleteCurrentSession.Output
    {
        guard let caller = RequestContext.caller else {
            return .unauthorized(
                .init(
                    headers: .init(WWW_hyphen_Authenticate: "Bearer"), body: .json(.init(error: "no token to sign out"))
                ))
        }
        try await services.accounts.signOut(caller, now: clock.now())
        tokenCache.forget(tokenID: caller.token.id)
        return .noContent(.init())
    }

    func listUsers(_ input: Operations.listUsers.Input) async throws -> Operations.listUsers.Output {
        let users = try await services.accounts.users()
        return .ok(.init(body: .json(.init(items: try users.map { try $0.dto() }))))
    }

    func createUser(_ input: Operations.createUser.Input) async throws -> Operations.createUser.Output {
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let role: Role = try converted(body.role, field: "role")
        do {
            let user = try await services.accounts.createUser(
                email: body.email, password: body.password, role: role, now: clock.now(), actor: actor)
            return .created(.init(body: .json(try user.dto())))
        } catch AccountError.emailTaken(let email) {
            return .conflict(.init(body: .json(.init(error: "a user with e-mail \(email) already exists"))))
        } catch AccountError.invalidEmail(let email) {
            return .unprocessableContent(
                .init(body: .json(Self.invalid([FieldError("email", "expected an e-mail address; got \"\(email)\"")]))))
        } catch AccountError.passwordTooLong {
            return .unprocessableContent(
                .init(body: .json(Self.invalid([FieldError("password", "\(AccountError.passwordTooLong)")]))))
        } catch AccountError.weakPassword {
            return .unprocessableContent(
                .init(
                    body: .json(
                        Self.invalid([
                            FieldError(
                                "password", "needs at least \(AccountService.minimumPasswordLength) characters")
                        ]))))
        }
    }

    // MARK: - Orders

    func createOrder(_ input: Operations.createOrder.Input) async throws -> Operations.createOrder.Output {
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let draft: OrderDraft
        switch validator.validate(RawInput.raw(body)) {
        case .success(let value): draft = value
        case .failure(let failure): return .unprocessableContent(.init(body: .json(Self.invalid(failure.errors))))
        }
        do {
            let ids = try await services.orders.createOrders([NewOrder(draft)], now: clock.now(), actor: actor)
            metrics.ordersCreated.increment()
            return .created(
                .init(
                    body: .json(
                        .init(
                            id: ids[0].uuidString.lowercased(), externalId: draft.info.id,
                            carrier: draft.shipment?.carrier,
                            numberCheck: try draft.numberNote.map {
                                .init(
                                    kind: try converted($0.kind, field: "numberCheck.kind"), suggestions: $0.suggestions
                                )
                            }))))
        } catch OrderError.duplicateOrder(let id) {
            return .conflict(.init(body: .json(.init(error: "an order with externalId \"\(id)\" already exists"))))
        }
    }

    func listOrders(_ input: Operations.listOrders.Input) async throws -> Operations.listOrders.Output {
        let query = input.query
        let problems =
            Self.outOfRange(query.limit, "limit", 1...200) + Self.tooLong(query.q, "q", 200)
            + Self.tooLong(query.cursor, "cursor", 200)
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        var cursor: OrderCursor?
        if let text = query.cursor, !text.isEmpty {
            guard let decoded = OrderCursor(encoded: text) else {
                return .unprocessableContent(
                    .init(body: .json(Self.invalid([FieldError("cursor", "not a cursor this API gave out")]))))
            }
            cursor = decoded
        }
        let page = try await services.orders.orders(
            OrderFilter(
                status: query.status?.rawValue, diagnosis: query.diagnosis?.rawValue,
                query: query.q?.trimmed.nilIfEmpty,
                limit: query.limit ?? 50, cursor: cursor))
        return .ok(.init(body: .json(.init(items: try page.items.map { try $0.dto() }, nextCursor: page.nextCursor))))
    }

    func getQueue(_ input: Operations.getQueue.Input) async throws -> Operations.getQueue.Output {
        let problems = Self.outOfRange(input.query.limit, "limit", 1...1000)
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        let minimum: Severity = try input.query.minSeverity.map { try converted($0, field: "minSeverity") } ?? .watch
        let limit = input.query.limit ?? 100
        let now = clock.now()
        // Tracking findings and claim deadlines in one list: most severe first, then the nearest deadline.
        var items = try await services.orders.queue(minimum: minimum, limit: limit)
        items += try await services.claims.queueItems(now: now, minimum: minimum, limit: limit)
        items.sort {
            ($0.severity.rank, -($0.deadline?.epochSeconds ?? .infinity))
                > ($1.severity.rank, -($1.deadline?.epochSeconds ?? .infinity))
        }
        return .ok(.init(body: .json(.init(items: try items.prefix(limit).map { try $0.dto() }))))
    }

    // MARK: - Imports

    func createImport(_ input: Operations.createImport.Input) async throws -> Operations.createImport.Output {
        guard case .csv(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let mappings = input.query.map ?? []
        var problems: [FieldError] = []
        if mappings.count > InputLimits.mappings {
            problems.append(FieldError("map", "at most \(InputLimits.mappings) mappings; got \(mappings.count)"))
        }
        for (index, mapping) in mappings.enumerated() {
            problems += Self.tooLong(mapping, "map[\(index)]", InputLimits.mapping)
        }
        guard problems.isEmpty else {
            return .unprocessableContent(.init(body: .json(.ValidationErrors(Self.invalid(problems)))))
        }
        let data = try await Data(collecting: body, upTo: 64 * 1024 * 1024)
        let format: ImportFormat = try converted(input.query.format, field: "format")
        let report = try await services.imports.run(
            data, format: format, mappings: mappings, skipBad: input.query.skipBad ?? false,
            now: clock.now(), actor: actor)
        metrics.ordersCreated.increment(by: Int64(report.imported))
        let dto = try report.dto()
        return report.succeeded
            ? .ok(.init(body: .json(dto))) : .unprocessableContent(.init(body: .json(.ImportReport(dto))))
    }

    /// A query number outside what `openapi.yaml` declares: named, never quietly clamped.
    static func outOfRange(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) -> [FieldError] {
        guard let value, !range.contains(value) else { return [] }
        return [
            FieldError(field, "expected a whole number from \(range.lowerBound) to \(range.upperBound); got \(value)")
        ]
    }

    static func tooLong(_ value: String?, _ field: String, _ limit: Int) -> [FieldError] {
        guard let value, let problem = InputLimits.problem(value, limit: limit) else { return [] }
        return [FieldError(field, problem)]
    }

    static func invalid(_ errors: [FieldError]) -> Schemas.ValidationErrors {
        Schemas.ValidationErrors(errors: errors.map { Schemas.FieldError(field: $0.field, message: $0.message) })
    }
}

extension ImportReport {
    func dto() throws -> Schemas.ImportReport {
        Schemas.ImportReport(
            format: try converted(format, field: "format"), rows: rows, imported: imported,
            skipped: skipped,
            problems: problems.map { Schemas.ImportProblem(line: $0.line, column: $0.column, message: $0.message) },
            flaggedNumbers: flagged.map {
                Schemas.FlaggedNumber(
                    line: $0.line, externalId: $0.externalID, trackingNumber: $0.trackingNumber, kind: $0.kind,
                    suggestions: $0.suggestions)
            })
    }
}
