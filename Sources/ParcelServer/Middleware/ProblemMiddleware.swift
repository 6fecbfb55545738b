import Vapor

/// Turns any error into the API's `{"error": …}` shape: the reason for
/// errors meant for the caller, a plain "internal error" (logged) otherwise.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as any AbortError {
            return problem(error.status, error.reason)
        } catch {
            request.logger.error(
                "request failed",
                metadata: ["path": .string(request.url.path), "error": .string(String(reflecting: error))])
            return problem(.internalServerError, "internal error")
        }
    }
}
