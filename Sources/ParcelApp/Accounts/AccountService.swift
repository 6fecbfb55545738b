import Foundation
import ParcelCore

/// Accounts, sign-in and tokens. Sign-in tokens expire after
/// `sessionLifetime`; API tokens when created with a lifetime; both can be revoked.
public struct AccountService: Sendable {
    let repository: any AccountRepository
    let passwords: any PasswordHasher
    /// Seconds a sign-in lasts.
    public let sessionLifetime: Double

    public static let minimumPasswordLength = 8
    /// The hasher must read every byte of a password up to this many (the server's bcrypt hashes the
    /// password's SHA-256, so it does): a longer password is refused, never cut.
    public static let maximumPasswordBytes = InputLimits.password * 4
    public static let defaultSessionHours = 12

    public init(
        repository: any AccountRepository, passwords: any PasswordHasher,
        sessionLifetime: Double = Double(defaultSessionHours) * 3600
    ) {
        self.repository = repository
        self.passwords = passwords
        self.sessionLifetime = sessionLifetime
    }

    // MARK: - Users

    public func createUser(email: String, password: String, role: Role, now: Timestamp, actor: String)
        async throws -> User
    {
        let email = email.trimmed.lowercased()
        guard ContactCheck.isEmail(email) else { throw AccountError.invalidEmail(email) }
        guard password.count >= Self.minimumPasswordLength else { throw AccountError.weakPassword }
        guard InputLimits.lengthProblem(password, limit: InputLimits.password) == nil,
            password.utf8.count <= Self.maximumPasswordBytes
        else { throw AccountError.passwordTooLong }
        let hash = try await passwords.hash(password)
        let user = User(id: UUID(), email: email, role: role, createdAt: now.epochSeconds)
        try await repository.insertUser(
            user, passwordHash: hash,
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "user.create", subject: email, detail: role.rawValue))
        return user
    }

    /// Sets a new password (the same rules as a new account's); `unknownUser` for no such e-mail.
    public func setPassword(email: String, password: String, now: Timestamp, actor: String) async throws {
        let email = email.trimmed.lowercased()
        guard password.count >= Self.minimumPasswordLength else { throw AccountError.weakPassword }
        guard password.utf8.count <= Self.maximumPasswordBytes else { throw AccountError.passwordTooLong }
        guard let found = try await repository.user(email: email) else { throw AccountError.unknownUser(email) }
        let hash = try await passwords.hash(password)
        let audit = AuditEntry(at: now.epochSeconds, actor: actor, action: "user.password", subject: email)
        guard try await repository.setPasswordHash(userID: found.user.id, hash: hash, audit: audit) else {
            throw AccountError.unknownUser(email)
        }
    }

    // MARK: - The playbook's steps marked done (kept in the audit log)

    static let stepDone = "playbook.done"

    /// Records that `actor` did step `step` of finding `code` on an order.
    public func markStepDone(order externalID: String, code: String, step: Int, actor: String, now: Timestamp)
        async throws
    {
        try await repository.appendAudit(
            AuditEntry(
                at: now.epochSeconds, actor: actor, action: Self.stepDone, subject: externalID,
                detail: "\(code) \(step)"))
    }

    /// The steps marked done on an order: by `code step`, who and when (the latest).
    public func stepsDone(order externalID: String) async throws -> [String: (actor: String, at: Timestamp)] {
        var done: [String: (actor: String, at: Timestamp)] = [:]
        for entry in try await repository.auditLog(subject: externalID, action: Self.stepDone) {
            done[entry.detail] = (entry.actor, Timestamp(epochSeconds: entry.at, utcOffset: Timestamp.kst))
        }
        return done
    }

    public func user(email: String) async throws -> User? {
        try await repository.user(email: email.trimmed.lowercased())?.user
    }

    /// Every account, oldest first.
    public func users() async throws -> [User] {
        try await repository.users()
    }

    /// Removes an account and ends its sessions and tokens; answers the token ids to forget, nil for no such account.
    public func removeUser(_ id: UUID, by remover: User, now: Timestamp, actor: String) async throws -> [UUID]? {
        guard id != remover.id else { throw AccountError.removingYourself }
        let email = try await repository.users().first { $0.id == id }?.email ?? id.uuidString
        switch try await repository.deleteUser(
            id, audit: AuditEntry(at: now.epochSeconds, actor: actor, action: "user.remove", subject: email))
        {
        case .removed(let tokens): return tokens
        case .notFound: return nil
        case .lastOwner: throw AccountError.lastOwner
        }
    }

    // MARK: - Sign-in

    /// A new sign-in token for the right e-mail and password; nil otherwise.
    public func signIn(email: String, password: String, now: Timestamp) async throws -> IssuedToken? {
        let email = email.trimmed.lowercased()
        guard let found = try await repository.user(email: email) else {
            // As slow as a wrong password, so the answer's timing does not tell which e-mails have accounts.
            _ = try await passwords.hash(password)
            return nil
        }
        guard try await passwords.verify(password, hash: found.passwordHash) else { return nil }
        return try await issue(
            for: found.user, name: "session", kind: .session, lifetime: sessionLifetime, now: now,
            actor: "user:\(email)")
    }

    /// Whose token this is, when it is live at `now`: nil for an unknown,
    /// expired or revoked token.
    public func authenticate(token: String, now: Timestamp) async throws -> Caller? {
        guard let found = try await repository.token(hash: Hashing.sha256(token)),
            found.token.isLive(at: now.epochSeconds)
        else { return nil }
        return Caller(user: found.user, token: found.token)
    }

    /// Ends a token's use (signing out, a leaked token); false when it was not live.
    @discardableResult
    public func revoke(token: String, now: Timestamp, actor: String) async throws -> Bool {
        guard let found = try await repository.token(hash: Hashing.sha256(token)) else { return false }
        return try await revoke(found.token, of: found.user, now: now, actor: actor)
    }

    /// Ends the use of the caller's own token (signing out).
    @discardableResult
    public func signOut(_ caller: Caller, now: Timestamp) async throws -> Bool {
        try await revoke(caller.token, of: caller.user, now: now, actor: caller.actor)
    }

    private func revoke(_ token: AccessToken, of user: User, now: Timestamp, actor: String) async throws -> Bool {
        let revoked = try await repository.revokeTokens(
            [token.id], at: now.epochSeconds,
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "token.revoke", subject: user.email, detail: token.name))
        return revoked > 0
    }

    // MARK: - API tokens

    /// A new API token for the user with `email`, expiring after `lifetime`
    /// seconds when one is given.
    public func createAPIToken(email: String, name: String, lifetime: Double?, now: Timestamp, actor: String)
        async throws -> IssuedToken
    {
        if let lifetime, !(lifetime > 0) { throw AccountError.invalidLifetime }
        guard let user = try await repository.user(email: email.trimmed.lowercased())?.user else {
            throw AccountError.unknownUser(email)
        }
        return try await issue(for: user, name: name, kind: .api, lifetime: lifetime, now: now, actor: actor)
    }

    /// The tokens of the user with `email`, live or not.
    public func tokens(email: String) async throws -> [AccessToken] {
        guard let user = try await repository.user(email: email.trimmed.lowercased())?.user else {
            throw AccountError.unknownUser(email)
        }
        return try await repository.tokens(of: user.id)
    }

    /// Revokes the live tokens named `name` of the user with `email`; returns how many.
    public func revokeTokens(email: String, name: String, now: Timestamp, actor: String) async throws -> Int {
        let live = try await tokens(email: email).filter { $0.name == name && $0.isLive(at: now.epochSeconds) }
        guard !live.isEmpty else { return 0 }
        return try await repository.revokeTokens(
            live.map(\.id), at: now.epochSeconds,
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "token.revoke", subject: email.trimmed.lowercased(),
                detail: "\(name) ×\(live.count)"))
    }

    public func auditLog(limit: Int = 100) async throws -> [AuditEntry] {
        try await repository.auditLog(limit: limit)
    }

    private func issue(
        for user: User, name: String, kind: AccessToken.Kind, lifetime: Double?, now: Timestamp, actor: String
    ) async throws -> IssuedToken {
        let token = "pd_" + Self.randomToken()
        let record = AccessToken(
            id: UUID(), userID: user.id, name: name, kind: kind, createdAt: now.epochSeconds,
            expiresAt: lifetime.map { now.epochSeconds + $0 }, revokedAt: nil)
        try await repository.insertToken(
            record, hash: Hashing.sha256(token),
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: kind == .session ? "session.create" : "token.create",
                subject: user.email, detail: name))
        return IssuedToken(token: token, user: user, record: record)
    }

    /// 32 random bytes, URL-safe base64.
    public static func randomToken() -> String {
        // Eight bytes a draw: each draw is a system call (the buyer page makes a token per new visitor).
        var generator = SystemRandomNumberGenerator()
        var bytes = Data(capacity: 32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return Hashing.base64URL(bytes)
    }
}
