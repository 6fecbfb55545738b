import Foundation
import ParcelCore

/// One order in the seller's action queue: its leading finding, and the others under it.
public struct ActionRow: Sendable {
    public let lead: QueueItem
    public let others: [QueueItem]

    /// The most severe of its findings.
    public var severity: Severity { ([lead] + others).map(\.severity).max() ?? lead.severity }
    /// The nearest deadline of any of its findings.
    public var deadline: Timestamp? { ([lead] + others).compactMap(\.deadline).min() }
    public var items: [QueueItem] { [lead] + others }
}

/// The action queue as rows, one per order.
public enum ActionQueue {
    /// Groups findings by order. Each row is led by its most severe finding
    /// about the parcel itself, a consequence (late, refund due, a deadline)
    /// only when there is nothing else; rows go most severe first, then
    /// nearest deadline, then longest standing.
    public static func rows(_ items: [QueueItem]) -> [ActionRow] {
        var byOrder: [UUID: [QueueItem]] = [:]
        var order: [UUID] = []
        for item in items {
            if byOrder[item.orderID] == nil { order.append(item.orderID) }
            byOrder[item.orderID, default: []].append(item)
        }
        let rows = order.map { id -> ActionRow in
            let found = byOrder[id]!
            let ranked = found.sorted { left, right in
                let leftCause = !(DiagnosisCode(rawValue: left.code)?.isConsequence ?? false)
                let rightCause = !(DiagnosisCode(rawValue: right.code)?.isConsequence ?? false)
                if leftCause != rightCause { return leftCause }
                if left.severity != right.severity { return left.severity > right.severity }
                return left.since < right.since
            }
            return ActionRow(lead: ranked[0], others: Array(ranked.dropFirst()))
        }
        return rows.sorted { left, right in
            if left.severity != right.severity { return left.severity > right.severity }
            switch (left.deadline, right.deadline) {
            case (let a?, let b?) where a != b: return a < b
            case (_?, nil): return true
            case (nil, _?): return false
            default: return left.lead.since < right.lead.since
            }
        }
    }
}
