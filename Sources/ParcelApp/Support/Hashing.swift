import Crypto
import Foundation

/// Digests for tokens and row keys.
public enum Hashing {
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// `bytes` as URL-safe base64 without padding (RFC 4648 §5), for tokens in links and headers.
    public static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        var encoded: [UInt8] = []
        for byte in Data(bytes).base64EncodedData() {
            switch byte {
            case UInt8(ascii: "+"): encoded.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): encoded.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: encoded.append(byte)
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Hex SHA-256, for tokens.
    public static func sha256(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Hex HMAC-SHA256 of `purpose` keyed by `secret`: a value derived from a
    /// secret (a session's token) that can be shown without showing the secret.
    public static func derived(from secret: String, purpose: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    /// The first 128 bits of SHA-256 in hex: keys that only have to tell
    /// rows apart, half the index space of a full digest.
    public static func digest128(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)).prefix(16))
    }

    /// `digest128` of `parts` joined by U+001F, without building the joined text.
    public static func digest128(joining parts: [String]) -> String {
        digest128(records: [parts])
    }

    /// `digest128` of `records`, each record's fields joined by U+001F and
    /// the records by U+001E, without building the joined text.
    public static func digest128(records: [[String]]) -> String {
        // One buffer hashed once: an update per field costs more than the hashing.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.reduce(0) { $0 + $1.reduce(8) { $0 + $1.utf8.count + 1 } })
        for (index, fields) in records.enumerated() {
            if index > 0 { bytes.append(0x1E) }
            for (position, field) in fields.enumerated() {
                if position > 0 { bytes.append(0x1F) }
                bytes.append(contentsOf: field.utf8)
            }
        }
        return hex(SHA256.hash(data: bytes).prefix(16))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in bytes {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
