import Foundation

/// What the customer center knows about the buyer's order when it answers:
/// the order as claims see it, its tracking analysed now, its claims' report.
public struct BuyerSituation: Sendable {
    public let order: ClaimOrder
    public let analysis: ShipmentAnalysis?
    public let report: ClaimReport?
    public let now: Timestamp

    public init(order: ClaimOrder, analysis: ShipmentAnalysis?, report: ClaimReport?, now: Timestamp) {
        self.order = order
        self.analysis = analysis
        self.report = report
        self.now = now
    }

    /// A claim document's situation: its tracking analysed and its claims judged at `now`.
    public static func of(_ document: ClaimDocument, now: Timestamp, engine: ClaimEngine = ClaimEngine())
        -> BuyerSituation
    {
        let diagnoser = Diagnoser(detector: engine.detector)
        let analysis = document.shipment.map { diagnoser.analyze($0, now: now) }
        let report = try? engine.report(document, now: now, diagnoser: diagnoser)
        return BuyerSituation(
            order: report?.order ?? document.orderFacts(now: now, diagnoser: diagnoser), analysis: analysis,
            report: report, now: now)
    }
}

/// An answer for the buyer, from the live order.
public struct BuyerAnswer: Sendable, Hashable {
    public let intent: BuyerIntent
    public let text: LocalizedText
    /// A claim the buyer may open now, offered beside the answer (the cancel button, the return form).
    public let offer: ClaimType?
    /// The question goes to the seller's inbox: a person is asked for, or the center cannot answer.
    public let handOver: Bool
}

/// Answers the customer center's questions from the order's live state, in
/// the buyer's words: where the parcel is, what happens next and by when,
/// and what the buyer may do now.
public struct BuyerAnswers: Sendable {
    public let registry: CarrierRegistry

    public init(registry: CarrierRegistry = .standard) {
        self.registry = registry
    }

    public func answer(_ intent: BuyerIntent, in situation: BuyerSituation) -> BuyerAnswer {
        let status = statusLine(situation)
        switch intent {
        case .whereIsIt:
            return BuyerAnswer(intent: intent, text: status + nextStep(situation), offer: nil, handOver: false)
        case .notFound:
            let scanned = situation.analysis.map { $0.lastEventAt != nil } ?? false
            let text =
                scanned
                ? status
                    + LocalizedText(
                        ko: " 조회가 되고 있으니 택배사 화면이 늦게 바뀌는 것일 수 있습니다.",
                        en: " Tracking is working, so the carrier's page may simply be slow to update.")
                : LocalizedText(
                    ko:
                        "운송장은 등록되었지만 아직 택배사가 첫 스캔을 하지 않아 조회 기록이 없습니다. 보통 발송 후 1~2일(해외 배송은 3일) 안에 조회가 시작되며, 판매자가 확인하고 있습니다.",
                    en:
                        "The tracking number is registered, but the carrier has not scanned the parcel yet, so tracking shows nothing. Tracking usually starts within 1–2 days of shipping (3 from abroad); the seller is checking."
                )
            return BuyerAnswer(intent: intent, text: text, offer: nil, handOver: false)
        case .stuck:
            return BuyerAnswer(intent: intent, text: status + silence(situation), offer: nil, handOver: false)
        case .customs:
            return BuyerAnswer(intent: intent, text: customs(situation), offer: nil, handOver: false)
        case .cancel:
            if opens(.cancel, in: situation) {
                return BuyerAnswer(
                    intent: intent,
                    text: LocalizedText(
                        ko: "아직 발송 전이라 지금 취소하실 수 있습니다. 아래 취소 버튼을 눌러 주세요.",
                        en: "Your order has not shipped yet, so you can cancel it now with the button below."),
                    offer: .cancel, handOver: false)
            }
            let returnOpen = opens(.return, in: situation)
            let instead =
                returnOpen
                ? LocalizedText(
                    ko: "이미 발송되어 주문을 취소할 수 없습니다. 대신 아래 버튼으로 반품을 신청하실 수 있습니다. ",
                    en:
                        "Your order has already shipped, so it can no longer be cancelled; you can request a return with the button below instead. "
                )
                : LocalizedText(
                    ko: "이미 발송되어 주문을 취소할 수 없습니다. 상품을 받으신 뒤 반품을 신청하실 수 있습니다. ",
                    en:
                        "Your order has already shipped, so it can no longer be cancelled; you can request a return once it arrives. "
                )
            return BuyerAnswer(
                intent: intent, text: instead + status, offer: returnOpen ? .return : nil, handOver: false)
        case .returnExchange:
            return returns(situation)
        case .refundStatus:
            return BuyerAnswer(intent: intent, text: refunds(situation), offer: nil, handOver: false)
        case .fakeNumber:
            return BuyerAnswer(intent: intent, text: number(situation), offer: nil, handOver: false)
        case .deliveredNotReceived:
            return BuyerAnswer(intent: intent, text: missing(situation), offer: nil, handOver: true)
        case .human:
            return BuyerAnswer(
                intent: intent,
                text: LocalizedText(
                    ko: "판매자에게 문의를 전달했습니다. 확인하는 대로 이 페이지와 연락처로 답변드리겠습니다.",
                    en: "Your question has gone to the seller, who will answer here and by your contact details."),
                offer: nil, handOver: true)
        case .other:
            return BuyerAnswer(
                intent: intent,
                text: LocalizedText(
                    ko: "이 질문은 판매자가 직접 답변드리는 것이 좋겠습니다. 문의를 전달했습니다.",
                    en: "The seller is better placed to answer this one; your question has been passed on."),
                offer: nil, handOver: true)
        }
    }

