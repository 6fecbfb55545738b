import Foundation
import HTTPTypes
import Logging
import NIOConcurrencyHelpers
import OpenAPIRuntime
import ParcelApp
import ParcelCore
import Vapor

/// Who may call a route, declared where the route is registered: the raw
/// routes in `configure`, the OpenAPI operations in `OperationAccess`.
enum Access: Sendable, Equatable {
    /// Anyone, signed in or not (signing in itself).
    case open
    /// Any live token.
    case signedIn
    /// A live token whose user's role has this permission.
    case requires(Permission)

    enum Refusal: Error, Equatable {
        case unauthorized(String)
        case forbidden(String)
    }

    /// Nil when `caller` may pass.
    func refusal(for caller: Caller?, tokenProblem: String?) -> Refusal? {
        if self == .open { return nil }
        guard let caller else {
            return .unauthorized(
                tokenProblem ?? "send Authorization: Bearer <token> (see `parceldesk token create`)")
        }
        if case .requires(let permission) = self, !caller.allows(permission) {
            return .forbidden("\(caller.user.role.rawValue) may not do this: it needs the owner's role")
        }
        return nil
    }
}

/// The access of every OpenAPI operation, by its generated id. An operation
/// missing here is refused (`AccessMiddleware`), so a new one cannot ship open by mistake.
enum OperationAccess {
    static let table: [String: Access] = [
        Operations.createSession.id: .open,
        Operations.deleteCurrentSession.id: .signedIn,
        Operations.listUsers.id: .requires(.manageAccounts),
        Operations.createUser.id: .requires(.manageAccounts),
        Operations.createOrder.id: .requires(.dailyWork),
        Operations.listOrders.id: .requires(.dailyWork),
        Operations.getQueue.id: .requires(.dailyWork),
        Operations.createImport.id: .requires(.dailyWork),
        Operations.createClaim.id: .requires(.dailyWork),
        Operations.listClaims.id: .requires(.dailyWork),
        Operations.getClaim.id: .requires(.dailyWork),
        Operations.claimAction.id: .requires(.dailyWork),
        Operations.listTickets.id: .requires(.dailyWork),
        Operations.replyToTicket.id: .requires(.dailyWork),
    ]
}

/// Reads the bearer token, when there is one, into `RequestContext.caller`;
/// refuses nothing itself: each route's `Access` decides. A token found
/// once is remembered for a minute (`TokenCache`), so a busy client does
/// not cost a database read per request.
struct IdentifyMiddleware: AsyncMiddleware {
    let accounts: AccountService
    let cache: TokenCache
    let clock: ServerClock
    var proxy = ProxySettings()

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let client = proxy.client(
            peer: request.remoteAddress?.ipAddress, headers: request.headers, scheme: request.url.scheme)
        var caller: Caller?
        var problem: String?
        var session: String?
        if let token = request.headers.bearerAuthorization?.token, !token.isEmpty {
            caller = try await cache.caller(for: token, now: clock.now(), accounts: accounts)
            if caller == nil { problem = "unknown, expired or revoked token" }
        } else if request.url.path.split(separator: "/").first != "api",
            let token = request.cookies[SessionCookie.name]?.string,
            !token.isEmpty
        {
            // The pages' session cookie; never on the API, which a page on another site could otherwise
            // call with the browser's cookie.
            caller = try await cache.caller(for: token, now: clock.now(), accounts: accounts)
            if caller != nil { session = token }
        }
        return try await RequestContext.$caller.withValue(caller) {
            try await RequestContext.$tokenProblem.withValue(problem) {
                try await RequestContext.$remoteAddress.withValue(client.address) {
                    try await RequestContext.$secure.withValue(client.secure) {
                        try await RequestContext.$publicURL.withValue(proxy.publicURL) {
                            try await RequestContext.$session.withValue(session) {
                                try await next.respond(to: request)
                            }
                        }
                    }
                }
            }
        }
    }
}

extension RequestContext {
    /// Why the request's token was not accepted, for the 401 a protected route answers.
    @TaskLocal static var tokenProblem: String?
    /// The live session token from the pages' cookie: the secret their forms' `_csrf` is derived from.
    @TaskLocal static var session: String?
}

/// `Access` for the routes registered on Vapor directly.
struct RequireAccess: AsyncMiddleware {
    let access: Access

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        switch access.refusal(for: RequestContext.caller, tokenProblem: RequestContext.tokenProblem) {
        case nil: return try await next.respond(to: request)
        case .unauthorized(let message)?: return problem(.unauthorized, message)
        case .forbidden(let message)?: return problem(.forbidden, message)
        }
    }
}

