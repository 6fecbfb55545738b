import NIOPosix
import ParcelApp
import Vapor

/// bcrypt, off the event loops (a hash costs a quarter second at cost 12),
/// of the password's SHA-256: bcrypt itself stops reading at a NUL and after
/// 72 bytes (24 Korean characters), so two passwords alike up to there would
/// both open the account. Hashes made before that, without the prefix, are
/// still checked as they were made.
public struct Passwords: ParcelApp.PasswordHasher {
    public let cost: Int

    static let prefix = "sha256-bcrypt$"

    public init(cost: Int = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive {
            Self.prefix + (try Bcrypt.hash(Hashing.sha256(password), cost: cost))
        }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive {
            if hash.hasPrefix(Self.prefix) {
                return
                    (try? Bcrypt.verify(Hashing.sha256(password), created: String(hash.dropFirst(Self.prefix.count))))
                    ?? false
            }
            return (try? Bcrypt.verify(password, created: hash)) ?? false
        }
    }
}
