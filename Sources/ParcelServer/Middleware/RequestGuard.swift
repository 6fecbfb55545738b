import Foundation
import ParcelCore
import Vapor

/// Checks a request against its route's `RouteRule` before any handler
/// runs, so a request refused here has done nothing: a method the path does
/// not have (405 with `Allow`), an `Accept` the route cannot answer (406), a
/// body of the wrong type (415) or over the route's limit (413, from
/// `Content-Length` before a byte is read), and a JSON body that is not
/// UTF-8 or is nested too deep (422). Runs after `IdentifyMiddleware`, so
/// that a caller without a token learns nothing about a protected route's body rules.
struct RequestGuard: AsyncMiddleware {
    let rules: [RouteRule]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let segments = request.url.path.split(separator: "/")
        let candidates = rules.filter { $0.matches(segments) }
        guard !candidates.isEmpty else { return try await next.respond(to: request) }
        let method = request.method == .HEAD ? .GET : request.method
        guard let rule = candidates.first(where: { $0.method == method }) else {
            let allowed = candidates.map(\.method.rawValue).joined(separator: ", ")
            if request.method == .OPTIONS {
                return Response(status: .noContent, headers: ["Allow": allowed + ", OPTIONS"])
            }
            let response = refusal(
                .methodNotAllowed, "\(request.url.path) takes \(allowed), not \(request.method.rawValue)",
                korean: "이 주소에서는 할 수 없는 요청입니다.", rule: candidates[0], request: request)
            response.headers.replaceOrAdd(name: "Allow", value: allowed)
            return response
        }
        if let accept = request.headers.first(name: .accept),
            !rule.answerTypes.contains(where: { MediaRange.accepts(accept, $0) })
        {
            return problem(.notAcceptable, "this route answers \(rule.answers); send Accept: \(rule.answers) or */*")
        }
        if let field = Self.notUTF8(path: request.url.path, query: request.url.query) {
            if Self.showsPage(rule, to: request) {
                return PageResponse.error(
                    .unprocessableEntity,
                    LocalizedText(
                        ko: "주소에 읽을 수 없는 글자가 있습니다(\(field)). 링크를 다시 확인해 주세요.",
                        en: "\(field): not UTF-8 text once percent-decoded. Please check the link."),
                    for: request)
            }
            return OrderDetailRoute.json(
                .unprocessableEntity, validationErrors([FieldError(field, "not UTF-8 text once percent-decoded")]))
        }
        // A caller without a token hears 401 from the route before anything about its body.
        guard let takes = rule.takes, rule.open || RequestContext.caller != nil else {
            return try await next.respond(to: request)
        }
        guard let type = request.headers.first(name: .contentType), MediaRange.type(of: type) == takes else {
            return refusal(
                .unsupportedMediaType, "send the body as \(takes) (Content-Type: \(takes))",
                korean: "보낸 양식을 읽을 수 없습니다. 페이지를 새로 고친 뒤 다시 보내 주세요.", rule: rule, request: request)
        }
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > rule.maxBody {
            return tooLarge(rule, request)
        }
        let body: ByteBuffer?
        do {
            body = try await request.body.collect(max: rule.maxBody).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            return tooLarge(rule, request)
        }
        // A body that arrived whole with its head was collected by then, limit unchecked.
        if let body, body.readableBytes > rule.maxBody { return tooLarge(rule, request) }
        if takes == RouteRules.json, let body,
            let found = body.withUnsafeReadableBytes({ JSONBodyCheck.problem($0) })
        {
            return OrderDetailRoute.json(.unprocessableEntity, validationErrors([FieldError("body", "\(found)")]))
        }
        return try await next.respond(to: request)
    }

    /// The first part of the URL whose percent-encoding decodes to bytes
    /// that are not UTF-8: "path", or the query parameter's name.
    static func notUTF8(path: String, query: String?) -> String? {
        if path.contains("%"), path.removingPercentEncoding == nil { return "path" }
        guard let query, query.contains("%") else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].removingPercentEncoding
            if name == nil || (parts.count > 1 && parts[1].removingPercentEncoding == nil) {
                return name ?? "query"
            }
        }
        return nil
    }

    func tooLarge(_ rule: RouteRule, _ request: Request) -> Response {
        refusal(
            .payloadTooLarge,
            "the body is over the \(ByteCount(rule.maxBody)) that \(rule.method.rawValue) \(rule.pathText) takes",
            korean: "보낸 내용이 너무 큽니다. \(ByteCount(rule.maxBody)) 이하로 보내 주세요.", rule: rule, request: request)
    }

    /// A refusal in what the route answers: the error page, in the visitor's language, where a
    /// person reads pages in a browser; the JSON problem everywhere else.
    func refusal(
        _ status: HTTPResponseStatus, _ message: String, korean: String, rule: RouteRule, request: Request
    ) -> Response {
        guard Self.showsPage(rule, to: request) else { return problem(status, message) }
        return PageResponse.error(status, LocalizedText(ko: korean, en: message), for: request)
    }

    /// A refusal on a page is the error page, unless the request asks for JSON.
    static func showsPage(_ rule: RouteRule, to request: Request) -> Bool {
        rule.answersPages && request.headers.first(name: .accept).map { MediaRange.type(of: $0) } != RouteRules.json
    }
}

/// Media types as `Accept` and `Content-Type` spell them.
enum MediaRange {
    /// `type/subtype` without parameters, lowercased.
    static func type(of header: String) -> String {
        header.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            ?? ""
    }

    /// Whether an `Accept` header admits `type`: the type itself, its
    /// `type/*`, or `*/*`, unless the most specific of them says `q=0`
    /// ("not this"). An empty header admits everything.
    static func accepts(_ header: String, _ type: String) -> Bool {
        let ranges = header.split(separator: ",").map { (type: Self.type(of: String($0)), refused: refuses($0)) }
            .filter { !$0.type.isEmpty }
        if ranges.isEmpty { return true }
        let major = type.split(separator: "/").first.map { "\($0)/*" } ?? ""
        for candidate in [type, major, "*/*"] {
            if let range = ranges.first(where: { $0.type == candidate }) { return !range.refused }
        }
        return false
    }

    /// `q=0` (or `0.0`, `0.000`) among a range's parameters.
    private static func refuses(_ range: Substring) -> Bool {
        range.split(separator: ";").dropFirst().contains { parameter in
            let parts = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0].lowercased() == "q", let quality = Double(parts[1]) else { return false }
            return quality == 0
        }
    }
}

/// A byte count as people read it: `64 KB`, `16 MB`.
struct ByteCount: CustomStringConvertible {
    let bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        if bytes >= 1024 * 1024, bytes % (1024 * 1024) == 0 { return "\(bytes / (1024 * 1024)) MB" }
        if bytes >= 1024, bytes % 1024 == 0 { return "\(bytes / 1024) KB" }
        return "\(bytes) bytes"
    }
}
