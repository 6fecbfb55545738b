import Foundation
import ParcelCore

/// What an analysis leaves in the database: the shipment's summary columns,
/// its legs and its current findings.
public struct ShipmentState: Sendable {
    public var status: String
    public var milestone: String?
    public var lastEventAt: Double?
    public var eventCount: Int
    /// The most severe finding's rank, −1 when there is none.
    public var topSeverity: Int
    public var reviewDueAt: Double
    public let legs: [ShipmentLeg]
    public let diagnoses: [Finding]
    /// What the legs rows hold, to skip rewriting them when nothing changed.
    public let legsDigest: String
    /// What the findings rows hold (all but their update time).
    public let findingsDigest: String

    public struct Finding: Sendable {
        public var code: String
        public var severity: Int
        public var confidence: Double
        public var since: Double
        public var deadline: Double?
        public var summaryKo: String
        public var summaryEn: String
    }

    public init(_ analysis: ShipmentAnalysis, playbook: Playbook) {
        status = analysis.status.rawValue
        milestone = analysis.milestone?.rawValue
        lastEventAt = analysis.lastEventAt?.epochSeconds
        eventCount = analysis.document.events.count
        topSeverity = analysis.diagnoses.map(\.severity.rank).max() ?? -1
        reviewDueAt = Self.reviewDue(analysis)
        legs = analysis.timeline.legs
        diagnoses = analysis.diagnoses.map { diagnosis in
            let explanation = playbook.explanation(diagnosis, in: analysis)
            return Finding(
                code: diagnosis.code.rawValue, severity: diagnosis.severity.rank, confidence: diagnosis.confidence,
                since: diagnosis.since.epochSeconds, deadline: diagnosis.figures.deadline?.epochSeconds,
                summaryKo: explanation.seller.ko, summaryEn: explanation.seller.en)
        }
        legsDigest = Hashing.digest128(records: legs.map { [$0.carrier, $0.trackingNumber] })
        findingsDigest = Hashing.digest128(
            records: diagnoses.map { finding in
                [
                    finding.code, String(finding.severity), String(finding.confidence), String(finding.since),
                    finding.deadline.map { String($0) } ?? "", finding.summaryKo, finding.summaryEn,
                ]
            })
    }

    /// When time alone may change the findings: soon while the parcel moves,
    /// less often once it is over.
    static func reviewDue(_ analysis: ShipmentAnalysis) -> Double {
        let now = analysis.now.epochSeconds
        switch analysis.status {
        case .delivered: return now + 12 * 3600
        case .expired: return now + 24 * 3600
        default: return now + 3600
        }
    }
}
