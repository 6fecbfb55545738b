import Crypto
import Foundation

/// The installation's own secret, from configuration: buyer page tokens are
/// derived from it, so a copy of the database alone opens no buyer page.
/// Each use gets its own key derived from it.
public struct SecretKey: Sendable {
    let bytes: Data

    /// At least 32 bytes.
    public init?(_ bytes: Data) {
        guard bytes.count >= 32 else { return nil }
        self.bytes = bytes
    }

    /// A key that lives as long as the process (an in-memory database, a test).
    public static func random() -> SecretKey {
        SecretKey(Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }))!
    }

    /// Base64 text, as `PARCELDESK_SECRET_KEY` and the key file hold it.
    public init?(text: String) {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        self.init(data)
    }

    public var text: String { bytes.base64EncodedString() }

    /// The key for one purpose.
    func derived(_ purpose: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8), using: SymmetricKey(data: bytes)))
    }
}
