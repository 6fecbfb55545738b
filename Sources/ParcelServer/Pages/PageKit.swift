import Foundation
import ParcelApp
import ParcelCore
import Vapor

/// The session cookie the pages sign in with: the session token itself
/// (stored hashed, expiring like an API sign-in), readable by no script.
enum SessionCookie {
    static let name = "pd_session"

    static func set(_ token: String, on response: Response, maxAge: Int, secure: Bool) {
        response.cookies[name] = HTTPCookies.Value(
            string: token, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    static func clear(on response: Response, secure: Bool) {
        response.cookies[name] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: secure,
            isHTTPOnly: true, sameSite: .lax)
    }
}

/// What every page response carries.
enum PageResponse {
    /// Only our own script; styles inline in the page; no frames; the buyer
    /// page's token never leaves in a `Referer`.
    static let securityHeaders: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", "no-store"),
    ]

    static func html(_ html: String, status: HTTPResponseStatus = .ok, language: PageLanguage) -> Response {
        var headers = HTTPHeaders(securityHeaders)
        headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        let response = Response(status: status, headers: headers, body: .init(string: html))
        if language.remember {
            response.cookies[PageLanguage.cookieName] = HTTPCookies.Value(
                string: language.language.rawValue, maxAge: 365 * 86_400, path: "/", isHTTPOnly: true,
                sameSite: .lax)
        }
        return response
    }

    /// The error page for `status` with why, in the request's language.
    static func error(_ status: HTTPResponseStatus, _ message: LocalizedText, for request: Request) -> Response {
        let language = language(of: request)
        return html(
            ErrorPage.View(model: .init(language: language, status: Int(status.code), message: message)).html(),
            status: status, language: language)
    }

    /// 303 See Other: where a form's answer continues.
    static func seeOther(_ location: String) -> Response {
        var headers = HTTPHeaders(securityHeaders)
        headers.replaceOrAdd(name: .location, value: location)
        return Response(status: .seeOther, headers: headers)
    }

    static func language(of request: Request) -> PageLanguage {
        PageLanguage(
            query: OrderDetailRoute.queryValue("lang", in: request.url.query),
            cookie: request.cookies[PageLanguage.cookieName]?.string)
    }

    /// Whether the browser reached us over TLS (directly or, as a trusted proxy says, through it).
    static func isSecure(_ request: Request) -> Bool {
        RequestContext.secure ?? (request.url.scheme == "https")
    }
}

/// A posted `application/x-www-form-urlencoded` body, read once.
struct PostedForm {
    private let fields: [String: String]
    /// A name or value that is not percent-encoded UTF-8, or a field name
    /// with brackets (`origin[]`): the form is refused, not read as empty.
    let malformed: Bool

    init(_ request: Request) {
        var fields: [String: String] = [:]
        var malformed = false
        if let buffer = request.body.data {
            let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = Self.decoded(parts[0]), !name.contains("["),
                    let value = parts.count > 1 ? Self.decoded(parts[1]) : ""
                else {
                    malformed = true
                    continue
                }
                if fields[name] == nil { fields[name] = value }
            }
        }
        self.fields = fields
        self.malformed = malformed
    }

    /// What reads text back stops at a NUL: no field keeps one.
    private static func decoded(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding?
            .replacingOccurrences(of: "\u{0}", with: "")
    }

    subscript(_ name: String) -> String? { fields[name] }
}

/// Where a page goes after signing in: only a path on this site, so a
/// link cannot send a seller elsewhere with `next=//evil.example`.
enum SafeNext {
    static func path(_ next: String?) -> String {
        // Browsers drop tabs and line breaks from a URL, so `/<tab>/evil.example` would be `//evil.example`:
        // no control character at all, and no backslash (read as a slash).
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 512,
            !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" })
        else { return "/" }
        return next
    }
}

/// Seller pages need a signed-in session (else 303 to the sign-in page,
/// coming back here after) and, where given, a permission (else 403).
struct RequirePage: AsyncMiddleware {
    let permission: Permission

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let caller = RequestContext.caller else {
            var path = request.url.path
            if let query = request.url.query { path += "?" + query }
            let next =
                path == "/" ? "" : "?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return PageResponse.seeOther("/login" + next)
        }
        guard caller.allows(permission) else {
            return PageResponse.error(.forbidden, ErrorPage.forbidden, for: request)
        }
        return try await next.respond(to: request)
    }
}

/// The form secret of a visitor without a session (before signing in, on a
/// buyer page): kept in its own cookie, made the first time it is missing.
struct VisitorSecret {
    let cookie: String
    let path: String
    let maxAge: Int

    /// The request's secret, or a new one (`isNew`) to `keep` on the response.
    func read(_ request: Request) -> (value: String, isNew: Bool) {
        let existing = request.cookies[cookie]?.string ?? ""
        return existing.count >= 32 ? (existing, false) : (AccountService.randomToken(), true)
    }

    func keep(_ value: String, on response: Response, for request: Request) {
        response.cookies[cookie] = HTTPCookies.Value(
            string: value, maxAge: maxAge, path: path, isSecure: PageResponse.isSecure(request), isHTTPOnly: true,
            sameSite: .lax)
    }
}

/// The `_csrf` check of a signed-in page's form: 403 with the page's explanation without a matching one.
enum FormCheck {
    static func refusal(_ form: PostedForm, request: Request, forms: FormGuard) -> Response? {
        guard forms.accepts(form[FormGuard.field], secret: RequestContext.session) else {
            return PageResponse.error(.forbidden, ErrorPage.staleForm, for: request)
        }
        if form.malformed { return PageResponse.error(.badRequest, ErrorPage.unreadableForm, for: request) }
        return nil
    }
}

extension UUID {
    /// From a path: exactly 36 characters, so `<id>%00junk` is no id (Foundation stops reading at a NUL).
    init?(path: String) {
        guard path.utf8.count == 36 else { return nil }
        self.init(uuidString: path)
    }
}
