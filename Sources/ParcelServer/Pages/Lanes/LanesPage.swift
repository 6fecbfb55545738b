import Foundation
import ParcelApp
import ParcelCore
import Plot

/// `GET /lanes`: each lane's reliability from the shop's own recent orders:
/// share tracked to the buyer, delivery days (median and 90th percentile),
/// exception and claim rates, a stability score; drawn as SVG charts, each
/// with the same figures as a table, and the product-page notice to copy.
enum LanesPage {
    struct Lane: Sendable, Equatable {
        let name: LocalizedText
        let shipments: Int
        let delivered: Int
        let trackedPercent: Int
        let medianDays: Double?
        let p90Days: Double?
        let exceptionPercent: Int
        let claimPercent: Int?
        let stability: Int
        let notice: LocalizedText
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        let lanes: [Lane]
        /// How many recent orders the figures come from.
        let orders: Int
    }

    static let title = LocalizedText(ko: "배송 구간", en: "Lanes")

    static func lane(_ stats: LaneStats, registry: CarrierRegistry = .standard) -> Lane {
        let key = stats.lane
        let carrier = registry.carrier(id: key.carrier)?.name ?? LocalizedText(key.carrier)
        let origin = LaneAnalytics.countryName(key.origin)
        let destination = LaneAnalytics.countryName(key.destination)
        return Lane(
            name: LocalizedText(
                ko: "\(origin.ko)→\(destination.ko) · \(key.shippingOption) · \(carrier.ko)",
                en: "\(origin.en)→\(destination.en) · \(key.shippingOption) · \(carrier.en)"),
            shipments: stats.shipments, delivered: stats.delivered,
            trackedPercent: Int((stats.trackedShare * 100).rounded()), medianDays: stats.medianDeliveryDays,
            p90Days: stats.p90DeliveryDays, exceptionPercent: Int((stats.exceptionRate * 100).rounded()),
            claimPercent: stats.claimRate.map { Int(($0 * 100).rounded()) }, stability: stats.stabilityScore,
            notice: LaneAnalytics().shippingNotice(stats, registry: registry))
    }

    static func days(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "—"
    }

