import ParcelCore
import Plot

extension TodayPage {
    struct View {
        let model: Model

        func html() -> String { document().render() }

        func document() -> HTML {
            let say = model.chrome.language
            return Layout.desk(title: TodayPage.title, chrome: model.chrome, refresh: 60) {
                Node<HTML.BodyContext>.h1(.plainText(say(TodayPage.title)))
                counts(say)
                filterForm(say)
                if model.rows.isEmpty {
                    Node<HTML.BodyContext>.p(
                        .class("card"),
                        .plainText(say(LocalizedText(ko: "지금 처리할 주문이 없습니다.", en: "Nothing needs you right now."))))
                } else {
                    Node<HTML.BodyContext>.table(
                        .id("queue"),
                        .thead(.tr(.forEach(TodayPage.columns) { .th(.plainText(say($0))) })),
                        .tbody(.forEach(model.rows) { row in self.row(row, say) })
                    )
                }
            }
        }

        func counts(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            let parts: [Node<HTML.BodyContext>] = model.counts.map { severity, count in
                .span(
                    .span(.class("sev sev-\(severity.rawValue)"), .plainText(say(TodayPage.severityName(severity)))),
                    .plainText(" \(count)"))
            }
            return .p(.class("counts"), .group(parts))
        }

        func row(_ row: Row, _ say: PageLanguage) -> Node<HTML.TableContext> {
            let badge: Node<HTML.BodyContext> = .span(
                .class("sev sev-\(row.severity.rawValue)"), .plainText(say(TodayPage.severityName(row.severity))))
            let numbers = [row.carrier, row.trackingNumber].compactMap { $0 }.joined(separator: " ")
            let order: Node<HTML.BodyContext> = .div(
                .a(.href("/orders/" + HTMLText.escaped(row.orderID)), .plainText(row.externalID)),
                .div(.class("muted"), .plainText(numbers)))
            let others: [String] = row.others.map { say($0) }
            let what: Node<HTML.BodyContext> = .div(
                .strong(.plainText(say(row.headline))),
                .div(.plainText("→ " + say(row.nextStep))),
                .if(!others.isEmpty, .ul(.class("muted"), .forEach(others) { .li(.plainText($0)) })))
            return .tr(
                .attribute(named: "data-order", value: HTMLText.escaped(row.externalID)),
                .attribute(named: "data-code", value: HTMLText.escaped(row.code)),
                .td(badge), .td(order), .td(what), .td(.plainText(row.deadline ?? "—")))
        }

        func filterForm(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            let andUp = say(LocalizedText(ko: " 이상", en: " and up"))
            let severities = [Severity.urgent, .act, .watch].map {
                (value: $0.rawValue, text: say(TodayPage.severityName($0)) + andUp)
            }
            let filters = model.filters
            return .form(
                .method(.get), .action("/"), .class("card"),
                Layout.filter(
                    LocalizedText(ko: "긴급도", en: "Severity"), name: "severity", severities,
                    selected: filters.severity?.rawValue, say),
                Layout.filter(
                    LocalizedText(ko: "마켓", en: "Marketplace"), name: "marketplace",
                    model.marketplaces.map { ($0, $0) }, selected: filters.marketplace, say),
                Layout.filter(
                    LocalizedText(ko: "택배사", en: "Carrier"), name: "carrier", model.carriers.map { ($0, $0) },
                    selected: filters.carrier, say),
                Layout.filter(
                    LocalizedText(ko: "문제 유형", en: "Finding"), name: "finding", model.findings.map { ($0, $0) },
                    selected: filters.finding, say),
                .button(.type(.submit), .plainText(say(LocalizedText(ko: "보기", en: "Show"))))
            )
        }
    }
}