    // MARK: - Pieces

    /// "지금 '배송 중'입니다. 마지막 기록은 11월 20일 14:00 부산, '간선하차'입니다."
    func statusLine(_ situation: BuyerSituation) -> LocalizedText {
        guard let analysis = situation.analysis else {
            return LocalizedText(
                ko: "아직 발송 전입니다. 발송되면 운송장 번호와 함께 알려 드리겠습니다.",
                en: "Your order has not shipped yet; you will get the tracking number when it does.")
        }
        let timeline = analysis.timeline
        guard
            let last = timeline.entries.last(where: { $0.anomaly == nil && $0.status != nil && $0.status != .pending })
        else {
            return LocalizedText(
                ko: "발송되었고 택배사의 첫 스캔을 기다리고 있습니다.",
                en: "Your parcel has shipped and is waiting for the carrier's first scan.")
        }
        let place = timeline.location(last).map { " \($0)" } ?? ""
        let what = last.customsStage?.name ?? last.milestone?.name ?? analysis.status.name
        let when = last.time.display()
        return LocalizedText(
            ko: "지금 '\(analysis.status.name.ko)' 상태입니다. 마지막 기록은 \(when)\(place), '\(what.ko)'입니다.",
            en:
                "Your parcel is \(analysis.status.name.en.lowercased()). The last scan: \(when)\(place), \(what.en.lowercased())."
        )
    }

    /// What comes next, and by when, from where the parcel is.
    func nextStep(_ situation: BuyerSituation) -> LocalizedText {
        guard let analysis = situation.analysis else { return LocalizedText("") }
        switch analysis.status {
        case .delivered:
            return LocalizedText(ko: " 배송이 완료되었습니다.", en: " It has been delivered.")
        case .outForDelivery:
            return LocalizedText(ko: " 오늘 중 도착할 예정입니다.", en: " It should arrive today.")
        case .availableForPickup:
            return LocalizedText(ko: " 보관 장소에서 찾아가시면 됩니다.", en: " It is waiting for you to collect it.")
        default:
            break
        }
        // What the seller's screen calls stuck is not "usually 1–2 days" on the buyer's.
        let stuck: Set<DiagnosisCode> = [.longSilence, .stalledOrigin, .stalledInternational, .handoffMissing]
        if analysis.diagnoses.contains(where: { stuck.contains($0.code) }) { return silence(situation) }
        let crossBorder = analysis.document.shipment.isCrossBorder
        let milestone = analysis.milestone
        if crossBorder, milestone.map({ $0 < .arrivedDestination }) ?? true {
            return LocalizedText(
                ko: " 한국에 도착하면 통관을 거쳐 국내 택배사로 넘어가며, 보통 그 뒤 2~3일 안에 받으실 수 있습니다.",
                en:
                    " Once in Korea it clears customs and moves to a Korean carrier; delivery usually follows within 2–3 days."
            )
        }
        if milestone == .importCustoms || milestone == .arrivedDestination {
            return LocalizedText(
                ko: " 통관이 끝나면 국내 택배사로 넘어가 보통 1~2일 안에 도착합니다.",
                en: " After customs it moves to a Korean carrier and usually arrives within 1–2 days.")
        }
        return LocalizedText(
            ko: " 국내 배송 중이라 보통 1~2일 안에 도착합니다.", en: " It is on its way in Korea and usually arrives within 1–2 days.")
    }

