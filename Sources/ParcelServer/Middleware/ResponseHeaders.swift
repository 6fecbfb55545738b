import Vapor

/// Headers every response carries, errors included: `nosniff`, so a browser
/// never reads a JSON or CSV answer as a page; and the `WWW-Authenticate`
/// challenge that HTTP requires of a 401.
struct ResponseHeaders: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        if response.status == .unauthorized, !response.headers.contains(name: .wwwAuthenticate) {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
        }
        return response
    }
}
