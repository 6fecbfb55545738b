/// What a diagnosis means in words, for the seller and for the buyer.
public struct Explanation: Sendable, Hashable {
    public let seller: LocalizedText
    public let buyer: LocalizedText
}

/// One rung of the seller's ladder: check the number, cross-check other
/// sources, ask the carrier, tell the customer, fall back.
public struct PlaybookAction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case checkNumber = "check_number"
        case crossCheck = "cross_check"
        case carrierInquiry = "carrier_inquiry"
        case customerMessage = "customer_message"
        case backupPlan = "backup_plan"

        /// The ladder's step number.
        public var step: Int { Self.allCases.firstIndex(of: self)! + 1 }
    }

    public let kind: Kind
    public let text: LocalizedText
    public var links: [Link] = []
    public var message: LocalizedText?
    public var template: MessageTemplate?
    public var inquiry: CarrierInquiry?

    public var step: Int { kind.step }

    public struct Link: Sendable, Hashable {
        public let label: LocalizedText
        public let url: String
    }
}

/// What to send a carrier (or consolidator) so it can answer in one go.
public struct CarrierInquiry: Sendable, Hashable {
    public let orderID: String
    public let shippingOption: String?
    public let shippedAt: Timestamp?
    public let carrier: String
    public let carrierName: LocalizedText
    public let trackingNumber: String
    public let lastStatus: LocalizedText?
    public let lastStatusAt: Timestamp?
    public let lastLocation: String?
    public let question: LocalizedText

    /// The inquiry as text to paste into a carrier's form or chat.
    public func text(_ language: Language) -> String {
        let ko = language == .ko
        var lines: [String] = []
        lines.append(ko ? "[배송 문의]" : "[Shipment inquiry]")
        lines.append("\(ko ? "주문번호" : "Order ID"): \(orderID)")
        if let shippingOption { lines.append("\(ko ? "배송 방식" : "Shipping option"): \(shippingOption)") }
        if let shippedAt {
            lines.append("\(ko ? "발송일" : "Shipped"): \(shippedAt.display())")
        }
        lines.append("\(ko ? "택배사" : "Carrier"): \(carrierName.text(language)) (\(carrier))")
        lines.append("\(ko ? "운송장 번호" : "Tracking number"): \(trackingNumber)")
        if let lastStatus, let lastStatusAt {
            let place = lastLocation.map { ", \($0)" } ?? ""
            lines.append(
                "\(ko ? "마지막 상태" : "Last status"): \(lastStatus.text(language)) (\(lastStatusAt.display())\(place))")
        } else {
            lines.append("\(ko ? "마지막 상태" : "Last status"): \(ko ? "조회 기록 없음" : "no tracking events")")
        }
        lines.append("\(ko ? "문의 내용" : "Question"): \(question.text(language))")
        return lines.joined(separator: "\n")
    }
}

/// Turns diagnoses into words and steps. Everything here reads the analysis;
/// nothing decides anything the rules did not.
public struct Playbook: Sendable {
    public let registry: CarrierRegistry
    /// The seller's own wording of some messages (Settings); the rest are ours.
    public var customTemplates: [MessageTemplate: CustomTemplate]

    public init(registry: CarrierRegistry = .standard, customTemplates: [MessageTemplate: CustomTemplate] = [:]) {
        self.registry = registry
        self.customTemplates = customTemplates
    }

    /// The facts every message about this shipment starts from.
    public func facts(_ analysis: ShipmentAnalysis) -> MessageFacts {
        let document = analysis.document
        let number = document.shipment.trackingNumber
        let carrierID = analysis.prepared.carrier ?? ""
        let last = analysis.timeline.entries.last { $0.anomaly == nil && $0.status != nil && $0.status != .pending }
        return MessageFacts(
            buyerName: document.order.buyerName, orderID: document.order.id, carrierName: carrierName(carrierID),
            trackingNumber: number, trackingURL: registry.carrier(id: carrierID)?.trackingURL(for: number),
            shippedAt: document.shipment.shippedAt, lastStatus: last.map(Self.statusName),
            lastUpdate: last?.time, lastLocation: last.flatMap(analysis.timeline.location),
            nextUpdateBy: analysis.now.adding(days: 2))
    }

    public func carrierName(_ id: String) -> LocalizedText {
        if id == RawTrackingEvent.customsCarrier {
            return LocalizedText(ko: "관세청 UNI-PASS", en: "Korea Customs UNI-PASS")
        }
        return registry.carrier(id: id)?.name ?? LocalizedText(id.isEmpty ? "?" : id)
    }

