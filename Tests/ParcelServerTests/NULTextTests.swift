import Foundation
import ParcelApp
import Testing
import VaporTesting

@testable import ParcelServer

@Suite("Text with a NUL character is refused where it comes in")
struct NULTextTests {
    @Test("an order number or buyer name with U+0000 is a 422 naming the field, and nothing is stored")
    func refused() async throws {
        try await withServer { server in
            for (field, json) in [
                ("externalId", orderJSON.replacingOccurrences(of: "\"A-1001\"", with: "\"A-1001\\u0000x\"")),
                ("buyer.name", orderJSON.replacingOccurrences(of: "\"김민지\"", with: "\"김\\u0000민지\"")),
            ] {
                let answer = try await server.send(.POST, "/api/v1/orders", json: json)
                #expect(answer.status == .unprocessableEntity)
                #expect(answer.body.string.contains("\"field\":\"\(field)\""), "\(answer.body.string)")
            }
            #expect(try await server.services.orders.counts().orders == 0)
        }
    }
}
