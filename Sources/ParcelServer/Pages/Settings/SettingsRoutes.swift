import Foundation
import ParcelApp
import ParcelCore
import Vapor

/// `/settings` and its forms: accounts, source keys, thresholds per lane,
/// message wording (with a preview), outbound webhooks. Owner only; every
/// form carries `_csrf`; a change answers 303 back to its section, a
/// refusal the page again with the reason and what was typed.
struct SettingsRoutes {
    let desk: DeskRoutes

    var services: Services { desk.services }
    var clock: ServerClock { desk.clock }

    func register(on routes: any RoutesBuilder) {
        let accounts = routes.grouped(RequirePage(permission: .manageAccounts))
        accounts.get("settings") { request async throws -> Response in
            let query = request.url.query
            return try await page(
                request,
                notice: OrderDetailRoute.queryValue("saved", in: query).flatMap(Self.savedNotice),
                added: OrderDetailRoute.queryValue("added", in: query))
        }
        accounts.post("settings", "users") { request async throws -> Response in try await addUser(request) }
        accounts.post("settings", "users", ":id", "remove") { request async throws -> Response in
            try await checked(request) { _ in try await removeUser(request) }
        }
        let settings = routes.grouped(RequirePage(permission: .manageSettings))
        settings.post("settings", "source-keys") { request async throws -> Response in
            try await checked(request) { try await saveSourceKey(request, $0) }
        }
        settings.post("settings", "lanes") { request async throws -> Response in
            try await checked(request) { try await saveLaneRule(request, $0) }
        }
        settings.post("settings", "lanes", ":id", "remove") { request async throws -> Response in
            try await checked(request) { _ in
                guard let id = request.parameters.get("id").flatMap(UUID.init(path:)),
                    try await services.settings.removeRule(id, now: clock.now(), actor: desk.actor)
                else { return DeskRoutes.notFound(request) }
                return PageResponse.seeOther("/settings?saved=lanes#lanes")
            }
        }
        settings.post("settings", "templates") { request async throws -> Response in
            try await checked(request) { try await saveWording(request, $0) }
        }
        settings.post("settings", "webhooks") { request async throws -> Response in
            try await checked(request) { try await addWebhook(request, $0) }
        }
        settings.post("settings", "webhooks", ":id", "remove") { request async throws -> Response in
            try await checked(request) { _ in
                guard let id = request.parameters.get("id").flatMap(UUID.init(path:)),
                    try await services.webhooks.remove(id, now: clock.now(), actor: desk.actor)
                else { return DeskRoutes.notFound(request) }
                return PageResponse.seeOther("/settings?saved=webhooks#webhooks")
            }
        }
        settings.post("settings", "webhooks", ":id", "test") { request async throws -> Response in
            try await checked(request) { _ in
                guard let id = request.parameters.get("id").flatMap(UUID.init(path:)),
                    try await services.webhooks.sendTest(to: id, now: clock.now())
                else { return DeskRoutes.notFound(request) }
                return PageResponse.seeOther("/settings?saved=webhook-test#webhooks")
            }
        }
    }

    /// The form, once its `_csrf` is right.
    func checked(_ request: Request, _ body: (PostedForm) async throws -> Response) async throws -> Response {
        let form = PostedForm(request)
        if let refused = FormCheck.refusal(form, request: request, forms: desk.forms) { return refused }
        return try await body(form)
    }

    static func savedNotice(_ section: String) -> LocalizedText? {
        switch section {
        case "lanes":
            LocalizedText(
                ko: "구간 기준을 저장했습니다. 모든 배송을 새 기준으로 다시 진단하는 중입니다.",
                en: "Saved the lane thresholds. Every shipment is being re-diagnosed under them.")
        case "templates": LocalizedText(ko: "문구를 저장했습니다.", en: "Saved the wording.")
        case "webhooks": LocalizedText(ko: "웹훅을 삭제했습니다.", en: "Removed the webhook.")
        case "account-removed":
            LocalizedText(
                ko: "계정을 삭제했습니다. 그 계정의 로그인과 API 토큰은 바로 끊겼습니다.",
                en: "Removed the account; its sign-ins and API tokens stopped working at once.")
        case "webhook-test":
            LocalizedText(ko: "테스트를 곧 보냅니다. 결과는 아래 표에 나옵니다.", en: "The test goes out shortly; its result shows below.")
        default: nil
        }
    }

