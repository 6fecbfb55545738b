import FluentKit
import Foundation

/// Someone who signs in: the shop's owner or its staff.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    public enum Role: String, Sendable, CaseIterable, Codable {
        case owner, staff
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    /// bcrypt.
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: String
    @Field(key: "created_at") public var createdAt: Double

    public init() {}

    public init(id: UUID? = nil, email: String, passwordHash: String, role: Role, createdAt: Double) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.createdAt = createdAt
    }
}

/// A bearer token for the API. Only its SHA-256 is stored: the token itself
/// is shown once, when created.
public final class APITokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Double
    @OptionalField(key: "last_used_at") public var lastUsedAt: Double?

    public init() {}

    public init(id: UUID? = nil, userID: UUID, name: String, tokenHash: String, createdAt: Double) {
        self.id = id
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}

/// Who did what, for the seller's records.
public final class AuditEntryModel: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "at") public var at: Double
    /// `user:<email>`, `token:<name>`, `system`.
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "subject") public var subject: String
    @Field(key: "detail") public var detail: String

    public init() {}

    public init(at: Double, actor: String, action: String, subject: String, detail: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}
