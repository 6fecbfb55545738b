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
    func dto() throws -> Schemas.OrderSummary {
        Schemas.OrderSummary(
            id: id.uuidString.lowercased(), externalId: externalID, marketplace: marketplace,
            placedAt: placedAt.utcString, buyerName: buyerName, carrier: carrier, trackingNumber: trackingNumber,
            status: try status.map { try Schemas.Status.named($0, field: "status") }, milestone: milestone,
            lastEventAt: lastEventAt?.utcString,
            topSeverity: try topSeverity.map { try converted($0, field: "topSeverity") })
    }
}

/// A stored value the API's contract has no name for: the spec and the
/// domain have drifted apart, which must fail loudly rather than be renamed.
struct UnknownValue: Error, CustomStringConvertible {
    let field: String
    let value: String

    var description: String { "\(field) \"\(value)\" is not in openapi.yaml: add it to the spec" }
}

/// Something the code guarantees turned out false: a bug, answered as a 500.
struct BrokenInvariant: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension RawRepresentable where RawValue == String {
    /// The case spelled `name`, or the error that says the spec lacks it.
    static func named(_ name: String, field: String) throws -> Self {
        guard let known = Self(rawValue: name) else { throw UnknownValue(field: field, value: name) }
        return known
    }
}

/// The same value in an enum that spells its cases the same way (the domain's
/// and the generated one): a case one side lacks fails loudly, never becomes a default.
func converted<From: RawRepresentable, To: RawRepresentable>(_ value: From, field: String) throws -> To
where From.RawValue == String, To.RawValue == String {
    try To.named(value.rawValue, field: field)
}

extension QueueItem {
    func dto() throws -> Schemas.QueueItem {
        Schemas.QueueItem(
            orderId: orderID.uuidString.lowercased(), externalId: externalID, trackingNumber: trackingNumber,
            carrier: carrier, status: status, code: try .named(code, field: "code"),
            severity: try converted(severity, field: "severity"), confidence: confidence,
            since: since.utcString, deadline: deadline?.utcString, summary: summary.dto,
            claimId: claimID?.uuidString.lowercased())
    }
}

extension User {
    func dto() throws -> Schemas.User {
        Schemas.User(
            id: id.uuidString.lowercased(), email: email, role: try converted(role, field: "role"),
            createdAt: Date(timeIntervalSince1970: createdAt))
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