    func silence(_ situation: BuyerSituation) -> LocalizedText {
        guard let analysis = situation.analysis, let last = analysis.lastEventAt else {
            return LocalizedText(
                ko: " 판매자가 택배사에 확인하고 있습니다.", en: " The seller is checking with the carrier.")
        }
        let days = Int(last.days(until: situation.now).rounded(.down))
        let flagged = analysis.diagnoses.contains {
            [.longSilence, .stalledOrigin, .stalledInternational, .refundEligible].contains($0.code)
        }
        if days < 3 && !flagged {
            return LocalizedText(
                ko: " 마지막 기록 뒤 \(days)일이 지났는데, 이 정도는 흔히 있는 일입니다. 며칠 더 지켜봐 주세요.",
                en: " It has been \(days) day(s) since the last scan, which is common; please give it a few more days.")
        }
        return LocalizedText(
            ko: " 마지막 기록 뒤 \(days)일째 변화가 없어 판매자가 택배사에 확인하고 있습니다. 결과는 이 페이지로 알려 드리겠습니다.",
            en:
                " Nothing has changed for \(days) days since the last scan, so the seller is checking with the carrier and will update you here."
        )
    }

    func customs(_ situation: BuyerSituation) -> LocalizedText {
        guard let analysis = situation.analysis else { return statusLine(situation) }
        if analysis.diagnoses.contains(where: { $0.code == .dutiesDue }) {
            return LocalizedText(
                ko: "세관에서 관세·부가세 납부나 서류(개인통관고유부호 등)를 기다리고 있습니다. 안내 문자나 관세청 UNI-PASS에서 납부하시면 통관이 이어집니다.",
                en:
                    "Customs is waiting for duties or documents (such as your personal customs code). Pay or submit them as the customs notice says, or on UNI-PASS, and clearance continues."
            )
        }
        let inCustoms = analysis.timeline.entries.contains { $0.customsStage != nil || $0.milestone == .importCustoms }
        guard inCustoms else {
            return statusLine(situation)
                + LocalizedText(
                    ko: " 아직 통관 단계 전입니다.", en: " It has not reached customs yet.")
        }
        return statusLine(situation)
            + LocalizedText(
                ko: " 목록통관은 보통 1~3일 걸리며, 끝나면 국내 택배사로 넘어갑니다.",
                en: " List clearance usually takes 1–3 days; then a Korean carrier takes over.")
    }

    func returns(_ situation: BuyerSituation) -> BuyerAnswer {
        let report = situation.report
        if let open = report.flatMap({ report in
            report.claims.indices.first {
                report.claims[$0].type.takesGoodsBack && !report.standing.claims[$0].state.isFinal
            }
        }), let report {
            let state = report.standing.claims[open].state
            return BuyerAnswer(
                intent: .returnExchange,
                text: LocalizedText(
                    ko: "이미 접수된 \(report.claims[open].type.label.ko) 요청이 있습니다. 지금 상태: \(state.label.ko).",
                    en:
                        "Your \(report.claims[open].type.label.en.lowercased()) request is already in: \(state.label.en.lowercased())."
                ),
                offer: nil, handOver: false)
        }
        let opening = report?.openings[.buyer]?.first { $0.type == .return || $0.type == .exchange }
        guard let opening else {
            return BuyerAnswer(
                intent: .returnExchange,
                text: LocalizedText(
                    ko: "지금은 반품·교환을 신청할 수 없습니다. 상품을 받으신 뒤, 또는 판매자에게 직접 문의해 주세요.",
                    en:
                        "A return or exchange cannot be requested right now: after delivery, or ask the seller directly."
                ),
                offer: nil, handOver: true)
        }
        let change = opening.reasons.first { $0.reason == .changeOfMind }?.until
        let until =
            change.map {
                LocalizedText(
                    ko:
                        " 단순 변심은 \(LegalCalendar.display($0))까지 신청하실 수 있고 반품 배송비는 구매자 부담입니다. 상품 불량이나 오배송이면 배송비는 판매자가 부담합니다.",
                    en:
                        " A change of mind can be requested until \(LegalCalendar.display($0)), with the return shipping yours to pay; for a defect or a wrong item the seller pays it."
                )
            } ?? LocalizedText("")
        return BuyerAnswer(
            intent: .returnExchange,
            text: LocalizedText(
                ko: "반품·교환을 신청하실 수 있습니다. 아래 양식에서 사유를 골라 주세요.",
                en: "You can request a return or an exchange: choose the reason in the form below.") + until,
            offer: opening.type, handOver: false)
    }

