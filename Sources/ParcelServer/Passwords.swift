import NIOPosix
import ParcelApp
import Vapor

/// bcrypt, off the event loops (a hash costs a quarter second at cost 12).
public struct Passwords: ParcelApp.PasswordHasher {
    public let cost: Int

    public init(cost: Int = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}