    // MARK: - The page

    /// What the page shows besides what is stored: a refusal or a preview keeps what was typed.
    struct Typed {
        var wording: SettingsPage.Wording?
        var newSecret: String?
        var fields: [String: String] = [:]

        /// The named fields of a refused form, to fill it in again.
        static func form(_ form: PostedForm, _ names: [String]) -> Typed {
            Typed(fields: Dictionary(uniqueKeysWithValues: names.compactMap { name in form[name].map { (name, $0) } }))
        }
    }

    /// `added`: the account the last form added, said only when it is there.
    func page(
        _ request: Request, notice: LocalizedText?, failed: Bool = false, status: HTTPResponseStatus = .ok,
        added: String? = nil, typed: Typed = Typed()
    ) async throws -> Response {
        let users = try await services.accounts.users()
        var notice = notice
        if let added, users.contains(where: { $0.email == added }) {
            notice = LocalizedText(ko: "\(added) 계정을 추가했습니다.", en: "Added \(added).")
        }
        var model = SettingsPage.Model(
            chrome: desk.chrome(request, section: .settings, path: "/settings"),
            accounts: users.map {
                SettingsPage.Account(
                    email: $0.email, role: $0.role, createdAt: Timestamp(epochSeconds: $0.createdAt).display(),
                    removableID: $0.id == RequestContext.caller?.user.id ? nil : $0.id.uuidString)
            }, notice: notice, failed: failed)
        model.sourceKeys = try await sourceKeys()
        model.lanes = try await lanes()
        model.templates = try await wordings(typed.wording)
        model.webhooks = try await services.webhooks.webhooks().map { hook in
            SettingsPage.Hook(
                id: hook.id.uuidString, url: hook.url, events: hook.events.map(\.name),
                created: "\(Self.person(hook.createdBy)) · \(hook.createdAt.display())", pending: hook.pending,
                failed: hook.failed,
                last: hook.lastAttempt.map { "\($0.display()) \(hook.lastResult ?? "")" })
        }
        model.newSecret = typed.newSecret
        model.typed = typed.fields
        return PageResponse.html(
            SettingsPage.View(model: model).html(), status: status, language: model.chrome.language)
    }

    static func person(_ actor: String) -> String { actor.replacingOccurrences(of: "user:", with: "") }