/// `Access` for the OpenAPI operations, by operation id.
struct AccessMiddleware: ServerMiddleware {
    let logger: Logger

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let access = OperationAccess.table[operationID] else {
            logger.error("operation \(operationID) has no entry in OperationAccess: refused")
            return Self.refuse(.forbidden, "this operation is not open to anyone yet")
        }
        switch access.refusal(for: RequestContext.caller, tokenProblem: RequestContext.tokenProblem) {
        case nil: return try await next(request, body, metadata)
        case .unauthorized(let message)?: return Self.refuse(.unauthorized, message)
        case .forbidden(let message)?: return Self.refuse(.forbidden, message)
        }
    }

    static func refuse(_ status: HTTPResponse.Status, _ message: String) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: status)
        response.headerFields[.contentType] = "application/json"
        return (response, HTTPBody(JSONValue.object([("error", .string(message))]).serialized()))
    }
}

/// Live tokens seen in the last minute. Entries keep the token's expiry,
/// so an expired token is refused on time; signing out through the server
/// drops its entry at once, and a token revoked from the command line stops
/// working within the minute.
final class TokenCache: Sendable {
    private let entries = NIOLockedValueBox<[String: (caller: Caller, until: Date)]>([:])
    let lifetime: TimeInterval

    init(lifetime: TimeInterval = 60) {
        self.lifetime = lifetime
    }

    func caller(for token: String, now: Timestamp, accounts: AccountService) async throws -> Caller? {
        let wall = Date()
        if let hit = entries.withLockedValue({ $0[token] }), hit.until > wall {
            return hit.caller.token.isLive(at: now.epochSeconds) ? hit.caller : nil
        }
        guard let found = try await accounts.authenticate(token: token, now: now) else {
            entries.withLockedValue { _ = $0.removeValue(forKey: token) }
            return nil
        }
        entries.withLockedValue { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[token] = (found, wall.addingTimeInterval(lifetime))
        }
        return found
    }

    /// Forgets the token with this id (signed out).
    func forget(tokenID: UUID) {
        entries.withLockedValue { entries in entries = entries.filter { $0.value.caller.token.id != tokenID } }
    }
}

/// At most `limit` attempts per key per minute.
final class RateLimiter: Sendable {
    private let windows = NIOLockedValueBox<[String: (start: Date, count: Int)]>([:])
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts an attempt: nil when allowed, else the whole seconds until the key's minute is over.
    func attempt(_ key: String, now: Date = Date()) -> Int? {
        windows.withLockedValue { windows in
            if windows.count > 50_000 { windows = windows.filter { now.timeIntervalSince($0.value.start) < 60 } }
            var window = windows[key] ?? (now, 0)
            if now.timeIntervalSince(window.start) >= 60 { window = (now, 0) }
            window.count += 1
            windows[key] = window
            guard window.count > limit else { return nil }
            return max(1, Int((60 - now.timeIntervalSince(window.start)).rounded(.up)))
        }
    }
}

/// Sign-in attempts counted three ways: per account at one address, per
/// account from everywhere (one account guessed from many machines, with ten
/// times the room, so a few addresses failing on purpose do not lock its
/// owner out), and per address whatever the account (many accounts tried from
/// one machine). Addresses are as `ProxySettings` gives them: IPv6 by /64.
struct SignInLimits: Sendable {
    /// One account from one address: what a guesser at one place gets.
    let accountAtAddress: RateLimiter
    /// One account from everywhere, ten times that: guessing spread over many
    /// addresses stays bounded, and one address failing on purpose cannot
    /// lock the owner out from their own.
    let account: RateLimiter
    let addresses: RateLimiter

    static let spreadFactor = 10

    init(perAccount: Int, perAddress: Int) {
        accountAtAddress = RateLimiter(limit: perAccount)
        account = RateLimiter(limit: perAccount * Self.spreadFactor)
        addresses = RateLimiter(limit: perAddress)
    }

    /// Counts the attempt: nil when every limit allows it, else the seconds to wait.
    /// An address over its limit is refused before its e-mail is counted, so
    /// one address cannot fill the account tables with made-up e-mails.
    func attempt(email: String, address: String, now: Date = Date()) -> Int? {
        if let wait = addresses.attempt(address, now: now) { return wait }
        if let wait = accountAtAddress.attempt(email + "\u{0}" + address, now: now) { return wait }
        return account.attempt(email, now: now)
    }
}

/// Compares secrets in time that does not depend on where they differ.
func constantTimeEqual(_ given: String, _ expected: String) -> Bool {
    let left = Array(given.utf8)
    let right = Array(expected.utf8)
    var difference = UInt8(left.count == right.count ? 0 : 1)
    for index in 0..<right.count { difference |= (index < left.count ? left[index] : 0) ^ right[index] }
    return difference == 0
}
