extension Playbook {
    /// The rungs of the ladder that apply to a diagnosis, in ladder order.
    public func actions(_ diagnosis: Diagnosis, in analysis: ShipmentAnalysis) -> [PlaybookAction] {
        let facts = facts(analysis)
        var extras = MessageExtras()
        extras.promisedBy = analysis.document.order.promisedBy
        extras.customsStage = diagnosis.figures.customsStage
        extras.shippingOption = analysis.document.shipment.shippingOption
        extras.silentDays = diagnosis.figures.elapsedHours.map { Int($0 / 24) }
        if let leg = analysis.timeline.legs.dropFirst().last {
            extras.newCarrierName = carrierName(leg.carrier)
            extras.newTrackingNumber = leg.trackingNumber
            extras.newTrackingURL = registry.carrier(id: leg.carrier)?.trackingURL(for: leg.trackingNumber)
        }
        func message(_ template: MessageTemplate) -> PlaybookAction {
            var action = PlaybookAction(
                kind: .customerMessage,
                text: LocalizedText(
                    ko: "구매자에게 상황을 먼저 알리세요. 아래 문구를 그대로 보내도 됩니다.",
                    en: "Tell the buyer first; the message below is ready to send."))
            let ours = template.render(facts, extras)
            action.message = customTemplates[template]?.render(facts, extras, ours: ours) ?? ours
            action.template = template
            return action
        }
        let number = analysis.document.shipment.trackingNumber
        switch diagnosis.code {
        case .numberInvalid:
            return [
                checkNumber(
                    LocalizedText(
                        ko: "송장 원본(출력물·택배사 앱)에서 번호를 다시 확인해 주문에 고쳐 입력하세요. 공백·하이픈·O와 0 같은 혼동을 살펴보세요.",
                        en:
                            "Read the number again from the label or the carrier's app and correct it on the order. Watch for spaces, hyphens and O-versus-0 slips."
                    )),
                message(.numberLooksFake),
            ]
        case .numberFixable where diagnosis.figures.checkDigitOnly:
            // The number may be right: nothing goes to the buyer until the label is checked.
            return [
                checkNumber(
                    LocalizedText(
                        ko:
                            "송장 원본과 번호를 대조하세요. 원본과 같다면 그대로 두고, 다르면 고쳐 입력하세요. 한 글자 차이 후보: \(diagnosis.evidence.numbers.joined(separator: ", "))",
                        en:
                            "Compare the number with the label. Keep it if they match; otherwise correct it. Candidates one character away: \(diagnosis.evidence.numbers.joined(separator: ", "))"
                    ))
            ]
        case .numberFixable:
            let fix = diagnosis.evidence.numbers.first ?? number
            extras.correctedNumber = fix
            return [
                checkNumber(
                    LocalizedText(
                        ko:
                            "송장 원본과 대조해 번호를 \(Korean.toward(fix)) 고치세요. 후보: \(diagnosis.evidence.numbers.joined(separator: ", "))",
                        en:
                            "Compare with the label and correct the number to \(fix). Candidates: \(diagnosis.evidence.numbers.joined(separator: ", "))"
                    )),
                message(.numberLooksFake),
            ]
        case .carrierMismatch:
            let other = diagnosis.figures.suggestedCarrier ?? ""
            let name = carrierName(other)
            var crossCheck = crossCheck(analysis, carriers: [other])
            crossCheck.links.removeAll { !$0.url.contains(number) }
            return [
                checkNumber(
                    LocalizedText(
                        ko: "주문의 택배사를 \(Korean.toward(name.ko)) 바꿔 입력하세요(\(other)).",
                        en: "Change the order's carrier to \(name.en) (\(other)).")),
                crossCheck,
            ]
        case .numberDuplicate:
            return [
                checkNumber(
                    LocalizedText(
                        ko:
                            "이 주문과 \(diagnosis.evidence.orders.joined(separator: ", ")) 주문의 송장을 나란히 놓고 어느 쪽 번호가 맞는지 확인하세요.",
                        en:
                            "Put this order's label next to order(s) \(diagnosis.evidence.orders.joined(separator: ", ")) and find out which number is right."
                    ))
            ]
        case .untrackedService:
            return [message(.untrackedNotice)]
        case .notActivated:
            if diagnosis.severity == .info { return [message(.notActivated)] }
            return [
                checkNumber(
                    LocalizedText(
                        ko: "번호와 택배사 선택이 맞는지 먼저 확인하세요.",
                        en: "First make sure the number and the chosen carrier are right.")),
                crossCheck(analysis),
                inquiry(
                    analysis, diagnosis,
                    LocalizedText(
                        ko:
                            "발송 후 \(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).ko)이 지났는데 첫 스캔이 없습니다. 물품이 입고되었는지, 언제 스캔될지 알려 주세요.",
                        en:
                            "It shipped \(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).en) ago and has no first scan. Has the parcel been received, and when will it be scanned?"
                    )),
                message(.notActivated),
            ]
        case .stalledOrigin, .stalledInternational:
            return [
                crossCheck(analysis),
                inquiry(
                    analysis, diagnosis,
                    LocalizedText(
                        ko:
                            "마지막 스캔 뒤 \(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).ko)째 갱신이 없습니다. 지금 위치와 다음 이동 예정일을 확인해 주세요.",
                        en:
                            "No update for \(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).en) since the last scan. Where is the parcel now, and when does it move next?"
                    )),
                message(.stalled),
            ]
        case .customsLoop:
            return [
                crossCheck(analysis, customs: true),
                inquiry(
                    analysis, diagnosis,
                    LocalizedText(
                        ko:
                            "통관이 \(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).ko)째 끝나지 않고 있습니다. 보류 사유나 추가로 필요한 서류가 있는지 알려 주세요.",
                        en:
                            "Customs has not finished after \(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).en). Is it on hold, and are any documents missing?"
                    )),
                message(.customsPending),
            ]
        case .dutiesDue:
            return [crossCheck(analysis, customs: true), message(.dutiesDue)]
        case .handoffMissing:
            return [
                crossCheck(analysis, customs: true),
                inquiry(
                    analysis, diagnosis,
                    LocalizedText(
                        ko: "한국 통관을 마친 뒤 국내 택배사로 인계되었는지, 국내 운송장 번호가 무엇인지 알려 주세요.",
                        en:
                            "After Korean customs cleared it, which Korean carrier took it over, and what is the domestic tracking number?"
                    )),
                message(.stalled),
            ]
        case .sourcesDisagree:
            return [
                crossCheck(analysis), message(analysis.timeline.legs.count > 1 ? .handedToDomestic : .screensDiffer),
            ]
        case .longSilence:
            return [
                crossCheck(analysis),
                inquiry(
                    analysis, diagnosis,
                    LocalizedText(
                        ko:
                            "\(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).ko)째 아무 갱신이 없습니다. 분실 여부를 조사해 주시고, 분실이라면 배상 청구 절차를 알려 주세요.",
                        en:
                            "Nothing for \(Words.duration(hours: diagnosis.figures.elapsedHours ?? 0).en). Please trace the parcel, and if it is lost, tell us how to file a claim."
                    )),
                message(
                    analysis.document.order.promisedBy.map { $0 < analysis.now } == true ? .delayConfirmed : .stalled),
                backupPlan(reship: true),
            ]
        case .refundEligible:
            return [message(.refundNotice), backupPlan(reship: false)]
        case .eventAnomaly:
            return [
                crossCheck(analysis),
                inquiry(
                    analysis, diagnosis,
                    LocalizedText(
                        ko: "조회 기록의 순서가 맞지 않습니다(배달 완료 뒤 이동 등). 실제 배달 여부와 현재 위치를 확인해 주세요.",
                        en:
                            "The tracking record is out of order (movement after delivery, for example). Was it really delivered, and where is it now?"
                    )),
            ]
        case .late:
            return [message(.delayConfirmed), backupPlan(reship: false)]
        case .deadlineNear:
            switch diagnosis.figures.deadlineKind {
            case .promisedDelivery: return [crossCheck(analysis)]
            case .refundEligibility:
                return [
                    inquiry(
                        analysis, diagnosis,
                        LocalizedText(
                            ko: "배송이 오래 멈춰 있습니다. 현재 위치와 분실 여부를 확인해 주세요.",
                            en: "The parcel has been silent for a long time. Where is it, and is it lost?")),
                    backupPlan(reship: true),
                ]
            case .disputeWindow, .autoConfirm:
                // A problem told to the seller now is one the marketplace never has to settle.
                return [message(.deliveryCheckIn)]
            case .none: return []
            }
        }
    }

