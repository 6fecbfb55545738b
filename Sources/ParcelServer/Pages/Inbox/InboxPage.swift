import Foundation
import ParcelApp
import ParcelCore
import Plot

/// `GET /inbox` and `GET /inbox/{id}`: the buyers' questions the customer
/// center handed over, the longest-waiting first; one with its whole
/// conversation, the order's live state, suggested replies, reply and close.
enum InboxPage {
    struct Row: Sendable, Equatable {
        let id: String
        let orderExternalID: String
        let status: TicketStatus
        let reason: String?
        let waitingSince: String?
        let updatedAt: String
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        let rows: [Row]
        /// Latest activity first, instead of the longest-waiting first.
        var newestFirst = false
        /// Closed ones and the ones the desk answered itself too.
        var everything = false
    }

    /// `/inbox` with these choices, as a link.
    static func link(newestFirst: Bool, everything: Bool) -> String {
        let query = [newestFirst ? "sort=newest" : nil, everything ? "show=all" : nil].compactMap { $0 }
        return "/inbox" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    struct Conversation: Sendable, Equatable {
        let chrome: DeskChrome
        let id: String
        let orderID: String
        let orderExternalID: String
        let status: TicketStatus
        let lines: [(author: TicketMessage.Author, text: String, at: String)]
        /// The order as it is now, in the buyer's words.
        let orderState: LocalizedText?
        /// Replies to start from: the desk's own answer to the buyer's last question, and where the parcel is.
        let suggestions: [String]

        static func == (left: Conversation, right: Conversation) -> Bool {
            left.id == right.id && left.status == right.status && left.lines.map(\.text) == right.lines.map(\.text)
                && left.suggestions == right.suggestions
        }
    }

    static let title = LocalizedText(ko: "문의함", en: "Inbox")

    static func statusLabel(_ status: TicketStatus) -> LocalizedText {
        switch status {
        case .selfServed: LocalizedText(ko: "자동 응답", en: "Answered by the desk")
        case .open: LocalizedText(ko: "답변 대기", en: "Waiting for you")
        case .answered: LocalizedText(ko: "답변함", en: "Answered")
        case .closed: LocalizedText(ko: "종료", en: "Closed")
        }
    }

    static func row(_ ticket: Ticket) -> Row {
        Row(
            id: ticket.id.uuidString.lowercased(), orderExternalID: ticket.orderExternalID, status: ticket.status,
            reason: ticket.reason?.rawValue, waitingSince: ticket.waitingSince?.display(),
            updatedAt: ticket.updatedAt.display())
    }

    struct View {
        let model: Model

        func html() -> String {
            let say = model.chrome.language
            let columns = [
                LocalizedText(ko: "주문", en: "Order"), LocalizedText(ko: "상태", en: "Status"),
                LocalizedText(ko: "사유", en: "Reason"), LocalizedText(ko: "기다린 시각 (KST)", en: "Waiting since (KST)"),
            ]
            return Layout.desk(title: InboxPage.title, chrome: model.chrome, refresh: 30) {
                Node<HTML.BodyContext>.h1(.plainText(say(InboxPage.title)))
                choices(say)
                if model.rows.isEmpty {
                    Node<HTML.BodyContext>.p(
                        .class("card"),
                        .plainText(say(LocalizedText(ko: "답변을 기다리는 문의가 없습니다.", en: "No question is waiting."))))
                } else {
                    Node<HTML.BodyContext>.table(
                        .id("tickets"),
                        .thead(.tr(.forEach(columns) { .th(.plainText(say($0))) })),
                        .tbody(
                            .forEach(model.rows) { row in
                                .tr(
                                    .td(
                                        .a(.href("/inbox/" + HTMLText.escaped(row.id)), .plainText(row.orderExternalID))
                                    ),
                                    .td(.plainText(say(InboxPage.statusLabel(row.status)))),
                                    .td(.plainText(row.reason ?? "")),
                                    .td(.plainText(row.waitingSince ?? row.updatedAt)))
                            }))
                }
            }.render()
        }

        func choices(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            func choice(_ text: LocalizedText, newestFirst: Bool, everything: Bool) -> Node<HTML.BodyContext> {
                let current = newestFirst == model.newestFirst && everything == model.everything
                return .a(
                    .href(InboxPage.link(newestFirst: newestFirst, everything: everything)),
                    .if(current, .attribute(named: "aria-current", value: "true")), .plainText(say(text)))
            }
            return .p(
                .class("choices"), .id("inbox-order"),
                choice(
                    LocalizedText(ko: "오래 기다린 순", en: "Longest waiting first"), newestFirst: false,
                    everything: model.everything),
                .plainText(" · "),
                choice(
                    LocalizedText(ko: "최신 순", en: "Newest first"), newestFirst: true, everything: model.everything),
                .plainText(" · "),
                choice(
                    model.everything
                        ? LocalizedText(ko: "답을 기다리는 문의만", en: "Only the ones waiting")
                        : LocalizedText(ko: "지난 문의까지 모두", en: "Every question, past ones too"),
                    newestFirst: model.newestFirst, everything: !model.everything))
        }
    }

    struct ConversationView {
        let model: Conversation

        func html() -> String {
            let say = model.chrome.language
            let base = "/inbox/" + HTMLText.escaped(model.id)
            let csrf: Node<HTML.FormContext> = Layout.csrf(model.chrome.csrf)
            return Layout.desk(title: InboxPage.title, chrome: model.chrome) {
                Node<HTML.BodyContext>.h1(
                    .plainText(say(LocalizedText(ko: "문의", en: "Question")) + " · "),
                    .a(.href("/orders/" + HTMLText.escaped(model.orderID)), .plainText(model.orderExternalID)))
                Node<HTML.BodyContext>.p(.class("muted"), .plainText(say(InboxPage.statusLabel(model.status))))
                Node<HTML.BodyContext>.unwrap(model.orderState) {
                    .p(.class("card"), .id("order-state"), .plainText(say($0)))
                }
                Node<HTML.BodyContext>.section(
                    .class("card"), .id("conversation"),
                    .forEach(model.lines) { line in
                        .div(
                            .class("bubble from-\(line.author.rawValue)"), .plainText(line.text),
                            .div(.class("muted"), .plainText(line.at)))
                    })
                Node<HTML.BodyContext>.if(
                    model.status != .closed,
                    .form(
                        .method(.post), .action(base + "/reply"), .class("card"),
                        csrf,
                        .label(.for("reply"), .plainText(say(LocalizedText(ko: "답변", en: "Reply")))),
                        .textarea(
                            .id("reply"), .name("text"), .required(true), .plainText(model.suggestions.first ?? "")),
                        .unwrap(model.suggestions.dropFirst().first) { other in
                            .p(
                                .class("muted"),
                                .plainText(say(LocalizedText(ko: "다른 추천 답변: ", en: "Another suggestion: ")) + other))
                        },
                        .button(.type(.submit), .plainText(say(LocalizedText(ko: "답변 보내기", en: "Send reply"))))))
                Node<HTML.BodyContext>.if(
                    model.status != .closed,
                    .form(
                        .method(.post), .action(base + "/close"), csrf,
                        .button(
                            .type(.submit), .class("link"), .plainText(say(LocalizedText(ko: "문의 종료", en: "Close")))))
                )
            }.render()
        }
    }
}

extension InboxPage.Model {
    static let mock = InboxPage.Model(
        chrome: DeskChrome(
            language: PageLanguage(query: nil, cookie: nil), email: "owner@shop.kr", csrf: "csrf-mock-value",
            section: .inbox, path: "/inbox"),
        rows: [
            InboxPage.Row(
                id: "0190f7a2-0000-7000-8000-0000000000aa", orderExternalID: "A-1001", status: .open, reason: "human",
                waitingSince: "2026-11-22 09:00 KST", updatedAt: "2026-11-22 09:00 KST")
        ])
}
