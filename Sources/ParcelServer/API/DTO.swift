import Foundation
import ParcelCore
import ParcelStore

// Domain values to the API's wire types. The analysis has the same shape as
// `parceldesk diagnose --json` (a test decodes the CLI's output with these
// types to keep the two in step).

typealias Schemas = Components.Schemas

extension LocalizedText {
    var dto: Schemas.LocalizedText { Schemas.LocalizedText(ko: ko, en: en) }
}

extension ShipmentAnalysis {
    func dto(language: Language, playbook: Playbook) -> Schemas.Analysis {
        Schemas.Analysis(
            order: Schemas.OrderRef(id: document.order.id, marketplace: document.order.marketplace),
            status: Schemas.Status(rawValue: status.rawValue) ?? .pending,
            milestone: milestone?.rawValue,
            lastEventAt: lastEventAt?.utcString,
            legs: timeline.legs.map { Schemas.Leg(carrier: $0.carrier, trackingNumber: $0.trackingNumber) },
            timeline: timeline.entries.map(timeline.dto),
            diagnoses: diagnoses.map { $0.dto(in: self, language: language, playbook: playbook) },
            now: now.utcString)
    }
}

extension Timeline {
    func dto(_ entry: TimelineEntry) -> Schemas.TimelineEntry {
        Schemas.TimelineEntry(
            time: entry.time.utcString, localTime: entry.time.description,
            status: entry.status?.rawValue ?? "unknown", milestone: entry.milestone?.rawValue ?? "unknown",
            text: text(entry), sources: sources(entry), carrier: carrier(entry), leg: entry.leg, code: code(entry),
            location: location(entry), customsStage: entry.customsStage?.rawValue, reason: entry.reason?.rawValue,
            cause: entry.reason?.cause.rawValue, anomaly: entry.anomaly?.rawValue,
            matchedBy: Schemas.TimelineEntry.matchedByPayload(rawValue: entry.matchedBy.rawValue) ?? .none)
    }
}

extension ParcelCore.Diagnosis {
    func dto(in analysis: ShipmentAnalysis, language: Language, playbook: Playbook) -> Schemas.Diagnosis {
        let explanation = playbook.explanation(self, in: analysis)
        return Schemas.Diagnosis(
            code: Schemas.DiagnosisCode(rawValue: code.rawValue) ?? .event_anomaly,
            severity: Schemas.Severity(rawValue: severity.rawValue) ?? .info,
            confidence: (confidence * 100).rounded() / 100, since: since.utcString,
            explanation: Schemas.Explanation(seller: explanation.seller.dto, buyer: explanation.buyer.dto),
            actions: playbook.actions(self, in: analysis).map { $0.dto(language: language) },
            evidence: Schemas.Evidence(
                entries: evidence.entries, numbers: evidence.numbers.nilIfEmpty, orders: evidence.orders.nilIfEmpty,
                sources: evidence.sources.nilIfEmpty,
                elapsedHours: figures.elapsedHours.map { ($0 * 10).rounded() / 10 },
                thresholdHours: figures.thresholdHours, deadline: figures.deadline?.utcString,
                deadlineKind: figures.deadlineKind?.rawValue, customsStage: figures.customsStage?.rawValue,
                repeats: figures.repeats, suggestedCarrier: figures.suggestedCarrier))
    }
}

extension PlaybookAction {
    func dto(language: Language) -> Schemas.Action {
        Schemas.Action(
            step: step, kind: Schemas.Action.kindPayload(rawValue: kind.rawValue) ?? .check_number,
            text: text.text(language),
            links: links.isEmpty ? nil : links.map { Schemas.Link(label: $0.label.text(language), url: $0.url) },
            message: message?.dto, template: message == nil ? nil : template?.rawValue, inquiry: inquiry?.dto)
    }
}

extension CarrierInquiry {
    var dto: Schemas.Inquiry {
        Schemas.Inquiry(
            orderId: orderID, shippingOption: shippingOption, shippedAt: shippedAt?.utcString, carrier: carrier,
            trackingNumber: trackingNumber, lastStatus: lastStatus?.dto, lastStatusAt: lastStatusAt?.utcString,
            lastLocation: lastLocation, question: question.dto,
            text: Schemas.LocalizedText(ko: text(.ko), en: text(.en)))
    }
}

extension StoredOrder {
    func dto(analysis: ShipmentAnalysis?, language: Language, playbook: Playbook) -> Schemas.OrderDetail {
        Schemas.OrderDetail(
            id: id.uuidString.lowercased(), externalId: info.id, marketplace: info.marketplace,
            placedAt: info.placedAt.utcString, confirmedAt: info.confirmedAt?.utcString,
            promisedBy: info.promisedBy?.utcString,
            buyer: Schemas.Buyer(name: info.buyerName ?? "", phone: buyerPhone, email: buyerEmail),
            items: items.map {
                Schemas.Item(
                    name: $0.name, quantity: $0.quantity,
                    price: $0.price.map { NSDecimalNumber(decimal: $0).doubleValue })
            },
            createdAt: createdAt.utcString,
            shipment: shipment.map {
                Schemas.ShipmentOutput(
                    carrier: $0.carrier, trackingNumber: $0.trackingNumber, shippingOption: $0.shippingOption,
                    shippedAt: $0.shippedAt?.utcString, origin: $0.origin, destination: $0.destination)
            },
            tracking: analysis?.dto(language: language, playbook: playbook))
    }
}

extension Store.OrderSummary {
    var dto: Schemas.OrderSummary {
        Schemas.OrderSummary(
            id: id.uuidString.lowercased(), externalId: externalID, marketplace: marketplace,
            placedAt: placedAt.utcString, buyerName: buyerName, carrier: carrier, trackingNumber: trackingNumber,
            status: status.flatMap(Schemas.Status.init(rawValue:)), milestone: milestone,
            lastEventAt: lastEventAt?.utcString,
            topSeverity: topSeverity.flatMap { Schemas.Severity(rawValue: $0.rawValue) })
    }
}

extension Store.QueueItem {
    var dto: Schemas.QueueItem {
        Schemas.QueueItem(
            orderId: orderID.uuidString.lowercased(), externalId: externalID, trackingNumber: trackingNumber,
            carrier: carrier, status: status, code: Schemas.DiagnosisCode(rawValue: code) ?? .event_anomaly,
            severity: Schemas.Severity(rawValue: severity.rawValue) ?? .info, confidence: confidence,
            since: since.utcString, deadline: deadline?.utcString, summary: summary.dto)
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
