import ParcelCore
import Plot

/// What every seller page's frame shows: who is signed in, the sign-out
/// form's `_csrf`, the language, and which section is open.
struct DeskChrome: Sendable, Equatable {
    enum Section: String, Sendable, CaseIterable {
        case today, orders, claims, inbox, lanes, imports, settings

        var path: String {
            switch self {
            case .today: "/"
            case .orders: "/orders"
            case .claims: "/claims"
            case .inbox: "/inbox"
            case .lanes: "/lanes"
            case .imports: "/import"
            case .settings: "/settings"
            }
        }

        var label: LocalizedText {
            switch self {
            case .today: LocalizedText(ko: "오늘 할 일", en: "Today")
            case .orders: LocalizedText(ko: "주문", en: "Orders")
            case .claims: LocalizedText(ko: "클레임", en: "Claims")
            case .inbox: LocalizedText(ko: "문의함", en: "Inbox")
            case .lanes: LocalizedText(ko: "배송 구간", en: "Lanes")
            case .imports: LocalizedText(ko: "가져오기", en: "Import")
            case .settings: LocalizedText(ko: "설정", en: "Settings")
            }
        }
    }

    let language: PageLanguage
    let email: String
    let csrf: String
    let section: Section?
    /// This page's path, for the language switch.
    let path: String
    /// Settings is in the navigation for those who may use it (the owner).
    var showsSettings = false

    var sections: [Section] { Section.allCases.filter { $0 != .settings || showsSettings } }

    static let signOut = LocalizedText(ko: "로그아웃", en: "Sign out")

    static let mock = DeskChrome(
        language: PageLanguage(query: nil, cookie: nil), email: "owner@shop.kr", csrf: "csrf-mock-value",
        section: .today, path: "/")
}

/// A page that says why a request went no further (403, 404, 429).
enum ErrorPage {
    struct Model: Sendable, Equatable {
        let language: PageLanguage
        let status: Int
        let message: LocalizedText
    }

    static let forbidden = LocalizedText(
        ko: "이 화면은 대표(owner) 계정만 쓸 수 있습니다.", en: "Only the owner's account can use this page.")
    static let staleForm = LocalizedText(
        ko: "양식이 만료되었거나 다른 곳에서 보낸 요청입니다. 화면을 새로 고친 뒤 다시 시도해 주세요.",
        en: "This form has expired or was not sent from ParcelDesk. Reload the page and try again.")
    static let unreadableForm = LocalizedText(
        ko: "보낸 양식을 읽을 수 없습니다. 화면을 새로 고친 뒤 다시 입력해 주세요.",
        en: "The form that was sent cannot be read. Reload the page and fill it in again.")
    static let notFound = LocalizedText(
        ko: "찾는 화면이 없습니다. 주소를 다시 확인해 주세요.", en: "There is no such page. Please check the address.")

    struct View {
        let model: Model

        func html() -> String {
            let say = model.language
            return Layout.document(title: LocalizedText("\(model.status)"), language: say) {
                Node<HTML.BodyContext>.main(
                    .div(
                        .class("card"), .h1(.plainText("\(model.status)")), .p(.plainText(say(model.message))),
                        .p(.a(.href("/"), .plainText(say(LocalizedText(ko: "처음으로", en: "Home"))))))
                )
            }.render()
        }
    }
}
