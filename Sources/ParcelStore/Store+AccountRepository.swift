import Foundation
import ParcelApp
import SQLKit

extension Store: AccountRepository {
    public func insertUser(_ user: User, passwordHash: String, audit: AuditEntry) async throws {
        do {
            try await write { sql in
                try await sql.insert([Tables.UserRow(user: user, passwordHash: passwordHash)], into: Tables.users)
                try await sql.insert([audit], into: Tables.auditLog)
            }
        } catch  where isUniqueViolation(error) {
            // The index decides, so two accounts created at once cannot both take one e-mail.
            throw AccountError.emailTaken(user.email)
        }
    }

    public func user(email: String) async throws -> (user: User, passwordHash: String)? {
        guard
            let row = try await sql.select().columns("id", "email", "password_hash", "role", "created_at")
                .from(Tables.users.name).where("email", .equal, email).first()
        else { return nil }
        return (try Self.user(row, prefix: ""), try row.decode(column: "password_hash", as: String.self))
    }

    public func deleteUser(_ id: UUID, audit: AuditEntry) async throws -> DeletedUser {
        try await write { sql in
            try await Self.lock(Tables.users.name, on: sql)
            let owners = try await sql.select().column("id").from(Tables.users.name)
                .where("role", .equal, Role.owner.rawValue).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard
                let role = try await sql.select().column("role").from(Tables.users.name).where("id", .equal, id)
                    .first()?.decode(column: "role", as: String.self)
            else { return .notFound }
            if role == Role.owner.rawValue, owners == [id] { return .lastOwner }
            let tokens = try await sql.select().column("id").from(Tables.apiTokens.name).where("user_id", .equal, id)
                .all().map { try $0.decode(column: "id", as: UUID.self) }
            // Tokens first: SQLite enforces the cascade only with foreign keys switched on.
            try await sql.delete(from: Tables.apiTokens.name).where("user_id", .equal, id).run()
            try await sql.delete(from: Tables.users.name).where("id", .equal, id).run()
            try await sql.insert([audit], into: Tables.auditLog)
            return .removed(tokens: tokens)
        }
    }

    public func users() async throws -> [User] {
        try await sql.select().columns("id", "email", "role", "created_at").from(Tables.users.name)
            .orderBy("created_at").orderBy("email").all().map { try Self.user($0, prefix: "") }
    }

    public func setPasswordHash(userID: UUID, hash: String, audit: AuditEntry) async throws -> Bool {
        try await write { sql in
            let changed = try await sql.update(Tables.users.name).set("password_hash", to: hash)
                .where("id", .equal, userID).returning("id").all()
            guard !changed.isEmpty else { return false }
            try await sql.insert([audit], into: Tables.auditLog)
            return true
        }
    }

    public func insertToken(_ token: AccessToken, hash: String, audit: AuditEntry) async throws {
        try await write { sql in
            try await sql.insert([Tables.TokenRow(token: token, hash: hash)], into: Tables.apiTokens)
            try await sql.insert([audit], into: Tables.auditLog)
        }
    }

    public func token(hash: String) async throws -> (user: User, token: AccessToken)? {
        guard
            let row = try await sql.raw(
                """
                SELECT t.id, t.user_id, t.name, t.kind, t.created_at, t.expires_at, t.revoked_at,
                       u.id AS u_id, u.email AS u_email, u.role AS u_role, u.created_at AS u_created_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = \(bind: hash)
                """
            ).first()
        else { return nil }
        return (try Self.user(row, prefix: "u_"), try Self.token(row))
    }

    public func tokens(of user: UUID) async throws -> [AccessToken] {
        try await sql.select().columns("id", "user_id", "name", "kind", "created_at", "expires_at", "revoked_at")
            .from(Tables.apiTokens.name).where("user_id", .equal, user).orderBy("created_at").all()
            .map(Self.token)
    }

    public func revokeTokens(_ ids: [UUID], at moment: Double, audit: AuditEntry) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await write { sql in
            // One statement decides which were live, so two revocations at once
            // cannot both count (and audit) the same token.
            let revoked = try await sql.update(Tables.apiTokens.name).set("revoked_at", to: moment)
                .where("id", .in, ids).where("revoked_at", .is, SQLLiteral.null)
                .where { live in
                    live.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, moment)
                }
                .returning("id").all()
            guard !revoked.isEmpty else { return 0 }
            try await sql.insert([audit], into: Tables.auditLog)
            return revoked.count
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await sql.select().columns("at", "actor", "action", "subject", "detail").from(Tables.auditLog.name)
            .orderBy("id", .descending).limit(limit).all()
            .map(Self.auditEntry)
    }

    public func auditLog(subject: String, action: String) async throws -> [AuditEntry] {
        try await sql.select().columns("at", "actor", "action", "subject", "detail").from(Tables.auditLog.name)
            .where("subject", .equal, subject).where("action", .equal, action).orderBy("id").limit(1000).all()
            .map(Self.auditEntry)
    }

    public func appendAudit(_ entry: AuditEntry) async throws {
        try await write { sql in try await sql.insert([entry], into: Tables.auditLog) }
    }

    private static func user(_ row: any SQLRow, prefix: String) throws -> User {
        let role = try row.decode(column: prefix + "role", as: String.self)
        guard let known = Role(rawValue: role) else { throw StoreError.corruptRow(column: "users.role") }
        return User(
            id: try row.decode(column: prefix + "id", as: UUID.self),
            email: try row.decode(column: prefix + "email", as: String.self), role: known,
            createdAt: try row.decode(column: prefix + "created_at", as: Double.self))
    }

    private static func token(_ row: any SQLRow) throws -> AccessToken {
        let kind = try row.decode(column: "kind", as: String.self)
        guard let known = AccessToken.Kind(rawValue: kind) else {
            throw StoreError.corruptRow(column: "api_tokens.kind")
        }
        return AccessToken(
            id: try row.decode(column: "id", as: UUID.self), userID: try row.decode(column: "user_id", as: UUID.self),
            name: try row.decode(column: "name", as: String.self), kind: known,
            createdAt: try row.decode(column: "created_at", as: Double.self),
            expiresAt: try row.decode(column: "expires_at", as: Double?.self),
            revokedAt: try row.decode(column: "revoked_at", as: Double?.self))
    }
}
