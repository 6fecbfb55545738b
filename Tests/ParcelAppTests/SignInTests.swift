import Foundation
import ParcelApp
import ParcelCore
import ParcelTestSupport
import Synchronization
import Testing

@Suite("Signing in")
struct SignInTests {
    @Test("an unknown e-mail costs one password hash, like a wrong password, so timing does not list accounts")
    func unknownEmailCostsAHash() async throws {
        let passwords = CountingPasswords()
        let accounts = AccountService(repository: MemoryAccounts(), passwords: passwords)
        let now = time("2026-11-22T09:00:00+09:00")
        _ = try await accounts.createUser(
            email: "owner@shop.kr", password: "correct horse", role: .owner, now: now, actor: "test")
        let before = passwords.work

        #expect(try await accounts.signIn(email: "owner@shop.kr", password: "wrong horse", now: now) == nil)
        let wrongPassword = passwords.work - before
        #expect(try await accounts.signIn(email: "nobody@shop.kr", password: "wrong horse", now: now) == nil)
        let unknownEmail = passwords.work - before - wrongPassword

        #expect(wrongPassword == 1)
        #expect(unknownEmail == wrongPassword)
    }

    @Test("tokens are 32 random bytes as URL-safe base64: 43 characters, never twice, every letter turning up")
    func tokens() {
        let tokens = (0..<2_000).map { _ in AccountService.randomToken() }
        #expect(Set(tokens).count == tokens.count)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy(alphabet.contains) })
        // The last character carries 4 bits and the rest 6: every one of the 64 letters turns up somewhere.
        #expect(Set(tokens.joined()) == alphabet)
    }

    @Test("a new password replaces the old one (the demo's reused owner); a short one or an unknown e-mail is refused")
    func newPassword() async throws {
        let accounts = AccountService(repository: MemoryAccounts(), passwords: CountingPasswords())
        let now = time("2026-11-22T09:00:00+09:00")
        _ = try await accounts.createUser(
            email: "owner@shop.kr", password: "correct horse", role: .owner, now: now, actor: "test")
        try await accounts.setPassword(email: "Owner@Shop.kr", password: "battery staple", now: now, actor: "test")
        #expect(try await accounts.signIn(email: "owner@shop.kr", password: "correct horse", now: now) == nil)
        #expect(try await accounts.signIn(email: "owner@shop.kr", password: "battery staple", now: now) != nil)
        await #expect(throws: AccountError.weakPassword) {
            try await accounts.setPassword(email: "owner@shop.kr", password: "short", now: now, actor: "test")
        }
        await #expect(throws: AccountError.unknownUser("nobody@shop.kr")) {
            try await accounts.setPassword(email: "nobody@shop.kr", password: "long enough", now: now, actor: "test")
        }
    }

    @Test("a Korean passphrase past bcrypt's 72 bytes is taken whole; one over the limit is refused, not cut")
    func longPasswords() async throws {
        let accounts = AccountService(repository: MemoryAccounts(), passwords: CountingPasswords())
        let now = time("2026-11-22T09:00:00+09:00")
        _ = try await accounts.createUser(
            email: "a@shop.kr", password: String(repeating: "가나다", count: 20), role: .staff, now: now,
            actor: "test")
        await #expect(throws: AccountError.passwordTooLong) {
            try await accounts.createUser(
                email: "b@shop.kr", password: String(repeating: "가", count: InputLimits.password + 1), role: .staff,
                now: now, actor: "test")
        }
    }
}

/// Counts bcrypt-sized pieces of work: one per hash or verification.
final class CountingPasswords: PasswordHasher {
    private let count = Atomic(0)
    var work: Int { count.load(ordering: .relaxed) }

    func hash(_ password: String) async throws -> String {
        count.add(1, ordering: .relaxed)
        return "plain:" + password
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        count.add(1, ordering: .relaxed)
        return hash == "plain:" + password
    }
}

/// Accounts in memory: the use cases' rules without a database.
actor MemoryAccounts: AccountRepository {
    private var usersByEmail: [String: (user: User, passwordHash: String)] = [:]
    private var tokensByHash: [String: AccessToken] = [:]
    private var log: [AuditEntry] = []

    func insertUser(_ user: User, passwordHash: String, audit: AuditEntry) throws {
        guard usersByEmail[user.email] == nil else { throw AccountError.emailTaken(user.email) }
        usersByEmail[user.email] = (user, passwordHash)
        log.append(audit)
    }

    func user(email: String) -> (user: User, passwordHash: String)? { usersByEmail[email] }

    func users() -> [User] { usersByEmail.values.map(\.user).sorted { $0.createdAt < $1.createdAt } }

    func deleteUser(_ id: UUID, audit: AuditEntry) -> DeletedUser {
        guard let found = usersByEmail.values.first(where: { $0.user.id == id }) else { return .notFound }
        let owners = usersByEmail.values.filter { $0.user.role == .owner }.map(\.user.id)
        if found.user.role == .owner, owners == [id] { return .lastOwner }
        usersByEmail[found.user.email] = nil
        let tokens = tokensByHash.filter { $0.value.userID == id }
        for key in tokens.keys { tokensByHash[key] = nil }
        log.append(audit)
        return .removed(tokens: tokens.values.map(\.id))
    }

    func auditLog(subject: String, action: String) -> [AuditEntry] {
        log.filter { $0.subject == subject && $0.action == action }
    }

    func appendAudit(_ entry: AuditEntry) { log.append(entry) }

    func setPasswordHash(userID: UUID, hash: String, audit: AuditEntry) -> Bool {
        guard let found = usersByEmail.values.first(where: { $0.user.id == userID }) else { return false }
        usersByEmail[found.user.email] = (found.user, hash)
        log.append(audit)
        return true
    }

    func insertToken(_ token: AccessToken, hash: String, audit: AuditEntry) {
        tokensByHash[hash] = token
        log.append(audit)
    }

    func token(hash: String) -> (user: User, token: AccessToken)? {
        guard let token = tokensByHash[hash],
            let user = usersByEmail.values.first(where: { $0.user.id == token.userID })?.user
        else { return nil }
        return (user, token)
    }

    func tokens(of user: UUID) -> [AccessToken] { tokensByHash.values.filter { $0.userID == user } }

    func revokeTokens(_ ids: [UUID], at moment: Double, audit: AuditEntry) -> Int {
        var revoked = 0
        for (hash, token) in tokensByHash where ids.contains(token.id) && token.isLive(at: moment) {
            tokensByHash[hash] = AccessToken(
                id: token.id, userID: token.userID, name: token.name, kind: token.kind, createdAt: token.createdAt,
                expiresAt: token.expiresAt, revokedAt: moment)
            revoked += 1
        }
        if revoked > 0 { log.append(audit) }
        return revoked
    }

    func auditLog(limit: Int) -> [AuditEntry] { Array(log.suffix(limit).reversed()) }
}
