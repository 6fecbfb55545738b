import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// IP addresses as rules about them need them: which are this machine's or a
/// private network's (a webhook must not reach them), and which share a
/// network (one IPv6 client has a whole /64 to count from).
public enum NetworkAddress {
    /// The 16 bytes of an IPv6 address, or an IPv4 one mapped into them; nil for a host name.
    public static func bytes(_ text: String) -> [UInt8]? {
        let text = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Loopback, private, link-local (cloud metadata services live there),
    /// unspecified or unique-local; `localhost` too. A host name is not
    /// judged here: its addresses are, when it is resolved.
    public static func isPrivate(host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        guard let bytes = bytes(host) else { return false }
        return isPrivate(bytes)
    }

    public static func isPrivate(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return true }
        if isMappedIPv4(bytes) {
            let (a, b) = (bytes[12], bytes[13])
            return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b))
                || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b))
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return true }  // :: and ::1
        return (bytes[0] & 0xFE) == 0xFC || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80)
    }

    /// `::ffff:a.b.c.d`: an IPv4 address in IPv6 form (how `bytes` gives every IPv4 address).
    static func isMappedIPv4(_ bytes: [UInt8]) -> Bool {
        bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    /// What a rate limit counts: an IPv4 address as it is, an IPv6 address
    /// by its /64 (one subscriber's network); anything else as given.
    public static func rateKey(_ text: String) -> String {
        guard text.contains(":"), let bytes = bytes(text), !isMappedIPv4(bytes) else { return text }
        return stride(from: 0, to: 8, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }
            .joined(separator: ":") + "::/64"
    }
}
