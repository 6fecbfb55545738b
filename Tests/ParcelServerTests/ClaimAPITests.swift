import Foundation
import NIOCore
import ParcelApp
import ParcelCore
import ParcelTestSupport
import Testing
import VaporTesting

@testable import ParcelServer

/// A Smartstore order delivered on 20 November (KST), set up through the services.
func deliveredSmartstoreOrder(_ server: TestServer, id: String = "S-2001") async throws {
    let draft = OrderDraft(
        info: OrderInfo(
            id: id, marketplace: "smartstore", placedAt: time("2026-11-17T10:00:00+09:00"),
            confirmedAt: time("2026-11-17T12:00:00+09:00"), buyerName: "김민수"),
        buyerPhone: "010-1234-5678", buyerEmail: nil, items: [OrderItem(name: "무선 충전기", quantity: 1, price: 39000)],
        shipment: ShipmentInfo(
            carrier: "kr.cjlogistics", trackingNumber: "123456789013", shippingOption: "택배",
            shippedAt: time("2026-11-18T09:00:00+09:00"), origin: "KR", destination: "KR"))
    let scans = [("2026-11-18T18:00:00+09:00", "11", "집화처리"), ("2026-11-20T14:00:00+09:00", "91", "배달완료")].map {
        RawTrackingEvent(
            source: "cjlogistics", carrier: "kr.cjlogistics", trackingNumber: "123456789013", time: time($0.0),
            code: $0.1, text: $0.2)
    }
    _ = try await server.services.orders.createOrders([NewOrder(draft, events: scans)], now: testNow, actor: "test")
}

/// A multipart body with one file part and a kind.
func multipart(_ data: Data, name: String, kind: String? = "item_photos", boundary: String = "parceldesk-test-boundary")
    -> (body: ByteBuffer, contentType: String)
{
    var body = Data()
    if let kind {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n\(kind)\r\n".utf8))
    }
    body.append(
        Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8))
    body.append(data)
    body.append(Data("\r\n--\(boundary)--\r\n".utf8))
    return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
}

