import Foundation
import ParcelApp
import ParcelCore
import Vapor

/// The seller's pages: Today, orders, an order, claims, the inbox, lanes,
/// import (and settings, in `SettingsRoutes`). Each needs a signed-in session (`RequirePage`,
/// settings the owner's permission); each form its `_csrf`.
struct DeskRoutes {
    let services: Services
    let clock: ServerClock
    let forms: FormGuard
    /// Forgets the tokens of an account removed on the settings page.
    let cache: TokenCache

    func register(on routes: any RoutesBuilder) {
        let desk = routes.grouped(RequirePage(permission: .dailyWork))
        desk.get { request async throws -> Response in try await today(request) }
        desk.get("orders") { request async throws -> Response in try await orders(request) }
        desk.get("orders.csv") { request async throws -> Response in try await ordersCSV(request) }
        desk.get("orders", ":id") { request async throws -> Response in try await order(request) }
        desk.post("orders", ":id", "steps") { request async throws -> Response in try await markStep(request) }
        desk.get("claims") { request async throws -> Response in try await claimsBoard(request) }
        desk.get("claims", ":id") { request async throws -> Response in try await claimPage(request, notice: nil) }
        desk.post("claims", ":id", "actions") { request async throws -> Response in try await claimAction(request) }
        desk.post("claims", ":id", "evidence") { request async throws -> Response in
            try await claimEvidence(request)
        }
        desk.get("claims", ":id", "bundle") { request async throws -> Response in
            try await ClaimFileRoutes(claims: services.claims, clock: clock).bundle(request)
        }
        desk.get("inbox") { request async throws -> Response in try await inbox(request) }
        desk.get("import") { request async throws -> Response in
            let model = ImportPage.Model(chrome: chrome(request, section: .imports), report: nil, problem: nil)
            return PageResponse.html(ImportPage.View(model: model).html(), language: model.chrome.language)
        }
        desk.post("import") { request async throws -> Response in try await importFile(request) }
        desk.get("lanes") { request async throws -> Response in
            let report = try await services.lanes.report(now: clock.now())
            let model = LanesPage.Model(
                chrome: chrome(request, section: .lanes), lanes: report.lanes.map { LanesPage.lane($0) },
                orders: report.orders)
            return PageResponse.html(LanesPage.View(model: model).html(), language: model.chrome.language)
        }
        desk.get("inbox", ":id") { request async throws -> Response in try await conversation(request) }
        desk.post("inbox", ":id", "reply") { request async throws -> Response in try await reply(request) }
        desk.post("inbox", ":id", "close") { request async throws -> Response in try await close(request) }
        SettingsRoutes(desk: self).register(on: routes)
    }

    /// `path`: the page's own, when the request was a form posted elsewhere (its language link goes there).
    func chrome(_ request: Request, section: DeskChrome.Section?, path: String? = nil) -> DeskChrome {
        DeskChrome(
            language: PageResponse.language(of: request), email: RequestContext.caller?.user.email ?? "",
            csrf: forms.token(for: RequestContext.session ?? ""), section: section,
            // As routed: `//orders` must not become a link to the host "orders".
            path: path ?? "/" + request.url.path.split(separator: "/").joined(separator: "/"),
            showsSettings: RequestContext.caller?.allows(.manageAccounts) ?? false)
    }

    static func notFound(_ request: Request) -> Response {
        PageResponse.error(.notFound, ErrorPage.notFound, for: request)
    }

    func today(_ request: Request) async throws -> Response {
        let query = request.url.query
        let filters = TodayPage.Filters(
            severity: OrderDetailRoute.queryValue("severity", in: query).flatMap(Severity.init(rawValue:)),
            marketplace: OrderDetailRoute.queryValue("marketplace", in: query).flatMap { $0.isEmpty ? nil : $0 },
            carrier: OrderDetailRoute.queryValue("carrier", in: query).flatMap { $0.isEmpty ? nil : $0 },
            finding: OrderDetailRoute.queryValue("finding", in: query).flatMap { $0.isEmpty ? nil : $0 })
        var items = try await services.orders.queue(minimum: .watch, limit: 150)
        items += try await services.claims.queueItems(now: clock.now(), minimum: .watch, limit: 200)
        let all = ActionQueue.rows(items)
        let summary = try await services.orders.queueSummary()
        let model = TodayPage.Model(
            chrome: chrome(request, section: .today),
            counts: [Severity.urgent, .act, .watch].map { ($0, summary[$0] ?? 0) },
            rows: all.filter(filters.admits).prefix(Self.todayRows).map(TodayPage.row), filters: filters,
            marketplaces: Set(items.compactMap(\.marketplace)).sorted(),
            carriers: Set(items.compactMap(\.carrier)).sorted(), findings: Set(items.map(\.code)).sorted())
        return PageResponse.html(TodayPage.View(model: model).html(), language: model.chrome.language)
    }