    func checkNumber(_ text: LocalizedText) -> PlaybookAction {
        PlaybookAction(kind: .checkNumber, text: text)
    }

    /// Other places to look: the carrier's own site, aggregators that often update first, customs.
    func crossCheck(_ analysis: ShipmentAnalysis, carriers extra: [String] = [], customs: Bool = false)
        -> PlaybookAction
    {
        var links: [PlaybookAction.Link] = []
        let legs =
            analysis.timeline.legs.isEmpty
            ? [
                ShipmentLeg(
                    carrier: analysis.prepared.carrier ?? "", trackingNumber: analysis.document.shipment.trackingNumber)
            ]
            : analysis.timeline.legs
        for leg in legs {
            let number = leg.trackingNumber
            for carrierID in [leg.carrier] + extra {
                if let url = registry.carrier(id: carrierID)?.trackingURL(for: number) {
                    links.append(PlaybookAction.Link(label: carrierName(carrierID), url: url))
                }
            }
            links.append(
                PlaybookAction.Link(label: LocalizedText("17TRACK"), url: "https://t.17track.net/ko#nums=\(number)"))
            if leg.carrier.hasPrefix("cn.") {
                links.append(
                    PlaybookAction.Link(
                        label: LocalizedText(ko: "차이냐오 조회", en: "Cainiao tracking"),
                        url: "https://global.cainiao.com/newDetail.htm?mailNoList=\(number)"))
            }
            if leg.carrier.hasPrefix("kr.") {
                links.append(
                    PlaybookAction.Link(
                        label: LocalizedText("tracker.delivery"),
                        url: "https://tracker.delivery/#/\(leg.carrier)/\(number)"))
            }
        }
        if customs || analysis.document.shipment.isCrossBorder {
            links.append(
                PlaybookAction.Link(
                    label: LocalizedText(ko: "관세청 UNI-PASS 화물통관 진행정보", en: "Korea Customs UNI-PASS cargo progress"),
                    url: "https://unipass.customs.go.kr/csp/index.do"))
        }
        var seen: Set<String> = []
        links = links.filter { seen.insert($0.url).inserted }
        return PlaybookAction(
            kind: .crossCheck,
            text: LocalizedText(
                ko: "다른 조회처도 확인하세요. 판매자 화면보다 택배사 사이트나 조회 대행 사이트가 먼저 갱신되는 경우가 많습니다.",
                en: "Check other sources too: carrier sites and trackers often update before the marketplace screen."),
            links: links)
    }