    /// A horizontal bar chart drawn by us: one row a lane, `bars` (value, colour) each, on one scale.
    static func chart(
        id: String, title: String, rows: [(label: String, bars: [(value: Double, colour: String)], caption: String)]
    ) -> String {
        let rowHeight = 30.0
        let labelWidth = 250.0
        let width = 660.0
        // Room after the longest bar for its caption.
        let plot = width - labelWidth - 120
        let largest = max(rows.flatMap { $0.bars.map(\.value) }.max() ?? 1, 1)
        var svg =
            "<svg id=\"\(id)\" role=\"img\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(Int(width)) \(Int(rowHeight * Double(rows.count) + 10))\" width=\"100%\" style=\"max-width:\(Int(width))px\">"
        svg += "<title id=\"\(id)-title\">\(HTMLText.escaped(title))</title>"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 5
            let label = row.label.count > 34 ? String(row.label.prefix(33)) + "…" : row.label
            svg += "<text x=\"0\" y=\"\(y + 18)\" font-size=\"12\">\(HTMLText.escaped(label))</text>"
            for bar in row.bars {
                let length = max(1, bar.value / largest * plot)
                svg +=
                    "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(String(format: "%.1f", length))\" height=\"18\" fill=\"\(bar.colour)\"></rect>"
            }
            let end = labelWidth + (row.bars.map(\.value).max() ?? 0) / largest * plot + 6
            svg +=
                "<text x=\"\(String(format: "%.1f", end))\" y=\"\(y + 18)\" font-size=\"12\">\(HTMLText.escaped(row.caption))</text>"
        }
        return svg + "</svg>"
    }

    struct View {
        let model: Model

        func html() -> String {
            let say = model.chrome.language
            let daysChart = LanesPage.chart(
                id: "days-chart",
                title: say(
                    LocalizedText(ko: "구간별 배송 일수 (보통, 늦어도)", en: "Delivery days by lane (typical, at the latest)")),
                rows: model.lanes.filter { $0.medianDays != nil }.map { lane in
                    (
                        say(lane.name),
                        [(lane.p90Days ?? 0, "#a8c4ea"), (lane.medianDays ?? 0, "#1f5fbf")],
                        LanesPage.days(lane.medianDays) + " / " + LanesPage.days(lane.p90Days)
                            + say(LocalizedText(ko: "일", en: " days"))
                    )
                })
            let stabilityChart = LanesPage.chart(
                id: "stability-chart",
                title: say(LocalizedText(ko: "구간별 안정성 점수 (100점 만점)", en: "Stability score by lane (of 100)")),
                rows: model.lanes.map { lane in
                    (say(lane.name), [(Double(lane.stability), "#2e7d32")], "\(lane.stability)")
                })
            let columns = [
                LocalizedText(ko: "구간", en: "Lane"), LocalizedText(ko: "건수", en: "Shipments"),
                LocalizedText(ko: "추적됨", en: "Tracked"), LocalizedText(ko: "보통 (일)", en: "Typical (days)"),
                LocalizedText(ko: "늦어도 (일)", en: "Latest (days)"), LocalizedText(ko: "이상", en: "Exceptions"),
                LocalizedText(ko: "클레임", en: "Claims"), LocalizedText(ko: "안정성", en: "Stability"),
            ]
            let rows: [Node<HTML.TableContext>] = model.lanes.map { lane in
                .tr(
                    .td(.plainText(say(lane.name))), .td(.plainText("\(lane.shipments)")),
                    .td(.plainText("\(lane.trackedPercent)%")),
                    .td(.plainText(LanesPage.days(lane.medianDays))), .td(.plainText(LanesPage.days(lane.p90Days))),
                    .td(.plainText("\(lane.exceptionPercent)%")),
                    .td(.plainText(lane.claimPercent.map { "\($0)%" } ?? "—")),
                    .td(.plainText("\(lane.stability)")))
            }
            let notices: [Node<HTML.BodyContext>] = model.lanes.enumerated().map { index, lane in
                .div(
                    .h3(.plainText(say(lane.name))),
                    .element(
                        named: "pre", nodes: [.class("copy"), .id("notice-\(index)"), .plainText(say(lane.notice))]),
                    .button(
                        .type(.button), .class("copy"), .attribute(named: "data-copy", value: "notice-\(index)"),
                        .plainText(say(LocalizedText(ko: "복사", en: "Copy")))))
            }
            return Layout.desk(title: LanesPage.title, chrome: model.chrome) {
                Node<HTML.BodyContext>.h1(.plainText(say(LanesPage.title)))
                Node<HTML.BodyContext>.p(
                    .class("muted"),
                    .plainText(
                        say(
                            LocalizedText(
                                ko: "최근 주문 \(model.orders)건으로 계산했습니다 (10분마다 새로 계산).",
                                en: "From the latest \(model.orders) orders (worked out again every ten minutes)."))))
                if model.lanes.isEmpty {
                    Node<HTML.BodyContext>.p(
                        .class("card"),
                        .plainText(say(LocalizedText(ko: "아직 계산할 배송이 없습니다.", en: "No shipments to measure yet."))))
                } else {
                    Node<HTML.BodyContext>.section(
                        .class("card"),
                        .h2(
                            .plainText(
                                say(
                                    LocalizedText(ko: "배송 일수 (보통 / 늦어도)", en: "Delivery days (typical / at the latest)")
                                ))),
                        .raw(daysChart),
                        .h2(.plainText(say(LocalizedText(ko: "안정성 점수", en: "Stability score")))),
                        .raw(stabilityChart))
                    Node<HTML.BodyContext>.table(
                        .id("lanes"), .caption(.plainText(say(LocalizedText(ko: "구간별 수치", en: "Figures by lane")))),
                        .thead(.tr(.forEach(columns) { .th(.plainText(say($0))) })), .tbody(.group(rows)))
                    Node<HTML.BodyContext>.section(
                        .class("card"), .id("notices"),
                        .h2(
                            .plainText(
                                say(LocalizedText(ko: "상품 페이지 배송 안내문", en: "Shipping notice for the product page")))),
                        .group(notices))
                }
            }.render()
        }
    }
}

extension LanesPage.Model {
    static let mock = LanesPage.Model(
        chrome: DeskChrome(
            language: PageLanguage(query: nil, cookie: nil), email: "owner@shop.kr", csrf: "csrf-mock-value",
            section: .lanes, path: "/lanes"),
        lanes: [
            LanesPage.Lane(
                name: LocalizedText(
                    ko: "중국→한국 · AliExpress Standard Shipping · 차이냐오",
                    en: "China→Korea · AliExpress Standard Shipping · Cainiao"),
                shipments: 812, delivered: 640, trackedPercent: 88, medianDays: 9.2, p90Days: 14.5,
                exceptionPercent: 11,
                claimPercent: 2, stability: 74,
                notice: LocalizedText(ko: "이 상품은 중국에서 발송됩니다.", en: "This item ships from China.")),
            LanesPage.Lane(
                name: LocalizedText(ko: "한국→한국 · 택배 · CJ대한통운 <b>", en: "Korea→Korea · parcel · CJ Logistics <b>"),
                shipments: 420, delivered: 410, trackedPercent: 99, medianDays: 1.4, p90Days: 2.6, exceptionPercent: 2,
                claimPercent: nil, stability: 93,
                notice: LocalizedText(ko: "이 상품은 CJ대한통운으로 배송됩니다.", en: "This item is delivered by CJ Logistics.")),
        ],
        orders: 1232)
}
