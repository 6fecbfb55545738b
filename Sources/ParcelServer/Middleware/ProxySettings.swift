import Foundation
import ParcelApp
import Vapor

/// How the server sees the browser behind a reverse proxy: whose
/// `X-Forwarded-For` and `X-Forwarded-Proto` to believe, and the address
/// people reach the desk at, for the links it hands out (buyer pages).
public struct ProxySettings: Sendable, Equatable {
    /// Peer addresses whose forwarding headers are believed; from anyone
    /// else they are ignored, so a client cannot pick its own rate limit.
    public var trustedProxies: Set<String> = []
    /// `https://desk.example.kr`: links are built from it instead of `Host`,
    /// and the session cookie is `Secure` when it is https.
    public var publicURL: String?

    public init(trustedProxies: Set<String> = [], publicURL: String? = nil) {
        self.trustedProxies = trustedProxies
        self.publicURL = publicURL
    }

    /// The browser's address, as rate limits count it (an IPv6 client by its
    /// /64), and whether it reached us over TLS.
    func client(peer: String?, headers: HTTPHeaders, scheme: String?) -> (address: String, secure: Bool) {
        let peer = peer ?? "unknown"
        let trusted = trustedProxies.contains(peer)
        var address = peer
        if trusted {
            // Every X-Forwarded-For line, in order; read from the right, where our proxies appended what
            // they saw. The first hop that is not ours is the client; what it claimed further left is ignored.
            let hops = headers["X-Forwarded-For"].flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if let client = hops.last(where: { !trustedProxies.contains($0) }), Self.looksLikeAddress(client) {
                address = client
            }
        }
        let secure =
            scheme == "https" || publicURL?.lowercased().hasPrefix("https://") == true
            || (trusted && headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https")
        return (NetworkAddress.rateKey(address), secure)
    }

    static func looksLikeAddress(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 45
            && text.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "0123456789abcdefABCDEF:.").contains($0) }
    }

    /// `scheme://host[:port]` with nothing after it; nil when `text` is not one.
    static func origin(_ text: String) -> String? {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty, url.user == nil,
            url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil
        else { return nil }
        return "\(scheme)://\(host.lowercased())\(url.port.map { ":\($0)" } ?? "")"
    }
}
