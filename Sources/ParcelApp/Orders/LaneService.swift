import Foundation
import ParcelCore
import Synchronization

/// Each lane's reliability from the shop's own recent orders, for the
/// lanes page: analysed from the latest orders (not all of them: the
/// figures of a lane move slowly, and a hundred thousand analyses would make
/// the page wait), and kept for ten minutes.
public struct LaneService: Sendable {
    let orders: OrderService
    let claims: any ClaimRepository
    let settings: LiveSettings
    var diagnoser: Diagnoser { settings.diagnoser }
    let cache = LaneStatsCache()

    /// The latest orders a lane's figures come from.
    public static let sample = 2000

    public init(orders: OrderService, claims: any ClaimRepository, settings: LiveSettings) {
        self.orders = orders
        self.claims = claims
        self.settings = settings
    }

    public struct Report: Sendable {
        public let lanes: [LaneStats]
        /// How many orders the figures come from.
        public let orders: Int
        public let at: Timestamp
    }

    public func report(now: Timestamp) async throws -> Report {
        if let kept = cache.fresh(at: now) { return kept }
        var ids: [UUID] = []
        var filter = OrderFilter(limit: 200)
        repeat {
            let page = try await orders.orders(filter)
            ids += page.items.filter { $0.trackingNumber != nil }.map(\.id)
            filter.cursor = page.nextCursor.flatMap(OrderCursor.init(encoded:))
        } while filter.cursor != nil && ids.count < Self.sample
        var analyses: [ShipmentAnalysis] = []
        for id in ids.prefix(Self.sample) {
            if let document = try await orders.order(id.uuidString)?.document {
                analyses.append(diagnoser.analyze(document, now: now))
            }
        }
        let claimed = try await claims.ordersWithClaimOutcomes()
        let report = Report(
            lanes: LaneAnalytics().lanes(analyses, claimed: claimed).sorted { $0.shipments > $1.shipments },
            orders: analyses.count, at: now)
        cache.keep(report)
        return report
    }
}

final class LaneStatsCache: Sendable {
    private let kept = Mutex<LaneService.Report?>(nil)
    static let lifetime = 600.0

    func fresh(at now: Timestamp) -> LaneService.Report? {
        kept.withLock { report in
            guard let report, abs(now.epochSeconds - report.at.epochSeconds) < Self.lifetime else { return nil }
            return report
        }
    }

    func keep(_ report: LaneService.Report) { kept.withLock { $0 = report } }
}
