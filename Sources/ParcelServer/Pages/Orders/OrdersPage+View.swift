import ParcelCore
import Plot

extension OrdersPage {
    struct View {
        let model: Model

        func html() -> String {
            let say = model.chrome.language
            return Layout.desk(title: OrdersPage.title, chrome: model.chrome) {
                Node<HTML.BodyContext>.h1(.plainText(say(OrdersPage.title)))
                form(say)
                if !model.problems.isEmpty {
                    Node<HTML.BodyContext>.p(
                        .class("error"), .attribute(named: "role", value: "alert"),
                        .plainText(
                            say(LocalizedText(ko: "다시 확인해 주세요: ", en: "Please check: "))
                                + model.problems.joined(separator: ", ")))
                }
                Node<HTML.BodyContext>.p(
                    .a(
                        .id("export"), .href("/orders.csv?" + HTMLText.escaped(model.query.encoded())),
                        .plainText(
                            say(LocalizedText(ko: "이 목록을 CSV로 내려받기 (엑셀)", en: "Download this list as CSV (Excel)")))))
                table(say)
                Node<HTML.BodyContext>.unwrap(model.next) { next in
                    .p(
                        .a(
                            .id("next"), .href(HTMLText.escaped(next)),
                            .plainText(say(LocalizedText(ko: "다음 페이지 →", en: "Next page →")))))
                }
            }.render()
        }

        func table(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            guard !model.rows.isEmpty else {
                return .p(.class("card"), .plainText(say(LocalizedText(ko: "맞는 주문이 없습니다.", en: "No order matches."))))
            }
            let columns = [
                LocalizedText(ko: "주문", en: "Order"), LocalizedText(ko: "구매자", en: "Buyer"),
                LocalizedText(ko: "송장", en: "Parcel"), LocalizedText(ko: "상태", en: "Status"),
                LocalizedText(ko: "마지막 갱신", en: "Last update"),
            ]
            let rows: [Node<HTML.TableContext>] = model.rows.map { row in
                let badge: Node<HTML.BodyContext> =
                    row.severity.map { severity in
                        .span(.class("sev sev-\(severity.rawValue)"), .plainText(say(TodayPage.severityName(severity))))
                    } ?? .empty
                return .tr(
                    .attribute(named: "data-order", value: HTMLText.escaped(row.externalID)),
                    .td(
                        .a(.href("/orders/" + HTMLText.escaped(row.id)), .plainText(row.externalID)),
                        .div(.class("muted"), .plainText(row.marketplace + " · " + row.placedAt))),
                    .td(.plainText(row.buyerName)),
                    .td(.plainText(row.parcel)),
                    .td(.plainText(say(row.status) + " "), badge),
                    .td(.plainText(row.lastUpdate)))
            }
            return .table(
                .id("orders"), .thead(.tr(.forEach(columns) { .th(.plainText(say($0))) })), .tbody(.group(rows)))
        }

        func form(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            let query = model.query
            let statuses = TrackingStatus.allCases.map { (value: $0.rawValue, text: say($0.name)) }
            let findings = DiagnosisCode.allCases.map { (value: $0.rawValue, text: $0.rawValue) }
            return .form(
                .method(.get), .action("/orders"), .class("card"), .id("search"),
                .label(
                    .plainText(
                        say(LocalizedText(ko: "검색 (주문번호, 송장번호, 구매자)", en: "Search (order, tracking number, buyer)"))),
                    .input(.type(.search), .name("q"), .value(HTMLText.escaped(query.text)))),
                Layout.filter(
                    LocalizedText(ko: "배송 상태", en: "Status"), name: "status", statuses, selected: query.status, say),
                Layout.filter(
                    LocalizedText(ko: "문제 유형", en: "Finding"), name: "finding", findings, selected: query.finding, say),
                text(LocalizedText(ko: "마켓", en: "Marketplace"), "marketplace", query.marketplace, say),
                text(LocalizedText(ko: "택배사", en: "Carrier"), "carrier", query.carrier, say),
                text(LocalizedText(ko: "배송 방식(구간)", en: "Shipping option (lane)"), "lane", query.lane, say),
                date(LocalizedText(ko: "주문일 부터", en: "Placed from"), "from", query.from, say),
                date(LocalizedText(ko: "까지", en: "to"), "to", query.to, say),
                .button(.type(.submit), .plainText(say(LocalizedText(ko: "찾기", en: "Search")))))
        }

        func text(_ label: LocalizedText, _ name: String, _ value: String, _ say: PageLanguage) -> Node<
            HTML.FormContext
        > {
            .label(.plainText(say(label) + " "), .input(.type(.text), .name(name), .value(HTMLText.escaped(value))))
        }

        func date(_ label: LocalizedText, _ name: String, _ value: String, _ say: PageLanguage) -> Node<
            HTML.FormContext
        > {
            .label(.plainText(say(label) + " "), .input(.type(.date), .name(name), .value(HTMLText.escaped(value))))
        }
    }
}
