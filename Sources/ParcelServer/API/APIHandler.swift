import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import ParcelCore
import ParcelStore
import Prometheus
import Vapor

/// The REST API: each operation of `openapi.yaml`, over the store.
struct APIHandler: APIProtocol {
    let store: Store
    let validator: OrderValidator
    let clock: ServerClock
    let metrics: ServerMetrics
    let loginLimiter: RateLimiter
    let passwords: Passwords
    let logger: Logger

    var actor: String { RequestContext.user?.actor ?? "anonymous" }

    // MARK: - Accounts

    func createSession(_ input: Operations.createSession.Input) async throws -> Operations.createSession.Output {
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let email = body.email.lowercased().trimmed
        let address = RequestContext.remoteAddress ?? "unknown"
        guard loginLimiter.allow("\(address)|\(email)") else {
            return .tooManyRequests(.init(body: .json(.init(error: "too many sign-in attempts; wait a minute"))))
        }
        guard let user = try await store.user(email: email),
            try await passwords.verify(body.password, hash: user.passwordHash)
        else {
            return .unauthorized(.init(body: .json(.init(error: "wrong e-mail or password"))))
        }
        let token = try await store.createToken(
            for: user, name: "session", now: clock.now().epochSeconds, actor: "user:\(email)")
        return .created(
            .init(
                body: .json(
                    .init(token: token, email: user.email, role: user.role == "owner" ? .owner : .staff))))
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
            let ids = try await store.createOrders([NewOrder(draft)], now: clock.now(), actor: actor)
            metrics.ordersCreated.increment()
            return .created(
                .init(
                    body: .json(
                        .init(
                            id: ids[0].uuidString.lowercased(), externalId: draft.info.id,
                            carrier: draft.shipment?.carrier,
                            numberCheck: draft.numberNote.map {
                                .init(kind: .init(rawValue: $0.kind.rawValue) ?? .invalid, suggestions: $0.suggestions)
                            }))))
        } catch StoreError.duplicateOrder(let id) {
            return .conflict(.init(body: .json(.init(error: "an order with externalId \"\(id)\" already exists"))))
        }
    }

    func listOrders(_ input: Operations.listOrders.Input) async throws -> Operations.listOrders.Output {
        let query = input.query
        if let cursor = query.cursor, Store.isValidCursor(cursor) == false {
            return .unprocessableContent(
                .init(body: .json(Self.invalid([FieldError("cursor", "not a cursor this API gave out")]))))
        }
        let page = try await store.orders(
            Store.OrderFilter(
                status: query.status?.rawValue, diagnosis: query.diagnosis?.rawValue, query: query.q,
                limit: query.limit ?? 50, cursor: query.cursor))
        return .ok(.init(body: .json(.init(items: page.items.map(\.dto), nextCursor: page.nextCursor))))
    }

    func getQueue(_ input: Operations.getQueue.Input) async throws -> Operations.getQueue.Output {
        let minimum = input.query.minSeverity.flatMap { Severity(rawValue: $0.rawValue) } ?? .watch
        let items = try await store.queue(minimum: minimum, limit: input.query.limit ?? 100)
        return .ok(.init(body: .json(.init(items: items.map(\.dto)))))
    }

    // MARK: - Imports

    func createImport(_ input: Operations.createImport.Input) async throws -> Operations.createImport.Output {
        guard case .csv(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        let data = try await Data(collecting: body, upTo: 64 * 1024 * 1024)
        let format = ImportFormat(rawValue: input.query.format.rawValue) ?? .generic
        let report = try await OrderImportService(store: store, validator: validator).run(
            data, format: format, mappings: input.query.map ?? [], skipBad: input.query.skipBad ?? false,
            now: clock.now(), actor: actor)
        metrics.ordersCreated.increment(by: Int64(report.imported))
        let dto = report.dto
        return report.succeeded ? .ok(.init(body: .json(dto))) : .unprocessableContent(.init(body: .json(dto)))
    }

    static func invalid(_ errors: [FieldError]) -> Schemas.ValidationErrors {
        Schemas.ValidationErrors(errors: errors.map { Schemas.FieldError(field: $0.field, message: $0.message) })
    }
}

extension ImportReport {
    var dto: Schemas.ImportReport {
        Schemas.ImportReport(
            format: Schemas.ImportFormat(rawValue: format.rawValue) ?? .generic, rows: rows, imported: imported,
            skipped: skipped,
            problems: problems.map { Schemas.ImportProblem(line: $0.line, column: $0.column, message: $0.message) },
            flaggedNumbers: flagged.map {
                Schemas.FlaggedNumber(
                    line: $0.line, externalId: $0.externalID, trackingNumber: $0.trackingNumber, kind: $0.kind,
                    suggestions: $0.suggestions)
            })
    }
}