    func orders(_ request: Request) async throws -> Response {
        let query = OrdersPage.Query(query: request.url.query)
        let chrome = chrome(request, section: .orders)
        switch query.filter(limit: 50) {
        case .failure(let problems):
            let model = OrdersPage.Model(chrome: chrome, query: query, rows: [], next: nil, problems: problems.fields)
            return PageResponse.html(
                OrdersPage.View(model: model).html(), status: .unprocessableEntity, language: chrome.language)
        case .success(let filter):
            let page = try await services.orders.orders(filter)
            let model = OrdersPage.Model(
                chrome: chrome, query: query, rows: page.items.map(OrdersPage.row),
                next: page.nextCursor.map { "/orders?" + query.encoded(cursor: $0) }, problems: [])
            return PageResponse.html(OrdersPage.View(model: model).html(), language: chrome.language)
        }
    }

    /// The orders view as a CSV file: every matching order (at most `csvLimit`), as spreadsheets open Korean.
    func ordersCSV(_ request: Request) async throws -> Response {
        let query = OrdersPage.Query(query: request.url.query)
        guard case .success(var filter) = query.filter(limit: 200) else {
            return problem(
                .unprocessableEntity, "the list's query is not right; open /orders with it to see which field")
        }
        var orders: [OrderSummary] = []
        repeat {
            let page = try await services.orders.orders(filter)
            orders += page.items
            filter.cursor = page.nextCursor.flatMap(OrderCursor.init(encoded:))
        } while filter.cursor != nil && orders.count < Self.csvLimit
        let csv = OrdersPage.csv(orders, language: PageResponse.language(of: request))
        var headers = HTTPHeaders(PageResponse.securityHeaders)
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        let day = clock.now().day()
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"parceldesk-orders-\(day).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }

    static let csvLimit = 100_000
    /// The most urgent this many orders; the orders page reaches the rest.
    static let todayRows = 100

    func order(_ request: Request) async throws -> Response {
        let now = clock.now()
        guard let detail = try await services.orders.detail(request.parameters.get("id") ?? "", now: now) else {
            return Self.notFound(request)
        }
        let claims = try await services.claims.claims(of: detail.order, analysis: detail.analysis, now: now)
        let token = try await services.customerCenter.buyerToken(for: detail.order.id, now: now)
        let model = OrderPage.model(
            detail, claims: claims, playbook: services.orders.playbook,
            buyerPageURL: Self.origin(of: request) + "/t/" + token,
            stepsDone: try await services.accounts.stepsDone(order: detail.order.info.id),
            chrome: chrome(request, section: nil))
        return PageResponse.html(OrderPage.View(model: model).html(), language: model.chrome.language)
    }

    /// A playbook step marked done, kept in the audit log with who and when.
    func markStep(_ request: Request) async throws -> Response {
        let form = PostedForm(request)
        if let refused = FormCheck.refusal(form, request: request, forms: forms) { return refused }
        guard let order = try await services.orders.order(request.parameters.get("id") ?? "") else {
            return Self.notFound(request)
        }
        guard let code = form["code"].flatMap(DiagnosisCode.init(rawValue:)),
            let step = form["step"].flatMap(Int.init), PlaybookAction.Kind.allCases.indices.contains(step - 1)
        else {
            return problem(.unprocessableEntity, "expected a finding's code and a step from 1 to 5")
        }
        try await services.accounts.markStepDone(
            order: order.info.id, code: code.rawValue, step: step,
            actor: actor, now: clock.now())
        return PageResponse.seeOther("/orders/" + order.id.uuidString.lowercased())
    }

    /// Who the audit log says did it: the signed-in seller.
    var actor: String { "user:" + (RequestContext.caller?.user.email ?? "") }

    /// `PARCELDESK_PUBLIC_URL`, else `scheme://host` as the browser reached us, for links the seller copies.
    static func origin(of request: Request) -> String {
        if let configured = RequestContext.publicURL { return configured }
        let host = request.headers.first(name: .host) ?? "localhost"
        return (PageResponse.isSecure(request) ? "https://" : "http://") + host
    }

    func claimsBoard(_ request: Request) async throws -> Response {
        var claims: [StoredClaim] = []
        var cursor: ClaimCursor?
        // The newest 1,000 claims, whatever their state.
        repeat {
            let page = try await services.claims.list(ClaimFilter(limit: 200, cursor: cursor))
            claims += page.items
            cursor = page.nextCursor.flatMap(ClaimCursor.init(encoded:))
        } while cursor != nil && claims.count < 1000
        let model = ClaimsBoard.model(claims, chrome: chrome(request, section: .claims))
        return PageResponse.html(ClaimsBoard.View(model: model).html(), language: model.chrome.language)
    }

    func claimPage(
        _ request: Request, notice: LocalizedText?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)),
            let view = try await services.claims.view(id, now: clock.now())
        else { return Self.notFound(request) }
        let model = ClaimPage.model(view, chrome: chrome(request, section: .claims), notice: notice)
        return PageResponse.html(ClaimPage.View(model: model).html(), status: status, language: model.chrome.language)
    }

    /// An action from the claim page's buttons, judged by the same rules as the API's.
    func claimAction(_ request: Request) async throws -> Response {
        let form = PostedForm(request)
        if let refused = FormCheck.refusal(form, request: request, forms: forms) { return refused }
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)) else {
            return Self.notFound(request)
        }
        guard let action = form["action"].flatMap(ClaimAction.init(name:)) else {
            return try await claimPage(
                request, notice: LocalizedText(ko: "알 수 없는 처리입니다.", en: "Unknown action."),
                status: .unprocessableEntity)
        }
        // What reads text back stops at a NUL: the note is kept without it.
        let note = form["note"]?.replacingOccurrences(of: "\u{0}", with: "").trimmed
        guard (note?.count ?? 0) <= InputLimits.claimNote else {
            return try await claimPage(
                request,
                notice: LocalizedText(
                    ko: "메모는 \(InputLimits.claimNote)자까지 쓸 수 있습니다.",
                    en: "A note is at most \(InputLimits.claimNote) characters."),
                status: .unprocessableEntity)
        }
        let result: Result<ClaimService.View, ClaimService.Refusal>
        do {
            result = try await services.claims.act(
                claim: id, action: action, by: .seller, note: note?.isEmpty == false ? note : nil,
                trackingNumber: nil, carrier: nil, amount: nil, idempotencyKey: nil,
                expectedVersion: form["version"].flatMap(Int.init),
                actor: actor,
                now: clock.now())
        } catch ClaimService.Failure.claimNotFound {
            return Self.notFound(request)
        }
        switch result {
        case .success: return PageResponse.seeOther("/claims/" + id.uuidString.lowercased())
        case .failure(let refusal): return try await claimPage(request, notice: refusal.message, status: .conflict)
        }
    }

    /// The upload's fields, as the form sends them.
    struct ImportUpload: Content {
        var _csrf: String?
        var format: String?
        var skipBad: String?
        var file: File?
    }

    func importFile(_ request: Request) async throws -> Response {
        let chrome = chrome(request, section: .imports)
        func answer(_ model: ImportPage.Model, _ status: HTTPResponseStatus) -> Response {
            PageResponse.html(ImportPage.View(model: model).html(), status: status, language: chrome.language)
        }
        guard let upload = try? request.content.decode(ImportUpload.self) else {
            let problem = LocalizedText(
                ko: "파일을 읽지 못했습니다. 다시 올려 주세요.", en: "The upload could not be read. Please try again.")
            return answer(ImportPage.Model(chrome: chrome, report: nil, problem: problem), .unprocessableEntity)
        }
        guard forms.accepts(upload._csrf, secret: RequestContext.session) else {
            return PageResponse.error(.forbidden, ErrorPage.staleForm, for: request)
        }
        guard let format = upload.format.flatMap(ImportFormat.init(rawValue:)), let file = upload.file,
            file.data.readableBytes > 0
        else {
            let problem = LocalizedText(
                ko: "파일 종류와 CSV 파일을 골라 주세요.", en: "Please choose the kind of file and a CSV file.")
            return answer(ImportPage.Model(chrome: chrome, report: nil, problem: problem), .unprocessableEntity)
        }
        let report = try await services.imports.run(
            Data(file.data.readableBytesView), format: format, skipBad: upload.skipBad == "1", now: clock.now(),
            actor: actor)
        return answer(
            ImportPage.Model(chrome: chrome, report: ImportPage.report(report), problem: nil, format: format),
            report.succeeded ? .ok : .unprocessableEntity)
    }

    struct EvidenceUpload: Content {
        var _csrf: String?
        var kind: String?
        var file: File?
    }

    /// A file from the claim page's form: the same checks as the API's upload, then back to the page.
    func claimEvidence(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)) else {
            return Self.notFound(request)
        }
        let upload = try? request.content.decode(EvidenceUpload.self)
        guard forms.accepts(upload?._csrf, secret: RequestContext.session) else {
            return PageResponse.error(.forbidden, ErrorPage.staleForm, for: request)
        }
        guard let file = upload?.file, let kind = upload?.kind.flatMap(EvidenceKind.init(rawValue:)), !kind.isGenerated
        else {
            return try await claimPage(
                request, notice: LocalizedText(ko: "증빙 종류와 파일을 골라 주세요.", en: "Please choose a kind and a file."),
                status: .unprocessableEntity)
        }
        do {
            _ = try await services.claims.attach(
                Data(file.data.readableBytesView), name: file.filename, kind: kind, to: id,
                actor: actor, now: clock.now())
        } catch EvidenceError.claimNotFound {
            return Self.notFound(request)
        } catch let error as EvidenceError {
            return try await claimPage(request, notice: LocalizedText("\(error)"), status: .unprocessableEntity)
        }
        return PageResponse.seeOther("/claims/" + id.uuidString.lowercased() + "#evidence")
    }

    func inbox(_ request: Request) async throws -> Response {
        let query = request.url.query
        let newestFirst = OrderDetailRoute.queryValue("sort", in: query) == "newest"
        let everything = OrderDetailRoute.queryValue("show", in: query) == "all"
        let tickets = try await services.customerCenter.tickets(
            TicketFilter(statuses: everything ? TicketStatus.allCases : [.open, .answered], newestFirst: newestFirst))
        let model = InboxPage.Model(
            chrome: chrome(request, section: .inbox), rows: tickets.map(InboxPage.row), newestFirst: newestFirst,
            everything: everything)
        return PageResponse.html(InboxPage.View(model: model).html(), language: model.chrome.language)
    }

    func conversation(_ request: Request) async throws -> Response {
        let now = clock.now()
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)),
            let found = try await services.customerCenter.conversation(id, now: now)
        else { return Self.notFound(request) }
        var state: LocalizedText?
        var suggestions: [String] = []
        let language = PageResponse.language(of: request).language
        if let detail = found.detail {
            let claims = try await services.claims.claims(of: detail.order, analysis: detail.analysis, now: now)
            let situation = BuyerSituation(
                order: claims.report.order, analysis: detail.analysis, report: claims.report, now: now)
            let answers = services.customerCenter.answers
            let whereItIs = answers.answer(.whereIsIt, in: situation).text
            state = whereItIs
            if let last = found.messages.last(where: { $0.author == .buyer }), let intent = last.intent,
                intent != .human, intent != .other
            {
                suggestions.append(answers.answer(intent, in: situation).text.text(language))
            }
            suggestions.append(whereItIs.text(language))
        }
        let model = InboxPage.Conversation(
            chrome: chrome(request, section: .inbox), id: id.uuidString.lowercased(),
            orderID: found.ticket.orderID.uuidString.lowercased(), orderExternalID: found.ticket.orderExternalID,
            status: found.ticket.status, lines: found.messages.map { ($0.author, $0.text, $0.at.display()) },
            orderState: state, suggestions: suggestions)
        return PageResponse.html(InboxPage.ConversationView(model: model).html(), language: model.chrome.language)
    }

    func reply(_ request: Request) async throws -> Response {
        let form = PostedForm(request)
        if let refused = FormCheck.refusal(form, request: request, forms: forms) { return refused }
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)) else {
            return Self.notFound(request)
        }
        do {
            _ = try await services.customerCenter.reply(to: id, text: form["text"] ?? "", now: clock.now())
        } catch TicketError.unknownTicket {
            return Self.notFound(request)
        } catch let error as TicketError {
            let message =
                switch error {
                case .closed: LocalizedText(ko: "이미 종료된 문의입니다.", en: "This question is closed.")
                case .tooLong(let limit):
                    LocalizedText(ko: "답변은 \(limit)자 이내로 써 주세요.", en: "Please keep the reply to \(limit) characters.")
                default: LocalizedText(ko: "답변 내용을 입력해 주세요.", en: "Please write a reply.")
                }
            return PageResponse.error(.unprocessableEntity, message, for: request)
        }
        return PageResponse.seeOther("/inbox/" + id.uuidString.lowercased())
    }

    func close(_ request: Request) async throws -> Response {
        if let refused = FormCheck.refusal(PostedForm(request), request: request, forms: forms) { return refused }
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)) else {
            return Self.notFound(request)
        }
        do {
            _ = try await services.customerCenter.close(id, now: clock.now())
        } catch TicketError.unknownTicket {
            return Self.notFound(request)
        }
        return PageResponse.seeOther("/inbox")
    }
}