    func inquiry(_ analysis: ShipmentAnalysis, _ diagnosis: Diagnosis, _ question: LocalizedText) -> PlaybookAction {
        // Ask whoever holds the parcel now: the latest leg's carrier.
        let leg = analysis.timeline.legs.last
        let carrier = leg?.carrier.isEmpty == false ? leg!.carrier : (analysis.prepared.carrier ?? "")
        let number = leg?.trackingNumber ?? analysis.document.shipment.trackingNumber
        let last = analysis.timeline.entries.last { $0.anomaly == nil && $0.status != nil && $0.status != .pending }
        let packet = CarrierInquiry(
            orderID: analysis.document.order.id, shippingOption: analysis.document.shipment.shippingOption,
            shippedAt: analysis.document.shipment.shippedAt, carrier: carrier, carrierName: carrierName(carrier),
            trackingNumber: number, lastStatus: last.map(Self.statusName), lastStatusAt: last?.time,
            lastLocation: last.flatMap(analysis.timeline.location), question: question)
        var action = PlaybookAction(
            kind: .carrierInquiry,
            text: LocalizedText(
                ko: "\(carrierName(carrier).ko)에 문의하세요. 아래 내용을 그대로 붙여 넣으면 한 번에 답을 받기 쉽습니다.",
                en: "Ask \(carrierName(carrier).en). Paste the details below so they can answer in one go."))
        action.inquiry = packet
        return action
    }

    func backupPlan(reship: Bool) -> PlaybookAction {
        PlaybookAction(
            kind: .backupPlan,
            text: reship
                ? LocalizedText(
                    ko: "대비책을 고르세요: 새 운송장으로 같은 상품 재발송, 지연 사과와 함께 할인·적립금 제안, 또는 운송사 책임이 확인되면 증빙(조회 기록·문의 답변)을 모아 배상 청구.",
                    en:
                        "Pick a backup plan: reship the same item with a new tracking number, apologise with a discount or credit, or, once the carrier is at fault, file a claim with the tracking history and its answers as evidence."
                )
                : LocalizedText(
                    ko: "분쟁이 열리기 전에 먼저 환불이나 재발송을 제안하세요. 조회 기록과 문의 내역을 증빙으로 보관해 두세요.",
                    en:
                        "Offer a refund or reship before a dispute opens, and keep the tracking history and inquiries as evidence."
                ))
    }
}
