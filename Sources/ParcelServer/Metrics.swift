import Foundation
import Prometheus
import Vapor

/// The server's metrics, on its own registry (no process-wide state, so
/// several servers in one test process do not mix their figures).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let eventsAccepted: Counter
    let eventsDuplicate: Counter
    let eventsUnmatched: Counter
    let ordersCreated: Counter
    let shipmentsRefreshed: Counter
    /// SQLite's write-ahead log: how long each checkpoint took, and how long the log was.
    let checkpoints: DurationHistogram
    let logFrames: Gauge

    init() {
        let registry = registry
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "parceldesk", metricName: name, unitName: "total", helpText: help))
        }
        eventsAccepted = counter("events_accepted", "Tracking events stored.")
        eventsDuplicate = counter("events_duplicate", "Tracking events already stored.")
        eventsUnmatched = counter("events_unmatched", "Tracking events for no known shipment.")
        ordersCreated = counter("orders_created", "Orders created.")
        shipmentsRefreshed = counter("shipments_refreshed", "Shipments re-diagnosed as time passed.")
        checkpoints = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "parceldesk", metricName: "wal_checkpoint_duration", unitName: "seconds",
                helpText: "Background checkpoints of SQLite's write-ahead log."),
            buckets: Self.buckets)
        logFrames = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "parceldesk", metricName: "wal_log", unitName: "frames",
                helpText: "Pages in SQLite's write-ahead log at the last checkpoint."))
    }

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    // Computed: the descriptor type is not Sendable, and it is a few strings.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "parceldesk", metricName: "http_requests", unitName: "total", helpText: "Requests answered.")
    }
    static var requestDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "parceldesk", metricName: "http_request_duration", unitName: "seconds",
            helpText: "Time to answer a request.")
    }

    func record(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: Self.requestDuration, labels: [("method", method), ("route", route)], buckets: Self.buckets
        ).record(duration)
    }

    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Times every request by its route pattern (`/api/v1/orders/:id`, never the
/// id itself, so the label set stays small).
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: ServerMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.record(
            method: request.method.rawValue, route: route, status: response.status.code,
            duration: ContinuousClock.now - start)
        return response
    }
}
