import Foundation
import ParcelApp
import ParcelCore

// Domain values to the API's generated wire types. (An order's detail, with
// its analysis, is written by OrderDetailRoute with ParcelCore's JSON.)

typealias Schemas = Components.Schemas

extension LocalizedText {
    var dto: Schemas.LocalizedText { Schemas.LocalizedText(ko: ko, en: en) }
}

extension OrderSummary {
    var dto: Schemas.OrderSummary {
        Schemas.OrderSummary(
            id: id.uuidString.lowercased(), externalId: externalID, marketplace: marketplace,
            placedAt: placedAt.utcString, buyerName: buyerName, carrier: carrier, trackingNumber: trackingNumber,
            status: status.flatMap(Schemas.Status.init(rawValue:)), milestone: milestone,
            lastEventAt: lastEventAt?.utcString,
            topSeverity: topSeverity.flatMap { Schemas.Severity(rawValue: $0.rawValue) })
    }
}

/// A stored value the API's contract has no name for: the spec and the
/// domain have drifted apart, which must fail loudly rather than be renamed.
struct UnknownValue: Error, CustomStringConvertible {
    let field: String
    let value: String

    var description: String { "\(field) \"\(value)\" is not in openapi.yaml: add it to the spec" }
}

extension QueueItem {
    func dto() throws -> Schemas.QueueItem {
        guard let known = Schemas.DiagnosisCode(rawValue: code) else { throw UnknownValue(field: "code", value: code) }
        return Schemas.QueueItem(
            orderId: orderID.uuidString.lowercased(), externalId: externalID, trackingNumber: trackingNumber,
            carrier: carrier, status: status, code: known,
            severity: Schemas.Severity(rawValue: severity.rawValue) ?? .info, confidence: confidence,
            since: since.utcString, deadline: deadline?.utcString, summary: summary.dto)
    }
}

extension Role {
    var dto: Schemas.Role { self == .owner ? .owner : .staff }
}

extension User {
    var dto: Schemas.User {
        Schemas.User(
            id: id.uuidString.lowercased(), email: email, role: role.dto,
            createdAt: Date(timeIntervalSince1970: createdAt))
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
