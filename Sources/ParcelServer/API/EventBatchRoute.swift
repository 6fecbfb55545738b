import Foundation
import ParcelApp
import ParcelCore
import Prometheus
import Vapor

/// `POST /api/v1/events`: a batch of raw events, stored and diagnosed in one
/// transaction. Read with ParcelCore's JSON reader rather than the generated
/// decoder, which is a large share of the route's time at 500 events a
/// batch (docs/PERFORMANCE.md). A body that is not a plain batch of strings takes
/// the slow path that names every bad field (`RawInput.eventProblems`).
struct EventBatchRoute {
    let ingestion: IngestionService
    let validator: OrderValidator
    let clock: ServerClock
    let metrics: ServerMetrics

    func register(on routes: any RoutesBuilder) {
        routes.on(.POST, "api", "v1", "events", body: .collect(maxSize: "16mb")) { request async throws -> Response in
            try await respond(request)
        }
    }

    func respond(_ request: Request) async throws -> Response {
        guard request.headers.contentType?.subType == "json" else {
            return problem(.unsupportedMediaType, "send the batch as application/json")
        }
        let body = request.body.data ?? ByteBuffer()
        let events: [(event: RawTrackingEvent, parentTrackingNumber: String?)]
        switch Self.inputs(body).map(validator.validate(events:)) {
        case .success(let value)?:
            events = value
        default:
            let errors = RawInput.eventProblems(Data(body.readableBytesView), validator: validator)
            return OrderDetailRoute.json(.unprocessableEntity, validationErrors(errors))
        }
        let result = try await ingestion.ingest(
            events.map { IncomingEvent($0.event, parentTrackingNumber: $0.parentTrackingNumber) }, now: clock.now(),
            actor: RequestContext.caller?.actor ?? "anonymous")
        metrics.eventsAccepted.increment(by: Int64(result.accepted))
        metrics.eventsDuplicate.increment(by: Int64(result.duplicates))
        metrics.eventsUnmatched.increment(by: Int64(result.unmatched))
        return OrderDetailRoute.json(
            .ok,
            .object([
                ("accepted", .int(result.accepted)), ("duplicates", .int(result.duplicates)),
                ("unmatched", .int(result.unmatched)), ("unmatchedNumbers", .strings(result.unmatchedNumbers)),
            ]))
    }

    /// The events of `{"events": [{…}, …]}` whose fields are all strings or
    /// null (unknown fields ignored); nil for anything else.
    static func inputs(_ body: ByteBuffer) -> [RawEventInput]? {
        guard
            let value = body.withUnsafeReadableBytes({ try? JSONValue.parse($0) }),
            case .array(let items)? = value["events"]
        else { return nil }
        var inputs: [RawEventInput] = []
        inputs.reserveCapacity(items.count)
        for item in items {
            guard case .object(let fields) = item else { return nil }
            var input = RawEventInput()
            for (key, value) in fields {
                let text: String?
                switch value {
                case .string(let string): text = string
                case .null: text = nil
                default: return nil
                }
                switch key {
                case "source": input.source = text
                case "carrier": input.carrier = text
                case "trackingNumber": input.trackingNumber = text
                case "parentTrackingNumber": input.parentTrackingNumber = text
                case "time": input.time = text
                case "code": input.code = text
                case "text": input.text = text
                case "location": input.location = text
                default: break
                }
            }
            inputs.append(input)
        }
        return inputs
    }
}
