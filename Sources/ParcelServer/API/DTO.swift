import Foundation
import ParcelCore
import ParcelStore

// Domain values to the API's generated wire types. (An order's detail, with
// its analysis, is written by OrderDetailRoute with ParcelCore's JSON.)

typealias Schemas = Components.Schemas

extension LocalizedText {
    var dto: Schemas.LocalizedText { Schemas.LocalizedText(ko: ko, en: en) }
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
