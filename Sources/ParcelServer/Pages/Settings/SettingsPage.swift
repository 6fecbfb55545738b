import Foundation
import ParcelApp
import ParcelCore
import Plot

/// `GET /settings`: the owner's page. Accounts, the tracking sources'
/// keys, thresholds per lane, the wording of messages to buyers, and
/// outbound webhooks, each section its own forms. Staff get 403.
enum SettingsPage {
    struct Account: Sendable, Equatable {
        let email: String
        let role: Role
        let createdAt: String
        /// For the remove button; nil for the signed-in owner's own account.
        var removableID: String? = nil
    }

    /// A tracking source's key: set or not, when and by whom; never the key.
    struct SourceKey: Sendable, Equatable {
        let source: String
        let name: LocalizedText
        /// `who · when (KST)`, nil when none is set.
        let set: String?
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        let accounts: [Account]
        /// What the last form did, or why it could not.
        let notice: LocalizedText?
        let failed: Bool
        var sourceKeys: [SourceKey] = []
        var lanes = Lanes()
        var templates: [Wording] = []
        var webhooks: [Hook] = []
        /// A webhook's signing secret, on the page that added it only.
        var newSecret: String? = nil
        /// What a refused lane or webhook form held, by field name, to fill it in again.
        var typed: [String: String] = [:]
    }

    static let title = LocalizedText(ko: "설정", en: "Settings")

    static func roleName(_ role: Role) -> LocalizedText {
        switch role {
        case .owner: LocalizedText(ko: "대표 (모든 권한)", en: "Owner (everything)")
        case .staff: LocalizedText(ko: "직원 (주문·클레임·문의 처리)", en: "Staff (orders, claims, questions)")
        }
    }

    static func problem(_ error: AccountError) -> LocalizedText {
        switch error {
        case .emailTaken(let email):
            LocalizedText(ko: "\(email) 계정은 이미 있습니다.", en: "There is already an account for \(email).")
        case .invalidEmail:
            LocalizedText(ko: "이메일 주소 형식이 맞지 않습니다.", en: "That is not an e-mail address.")
        case .lastOwner:
            LocalizedText(ko: "마지막 대표 계정은 삭제할 수 없습니다.", en: "The shop's last owner cannot be removed.")
        case .removingYourself:
            LocalizedText(ko: "지금 로그인한 계정은 삭제할 수 없습니다.", en: "You cannot remove the account you are signed in with.")
        case .weakPassword:
            LocalizedText(
                ko: "비밀번호는 \(AccountService.minimumPasswordLength)자 이상이어야 합니다.",
                en: "The password needs \(AccountService.minimumPasswordLength) characters or more.")
        default:
            LocalizedText(error.description)
        }
    }

    struct View {
        let model: Model

        func html() -> String {
            let say = model.chrome.language
            let options: [Node<HTML.SelectContext>] = [Role.staff, .owner].map {
                Layout.option(value: $0.rawValue, text: say(SettingsPage.roleName($0)), selected: $0 == .staff)
            }
            return Layout.desk(title: SettingsPage.title, chrome: model.chrome) {
                Node<HTML.BodyContext>.h1(.plainText(say(SettingsPage.title)))
                Node<HTML.BodyContext>.unwrap(model.notice) { notice in
                    .p(
                        .class(model.failed ? "error" : "card"), .attribute(named: "role", value: "status"),
                        .id("notice"), .plainText(say(notice)))
                }
                Node<HTML.BodyContext>.section(
                    .class("card"), .id("accounts"),
                    .h2(.plainText(say(LocalizedText(ko: "계정", en: "Accounts")))),
                    .table(
                        .forEach(model.accounts) { account in
                            .tr(
                                .td(.plainText(account.email)),
                                .td(.plainText(say(SettingsPage.roleName(account.role)))),
                                .td(.class("muted"), .plainText(account.createdAt)),
                                .td(
                                    .unwrap(account.removableID) { id in
                                        .form(
                                            .method(.post), .action("/settings/users/\(id)/remove"),
                                            Layout.csrf(model.chrome.csrf),
                                            .button(
                                                .type(.submit), .class("secondary"),
                                                .plainText(say(LocalizedText(ko: "계정 삭제", en: "Remove")))))
                                    }))
                        }),
                    .form(
                        .method(.post), .action("/settings/users"),
                        Layout.csrf(model.chrome.csrf),
                        .h3(.plainText(say(LocalizedText(ko: "계정 추가", en: "Add an account")))),
                        .label(.for("new-email"), .plainText(say(LocalizedText(ko: "이메일", en: "E-mail")))),
                        .input(.type(.email), .id("new-email"), .name("email"), .required(true)),
                        .label(
                            .for("new-password"),
                            .plainText(
                                say(
                                    LocalizedText(
                                        ko: "처음 비밀번호 (\(AccountService.minimumPasswordLength)자 이상)",
                                        en:
                                            "First password (\(AccountService.minimumPasswordLength) characters or more)"
                                    )))),
                        .input(
                            .type(.password), .id("new-password"), .name("password"), .required(true),
                            .attribute(named: "autocomplete", value: "new-password")),
                        .label(
                            .plainText(say(LocalizedText(ko: "역할", en: "Role")) + " "),
                            .element(
                                named: "select", nodes: [.attribute(named: "name", value: "role"), .group(options)])),
                        .button(.type(.submit), .plainText(say(LocalizedText(ko: "추가", en: "Add"))))))
                keys(say)
                lanes(say)
                templates(say)
                webhooks(say)
            }.render()
        }

