import Foundation
import ParcelApp
import ParcelCore
import Vapor

/// `GET /login`, `POST /login`, `POST /logout`: signing in from a browser.
/// The session is the same stored, expiring session token the API's
/// sign-in issues, carried in an `HttpOnly` cookie; attempts count against
/// the same limits.
struct SessionRoutes {
    let accounts: AccountService
    let limits: SignInLimits
    let cache: TokenCache
    let clock: ServerClock
    let sessionSeconds: Int
    let forms: FormGuard

    func register(on routes: any RoutesBuilder) {
        routes.get("login") { request async throws -> Response in
            if RequestContext.caller != nil {
                return PageResponse.seeOther(SafeNext.path(OrderDetailRoute.queryValue("next", in: request.url.query)))
            }
            return form(request, email: "", problem: nil, status: .ok)
        }
        routes.post("login") { request async throws -> Response in try await signIn(request) }
        routes.post("logout") { request async throws -> Response in try await signOut(request) }
    }

    /// The sign-in form, with a fresh pre-sign-in secret when the browser has none.
    func form(_ request: Request, email: String, problem: LocalizedText?, status: HTTPResponseStatus) -> Response {
        let secret = Self.visitor.read(request)
        let next =
            OrderDetailRoute.queryValue("next", in: request.url.query) ?? PostedForm(request)["next"]
        let model = LoginPage.Model(
            language: PageResponse.language(of: request), csrf: forms.token(for: secret.value), email: email,
            problem: problem, next: next.map(SafeNext.path).flatMap { $0 == "/" ? nil : $0 })
        let response = PageResponse.html(LoginPage.View(model: model).html(), status: status, language: model.language)
        if secret.isNew { Self.visitor.keep(secret.value, on: response, for: request) }
        return response
    }

    static let visitor = VisitorSecret(cookie: FormGuard.signInCookie, path: "/login", maxAge: 3600)

    func signIn(_ request: Request) async throws -> Response {
        let posted = PostedForm(request)
        let email = (posted["email"] ?? "").trimmed.lowercased()
        guard forms.accepts(posted[FormGuard.field], secret: request.cookies[FormGuard.signInCookie]?.string)
        else {
            return form(request, email: email, problem: ErrorPage.staleForm, status: .forbidden)
        }
        let password = posted["password"] ?? ""
        guard !email.isEmpty, !password.isEmpty, email.count <= InputLimits.email,
            password.utf8.count <= InputLimits.password
        else {
            return form(request, email: email, problem: LoginPage.failed, status: .unprocessableEntity)
        }
        if let wait = limits.attempt(email: email, address: RequestContext.remoteAddress ?? "unknown") {
            let response = form(request, email: email, problem: LoginPage.tooMany(wait), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: "\(wait)")
            return response
        }
        guard let issued = try await accounts.signIn(email: email, password: password, now: clock.now()) else {
            return form(request, email: email, problem: LoginPage.failed, status: .unauthorized)
        }
        let response = PageResponse.seeOther(SafeNext.path(posted["next"]))
        SessionCookie.set(
            issued.token, on: response, maxAge: sessionSeconds, secure: PageResponse.isSecure(request))
        response.cookies[FormGuard.signInCookie] = HTTPCookies.Value(
            string: "", maxAge: 0, path: "/login", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        // Signed out already (an expired session): nothing to revoke, the cookie goes all the same.
        guard let caller = RequestContext.caller else {
            let response = PageResponse.seeOther("/login")
            SessionCookie.clear(on: response, secure: PageResponse.isSecure(request))
            return response
        }
        if let refused = FormCheck.refusal(PostedForm(request), request: request, forms: forms) { return refused }
        _ = try await accounts.signOut(caller, now: clock.now())
        cache.forget(tokenID: caller.token.id)
        let response = PageResponse.seeOther("/login")
        SessionCookie.clear(on: response, secure: PageResponse.isSecure(request))
        return response
    }
}
