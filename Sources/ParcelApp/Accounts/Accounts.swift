import Foundation
import ParcelCore

/// What a signed-in person may do. Checked where each route is registered
/// (`ParcelServer`'s access table), never by comparing role names.
public enum Permission: String, Sendable, CaseIterable {
    /// Orders, events, imports, the queue: the shop's daily work.
    case dailyWork
    /// Listing and creating sign-in accounts.
    case manageAccounts
    /// Creating or revoking API tokens of other people.
    case manageTokensOfOthers
    /// Thresholds, source keys, templates, webhooks.
    case manageSettings
}

/// The shop's owner or its staff.
public enum Role: String, Sendable, CaseIterable, Codable {
    case owner, staff

    public var permissions: Set<Permission> {
        switch self {
        case .owner: Set(Permission.allCases)
        case .staff: [.dailyWork]
        }
    }

    public func allows(_ permission: Permission) -> Bool { permissions.contains(permission) }
}

/// Someone who signs in.
public struct User: Sendable, Equatable {
    public let id: UUID
    /// Lower-cased; the sign-in name.
    public let email: String
    public let role: Role
    public let createdAt: Double

    public init(id: UUID, email: String, role: Role, createdAt: Double) {
        self.id = id
        self.email = email
        self.role = role
        self.createdAt = createdAt
    }
}

/// A bearer token as stored: only its hash is kept, the token itself is shown once.
public struct AccessToken: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// From signing in; expires after the configured session hours.
        case session
        /// From `parceldesk token create`; expires only when asked to.
        case api
    }

    public let id: UUID
    public let userID: UUID
    public let name: String
    public let kind: Kind
    public let createdAt: Double
    public let expiresAt: Double?
    public let revokedAt: Double?

    public init(
        id: UUID, userID: UUID, name: String, kind: Kind, createdAt: Double, expiresAt: Double?, revokedAt: Double?
    ) {
        self.id = id
        self.userID = userID
        self.name = name
        self.kind = kind
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Neither revoked nor past its expiry at `moment`.
    public func isLive(at moment: Double) -> Bool {
        revokedAt == nil && (expiresAt.map { moment < $0 } ?? true)
    }
}

/// A token just made, in clear: the only time it is available.
public struct IssuedToken: Sendable {
    public let token: String
    public let user: User
    public let record: AccessToken
}

/// Who a live token belongs to, as the server sees each request.
public struct Caller: Sendable, Equatable {
    public let user: User
    public let token: AccessToken

    public init(user: User, token: AccessToken) {
        self.user = user
        self.token = token
    }

    public func allows(_ permission: Permission) -> Bool { user.role.allows(permission) }

    /// How the audit log names them: `token:cli (owner@shop.kr)`.
    public var actor: String { "token:\(token.name) (\(user.email))" }
}

/// bcrypt in production (`ParcelServer.Passwords`); a cheap stand-in in tests.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, hash: String) async throws -> Bool
}

/// What removing an account came to.
public enum DeletedUser: Sendable, Equatable {
    /// Removed; these were its tokens, sessions included.
    case removed(tokens: [UUID])
    case notFound
    /// The shop would have no owner left.
    case lastOwner
}

public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    case emailTaken(String)
    case lastOwner
    case removingYourself
    case unknownUser(String)
    case invalidEmail(String)
    case weakPassword
    case passwordTooLong
    case invalidLifetime

    public var description: String {
        switch self {
        case .emailTaken(let email): "a user with e-mail \(email) already exists"
        case .unknownUser(let email): "no user with e-mail \(email) (create one with `parceldesk user create`)"
        case .invalidEmail(let email): "expected an e-mail address; got \(quotedExcerpt(email))"
        case .weakPassword: "the password needs at least \(AccountService.minimumPasswordLength) characters"
        case .passwordTooLong:
            "the password may have at most \(InputLimits.password) characters"
        case .invalidLifetime: "a token's lifetime must be more than zero"
        case .lastOwner: "the shop's last owner cannot be removed"
        case .removingYourself: "an account cannot remove itself"
        }
    }
}
