import Foundation
import ParcelApp
import ParcelCore

/// `GET /orders/{id}`: one order for the seller: the merged timeline with
/// its sources, the findings in plain words with the playbook, the message
/// to send, the claims and their deadlines, and the buyer page's link.
enum OrderPage {
    struct Entry: Sendable, Equatable {
        let when: String
        let what: LocalizedText
        let place: String?
        let text: String
        let sources: [String]
        let leg: Int
        let contradicts: Bool
    }

    /// Two sources that say different things about the parcel, side by side.
    struct Disagreement: Sendable, Equatable {
        let leading: (source: LocalizedText, state: LocalizedText)
        let lagging: (source: LocalizedText, state: LocalizedText)
        let explanation: LocalizedText

        static func == (left: Disagreement, right: Disagreement) -> Bool {
            left.leading.source == right.leading.source && left.leading.state == right.leading.state
                && left.lagging.source == right.lagging.source && left.lagging.state == right.lagging.state
                && left.explanation == right.explanation
        }
    }

    struct Step: Sendable, Equatable {
        let number: Int
        let text: LocalizedText
        let links: [(label: LocalizedText, url: String)]
        /// The message to the buyer, both languages (sellers paste it into chat).
        let message: LocalizedText?
        /// The carrier inquiry, ready to copy or print.
        let inquiry: LocalizedText?
        /// Marked done: by whom, when (KST).
        var done: String?

        static func == (left: Step, right: Step) -> Bool {
            left.number == right.number && left.text == right.text && left.message == right.message
                && left.inquiry == right.inquiry && left.links.map(\.url) == right.links.map(\.url)
                && left.done == right.done
        }
    }

    struct Finding: Sendable, Equatable {
        let severity: Severity
        let code: String
        let seller: LocalizedText
        let steps: [Step]
    }

    struct ClaimLine: Sendable, Equatable {
        let id: String
        let label: String
        let type: LocalizedText
        let state: LocalizedText
        let deadline: (kind: LocalizedText, due: String)?

        static func == (left: ClaimLine, right: ClaimLine) -> Bool {
            left.label == right.label && left.type == right.type && left.state == right.state
                && left.deadline?.due == right.deadline?.due && left.deadline?.kind == right.deadline?.kind
        }
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        /// The order's id, for the forms' addresses.
        let id: String
        let externalID: String
        let marketplace: String?
        let placedAt: String
        let buyerName: String?
        let items: [String]
        /// `carrier number` per leg, in order.
        let legs: [LocalizedText]
        let status: LocalizedText
        let lastUpdate: String?
        let timeline: [Entry]
        let disagreement: Disagreement?
        let findings: [Finding]
        let claims: [ClaimLine]
        let buyerPageURL: String
    }

    static let title = LocalizedText(ko: "주문", en: "Order")

    /// The page's model from the order as analysed now.
    static func model(
        _ detail: OrderDetail, claims: ClaimService.OrderClaims, playbook: Playbook, buyerPageURL: String,
        stepsDone: [String: (actor: String, at: Timestamp)] = [:], chrome: DeskChrome
    ) -> Model {
        let order = detail.order
        let analysis = detail.analysis
        let timeline = analysis?.timeline
        let entries: [Entry] =
            timeline.map { timeline in
                timeline.entries.reversed().map { entry in
                    Entry(
                        when: entry.time.display(), what: Playbook.statusName(entry), place: timeline.location(entry),
                        text: timeline.text(entry), sources: timeline.sources(entry), leg: entry.leg,
                        contradicts: entry.anomaly != nil)
                }
            } ?? []
        var disagreement: Disagreement?
        var findings: [Finding] = []
        if let analysis {
            for diagnosis in analysis.diagnoses {
                let explanation = playbook.explanation(diagnosis, in: analysis)
                let figures = diagnosis.figures
                if diagnosis.code == .sourcesDisagree, let leading = figures.leadingSource,
                    let lagging = figures.laggingSource, let leadingState = figures.leadingState,
                    let laggingState = figures.laggingState
                {
                    disagreement = Disagreement(
                        leading: (playbook.sourceName(leading), leadingState),
                        lagging: (playbook.sourceName(lagging), laggingState), explanation: explanation.seller)
                }
                let steps = playbook.actions(diagnosis, in: analysis).map { action in
                    Step(
                        number: action.step, text: action.text, links: action.links.map { ($0.label, $0.url) },
                        message: action.message,
                        inquiry: action.inquiry.map { LocalizedText(ko: $0.text(.ko), en: $0.text(.en)) },
                        done: stepsDone["\(diagnosis.code.rawValue) \(action.step)"].map {
                            "\($0.actor.replacingOccurrences(of: "user:", with: "")) · \($0.at.display())"
                        })
                }
                findings.append(
                    Finding(
                        severity: diagnosis.severity, code: diagnosis.code.rawValue, seller: explanation.seller,
                        steps: steps))
            }
        }
        let standing = claims.report.standing
        let claimLines = claims.claims.indices.map { index in
            let claim = claims.claims[index]
            let next = standing.deadlines(of: index).first
            return ClaimLine(
                id: claim.id.uuidString.lowercased(), label: claim.label, type: claim.claim.type.label,
                state: standing.claims[index].state.label,
                deadline: next.map { ($0.kind.label, $0.due.display()) })
        }
        return Model(
            chrome: chrome, id: order.id.uuidString.lowercased(), externalID: order.info.id,
            marketplace: order.info.marketplace,
            placedAt: order.info.placedAt.display(), buyerName: order.info.buyerName,
            items: order.items.map { "\($0.name) × \($0.quantity)" },
            legs: timeline?.legs.map { leg in
                let name = playbook.carrierName(leg.carrier)
                return LocalizedText(ko: "\(name.ko) \(leg.trackingNumber)", en: "\(name.en) \(leg.trackingNumber)")
            } ?? order.shipment.map { [LocalizedText($0.trackingNumber)] } ?? [],
            status: analysis?.status.name ?? LocalizedText(ko: "발송 전", en: "Not shipped"),
            lastUpdate: analysis?.lastEventAt?.display(), timeline: entries, disagreement: disagreement,
            findings: findings, claims: claimLines, buyerPageURL: buyerPageURL)
    }
}