    /// A source as people know it: the aggregator's or customs' name, else its carrier's.
    public func sourceName(_ id: String) -> LocalizedText {
        switch id.lowercased() {
        case "17track": return LocalizedText("17TRACK")
        case "aftership": return LocalizedText("AfterShip")
        case "trackerdelivery", "tracker.delivery": return LocalizedText("tracker.delivery")
        case "unipass": return carrierName(RawTrackingEvent.customsCarrier)
        default:
            if let carrier = EventNormalizer.standard.vocabulary(source: id, carrier: "")?.carriers.first {
                return carrierName(carrier)
            }
            return LocalizedText(id)
        }
    }

    public static func statusName(_ entry: TimelineEntry) -> LocalizedText {
        if let stage = entry.customsStage { return stage.name }
        if let milestone = entry.milestone { return milestone.name }
        return entry.status?.name ?? LocalizedText(ko: "알 수 없음", en: "unknown")
    }

    // MARK: - Explanations

    public func explanation(_ diagnosis: Diagnosis, in analysis: ShipmentAnalysis) -> Explanation {
        let figures = diagnosis.figures
        let elapsed = Words.duration(hours: figures.elapsedHours ?? 0)
        let threshold = Words.duration(hours: figures.thresholdHours ?? 0)
        let facts = facts(analysis)
        let last = Words.lastSeen(facts)
        let number = analysis.document.shipment.trackingNumber
        switch diagnosis.code {
        case .numberInvalid:
            return Explanation(
                seller: LocalizedText(
                    ko: "운송장 번호 \(Korean.topic(number)) 어느 택배사 형식에도 맞지 않습니다. 송장 원본과 한 글자씩 대조해 주세요.",
                    en:
                        "Tracking number \(number) fits no carrier's format. Compare it with the label character by character."
                ),
                buyer: LocalizedText(
                    ko: "안내된 운송장 번호를 판매자가 다시 확인하고 있습니다. 곧 정확한 번호로 안내해 드릴게요.",
                    en: "The seller is double-checking the tracking number and will send the correct one shortly."))
        case .numberFixable where figures.checkDigitOnly:
            let fix = diagnosis.evidence.numbers.first ?? "?"
            let carrier = carrierName(analysis.prepared.carrier ?? "")
            return Explanation(
                seller: LocalizedText(
                    ko:
                        "운송장 번호 \(Korean.topic(number)) 형식은 맞지만 \(Korean.subject(carrier.ko)) 쓰는 검증 숫자와 맞지 않습니다. 한 글자만 다른 \(fix) 같은 번호일 수 있으니 송장과 대조해 주세요.",
                    en:
                        "Tracking number \(number) has the right shape but fails \(carrier.en)'s usual check digit. It may be one character off, such as \(fix); compare it with the label."
                ),
                buyer: LocalizedText(
                    ko: "판매자가 운송장 번호를 한 번 더 확인하고 있습니다.",
                    en: "The seller is double-checking the tracking number."))
        case .numberFixable:
            let fix = diagnosis.evidence.numbers.first ?? "?"
            return Explanation(
                seller: LocalizedText(
                    ko:
                        "운송장 번호 \(Korean.topic(number)) 형식에 맞지 않지만, 한 글자만 고치면 유효한 번호 \(Korean.subject(fix)) 됩니다. 입력 실수일 가능성이 큽니다.",
                    en:
                        "Tracking number \(number) is not valid, but one edit makes it the valid number \(fix): most likely a typo."
                ),
                buyer: LocalizedText(
                    ko: "운송장 번호에 오타가 있었던 것으로 보여 판매자가 바로잡고 있습니다.",
                    en: "The tracking number seems to have had a typo; the seller is correcting it."))
        case .carrierMismatch:
            let chosen = carrierName(analysis.document.shipment.carrier ?? "")
            let other = carrierName(figures.suggestedCarrier ?? "")
            return Explanation(
                seller: LocalizedText(
                    ko: "주문에 선택된 택배사는 \(chosen.ko)인데, 번호는 \(other.ko) 형식입니다. 택배사 선택이 잘못되면 구매자 화면에서 조회가 되지 않습니다.",
                    en:
                        "The order says \(chosen.en), but the number has \(other.en)'s format. With the wrong carrier, the buyer's tracking page finds nothing."
                ),
                buyer: LocalizedText(
                    ko: "택배사 정보가 잘못 입력되어 조회가 되지 않았을 수 있습니다. 판매자가 바로잡고 있습니다.",
                    en:
                        "The carrier may have been entered wrongly, which stops tracking from working; the seller is fixing it."
                ))
        case .numberDuplicate:
            let orders = diagnosis.evidence.orders.joined(separator: ", ")
            return Explanation(
                seller: LocalizedText(
                    ko: "같은 운송장 번호가 다른 주문(\(orders))에도 들어가 있습니다. 함께 포장한 주문이 아니라면 한쪽 번호가 잘못 붙여넣어진 것입니다.",
                    en:
                        "The same tracking number is also on order(s) \(orders). Unless they were packed together, one of them got the wrong number."
                ),
                buyer: LocalizedText(
                    ko: "운송장 번호를 판매자가 다시 확인하고 있습니다.",
                    en: "The seller is double-checking the tracking number."))
        case .untrackedService:
            let option = analysis.document.shipment.shippingOption.map { " (\($0))" } ?? ""
            return Explanation(
                seller: LocalizedText(
                    ko: "이 배송 방식\(option)은 출발 국가를 떠난 뒤로는 조회가 거의 갱신되지 않습니다. 구매자에게 미리 알려 두면 문의와 분쟁을 줄일 수 있습니다.",
                    en:
                        "This service\(option) is rarely tracked after it leaves the origin country. Telling the buyer up front heads off questions and disputes."
                ),
                buyer: LocalizedText(
                    ko: "경제형 배송이라 중간에 조회가 멈춰 보일 수 있지만 배송은 계속됩니다.",
                    en: "This is an economy service: tracking may look frozen on the way, but the parcel keeps moving.")
            )
        case .notActivated:
            let normal = diagnosis.severity == .info
            return Explanation(
                seller: normal
                    ? LocalizedText(
                        ko:
                            "발송한 지 \(elapsed.ko)이 지났고 아직 택배사 첫 스캔이 없습니다. \(threshold.ko)까지는 흔한 일이니, 구매자에게 먼저 알려 두면 충분합니다.",
                        en:
                            "Shipped \(elapsed.en) ago with no carrier scan yet. Up to \(threshold.en) this is normal; letting the buyer know is enough."
                    )
                    : LocalizedText(
                        ko:
                            "발송한 지 \(elapsed.ko)이 지나도록 택배사 첫 스캔이 없습니다(보통 \(threshold.ko) 이내). 물건이 실제로 택배사에 넘어갔는지 확인이 필요합니다.",
                        en:
                            "Shipped \(elapsed.en) ago and still no carrier scan (normally within \(threshold.en)). Check that the parcel really reached the carrier."
                    ),
                buyer: LocalizedText(
                    ko: "상품은 발송되었고, 택배사의 첫 스캔을 기다리고 있습니다. 첫 스캔 전에는 조회 내용이 나오지 않습니다.",
                    en:
                        "Your parcel has shipped and is waiting for the carrier's first scan; tracking shows nothing until then."
                ))
        case .stalledOrigin:
            return Explanation(
                seller: LocalizedText(
                    ko: "출발지 단계에서 \(elapsed.ko)째 멈춰 있습니다(기준 \(threshold.ko)). 마지막 기록은 \(last.ko)입니다.",
                    en:
                        "Stuck before leaving the origin for \(elapsed.en) (threshold \(threshold.en)). Last record: \(last.en)."
                ),
                buyer: LocalizedText(
                    ko: "상품이 출발지 물류센터에서 출고를 기다리고 있습니다. 판매자가 운송사에 확인하고 있습니다.",
                    en: "Your parcel is waiting to leave the origin facility; the seller is checking with the carrier.")
            )
        case .stalledInternational:
            return Explanation(
                seller: LocalizedText(
                    ko:
                        "출발 국가를 떠난 뒤 \(elapsed.ko)째 새 소식이 없습니다(기준 \(threshold.ko)). 항공·해상 구간에서는 도착 스캔 전까지 조회가 멈추곤 하지만, 기준을 넘었습니다.",
                    en:
                        "No news for \(elapsed.en) since it left the origin country (threshold \(threshold.en)). Flights and sea legs are often silent until arrival, but this is past the usual."
                ),
                buyer: LocalizedText(
                    ko: "상품이 국제 운송 구간에 있어 한국 도착 전까지는 조회가 잠시 멈출 수 있습니다.",
                    en: "Your parcel is on its international leg; tracking often pauses until it lands in Korea."))
        case .customsLoop:
            let stage = figures.customsStage?.name ?? LocalizedText(ko: "통관", en: "customs")
            let repeats = figures.repeats
            return Explanation(
                seller: repeats.map { count in
                    LocalizedText(
                        ko: "통관 단계 '\(stage.ko)'가 \(count)번 반복되고 있습니다. 서류나 신고 정보 문제로 되돌아가는 중일 수 있습니다.",
                        en:
                            "The customs stage '\(stage.en)' has repeated \(count) times: the clearance may be bouncing back over documents or declaration data."
                    )
                }
                    ?? LocalizedText(
                        ko: "통관이 \(elapsed.ko)째 끝나지 않고 있습니다(기준 \(threshold.ko)). 현재 단계는 '\(stage.ko)'입니다.",
                        en:
                            "Customs has taken \(elapsed.en) so far (threshold \(threshold.en)); the current stage is '\(stage.en)'."
                    ),
                buyer: LocalizedText(
                    ko: "상품이 한국 세관에서 통관 중입니다. 판매자가 통관 진행 상황을 확인하고 있습니다.",
                    en: "Your parcel is in Korean customs; the seller is following the clearance."))
        case .dutiesDue:
            return Explanation(
                seller: LocalizedText(
                    ko: "세관이 구매자의 관부가세 납부나 서류(개인통관고유부호 등) 확인을 기다리고 있습니다. 구매자가 처리해야만 통관이 이어지니 바로 알려 주세요.",
                    en:
                        "Customs is waiting for the buyer to pay duties or confirm documents (such as the personal clearance code). Only the buyer can unblock it, so tell them now."
                ),
                buyer: LocalizedText(
                    ko: "세관이 고객님의 관부가세 납부나 서류 확인을 기다리고 있습니다. 처리하시면 바로 통관이 진행됩니다.",
                    en:
                        "Customs is waiting for you to pay duties or confirm documents; clearance continues as soon as you do."
                ))
        case .handoffMissing:
            return Explanation(
                seller: LocalizedText(
                    ko:
                        "한국에 도착해 통관을 마친 지 \(elapsed.ko)이 지났지만 국내 택배사 번호가 연결되지 않았습니다(기준 \(threshold.ko)). 배송대행사에 국내 운송장 번호를 요청하세요.",
                    en:
                        "It arrived in Korea and cleared \(elapsed.en) ago, but no Korean carrier number is linked yet (threshold \(threshold.en)). Ask the consolidator for the domestic tracking number."
                ),
                buyer: LocalizedText(
                    ko: "상품이 한국에 도착했고, 국내 택배사로 넘어가는 중입니다. 새 운송장 번호를 확인하는 대로 알려드릴게요.",
                    en:
                        "Your parcel is in Korea and being handed to a Korean carrier; you will get the new tracking number as soon as we have it."
                ))
        case .sourcesDisagree:
            let lagging = sourceName(figures.laggingSource ?? "?")
            let leading = sourceName(figures.leadingSource ?? "?")
            let laggingStatus = figures.laggingState ?? LocalizedText("?")
            let leadingStatus = figures.leadingState ?? LocalizedText("?")
            return Explanation(
                seller: LocalizedText(
                    ko:
                        "\(leading.ko)에는 '\(leadingStatus.ko)', \(lagging.ko)에는 \(Korean.toward("'\(laggingStatus.ko)'")) \(elapsed.ko) 넘게 다르게 보입니다. 구매자가 보는 화면이 늦게 갱신되고 있을 수 있습니다.",
                    en:
                        "\(leading.en) shows '\(leadingStatus.en)' while \(lagging.en) shows '\(laggingStatus.en)', over \(elapsed.en) apart. The buyer's screen may be lagging."
                ),
                buyer: LocalizedText(
                    ko: "조회 사이트마다 갱신 시점이 달라 상태가 다르게 보일 수 있습니다. 가장 최근 기록은 \(last.ko)입니다.",
                    en:
                        "Tracking sites update at different times, so they can disagree. The latest record is \(last.en)."
                ))
        case .longSilence:
            return Explanation(
                seller: LocalizedText(
                    ko: "\(elapsed.ko)째 배송 정보에 아무 변화가 없습니다. 재발송, 보상 안내, 운송사 클레임 중 대비책을 준비할 때입니다.",
                    en:
                        "Nothing has changed for \(elapsed.en). Time to prepare the backup plan: reship, a goodwill offer, or a carrier claim."
                ),
                buyer: LocalizedText(
                    ko: "배송이 평소보다 오래 멈춰 있어 판매자가 대책을 준비하고 있습니다.",
                    en: "Your parcel has been quiet longer than usual; the seller is preparing a solution."))
        case .refundEligible:
            return Explanation(
                seller: LocalizedText(
                    ko: "\(elapsed.ko)째 배송이 진행되지 않았습니다. 이 정도면 구매자가 환불이나 재발송을 요구할 수 있으니, 분쟁이 열리기 전에 먼저 제안하는 편이 낫습니다.",
                    en:
                        "No progress for \(elapsed.en). At this point the buyer can ask for a refund or reship; offering one before a dispute opens is better."
                ),
                buyer: LocalizedText(
                    ko: "배송이 오래 진행되지 않아 환불이나 재발송을 받으실 수 있습니다. 판매자가 곧 안내드릴 예정입니다.",
                    en:
                        "Your parcel has not moved for a long time, so you can get a refund or a reship; the seller will contact you."
                ))
        case .eventAnomaly:
            return Explanation(
                seller: LocalizedText(
                    ko: "조회 기록에 앞뒤가 맞지 않는 내용이 있습니다(배달 완료 뒤의 이동 기록, 발송 전 배달, 미래 시각 등). 택배사 전산 오류일 수 있으니 실제 상태를 확인하세요.",
                    en:
                        "The tracking record contradicts itself (movement after delivery, delivery before shipping, or times in the future). It may be a carrier data error; confirm the real state."
                ),
                buyer: LocalizedText(
                    ko: "조회 기록 일부가 잘못 표시되고 있어 판매자가 택배사에 확인하고 있습니다.",
                    en: "Part of the tracking record looks wrong; the seller is checking with the carrier."))
        case .late:
            let promised = figures.deadline.map(Words.day) ?? LocalizedText("?")
            return Explanation(
                seller: LocalizedText(
                    ko: "약속한 도착일 \(Korean.subject(promised.ko)) \(elapsed.ko) 지났습니다. 구매자에게 먼저 지연을 알리고 새 예정일을 약속하세요.",
                    en:
                        "The promised delivery date \(promised.en) passed \(elapsed.en) ago. Tell the buyer first and give a new date."
                ),
                buyer: LocalizedText(
                    ko: "약속된 날짜보다 배송이 늦어지고 있습니다. 판매자가 상황을 확인하고 있습니다.",
                    en: "Your parcel is later than promised; the seller is looking into it."))
        case .deadlineNear:
            let due = figures.deadline.map(Words.day) ?? LocalizedText("?")
            switch figures.deadlineKind {
            case .promisedDelivery:
                return Explanation(
                    seller: LocalizedText(
                        ko: "약속한 도착일 \(due.ko)까지 \(elapsed.ko) 남았는데 아직 배달되지 않았습니다.",
                        en:
                            "The promised delivery date \(due.en) is \(elapsed.en) away and the parcel is not delivered yet."
                    ),
                    buyer: LocalizedText(
                        ko: "도착 예정일은 \(due.ko)입니다.", en: "The expected delivery date is \(due.en)."))
            case .refundEligibility:
                return Explanation(
                    seller: LocalizedText(
                        ko: "\(elapsed.ko) 뒤(\(due.ko))면 배송이 멈춘 지 환불 요구가 가능한 기간이 됩니다. 그 전에 운송사 확인과 대비책을 마치세요.",
                        en:
                            "In \(elapsed.en) (\(due.en)) the silence reaches the point where the buyer can demand a refund. Finish the carrier check and backup plan before then."
                    ),
                    buyer: LocalizedText(
                        ko: "배송이 오래 멈춰 있어 판매자가 대책을 준비하고 있습니다.",
                        en: "Your parcel has been quiet for a long time; the seller is preparing a solution."))
            case .disputeWindow:
                return Explanation(
                    seller: LocalizedText(
                        ko: "구매자가 분쟁을 열 수 있는 기간이 \(due.ko)에 끝납니다(\(elapsed.ko) 남음).",
                        en: "The buyer's dispute window closes on \(due.en) (\(elapsed.en) left)."),
                    buyer: LocalizedText(
                        ko: "상품에 문제가 있다면 \(due.ko)까지 알려 주세요.",
                        en: "If anything is wrong with the item, please tell us by \(due.en)."))
            case .autoConfirm, .none:
                return Explanation(
                    seller: LocalizedText(
                        ko: "\(due.ko)에 구매가 자동으로 확정됩니다(\(elapsed.ko) 남음).",
                        en: "The purchase is decided automatically on \(due.en) (\(elapsed.en) left)."),
                    buyer: LocalizedText(
                        ko: "\(due.ko)에 구매가 자동 확정됩니다. 반품이나 교환이 필요하면 그 전에 요청해 주세요.",
                        en:
                            "The purchase is confirmed automatically on \(due.en); ask for a return or exchange before then if you need one."
                    ))
            }
        }
    }
}
