import Foundation
import HTTPTypes
import OpenAPIRuntime
import ParcelCore

/// A request the generated decoder cannot read becomes a 422 that names
/// every bad field, not the decoder's first complaint.
struct InputErrorMiddleware: ServerMiddleware {
    let validator: OrderValidator

    /// Bodies worth re-reading field by field when they fail to decode: an
    /// order has many fields; the other bodies' decoder message names the one.
    static let explained: Set<String> = [Operations.createOrder.id]
    static let maxBody = 16 * 1024 * 1024

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var body = body
        var bytes: Data?
        if Self.explained.contains(operationID), let original = body {
            let collected = try await Data(collecting: original, upTo: Self.maxBody)
            bytes = collected
            body = HTTPBody(collected)
        }
        do {
            return try await next(request, body, metadata)
        } catch let error as ServerError where error.operationInput == nil {
            // Reading the request failed; the handler never ran.
            return Self.unprocessable(explain(operationID, bytes, error))
        }
    }

    func explain(_ operationID: String, _ body: Data?, _ error: ServerError) -> [FieldError] {
        var errors: [FieldError] = []
        switch operationID {
        case Operations.createOrder.id: errors = body.map { RawInput.orderProblems($0, validator: validator) } ?? []
        default: break
        }
        if errors.isEmpty {
            var described = Self.describe(error)
            if described.field == "body" || described.field == "request" {
                described = FieldError(
                    Self.queryParameter(named: described.message, in: error.request), described.message)
            }
            errors = [described]
        }
        return errors
    }

    /// The decoder's own words, with the field it was reading.
    static func describe(_ error: ServerError) -> FieldError {
        let underlying = error.underlyingError
        if let decoding = underlying as? DecodingError {
            switch decoding {
            case .keyNotFound(let key, let context):
                return FieldError(codingPathText(context.codingPath + [key]), "is required")
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return FieldError(codingPathText(context.codingPath).nilIfEmpty ?? "body", context.debugDescription)
            @unknown default:
                break
            }
        }
        return FieldError("request", "\(underlying)")
    }

    /// The query parameter an error without a coding path is about: the one
    /// whose value the message quotes; "query" when the request has no body
    /// to blame; "body" otherwise.
    static func queryParameter(named message: String, in request: HTTPRequest) -> String {
        let query = request.path.flatMap { URLComponents(string: $0)?.queryItems } ?? []
        let quoted = query.filter { item in
            guard let value = item.value, !value.isEmpty else { return false }
            return message.hasSuffix(" \(value)") || message.contains("\"\(value)\"")
        }
        if quoted.count == 1 { return quoted[0].name }
        return request.method == .get || request.method == .delete ? "query" : "body"
    }

    static func unprocessable(_ errors: [FieldError]) -> (HTTPResponse, HTTPBody?) {
        let json = validationErrors(errors).serialized()
        var response = HTTPResponse(status: .unprocessableContent)
        response.headerFields[.contentType] = "application/json; charset=utf-8"
        return (response, HTTPBody(json))
    }
}
