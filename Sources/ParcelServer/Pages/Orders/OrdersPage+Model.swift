import Foundation
import ParcelApp
import ParcelCore

/// `GET /orders`: every order, searched and filtered, a page at a time,
/// and the same view as a CSV file (`GET /orders.csv`).
enum OrdersPage {
    /// The list's query as the form and the links carry it.
    struct Query: Sendable, Equatable {
        var text = ""
        var status = ""
        var finding = ""
        var marketplace = ""
        var carrier = ""
        var lane = ""
        /// KST days, `2026-11-01`.
        var from = ""
        var to = ""
        var cursor = ""

        static let fields = ["q", "status", "finding", "marketplace", "carrier", "lane", "from", "to", "cursor"]

        init() {}

        init(query: String?) {
            func value(_ name: String) -> String { OrderDetailRoute.queryValue(name, in: query)?.trimmed ?? "" }
            // What is searched is what the box shows again: no control characters, at most 200 characters.
            text = String(
                String(
                    String.UnicodeScalarView(value("q").unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
                ).prefix(200))
            status = value("status")
            finding = value("finding")
            marketplace = value("marketplace")
            carrier = value("carrier")
            lane = value("lane")
            from = value("from")
            to = value("to")
            cursor = value("cursor")
        }

        var values: [String] { [text, status, finding, marketplace, carrier, lane, from, to, cursor] }

        /// The filter, or the fields that are not right.
        func filter(limit: Int) -> Result<OrderFilter, Problems> {
            var problems: [String] = []
            func day(_ text: String, _ field: String) -> Timestamp? {
                guard !text.isEmpty else { return nil }
                guard let moment = Timestamp.parse(text + "T00:00:00+09:00") else {
                    problems.append(field)
                    return nil
                }
                return moment
            }
            var filter = OrderFilter(limit: limit)
            filter.query = text.isEmpty ? nil : text
            filter.status = status.isEmpty ? nil : status
            filter.diagnosis = finding.isEmpty ? nil : finding
            filter.marketplace = marketplace.isEmpty ? nil : marketplace
            filter.carrier = carrier.isEmpty ? nil : carrier
            filter.shippingOption = lane.isEmpty ? nil : lane
            filter.placedFrom = day(from, "from")
            filter.placedBefore = day(to, "to")?.adding(days: 1)
            if !cursor.isEmpty {
                filter.cursor = OrderCursor(encoded: cursor)
                if filter.cursor == nil { problems.append("cursor") }
            }
            return problems.isEmpty ? .success(filter) : .failure(Problems(fields: problems))
        }

        /// The query string of this view, without the page position unless asked.
        func encoded(cursor: String? = nil) -> String {
            var pairs: [String] = []
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            for (name, value) in zip(Self.fields, values) where name != "cursor" && !value.isEmpty {
                pairs.append(name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
            }
            if let cursor {
                pairs.append("cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
            }
            return pairs.joined(separator: "&")
        }
    }

    struct Problems: Error, Sendable, Equatable {
        let fields: [String]
    }

    struct Row: Sendable, Equatable {
        let id: String
        let externalID: String
        let marketplace: String
        let placedAt: String
        let buyerName: String
        let parcel: String
        let status: LocalizedText
        let lastUpdate: String
        let severity: Severity?
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        let query: Query
        let rows: [Row]
        /// The next page's link, when there is one.
        let next: String?
        /// Fields of the query that are not right.
        let problems: [String]
    }

    static let title = LocalizedText(ko: "주문", en: "Orders")

    static func statusName(_ raw: String?) -> LocalizedText {
        guard let raw else { return LocalizedText(ko: "발송 전", en: "Not shipped") }
        return TrackingStatus(rawValue: raw)?.name ?? LocalizedText(raw)
    }

    static func row(_ order: OrderSummary) -> Row {
        Row(
            id: order.id.uuidString.lowercased(), externalID: order.externalID, marketplace: order.marketplace ?? "",
            placedAt: order.placedAt.display(), buyerName: order.buyerName ?? "",
            parcel: [order.carrier, order.trackingNumber].compactMap { $0 }.joined(separator: " "),
            status: statusName(order.status), lastUpdate: order.lastEventAt?.display() ?? "",
            severity: order.topSeverity)
    }

    /// The CSV file's header and rows, in the page's language.
    static func csv(_ orders: [OrderSummary], language: PageLanguage) -> String {
        let header = [
            LocalizedText(ko: "주문번호", en: "Order"), LocalizedText(ko: "마켓", en: "Marketplace"),
            LocalizedText(ko: "주문일시(KST)", en: "Placed (KST)"), LocalizedText(ko: "구매자", en: "Buyer"),
            LocalizedText(ko: "택배사", en: "Carrier"), LocalizedText(ko: "송장번호", en: "Tracking number"),
            LocalizedText(ko: "배송 상태", en: "Status"), LocalizedText(ko: "마지막 갱신(KST)", en: "Last update (KST)"),
            LocalizedText(ko: "긴급도", en: "Severity"),
        ].map { language($0) }
        let rows = orders.map { order in
            [
                order.externalID, order.marketplace ?? "", order.placedAt.display(), order.buyerName ?? "",
                order.carrier ?? "", order.trackingNumber ?? "", language(statusName(order.status)),
                order.lastEventAt?.display() ?? "",
                order.topSeverity.map { language(TodayPage.severityName($0)) } ?? "",
            ]
        }
        return SpreadsheetText.csv([header] + rows)
    }
}

extension OrdersPage.Model {
    static let mock = OrdersPage.Model(
        chrome: DeskChrome(
            language: PageLanguage(query: nil, cookie: nil), email: "owner@shop.kr", csrf: "csrf-mock-value",
            section: .orders, path: "/orders"),
        query: {
            var query = OrdersPage.Query()
            query.text = "김"
            return query
        }(),
        rows: [
            OrdersPage.Row(
                id: "0190f7a2-0000-7000-8000-000000000001", externalID: "A-1001", marketplace: "aliexpress",
                placedAt: "2026-11-01 10:00 KST", buyerName: "김민지", parcel: "cn.cainiao LP00123456789012",
                status: LocalizedText(ko: "배송 중", en: "In transit"), lastUpdate: "2026-11-19 05:00 KST",
                severity: .urgent)
        ],
        next: "/orders?q=%EA%B9%80&cursor=abc", problems: [])
}
