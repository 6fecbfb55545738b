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

    init() {
        eventsAccepted = registry.makeCounter(name: "parceldesk_events_accepted_total", help: "Tracking events stored.")
        eventsDuplicate = registry.makeCounter(
            name: "parceldesk_events_duplicate_total", help: "Tracking events already stored.")
        eventsUnmatched = registry.makeCounter(
            name: "parceldesk_events_unmatched_total", help: "Tracking events for no known shipment.")
        ordersCreated = registry.makeCounter(name: "parceldesk_orders_created_total", help: "Orders created.")
        shipmentsRefreshed = registry.makeCounter(
            name: "parceldesk_shipments_refreshed_total", help: "Shipments re-diagnosed as time passed.")
    }

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    func record(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(name: "parceldesk_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(
            name: "parceldesk_http_request_duration_seconds", labels: [("method", method), ("route", route)],
            buckets: Self.buckets
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