    func refunds(_ situation: BuyerSituation) -> LocalizedText {
        guard let report = situation.report else {
            return LocalizedText(ko: "접수된 환불 요청이 없습니다.", en: "There is no refund request on this order.")
        }
        let refunding = report.claims.indices.last {
            [.refund, .return, .cancel].contains(report.claims[$0].type) || report.claims[$0].type.isDispute
        }
        guard let index = refunding else {
            return LocalizedText(
                ko: "접수된 환불 요청이 없습니다. 반품이나 취소가 끝나면 환불이 진행됩니다.",
                en: "There is no refund request on this order; a refund follows a finished return or cancellation.")
        }
        let claim = report.claims[index]
        let standing = report.standing.claims[index]
        let days =
            report.profile.refundDays(claim, standing: standing, order: report.order).map { _, range in
                range.businessDays
                    ? LocalizedText(ko: "\(range.max)영업일", en: "\(range.max) business days")
                    : LocalizedText(ko: "\(range.min)~\(range.max)일", en: "\(range.min)–\(range.max) days")
            } ?? LocalizedText(ko: "며칠", en: "a few days")
        if standing.refundedAt != nil || standing.state == .done && claim.type != .exchange {
            return LocalizedText(
                ko: "환불이 처리되었습니다. 결제 수단에 따라 \(days.ko) 안에 반영됩니다.",
                en: "Your refund has been issued; depending on how you paid it shows within \(days.en).")
        }
        return LocalizedText(
            ko: "\(claim.type.label.ko) 요청이 '\(standing.state.label.ko)' 단계입니다. 완료되면 \(days.ko) 안에 환불됩니다.",
            en:
                "Your \(claim.type.label.en.lowercased()) is \(standing.state.label.en.lowercased()); once it is done the refund comes within \(days.en)."
        )
    }

    func number(_ situation: BuyerSituation) -> LocalizedText {
        guard let analysis = situation.analysis else { return statusLine(situation) }
        let number = analysis.document.shipment.trackingNumber
        let carrier =
            analysis.prepared.carrier.flatMap { registry.carrier(id: $0) }?.name
            ?? LocalizedText(ko: "택배사", en: "the carrier")
        if analysis.lastEventAt != nil {
            return LocalizedText(
                ko: "운송장 \(Korean.topic(number)) \(carrier.ko)에서 실제로 조회되는 번호입니다. ",
                en: "Tracking number \(number) is a real one: \(carrier.en) has scanned it. ") + statusLine(situation)
        }
        let flagged = analysis.diagnoses.contains {
            [.numberInvalid, .numberFixable, .carrierMismatch].contains($0.code)
        }
        if flagged {
            return LocalizedText(
                ko: "운송장 번호 \(Korean.topic(number)) 형식이 맞지 않아 판매자가 번호를 다시 확인하고 있습니다. 정확한 번호로 곧 안내드리겠습니다.",
                en:
                    "Tracking number \(number) does not look right, so the seller is checking it and will send the correct one shortly."
            )
        }
        return LocalizedText(
            ko:
                "운송장 번호 \(Korean.topic(number)) \(carrier.ko) 형식에 맞는 번호입니다. 아직 첫 스캔 전이라 조회가 안 될 뿐이며, 보통 1~2일 안에 조회가 시작됩니다.",
            en:
                "Tracking number \(number) is a valid \(carrier.en) number; it is only waiting for its first scan, which usually comes within 1–2 days."
        )
    }

    func missing(_ situation: BuyerSituation) -> LocalizedText {
        guard let analysis = situation.analysis, analysis.status == .delivered,
            let delivered = analysis.timeline.entries.last(where: { $0.status == .delivered })
        else {
            return statusLine(situation)
                + LocalizedText(
                    ko: " 아직 배송 완료 기록은 없습니다. 판매자에게 확인을 요청했습니다.",
                    en: " Tracking shows no delivery yet; the seller has been asked to check.")
        }
        let place = analysis.timeline.location(delivered).map { " (\($0))" } ?? ""
        return LocalizedText(
            ko:
                "\(delivered.time.display())\(place)에 배달 완료로 기록되어 있습니다. 경비실, 택배함, 문 앞 주변을 먼저 확인해 주세요. 판매자에게도 택배사 확인을 요청했습니다.",
            en:
                "Tracking shows it delivered at \(delivered.time.display())\(place). Please check the concierge, parcel lockers and around your door; the seller has been asked to check with the carrier too."
        )
    }

    func opens(_ type: ClaimType, in situation: BuyerSituation) -> Bool {
        situation.report?.openings[.buyer]?.contains { $0.type == type } ?? false
    }
}

extension LocalizedText {
    static func + (left: LocalizedText, right: LocalizedText) -> LocalizedText {
        LocalizedText(ko: left.ko + right.ko, en: left.en + right.en)
    }
}
