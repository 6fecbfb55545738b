import ParcelApp
import ParcelCore
import Vapor

/// Who is calling, for handlers that the OpenAPI layer calls without the Vapor request.
enum RequestContext {
    /// The owner of the request's live bearer token; nil for a request without one.
    @TaskLocal static var caller: Caller?
    /// The caller's address, for rate limits: the peer's, or a trusted proxy's word for it.
    @TaskLocal static var remoteAddress: String?
    /// The browser reached us over TLS (directly, or as a trusted proxy says).
    @TaskLocal static var secure: Bool?
    /// `PARCELDESK_PUBLIC_URL`, for links handed out.
    @TaskLocal static var publicURL: String?
}

/// The moment handlers work at: the wall clock in production, a fixed or
/// stepped one in tests, because diagnosis is a function of `now`.
public struct ServerClock: Sendable {
    let read: @Sendable () -> Timestamp

    public init(_ read: @escaping @Sendable () -> Timestamp) {
        self.read = read
    }

    public func now() -> Timestamp { read() }

    public static let live = ServerClock { Timestamp(Date(), utcOffset: Timestamp.kst) }

    public static func fixed(_ moment: Timestamp) -> ServerClock { ServerClock { moment } }
}

/// The `ValidationErrors` body of `openapi.yaml`: `{"errors": [{"field", "message"}, …]}`.
func validationErrors(_ errors: [FieldError]) -> JSONValue {
    .object([
        ("errors", .array(errors.map { .object([("field", .string($0.field)), ("message", .string($0.message))]) }))
    ])
}

/// A JSON `{"error": …}` response, the shape every failure has.
func problem(_ status: HTTPResponseStatus, _ message: String) -> Response {
    let body = JSONValue.object([("error", .string(message))]).serialized()
    var headers = HTTPHeaders()
    headers.contentType = .json
    return Response(status: status, headers: headers, body: .init(string: body))
}
