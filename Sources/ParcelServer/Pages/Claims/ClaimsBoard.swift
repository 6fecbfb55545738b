import Foundation
import ParcelApp
import ParcelCore
import Plot

/// `GET /claims`: open claims by state, each with its next deadline.
enum ClaimsBoard {
    struct Card: Sendable, Equatable {
        let label: String
        let id: String
        let orderID: String
        let type: LocalizedText
        let reason: LocalizedText
        let deadlineKind: LocalizedText?
        /// KST.
        let deadlineDue: String?
    }

    struct Column: Sendable, Equatable {
        let state: LocalizedText
        let cards: [Card]
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        let columns: [Column]
    }

    static let title = LocalizedText(ko: "클레임", en: "Claims")

    static func model(_ claims: [StoredClaim], chrome: DeskChrome) -> Model {
        var byState: [ClaimState: [StoredClaim]] = [:]
        for claim in claims { byState[claim.state, default: []].append(claim) }
        let columns = ClaimState.allCases.compactMap { state -> Column? in
            guard let members = byState[state], !members.isEmpty else { return nil }
            let sorted = members.sorted { left, right in
                (left.nextDeadline?.due.epochSeconds ?? .infinity) < (right.nextDeadline?.due.epochSeconds ?? .infinity)
            }
            let cards: [Card] = sorted.map { claim in
                Card(
                    label: claim.label, id: claim.id.uuidString.lowercased(),
                    orderID: claim.orderID.uuidString.lowercased(),
                    type: claim.claim.type.label,
                    reason: claim.claim.reason.label, deadlineKind: claim.nextDeadline?.kind.label,
                    deadlineDue: claim.nextDeadline?.due.display())
            }
            return Column(state: state.label, cards: cards)
        }
        return Model(chrome: chrome, columns: columns)
    }

    struct View {
        let model: Model

        func html() -> String {
            let say = model.chrome.language
            return Layout.desk(title: ClaimsBoard.title, chrome: model.chrome) {
                Node<HTML.BodyContext>.h1(.plainText(say(ClaimsBoard.title)))
                if model.columns.isEmpty {
                    Node<HTML.BodyContext>.p(
                        .class("card"), .plainText(say(LocalizedText(ko: "클레임이 없습니다.", en: "No claims."))))
                }
                Node<HTML.BodyContext>.forEach(model.columns) { column in
                    .section(
                        .class("card"),
                        .h2(.plainText(say(column.state) + " (\(column.cards.count))")),
                        .ul(
                            .forEach(column.cards) { card in
                                .li(
                                    .attribute(named: "data-claim", value: HTMLText.escaped(card.label)),
                                    .a(.href("/claims/" + HTMLText.escaped(card.id)), .plainText(card.label)),
                                    .plainText(" · " + say(card.type) + " · " + say(card.reason)),
                                    .unwrap(card.deadlineDue) { due in
                                        .span(
                                            .class("muted"),
                                            .plainText(" · " + say(card.deadlineKind ?? LocalizedText("")) + " " + due))
                                    })
                            }))
                }
            }.render()
        }
    }
}
