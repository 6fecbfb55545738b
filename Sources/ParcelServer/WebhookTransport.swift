import Foundation
import ParcelApp
import Vapor

/// Posts a webhook delivery with Vapor's HTTP client: ten seconds at most,
/// and the receiver's body is not read beyond its status.
struct VaporWebhookTransport: WebhookTransport {
    let client: any Client

    func post(_ url: String, headers: [(String, String)], body: Data) async throws -> Int {
        var request = ClientRequest(
            method: .POST, url: URI(string: url), headers: HTTPHeaders(headers),
            body: ByteBuffer(bytes: body))
        request.timeout = .seconds(10)
        return Int(try await client.send(request).status.code)
    }
}
