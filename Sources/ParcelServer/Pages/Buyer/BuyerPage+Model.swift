import Foundation
import ParcelApp
import ParcelCore

/// `GET /t/{token}`: the buyer's page, no sign-in: where the parcel is in
/// plain words, what is normal on this route now, the deadlines, what the
/// buyer may ask for under the marketplace's rules, and the customer
/// center. Personal data masked; nothing of the seller's own.
enum BuyerPage {
    struct Scan: Sendable, Equatable {
        let when: String
        let what: LocalizedText
        let place: String?
    }

    /// A claim the buyer may open now, with the reasons the rules take and until when.
    struct Opening: Sendable, Equatable {
        let type: String
        let label: LocalizedText
        let until: String?
        let reasons: [(name: String, label: LocalizedText)]

        static func == (left: Opening, right: Opening) -> Bool {
            left.type == right.type && left.until == right.until
                && left.reasons.map(\.name) == right.reasons.map(\.name)
        }
    }

    struct Line: Sendable, Equatable {
        let author: TicketMessage.Author
        let text: String
    }

    struct Model: Sendable, Equatable {
        let language: PageLanguage
        let token: String
        let csrf: String
        let orderExternalID: String
        let buyerName: String
        let buyerPhone: String?
        let items: [String]
        let parcel: String
        /// The status and what happens next, as the customer center says it.
        let headline: LocalizedText
        let expectation: LocalizedText?
        let timeline: [Scan]
        let deadlines: [(label: LocalizedText, due: String)]
        let claims: [(label: LocalizedText, state: LocalizedText)]
        let openings: [Opening]
        let conversation: [Line]
        /// What the last form did: a claim filed, a rule that refused it, the question handed to the seller.
        let notice: LocalizedText?

        static func == (left: Model, right: Model) -> Bool {
            left.token == right.token && left.headline == right.headline && left.timeline == right.timeline
                && left.openings == right.openings && left.conversation == right.conversation
                && left.notice == right.notice && left.language == right.language
        }
    }

    static let title = LocalizedText(ko: "배송 조회", en: "Your parcel")

    /// The claim types a buyer files here; disputes go through the marketplace itself.
    static let buyerTypes: [ClaimType] = [.cancel, .return, .exchange, .refund]

    static func model(
        _ view: BuyerView, messages: [TicketMessage], language: PageLanguage, csrf: String, notice: LocalizedText?,
        registry: CarrierRegistry = .standard
    ) -> Model {
        let order = view.detail.order
        let analysis = view.detail.analysis
        let report = view.claims.report
        let scans: [Scan] =
            analysis.map { analysis in
                analysis.timeline.entries.reversed().filter { $0.anomaly == nil }.map { entry in
                    Scan(
                        when: entry.time.display(), what: Playbook.statusName(entry),
                        place: analysis.timeline.location(entry))
                }
            } ?? []
        let openings: [Opening] = (report.openings[.buyer] ?? []).filter { buyerTypes.contains($0.type) }.map {
            opening in
            let reasons =
                opening.reasons.isEmpty
                ? defaultReasons(opening.type).map { ($0.name, $0.label) }
                : opening.reasons.map { ($0.reason.name, $0.reason.label) }
            let until = opening.until ?? opening.reasons.compactMap(\.until).max()
            return Opening(
                type: opening.type.name, label: opening.type.label, until: until?.display(), reasons: reasons)
        }
        let standing = report.standing
        let claims = view.claims.claims.indices.map { index in
            (view.claims.claims[index].claim.type.label, standing.claims[index].state.label)
        }
        let deadlines = view.claims.claims.indices.flatMap { index in
            standing.deadlines(of: index).map { ($0.kind.label, $0.due.display()) }
        }
        let carrier = order.shipment?.carrier.map { registry.carrier(id: $0)?.name ?? LocalizedText($0) }
        return Model(
            language: language, token: view.token, csrf: csrf, orderExternalID: order.info.id,
            buyerName: Masking.name(order.info.buyerName ?? ""), buyerPhone: order.buyerPhone.map(Masking.phone),
            items: order.items.map { "\($0.name) × \($0.quantity)" },
            parcel: [carrier.map { language($0) }, order.shipment?.trackingNumber].compactMap { $0 }.joined(
                separator: " "),
            headline: BuyerAnswers().answer(.whereIsIt, in: view.situation).text,
            expectation: view.expectation?.text, timeline: scans, deadlines: deadlines, claims: claims,
            openings: openings, conversation: messages.map { Line(author: $0.author, text: $0.text) }, notice: notice)
    }

    static func defaultReasons(_ type: ClaimType) -> [ClaimReason] {
        switch type {
        case .cancel: [.changeOfMind, .late, .other]
        case .refund: [.notReceived, .late, .defective, .other]
        default: [.changeOfMind, .defective, .wrongItem, .notAsDescribed, .damaged, .other]
        }
    }

    static let handedOver = LocalizedText(
        ko: "문의를 판매자에게 전달했습니다. 답변이 오면 이 화면에 표시됩니다.",
        en: "Your question has gone to the seller. Their answer will appear on this page.")

    static func filed(_ type: ClaimType) -> LocalizedText {
        LocalizedText(
            ko: "\(type.label.ko) 요청을 접수했습니다. 진행 상황은 이 화면에서 보실 수 있습니다.",
            en: "Your \(type.label.en.lowercased()) request is filed. You can follow it on this page.")
    }
}

extension BuyerPage.Model {
    static let mock = BuyerPage.Model(
        language: PageLanguage(query: nil, cookie: nil), token: "AbCdEfGhIjKlMnOpQrStUv", csrf: "csrf-mock-value",
        orderExternalID: "A-1001", buyerName: "김*지", buyerPhone: "010-****-5678", items: ["휴대폰 케이스 × 2"],
        parcel: "CJ대한통운 640000000001",
        headline: LocalizedText(
            ko: "택배가 11월 21일 14:10에 곤지암 허브를 지났습니다. 보통 1~2일 안에 배송됩니다.",
            en: "Your parcel passed the Gonjiam hub on Nov 21 at 14:10. It usually arrives within 1–2 days."),
        expectation: LocalizedText(
            ko: "이 경로의 택배는 보통 발송 후 9일, 늦어도 14일 안에 도착했습니다. 고객님의 택배는 발송 후 6일이 지났습니다.",
            en: "On this route parcels usually arrive in 9 days, 14 at the latest. Yours shipped 6 days ago."),
        timeline: [
            BuyerPage.Scan(
                when: "2026-11-21 14:10 KST", what: LocalizedText(ko: "이동 중", en: "In transit"), place: "곤지암 허브")
        ],
        deadlines: [], claims: [],
        openings: [
            BuyerPage.Opening(
                type: "cancel", label: LocalizedText(ko: "주문 취소", en: "Cancellation"), until: nil,
                reasons: [("change_of_mind", LocalizedText(ko: "단순 변심", en: "change of mind"))])
        ],
        conversation: [
            BuyerPage.Line(author: .buyer, text: "제 택배 어디쯤 있나요?"),
            BuyerPage.Line(author: .desk, text: "택배가 곤지암 허브를 지났습니다."),
        ],
        notice: nil)
}
