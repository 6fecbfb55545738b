import Foundation
import ParcelApp
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Posts a webhook delivery with Vapor's HTTP client: ten seconds at most,
/// redirects not followed, and the receiver's body not read beyond its
/// status. Unless the installation allows private receivers, a host that
/// resolves to this machine or a private network is refused before connecting.
struct VaporWebhookTransport: WebhookTransport {
    let client: any Client
    var allowsPrivateAddresses = false

    struct PrivateAddress: Error, CustomStringConvertible {
        let host: String
        var description: String { "\(host) resolves to a private or local address" }
    }

    func post(_ url: String, headers: [(String, String)], body: Data) async throws -> Int {
        let uri = URI(string: url)
        if !allowsPrivateAddresses, let host = uri.host, await Self.resolvesPrivately(host) {
            throw PrivateAddress(host: host)
        }
        var request = ClientRequest(
            method: .POST, url: uri, headers: HTTPHeaders(headers), body: ByteBuffer(bytes: body))
        request.timeout = .seconds(10)
        return Int(try await client.send(request).status.code)
    }

    /// Any of the host's addresses private or local; resolving off the event loop.
    static func resolvesPrivately(_ host: String) async -> Bool {
        if NetworkAddress.isPrivate(host: host) { return true }
        return await Task.detached {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var found: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &found) == 0, let first = found else { return false }
            defer { freeaddrinfo(first) }
            var next: UnsafeMutablePointer<addrinfo>? = first
            while let entry = next?.pointee {
                var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                if let address = entry.ai_addr {
                    switch entry.ai_family {
                    case AF_INET:
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                            var raw = v4.pointee.sin_addr
                            _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                        }
                    case AF_INET6:
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                            var raw = v6.pointee.sin6_addr
                            _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                        }
                    default: break
                    }
                }
                let resolved = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !resolved.isEmpty, NetworkAddress.isPrivate(host: resolved) { return true }
                next = entry.ai_next
            }
            return false
        }.value
    }
}