extension OrderPage.Model {
    static let mock = OrderPage.Model(
        chrome: DeskChrome(
            language: PageLanguage(query: nil, cookie: nil), email: "owner@shop.kr", csrf: "csrf-mock-value",
            section: nil, path: "/orders/0190f7a2-0000-7000-8000-000000000001"),
        id: "0190f7a2-0000-7000-8000-000000000001", externalID: "A-1001", marketplace: "aliexpress",
        placedAt: "2026-11-01 10:00 KST", buyerName: "김민지", items: ["휴대폰 케이스 × 2"],
        legs: [LocalizedText(ko: "차이냐오(Cainiao) LP00123456789012", en: "Cainiao LP00123456789012")],
        status: LocalizedText(ko: "배송 중", en: "In transit"), lastUpdate: "2026-11-05 10:30 KST",
        timeline: [
            OrderPage.Entry(
                when: "2026-11-05 10:30 KST", what: LocalizedText(ko: "출발 국가 출항", en: "Departed origin country"),
                place: "Shenzhen", text: "Departed from origin country", sources: ["cainiao", "17track"], leg: 0,
                contradicts: false)
        ],
        disagreement: OrderPage.Disagreement(
            leading: (LocalizedText(ko: "차이냐오(Cainiao)", en: "Cainiao"), LocalizedText(ko: "출발 국가 출항", en: "Departed")),
            lagging: (LocalizedText("17TRACK"), LocalizedText(ko: "출발지 물류센터", en: "At origin sorting center")),
            explanation: LocalizedText(ko: "조회처마다 2일 넘게 다르게 보입니다.", en: "The sources have disagreed for over 2 days.")),
        findings: [
            OrderPage.Finding(
                severity: .urgent, code: "long_silence",
                seller: LocalizedText(ko: "16일째 배송 정보에 변화가 없습니다.", en: "No change for 16 days."),
                steps: [
                    OrderPage.Step(
                        number: 3, text: LocalizedText(ko: "차이냐오에 문의하세요.", en: "Ask Cainiao."), links: [],
                        message: nil,
                        inquiry: LocalizedText(ko: "[배송 문의]\n주문번호: A-1001", en: "[Inquiry]\nOrder: A-1001"),
                        done: "owner@shop.kr · 2026-11-21 10:00 KST"),
                    OrderPage.Step(
                        number: 4, text: LocalizedText(ko: "구매자에게 먼저 알리세요.", en: "Tell the buyer first."),
                        links: [(LocalizedText("17TRACK"), "https://t.17track.net/ko#nums=LP00123456789012")],
                        message: LocalizedText(ko: "안녕하세요, 김민지님.", en: "Hello, Minji."), inquiry: nil),
                ])
        ],
        claims: [], buyerPageURL: "http://127.0.0.1:8080/t/AbCdEfGhIjKlMnOpQrStUv")
}
