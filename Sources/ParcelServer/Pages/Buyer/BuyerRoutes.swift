import Foundation
import NIOConcurrencyHelpers
import ParcelApp
import ParcelCore
import Vapor

/// The buyer's page and what it posts: no sign-in, the token in the path
/// is the key. Every request counts against the address's limit; a token
/// that opens nothing answers 404 after as long as a real page takes.
struct BuyerRoutes {
    let services: Services
    let clock: ServerClock
    let limiter: RateLimiter
    let forms: FormGuard
    let pacer = ResponsePacer()

    /// The cookie that carries the buyer's form secret (the buyer has no session).
    static let visitorCookie = "pd_visit"

    func register(on routes: any RoutesBuilder) {
        routes.get("t", ":token") { request async throws -> Response in
            try await guarded(request) { view in
                let query = request.url.query
                let handed = OrderDetailRoute.queryValue("handed", in: query) == "1"
                let filed = OrderDetailRoute.queryValue("filed", in: query).flatMap(ClaimType.init(name:))
                return try await page(
                    request, view, notice: handed ? BuyerPage.handedOver : filed.map(BuyerPage.filed))
            }
        }
        routes.post("t", ":token", "ask") { request async throws -> Response in
            try await guarded(request) { view in try await ask(request, view) }
        }
        routes.post("t", ":token", "claims") { request async throws -> Response in
            try await guarded(request) { view in try await file(request, view) }
        }
    }

    /// The rate limit, the token, and for a post its `_csrf`, before `body`.
    func guarded(_ request: Request, _ body: (BuyerView) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        if let wait = limiter.attempt(RequestContext.remoteAddress ?? "unknown") {
            let response = PageResponse.error(
                .tooManyRequests,
                LocalizedText(
                    ko: "요청이 너무 많습니다. \(wait)초 뒤에 다시 시도해 주세요.",
                    en: "Too many requests. Please try again in \(wait) seconds."),
                for: request)
            response.headers.replaceOrAdd(name: "Retry-After", value: "\(wait)")
            return response
        }
        let token = request.parameters.get("token") ?? ""
        let view =
            token.count == CustomerCenterService.tokenLength
            ? try await services.customerCenter.buyerView(token: token, now: clock.now()) : nil
        guard let view else {
            await pacer.padMiss(since: started)
            return DeskRoutes.notFound(request)
        }
        if request.method == .POST {
            guard
                forms.accepts(
                    PostedForm(request)[FormGuard.field], secret: request.cookies[Self.visitorCookie]?.string)
            else {
                return PageResponse.error(.forbidden, ErrorPage.staleForm, for: request)
            }
        }
        let response = try await body(view)
        pacer.record(since: started)
        return response
    }

    func page(
        _ request: Request, _ view: BuyerView, notice: LocalizedText?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let secret = Self.visitor.read(request)
        let language = PageResponse.language(of: request)
        let model = BuyerPage.model(
            view, messages: try await services.customerCenter.messages(of: view.ticket), language: language,
            csrf: forms.token(for: secret.value), notice: notice)
        let response = PageResponse.html(BuyerPage.View(model: model).html(), status: status, language: language)
        if secret.isNew { Self.visitor.keep(secret.value, on: response, for: request) }
        return response
    }

    static let visitor = VisitorSecret(cookie: visitorCookie, path: "/t/", maxAge: 30 * 86_400)

    func ask(_ request: Request, _ view: BuyerView) async throws -> Response {
        let question = (PostedForm(request)["question"] ?? "").trimmed
        let wantsJSON =
            request.headers.first(name: .accept).map { MediaRange.type(of: $0) == "application/json" } ?? false
        guard !question.isEmpty, question.count <= 500 else {
            let problem = FieldError("question", question.isEmpty ? "is required" : "at most 500 characters")
            if wantsJSON { return OrderDetailRoute.json(.unprocessableEntity, validationErrors([problem])) }
            return try await page(
                request, view,
                notice: LocalizedText(
                    ko: "질문을 500자 이내로 입력해 주세요.", en: "Please type a question of up to 500 characters."),
                status: .unprocessableEntity)
        }
        let language = PageResponse.language(of: request).language
        guard
            let (_, reply) = try await services.customerCenter.ask(
                token: view.token, question: question, language: language, now: clock.now())
        else { return DeskRoutes.notFound(request) }
        if wantsJSON {
            return OrderDetailRoute.json(
                .ok,
                .object([
                    ("intent", .string(reply.recognition.intent.rawValue)),
                    ("confidence", .double(reply.recognition.confidence)),
                    ("answer", reply.answer.text.json),
                    ("ticketId", reply.ticket.map { .string($0.id.uuidString.lowercased()) } ?? .null),
                ]))
        }
        // Back to the page (a reload does not ask again), at the conversation.
        return PageResponse.seeOther("/t/\(view.token)" + (reply.ticket != nil ? "?handed=1" : "") + "#ask")
    }

    func file(_ request: Request, _ view: BuyerView) async throws -> Response {
        let form = PostedForm(request)
        guard let type = form["type"].flatMap(ClaimType.init(name:)), BuyerPage.buyerTypes.contains(type),
            let reason = form["reason"].flatMap(ClaimReason.init(name:))
        else {
            return try await page(
                request, view,
                notice: LocalizedText(ko: "신청 종류와 사유를 골라 주세요.", en: "Please choose what to ask for and why."),
                status: .unprocessableEntity)
        }
        let now = clock.now()
        let result = try await services.claims.open(
            order: view.detail.order.id.uuidString, type: type, reason: reason, detail: nil, amount: nil,
            noticedAt: nil, by: .buyer, actor: "buyer page", now: now)
        guard let refreshed = try await services.customerCenter.buyerView(token: view.token, now: now) else {
            return DeskRoutes.notFound(request)
        }
        switch result {
        case .success:
            // Back to the page: a reload does not file it again.
            return PageResponse.seeOther("/t/\(view.token)?filed=\(type.name)#requests")
        case .failure(let refusal):
            return try await page(request, refreshed, notice: refusal.message, status: .unprocessableEntity)
        }
    }
}

/// Makes a miss (a token that opens nothing) take as long as a hit: a
/// guesser learns nothing from the time, only from the 404 every guess gets.
final class ResponsePacer: Sendable {
    /// A moving average of the time real pages take, in nanoseconds.
    private let typical = NIOLockedValueBox<Double>(2_000_000)

    func record(since started: ContinuousClock.Instant) {
        let took =
            Double((ContinuousClock.now - started).components.attoseconds / 1_000_000_000)
            + Double((ContinuousClock.now - started).components.seconds) * 1e9
        typical.withLockedValue { $0 = 0.9 * $0 + 0.1 * min(took, 1e9) }
    }

    func padMiss(since started: ContinuousClock.Instant) async {
        let target = Duration.nanoseconds(Int64(typical.withLockedValue { $0 }))
        let elapsed = ContinuousClock.now - started
        if elapsed < target { try? await Task.sleep(for: target - elapsed) }
    }
}