    func sourceKeys() async throws -> [SettingsPage.SourceKey] {
        let statuses = Dictionary(
            try await services.sourceKeys.statuses().map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
        return TrackingSourceAccount.allCases.map { source in
            SettingsPage.SourceKey(
                source: source.rawValue, name: source.name,
                set: statuses[source.rawValue].map { "\(Self.person($0.updatedBy)) · \($0.updatedAt.display())" })
        }
    }

    func lanes() async throws -> SettingsPage.Lanes {
        func row(_ id: UUID?, _ lane: LaneMatch, _ thresholds: PolicyOverride) -> SettingsPage.LaneRow {
            SettingsPage.LaneRow(
                id: id?.uuidString, lane: SettingsPage.laneName(lane),
                values: thresholds.values.map { ($0.0, SettingsPage.number($0.1)) })
        }
        let defaults = services.settings.defaults
        return SettingsPage.Lanes(
            defaults: Dictionary(
                uniqueKeysWithValues: PolicyOverride.Field.allCases.map {
                    ($0, SettingsPage.number($0.value(in: defaults)))
                }),
            builtIn: services.settings.builtInLanes.map { row(nil, $0.0, $0.1) },
            rules: try await services.settings.laneRules().map { row($0.id, $0.lane, $0.thresholds) })
    }

    func sample() -> (MessageFacts, MessageExtras) { SettingsPage.sample(now: clock.now()) }

    func wordings(_ typed: SettingsPage.Wording?) async throws -> [SettingsPage.Wording] {
        let stored = try await services.settings.templates()
        let (facts, extras) = sample()
        return MessageTemplate.allCases.map { template in
            if let typed, typed.template == template { return typed }
            let custom = stored[template]
            return SettingsPage.Wording(
                template: template, ours: template.render(facts, extras), ko: custom?.ko ?? "", en: custom?.en ?? "",
                custom: custom != nil)
        }
    }

    // MARK: - The forms

    func addUser(_ request: Request) async throws -> Response {
        try await checked(request) { form in
            let email = (form["email"] ?? "").trimmed.lowercased()
            guard let role = form["role"].flatMap(Role.init(rawValue:)), !email.isEmpty,
                email.count <= InputLimits.email, (form["password"] ?? "").utf8.count <= InputLimits.password
            else {
                return try await page(
                    request,
                    notice: LocalizedText(
                        ko: "이메일, 비밀번호, 역할을 모두 입력해 주세요.", en: "Please fill in the e-mail, password and role."),
                    failed: true, status: .unprocessableEntity)
            }
            do {
                _ = try await services.accounts.createUser(
                    email: email, password: form["password"] ?? "", role: role, now: clock.now(), actor: desk.actor)
            } catch let error as AccountError {
                return try await page(
                    request, notice: SettingsPage.problem(error), failed: true,
                    status: error == .emailTaken(email) ? .conflict : .unprocessableEntity)
            }
            // Back to the page: a reload does not post the form again.
            return PageResponse.seeOther(
                "/settings?added=" + (email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
    }

    /// Removes an account; its sessions and tokens stop working at once (the token cache forgets them).
    func removeUser(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(path:)), let remover = RequestContext.caller
        else { return DeskRoutes.notFound(request) }
        do {
            guard
                let tokens = try await services.accounts.removeUser(
                    id, by: remover.user, now: clock.now(), actor: desk.actor)
            else { return DeskRoutes.notFound(request) }
            for token in tokens { desk.cache.forget(tokenID: token) }
        } catch let error as AccountError {
            return try await page(request, notice: SettingsPage.problem(error), failed: true, status: .conflict)
        }
        return PageResponse.seeOther("/settings?saved=account-removed#accounts")
    }

    /// A tracking source's API key, stored sealed; the page says only that it is set.
    func saveSourceKey(_ request: Request, _ form: PostedForm) async throws -> Response {
        guard let source = form["source"].flatMap(TrackingSourceAccount.init(rawValue:)) else {
            return try await page(
                request, notice: LocalizedText(ko: "알 수 없는 조회 서비스입니다.", en: "Unknown tracking source."), failed: true,
                status: .unprocessableEntity)
        }
        do {
            try await services.sourceKeys.set(source, key: form["key"] ?? "", now: clock.now(), actor: desk.actor)
        } catch let error as SourceKeyError {
            return try await page(
                request, notice: LocalizedText(error.description), failed: true, status: .unprocessableEntity)
        }
        return PageResponse.seeOther("/settings#source-keys")
    }

    func saveLaneRule(_ request: Request, _ form: PostedForm) async throws -> Response {
        var values: [PolicyOverride.Field: String] = [:]
        for field in PolicyOverride.Field.allCases { values[field] = form["t_\(field.rawValue)"] }
        do {
            let rule = try SettingsService.rule(
                origin: form["origin"], destination: form["destination"], shippingOption: form["shipping_option"],
                values: values)
            try await services.settings.saveRule(rule, now: clock.now(), actor: desk.actor)
        } catch let error as SettingsError {
            return try await page(
                request, notice: Self.problem(error), failed: true, status: .unprocessableEntity,
                typed: .form(
                    form, ["origin", "destination", "shipping_option"] + values.keys.map { "t_\($0.rawValue)" }))
        }
        return PageResponse.seeOther("/settings?saved=lanes#lanes")
    }

    func saveWording(_ request: Request, _ form: PostedForm) async throws -> Response {
        guard let template = form["template"].flatMap(MessageTemplate.init(rawValue:)) else {
            return try await page(
                request, notice: LocalizedText(ko: "알 수 없는 문구입니다.", en: "Unknown message."), failed: true,
                status: .unprocessableEntity)
        }
        guard let action = form["do"], ["preview", "save"].contains(action) else {
            return try await page(
                request,
                notice: LocalizedText(ko: "미리보기 또는 저장을 눌러 주세요.", en: "Press Preview or Save."),
                failed: true, status: .unprocessableEntity)
        }
        let (facts, extras) = sample()
        let ours = template.render(facts, extras)
        var typed = SettingsPage.Wording(
            template: template, ours: ours, ko: form["ko"] ?? "", en: form["en"] ?? "",
            custom: try await services.settings.templates()[template] != nil)
        let wording: CustomTemplate
        do {
            wording = try SettingsService.wording(template, ko: form["ko"], en: form["en"])
        } catch {
            return try await page(
                request, notice: Self.problem(error), failed: true, status: .unprocessableEntity,
                typed: Typed(wording: typed))
        }
        if action == "preview" {
            typed.preview = wording.render(facts, extras, ours: ours)
            return try await page(request, notice: nil, typed: Typed(wording: typed))
        }
        try await services.settings.saveWording(wording, for: template, now: clock.now(), actor: desk.actor)
        return PageResponse.seeOther("/settings?saved=templates#template-\(template.rawValue)")
    }

    func addWebhook(_ request: Request, _ form: PostedForm) async throws -> Response {
        let events = WebhookEventType.subscribable.filter { form["event_\($0.rawValue)"] == "on" }
        do {
            let added = try await services.webhooks.add(
                url: form["url"] ?? "", events: events, now: clock.now(), actor: desk.actor)
            // The secret is on this answer only: not a redirect, so it is never in a URL or a history entry.
            return try await page(
                request,
                notice: LocalizedText(
                    ko: "웹훅을 추가했습니다. 아래 비밀값을 받는 쪽에 저장하세요.",
                    en: "Added the webhook. Keep the secret below on the receiving side."),
                status: .created, typed: Typed(newSecret: added.secret))
        } catch let error as WebhookError {
            return try await page(
                request, notice: Self.problem(error), failed: true,
                status: error == .duplicate ? .conflict : .unprocessableEntity, typed: .form(form, ["url"]))
        }
    }

    static func problem(_ error: SettingsError) -> LocalizedText {
        switch error {
        case .country(let field):
            LocalizedText(
                ko: "\(field == "origin" ? "출발" : "도착") 국가는 CN(중국), KR(한국)처럼 국가 코드 영문 두 글자로 입력해 주세요.",
                en:
                    "\(field == "origin" ? "From" : "To"): a country's two-letter ISO code, such as CN (China) or KR (Korea)."
            )
        case .threshold(let field):
            LocalizedText(
                ko:
                    "\(field.name.ko): \(SettingsPage.number(field.range.lowerBound))~\(SettingsPage.number(field.range.upperBound)) 사이의 숫자를 입력해 주세요.",
                en:
                    "\(field.name.en): a number from \(SettingsPage.number(field.range.lowerBound)) to \(SettingsPage.number(field.range.upperBound))."
            )
        case .noThreshold:
            LocalizedText(ko: "바꿀 기준을 하나 이상 입력해 주세요.", en: "Fill in at least one threshold.")
        case .template(_, .unknownPlaceholder(let name)):
            LocalizedText(
                ko: "\(name)는 쓸 수 없는 자리 표시입니다. 목록에 있는 것만 써 주세요.",
                en: "\(name) is not one of the placeholders listed.")
        case .template(_, .unclosedBrace):
            LocalizedText(ko: "여는 중괄호 {에 맞는 }가 없습니다.", en: "A { has no matching }.")
        case .template(_, .tooLong(let limit)):
            LocalizedText(ko: "문구는 \(limit)자까지 쓸 수 있습니다.", en: "A message is at most \(limit) characters.")
        case .shippingOptionTooLong:
            LocalizedText(ko: "배송 방식은 60자까지 쓸 수 있습니다.", en: "Shipping option: at most 60 characters.")
        case .tooManyRules(let limit):
            LocalizedText(ko: "구간 기준은 \(limit)개까지 둘 수 있습니다.", en: "At most \(limit) lane rules.")
        }
    }

    static func problem(_ error: WebhookError) -> LocalizedText {
        switch error {
        case .url:
            LocalizedText(
                ko: "주소는 인터넷에 있는 https:// 주소여야 합니다 (이 컴퓨터·사내망 주소, 아이디·비밀번호가 든 주소는 쓸 수 없습니다).",
                en:
                    "The address must be an https:// address on the Internet (not this machine or a private network, with no user or password in it)."
            )
        case .noEvents: LocalizedText(ko: "받을 일을 하나 이상 골라 주세요.", en: "Choose at least one event.")
        case .tooMany(let limit):
            LocalizedText(ko: "웹훅은 \(limit)개까지 둘 수 있습니다.", en: "At most \(limit) webhooks.")
        case .duplicate:
            LocalizedText(ko: "이 주소로 가는 웹훅이 이미 있습니다.", en: "There is a webhook for this address already.")
        case .unreadableSecret: LocalizedText(error.description)
        }
    }
}