        func keys(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            let rows: [Node<HTML.BodyContext>] = model.sourceKeys.map { key in
                .form(
                    .method(.post), .action("/settings/source-keys"), .class("source-key"),
                    .attribute(named: "data-source", value: HTMLText.escaped(key.source)),
                    Layout.csrf(model.chrome.csrf),
                    .input(.type(.hidden), .name("source"), .value(HTMLText.escaped(key.source))),
                    .h3(.plainText(say(key.name))),
                    .p(
                        .class("muted"),
                        .plainText(
                            key.set.map { say(LocalizedText(ko: "설정됨 · ", en: "Set · ")) + $0 }
                                ?? say(LocalizedText(ko: "설정되지 않음", en: "Not set")))),
                    .input(
                        .type(.password), .name("key"), .required(true),
                        .attribute(named: "autocomplete", value: "off"),
                        .placeholder(say(LocalizedText(ko: "새 API 키", en: "New API key")))),
                    .button(.type(.submit), .plainText(say(LocalizedText(ko: "저장", en: "Save")))))
            }
            return .section(
                .class("card"), .id("source-keys"),
                .h2(.plainText(say(LocalizedText(ko: "조회 서비스 API 키", en: "Tracking source API keys")))),
                .p(
                    .class("muted"),
                    .plainText(
                        say(
                            LocalizedText(
                                ko: "키는 암호화해 저장하며 화면에 다시 보여 드리지 않습니다. 바꾸려면 새 키를 저장하세요.",
                                en: "Keys are stored encrypted and never shown again. Save a new key to replace one.")))
                ),
                .group(rows))
        }
    }
}

extension SettingsPage.Model {
    static let mock = SettingsPage.Model(
        chrome: DeskChrome(
            language: PageLanguage(query: nil, cookie: nil), email: "owner@shop.kr", csrf: "csrf-mock-value",
            section: .settings, path: "/settings"),
        accounts: [
            SettingsPage.Account(email: "owner@shop.kr", role: .owner, createdAt: "2026-11-01 10:00 KST"),
            SettingsPage.Account(
                email: "staff@shop.kr", role: .staff, createdAt: "2026-11-02 09:00 KST",
                removableID: "0193A7E2-0000-7000-8000-000000000003"),
        ],
        notice: nil, failed: false, lanes: mockLanes, templates: mockTemplates,
        webhooks: [
            SettingsPage.Hook(
                id: "0193A7E2-0000-7000-8000-000000000001", url: "https://hooks.shop.kr/parceldesk",
                events: [WebhookEventType.orderFindings.name, WebhookEventType.ticketOpened.name],
                created: "owner@shop.kr · 2026-11-20 10:00 KST", pending: 1, failed: 0,
                last: "2026-11-22 08:59 KST HTTP 204")
        ])

    static let mockLanes = SettingsPage.Lanes(
        defaults: Dictionary(
            uniqueKeysWithValues: PolicyOverride.Field.allCases.map {
                ($0, SettingsPage.number($0.value(in: DiagnosisPolicy())))
            }),
        builtIn: PolicyBook.standard.lanes.map {
            SettingsPage.LaneRow(
                id: nil, lane: SettingsPage.laneName($0.0),
                values: $0.1.values.map { ($0.0, SettingsPage.number($0.1)) })
        },
        rules: [
            SettingsPage.LaneRow(
                id: "0193A7E2-0000-7000-8000-000000000002",
                lane: SettingsPage.laneName(LaneMatch(origin: "CN", destination: "KR", shippingOption: "cainiao")),
                values: [(.stalledInternationalDays, "10"), (.customsDays, "4")])
        ])

    static let mockTemplates: [SettingsPage.Wording] = {
        let (facts, extras) = SettingsPage.sample(now: Timestamp(epochSeconds: 1_795_800_000))
        return [
            SettingsPage.Wording(
                template: .notActivated, ours: MessageTemplate.notActivated.render(facts, extras),
                ko: "{name}, {order} 주문은 {next}까지 다시 알려드릴게요.", en: "", custom: true),
            SettingsPage.Wording(
                template: .stalled, ours: MessageTemplate.stalled.render(facts, extras), ko: "", en: "", custom: false),
        ]
    }()
}
