import NIOConcurrencyHelpers
import ParcelCore
import ParcelStore
import Vapor

/// Bearer tokens for everything under `/api/v1` but signing in. A token
/// found once is remembered for a minute, so a busy client does not cost a
/// database read per request; a deleted token stops working within that minute.
struct AuthMiddleware: AsyncMiddleware {
    let store: Store
    let cache: TokenCache

    static let publicPaths: Set<String> = ["/api/v1/sessions"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let address = request.remoteAddress?.ipAddress ?? "unknown"
        if Self.publicPaths.contains(request.url.path) {
            return try await RequestContext.$remoteAddress.withValue(address) {
                try await next.respond(to: request)
            }
        }
        guard let token = request.headers.bearerAuthorization?.token, !token.isEmpty else {
            return problem(.unauthorized, "send Authorization: Bearer <token> (see `parceldesk token create`)")
        }
        guard let user = try await cache.user(for: token, store: store) else {
            return problem(.unauthorized, "unknown or revoked token")
        }
        return try await RequestContext.$user.withValue(user) {
            try await RequestContext.$remoteAddress.withValue(address) {
                try await next.respond(to: request)
            }
        }
    }
}

final class TokenCache: Sendable {
    private let entries = NIOLockedValueBox<[String: (user: AuthenticatedUser, until: Date)]>([:])
    let lifetime: TimeInterval

    init(lifetime: TimeInterval = 60) {
        self.lifetime = lifetime
    }

    func user(for token: String, store: Store) async throws -> AuthenticatedUser? {
        let now = Date()
        if let hit = entries.withLockedValue({ $0[token] }), hit.until > now { return hit.user }
        guard let found = try await store.user(forToken: token) else {
            entries.withLockedValue { _ = $0.removeValue(forKey: token) }
            return nil
        }
        let user = AuthenticatedUser(
            email: found.user.email, role: UserModel.Role(rawValue: found.user.role) ?? .staff,
            actor: "token:\(found.token.name) (\(found.user.email))")
        entries.withLockedValue { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[token] = (user, now.addingTimeInterval(lifetime))
        }
        return user
    }
}

/// At most `limit` attempts per key per minute (sign-in by address and e-mail).
final class RateLimiter: Sendable {
    private let windows = NIOLockedValueBox<[String: (start: Date, count: Int)]>([:])
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts an attempt; false when the key is over its limit.
    func allow(_ key: String, now: Date = Date()) -> Bool {
        windows.withLockedValue { windows in
            if windows.count > 50_000 { windows = windows.filter { now.timeIntervalSince($0.value.start) < 60 } }
            var window = windows[key] ?? (now, 0)
            if now.timeIntervalSince(window.start) >= 60 { window = (now, 0) }
            window.count += 1
            windows[key] = window
            return window.count <= limit
        }
    }
}
