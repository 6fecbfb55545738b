import FluentKit
import Foundation
import SQLKit

extension Store {
    public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
        case emailTaken(String)
        case unknownUser(String)

        public var description: String {
            switch self {
            case .emailTaken(let email): "a user with e-mail \(email) already exists"
            case .unknownUser(let email): "no user with e-mail \(email)"
            }
        }
    }

    /// Stores a user; the caller hashes the password (bcrypt).
    public func createUser(email: String, passwordHash: String, role: UserModel.Role, now: Double, actor: String)
        async throws -> UserModel
    {
        let email = email.lowercased()
        return try await write { sql in
            if try await sql.select().column("id").from(UserModel.schema).where("email", .equal, email).first() != nil {
                throw AccountError.emailTaken(email)
            }
            let user = UserModel(id: UUID(), email: email, passwordHash: passwordHash, role: role, createdAt: now)
            try await sql.insert(into: UserModel.schema)
                .columns("id", "email", "password_hash", "role", "created_at")
                .values(SQLBind(user.id), SQLBind(email), SQLBind(passwordHash), SQLBind(role.rawValue), SQLBind(now))
                .run()
            try await Self.audit(
                sql, actor: actor, action: "user.create", subject: email, detail: role.rawValue, at: now)
            return user
        }
    }

    public func user(email: String) async throws -> UserModel? {
        try await UserModel.query(on: database).filter(\.$email == email.lowercased()).first()
    }

    /// Makes a new API token for a user and returns it in clear, the only
    /// time it is ever available; the database keeps its SHA-256.
    public func createToken(for user: UserModel, name: String, now: Double, actor: String) async throws -> String {
        let token = "pd_" + Self.randomToken()
        let userID = try user.requireID()
        let email = user.email
        try await write { sql in
            try await sql.insert(into: APITokenModel.schema)
                .columns("id", "user_id", "name", "token_hash", "created_at")
                .values(SQLBind(UUID()), SQLBind(userID), SQLBind(name), SQLBind(Hashing.sha256(token)), SQLBind(now))
                .run()
            try await Self.audit(sql, actor: actor, action: "token.create", subject: email, detail: name, at: now)
        }
        return token
    }

    /// The user a bearer token belongs to, or nil.
    public func user(forToken token: String) async throws -> (user: UserModel, token: APITokenModel)? {
        guard
            let model = try await APITokenModel.query(on: database).filter(\.$tokenHash == Hashing.sha256(token))
                .with(\.$user).first()
        else { return nil }
        return (model.user, model)
    }

    /// 32 random bytes, URL-safe base64.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public func auditLog(limit: Int = 100) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: database).sort(\.$id, .descending).limit(limit).all()
    }
}
