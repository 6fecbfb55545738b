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

        static func == (left: Step, right: Step) -> Bool {
            left.number == right.number && left.text == right.text && left.message == right.message
                && left.inquiry == right.inquiry && left.links.map(\.url) == right.links.map(\.url)
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
        chrome: DeskChrome
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
                        inquiry: action.inquiry.map { LocalizedText(ko: $0.text(.ko), en: $0.text(.en)) })
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
            chrome: chrome, externalID: order.info.id, marketplace: order.info.marketplace,
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