func jpegBytes(_ size: Int) -> Data {
    Data([0xFF, 0xD8, 0xFF, 0xE0] + (0..<max(0, size - 4)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
}

@Suite("Claims API")
struct ClaimAPITests {
    func open(_ server: TestServer, _ json: String, order: String = "S-2001") async throws -> TestingHTTPResponse {
        try await server.send(.POST, "/api/v1/orders/\(order)/claims", json: json)
    }

    func openedReturn(_ server: TestServer) async throws -> String {
        try await deliveredSmartstoreOrder(server)
        let response = try await open(server, #"{"type": "return", "reason": "defective", "detail": "전원이 안 켜져요"}"#)
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(try server.object(response)["id"] as? String)
    }

    @Test("every claims route needs a token; staff may use them all")
    func access() async throws {
        try await withServer { server in
            let claim = try await openedReturn(server)
            let routes: [(HTTPMethod, String)] = [
                (.POST, "/api/v1/orders/S-2001/claims"), (.GET, "/api/v1/claims"), (.GET, "/api/v1/claims/\(claim)"),
                (.POST, "/api/v1/claims/\(claim)/actions"), (.POST, "/api/v1/claims/\(claim)/evidence"),
                (.GET, "/api/v1/claims/\(claim)/bundle"),
            ]
            for (method, path) in routes {
                let response = try await server.send(method, path, token: .some(nil))
                #expect(response.status == .unauthorized, "\(method) \(path)")
            }
            let staff = try await server.staffToken()
            #expect(try await server.send(.GET, "/api/v1/claims", token: staff).status == .ok)
            #expect(try await server.send(.GET, "/api/v1/claims/\(claim)", token: staff).status == .ok)
        }
    }

    @Test(
        "opening: 201 with the claim's state, deadlines, allowed actions and checklist; 409 with the rule when refused")
    func opening() async throws {
        try await withServer { server in
            try await deliveredSmartstoreOrder(server)
            // MUT
            let created = try await open(server, #"{"type": "return", "reason": "defective"}"#)
            // validate
            #expect(created.status == .created)
            let claim = try server.object(created)
            #expect(claim["label"] as? String == "S-2001-C1")
            #expect(claim["state"] as? String == "requested")
            #expect(claim["profile"] as? String == "smartstore")
            #expect(claim["orderStage"] as? String == "delivered")
            #expect(claim["payer"] as? String == "seller")
            #expect(claim["version"] as? Int == 1)
            let allowed = try #require(claim["allowed"] as? [String: [String]])
            #expect(Set(allowed["seller"] ?? []) == ["approve", "collect", "reject", "hold"])
            let deadlines = try #require(claim["deadlines"] as? [[String: Any]])
            #expect(deadlines.first?["kind"] as? String == "seller_action")
            let checklist = try #require(claim["checklist"] as? [[String: Any]])
            #expect(checklist.contains { $0["kind"] as? String == "item_photos" && $0["provided"] as? Bool == false })
            // A second return while this one is open.
            let again = try await open(server, #"{"type": "return", "reason": "defective"}"#)
            #expect(again.status == .conflict)
            #expect(try server.object(again)["rule"] as? String == "claim_open")
            // A cancel after dispatch.
            let cancel = try await open(server, #"{"type": "cancel", "reason": "change_of_mind"}"#)
            #expect(cancel.status == .conflict)
            let refusal = try server.object(cancel)
            #expect(refusal["rule"] as? String == "not_allowed_in_state")
            let message = try #require(refusal["message"] as? [String: String])
            #expect(message["ko"]?.isEmpty == false && message["en"]?.isEmpty == false)
        }
    }

    @Test("a window that closed is a 409 naming the rule and the moment it closed")
    func closedWindow() async throws {
        try await withServer(clock: .fixed(time("2026-11-28T10:00:00+09:00"))) { server in
            try await deliveredSmartstoreOrder(server)
            let response = try await open(server, #"{"type": "exchange", "reason": "change_of_mind"}"#)
            #expect(response.status == .conflict)
            let refusal = try server.object(response)
            #expect(refusal["rule"] as? String == "withdrawal_window")
            #expect(refusal["closedAt"] as? String == "2026-11-27T15:00:00Z")
            #expect(try await server.send(.GET, "/api/v1/claims").body.string.contains("\"items\":[]"))
        }
    }

    @Test(
        "bad input is a 422 naming the field; an unknown order or claim is a 404",
        arguments: [
            (#"{"type": "swap", "reason": "defective"}"#, "type"),
            (#"{"type": "refund", "reason": "defective", "amount": "-5"}"#, "amount"),
            (#"{"type": "return", "reason": "defective", "noticedAt": "last week"}"#, "noticedAt"),
        ])
    func badInput(json: String, field: String) async throws {
        try await withServer { server in
            try await deliveredSmartstoreOrder(server)
            let response = try await open(server, json)
            #expect(response.status == .unprocessableEntity, "\(response.body.string)")
            #expect(response.body.string.contains(field))
        }
    }

    @Test("unknown order and claim ids are 404s")
    func notFound() async throws {
        try await withServer { (server) async throws in
            #expect(
                try await open(server, #"{"type": "return", "reason": "defective"}"#, order: "S-404").status
                    == .notFound)
            let missing = UUID().uuidString
            #expect(try await server.send(.GET, "/api/v1/claims/\(missing)").status == .notFound)
            #expect(try await server.send(.GET, "/api/v1/claims/not-a-uuid").status == .notFound)
            #expect(
                try await server.send(.POST, "/api/v1/claims/\(missing)/actions", json: #"{"action": "approve"}"#)
                    .status
                    == .notFound)
            #expect(try await server.send(.GET, "/api/v1/claims/\(missing)/bundle").status == .notFound)
        }
    }

    @Test("actions: the new state, or a 409 with the rule; ETag and If-Match guard against a changed claim")
    func actions() async throws {
        try await withServer { server in
            let claim = try await openedReturn(server)
            let got = try await server.send(.GET, "/api/v1/claims/\(claim)")
            #expect(got.headers.first(name: .eTag) == "1")
            // MUT
            let approved = try await server.send(
                .POST, "/api/v1/claims/\(claim)/actions", json: #"{"action": "approve", "note": "수거 요청했습니다"}"#,
                headers: ["If-Match": "1"])
            // validate
            #expect(approved.status == .ok, "\(approved.body.string)")
            #expect(try server.object(approved)["state"] as? String == "collecting")
            let stale = try await server.send(
                .POST, "/api/v1/claims/\(claim)/actions", json: #"{"action": "hold"}"#, headers: ["If-Match": "\"1\""])
            #expect(stale.status == .conflict)
            #expect(try server.object(stale)["rule"] as? String == "stale_state")
            let wrong = try await server.send(
                .POST, "/api/v1/claims/\(claim)/actions", json: #"{"action": "escalate"}"#)
            #expect(wrong.status == .conflict)
            #expect(try server.object(wrong)["rule"] as? String == "not_allowed_in_state")
            let byBuyer = try await server.send(
                .POST, "/api/v1/claims/\(claim)/actions", json: #"{"action": "collected", "by": "buyer"}"#)
            #expect(try server.object(byBuyer)["rule"] as? String == "not_allowed_for_actor")
            let history = try #require(
                try server.object(try await server.send(.GET, "/api/v1/claims/\(claim)"))["history"] as? [[String: Any]]
            )
            #expect(history.map { $0["action"] as? String } == ["request", "approve"])
            #expect(history[1]["note"] as? String == "수거 요청했습니다")
            #expect((history[1]["recordedBy"] as? String)?.contains("owner@shop.kr") == true)
        }
    }

    @Test("two actions racing on one claim: one 200, the others 409; an Idempotency-Key repeat is one action")
    func racingAndIdempotency() async throws {
        try await withServer { server in
            let claim = try await openedReturn(server)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await server.send(.POST, "/api/v1/claims/\(claim)/actions", json: #"{"action": "approve"}"#)
                            .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 5)
            for _ in 0..<3 {
                let response = try await server.send(
                    .POST, "/api/v1/claims/\(claim)/actions", json: #"{"action": "collected"}"#,
                    headers: ["Idempotency-Key": "collected-1"])
                #expect(response.status == .ok)
                #expect(try server.object(response)["version"] as? Int == 3)
            }
        }
    }

    @Test("evidence: 201 with its hash; too large 413, wrong type 415, unknown claim 404; nothing stored on any error")
    func evidence() async throws {
        try await withServer(settings: { $0.evidenceLimits = EvidenceLimits(fileBytes: 50_000, claimBytes: 60_000) }) {
            server in
            let claim = try await openedReturn(server)
            let path = "/api/v1/claims/\(claim)/evidence"
            func upload(_ data: Data, name: String, kind: String? = "item_photos", to target: String? = nil)
                async throws -> TestingHTTPResponse
            {
                let (body, type) = multipart(data, name: name, kind: kind)
                var headers: HTTPHeaders = ["Content-Type": type]
                headers.bearerAuthorization = BearerAuthorization(token: server.token)
                return try await server.app.testing().sendRequest(.POST, target ?? path, headers: headers, body: body)
            }
            // MUT
            let stored = try await upload(jpegBytes(20_000), name: "front.jpg")
            // validate
            #expect(stored.status == .created, "\(stored.body.string)")
            let file = try server.object(stored)
            #expect(file["mediaType"] as? String == "image/jpeg")
            #expect(file["size"] as? Int == 20_000)
            #expect((file["sha256"] as? String)?.count == 64)
            #expect(try await upload(jpegBytes(50_001), name: "big.jpg").status == .payloadTooLarge)
            // 20,000 stored and 45,000 more would pass the claim's 60,000.
            #expect(try await upload(jpegBytes(45_000), name: "third.jpg").status == .payloadTooLarge)
            #expect(
                try await upload(Data("%!PS-Adobe".utf8) + Data([0, 1, 2]), name: "x.jpg").status
                    == .unsupportedMediaType)
            #expect(
                try await upload(jpegBytes(100), name: "x.jpg", kind: "order_record").status == .unprocessableEntity)
            #expect(
                try await upload(jpegBytes(100), name: "x.jpg", to: "/api/v1/claims/\(UUID().uuidString)/evidence")
                    .status
                    == .notFound)
            // Not multipart at all.
            #expect(
                try await server.send(.POST, path, body: "hello", contentType: "text/plain").status
                    == .unsupportedMediaType)
            let view = try server.object(try await server.send(.GET, "/api/v1/claims/\(claim)"))
            #expect((view["evidence"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("the bundle is a ZIP with the claim's manifest")
    func bundle() async throws {
        try await withServer { server in
            let claim = try await openedReturn(server)
            _ = try await server.services.claims.attach(
                jpegBytes(1000), name: "front.jpg", kind: .itemPhotos, to: UUID(uuidString: claim)!, actor: "test",
                now: testNow)
            let response = try await server.send(.GET, "/api/v1/claims/\(claim)/bundle")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("application/zip") == true)
            #expect(response.headers.first(name: .contentDisposition)?.contains("S-2001-C1") == true)
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            #expect(bytes.count > 1000)
            let refused = try await server.send(
                .GET, "/api/v1/claims/\(claim)/bundle", headers: ["Accept": "application/json"])
            #expect(refused.status == .notAcceptable)
        }
    }

    @Test("the order's detail gains its stage, claims and next deadline; the queue shows claim deadlines")
    func orderAndQueue() async throws {
        try await withServer(clock: .fixed(time("2026-11-24T18:00:00+09:00"))) { server in
            let claim = try await openedReturn(server)
            let detail = try server.object(try await server.send(.GET, "/api/v1/orders/S-2001"))
            #expect(detail["stage"] as? String == "delivered")
            let claims = try #require(detail["claims"] as? [[String: Any]])
            #expect(claims.first?["id"] as? String == claim)
            #expect(claims.first?["state"] as? String == "requested")
            let next = try #require(detail["nextDeadline"] as? [String: Any])
            #expect(next["kind"] as? String == "seller_action")
            let queue = try server.object(try await server.send(.GET, "/api/v1/queue?minSeverity=watch"))
            let items = try #require(queue["items"] as? [[String: Any]])
            let row = try #require(items.first { $0["claimId"] as? String == claim })
            #expect(row["code"] as? String == "deadline_near")
            #expect((row["summary"] as? [String: String])?["ko"]?.contains("S-2001-C1") == true)
        }
    }

    @Test("the list filters by state and type and pages with a cursor")
    func list() async throws {
        try await withServer { server in
            for index in 1...3 {
                try await deliveredSmartstoreOrder(server, id: "S-\(index)")
                _ = try await open(server, #"{"type": "return", "reason": "defective"}"#, order: "S-\(index)")
            }
            let first = try server.object(try await server.send(.GET, "/api/v1/claims?limit=2&type=return"))
            #expect((first["items"] as? [[String: Any]])?.count == 2)
            let cursor = try #require(first["nextCursor"] as? String)
            let second = try server.object(
                try await server.send(
                    .GET,
                    "/api/v1/claims?limit=2&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                ))
            #expect((second["items"] as? [[String: Any]])?.count == 1)
            #expect(second["nextCursor"] == nil)
            #expect(
                (try server.object(try await server.send(.GET, "/api/v1/claims?state=done"))["items"] as? [Any])?
                    .isEmpty == true)
            #expect(try await server.send(.GET, "/api/v1/claims?cursor=nonsense").status == .unprocessableEntity)
        }
    }
}
