import Foundation
import ParcelApp
import ParcelCore
import ParcelStore
import Testing
import VaporTesting

@testable import ParcelServer

@Suite("REST API")
struct APITests {
    // MARK: - Auth

    @Test(
        "every API route needs a known bearer token",
        arguments: [
            (HTTPMethod.GET, "/api/v1/orders"), (.GET, "/api/v1/orders/A-1"), (.POST, "/api/v1/orders"),
            (.POST, "/api/v1/events"), (.GET, "/api/v1/queue"), (.POST, "/api/v1/imports?format=generic"),
        ])
    func authRequired(method: HTTPMethod, path: String) async throws {
        try await withServer { server in
            let missing = try await server.send(method, path, json: "{}", token: .some(nil))
            #expect(missing.status == .unauthorized)
            #expect(try server.object(missing)["error"] as? String != nil)
            let wrong = try await server.send(method, path, json: "{}", token: "pd_not-a-token")
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test("every severity, import format and role the domain has is in openapi.yaml, and back")
    func domainValuesAreInTheSpec() throws {
        for severity in Severity.allCases {
            let wire: Schemas.Severity = try converted(severity, field: "severity")
            #expect(try converted(wire, field: "severity") == severity)
        }
        for format in ImportFormat.allCases {
            let wire: Schemas.ImportFormat = try converted(format, field: "format")
            #expect(try converted(wire, field: "format") == format)
        }
        for role in Role.allCases {
            let wire: Schemas.Role = try converted(role, field: "role")
            #expect(try converted(wire, field: "role") == role)
        }
        #expect(throws: UnknownValue.self) { try Schemas.DiagnosisCode.named("not_a_code", field: "code") }
    }

    @Test("health, metrics and the spec are open; the spec is the file the API was generated from")
    func openRoutes() async throws {
        try await withServer { server in
            let health = try await server.send(.GET, "/health", token: .some(nil))
            #expect(health.status == .ok)
            #expect(try server.object(health)["status"] as? String == "ok")
            let spec = try await server.send(.GET, "/openapi.yaml", token: .some(nil))
            #expect(spec.status == .ok)
            let file = try Data(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent("Sources/ParcelServer/openapi.yaml"))
            #expect(Data(spec.body.readableBytesView) == file)
            _ = try await server.send(.GET, "/api/v1/queue")
            let metrics = try await server.send(.GET, "/metrics", token: .some(nil))
            #expect(
                metrics.body.string.contains(
                    "parceldesk_http_requests_total{method=\"GET\",route=\"/api/v1/queue\",status=\"200\"} 1"))
        }
    }

    @Test("signing in gives a working token; a wrong password does not; the sixth try in a minute is refused")
    func sessions() async throws {
        try await withServer { server in
            let good = try await server.send(
                .POST, "/api/v1/sessions",
                json: #"{"email": "Owner@Shop.kr", "password": "\#(TestServer.ownerPassword)"}"#, token: .some(nil))
            #expect(good.status == .created)
            let token = try #require(try server.object(good)["token"] as? String)
            #expect(try await server.send(.GET, "/api/v1/queue", token: token).status == .ok)
            for _ in 0..<4 {
                let wrong = try await server.send(
                    .POST, "/api/v1/sessions", json: #"{"email": "owner@shop.kr", "password": "nope"}"#,
                    token: .some(nil))
                #expect(wrong.status == .unauthorized)
            }
            let limited = try await server.send(
                .POST, "/api/v1/sessions", json: #"{"email": "owner@shop.kr", "password": "nope"}"#, token: .some(nil))
            #expect(limited.status == .tooManyRequests)
        }
    }

    // MARK: - Orders

    @Test("creating an order: 201, the carrier read from the number, then 409 for the same order number")
    func createOrder() async throws {
        try await withServer { server in
            let created = try await server.send(.POST, "/api/v1/orders", json: orderJSON)
            #expect(created.status == .created)
            let body = try server.object(created)
            #expect(body["externalId"] as? String == "A-1001")
            #expect(body["carrier"] as? String == "cn.cainiao")
            #expect(body["numberCheck"] == nil)
            #expect(UUID(uuidString: try #require(body["id"] as? String)) != nil)
            let again = try await server.send(.POST, "/api/v1/orders", json: orderJSON)
            #expect(again.status == .conflict)
            #expect((try server.object(again)["error"] as? String)?.contains("A-1001") == true)
        }
    }

    @Test("a country must be an assigned code: KO is refused naming the field, UK is read as GB")
    func countryCodes() async throws {
        try await withServer { server in
            let korea = orderJSON.replacingOccurrences(of: #""destination": "KR""#, with: #""destination": "KO""#)
            let refused = try await server.send(.POST, "/api/v1/orders", json: korea)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#""field":"shipment.destination""#))
            #expect(refused.body.string.contains(#"got \"KO\""#))
            let britain = orderJSON.replacingOccurrences(of: #""destination": "KR""#, with: #""destination": "uk""#)
            #expect(try await server.send(.POST, "/api/v1/orders", json: britain).status == .created)
            let stored = try #require(try await server.services.orders.orders(OrderFilter()).items.first)
            let detail = try #require(try await server.services.orders.order(stored.id.uuidString))
            #expect(detail.shipment?.destination == "GB")
        }
    }

    @Test("a number the check doubts is kept as given and flagged with its fix")
    func flaggedNumber() async throws {
        try await withServer { server in
            let json = orderJSON.replacingOccurrences(of: "LP00123456789012", with: "RR12345678SCN")
                .replacingOccurrences(of: #""shipment": {"#, with: #""shipment": {"carrier": "China Post", "#)
            let created = try await server.send(.POST, "/api/v1/orders", json: json)
            #expect(created.status == .created)
            let check = try #require(try server.object(created)["numberCheck"] as? [String: Any])
            #expect(check["kind"] as? String == "fixable")
            #expect((check["suggestions"] as? [String])?.first == "RR123456785CN")
            let detail = try await server.send(.GET, "/api/v1/orders/A-1001")
            #expect(detail.body.string.contains("RR12345678SCN"))
            #expect(detail.body.string.contains("number_fixable"))
        }
    }

    @Test("a bad order is answered with every bad field at once")
    func invalidOrder() async throws {
        try await withServer { server in
            // Missing externalId, an unreadable date, a quantity that is a string, a made-up country.
            let json = """
                {"marketplace": "aliexpress", "placedAt": "last tuesday", "buyer": {"name": "김민지"},
                 "items": [{"name": "케이스", "quantity": "two"}, {"name": "필름", "quantity": 1, "price": "3000"},
                           {"name": "거치대", "quantity": true}],
                 "shipment": {"trackingNumber": "LP00123456789012", "origin": "Narnia"}}
                """
            let response = try await server.send(.POST, "/api/v1/orders", json: json)
            #expect(response.status == .unprocessableEntity)
            let errors = try #require(try server.object(response)["errors"] as? [[String: String]])
            let fields = Set(errors.compactMap { $0["field"] })
            #expect(fields.isSuperset(of: ["externalId", "placedAt", "items[0].quantity", "shipment.origin"]))
            // A price sent as text is named; a quantity of 1 is not mistaken for true, but true is refused.
            #expect(fields.contains("items[1].price"))
            #expect(!fields.contains("items[1].quantity"))
            #expect(fields.contains("items[2].quantity"))
            // Only semantic problems: still all named, through the handler.
            let semantic = orderJSON.replacingOccurrences(of: "2026-11-01T10:00:00+09:00", with: "soon")
                .replacingOccurrences(of: #""origin": "CN""#, with: #""origin": "CHN""#)
            let second = try await server.send(.POST, "/api/v1/orders", json: semantic)
            #expect(second.status == .unprocessableEntity)
            let names = try #require(try server.object(second)["errors"] as? [[String: String]]).compactMap {
                $0["field"]
            }
            #expect(Set(names) == ["placedAt", "shipment.origin"])
            let garbage = try await server.send(.POST, "/api/v1/orders", json: "{not json")
            #expect(garbage.status == .unprocessableEntity)
        }
    }

    @Test("an order reads back with its analysis, by id or by order number, in the asked language")
    func getOrder() async throws {
        try await withServer { server in
            let id = try #require(
                try server.object(try await server.send(.POST, "/api/v1/orders", json: orderJSON))["id"] as? String)
            let byID = try await server.send(.GET, "/api/v1/orders/\(id)")
            #expect(byID.status == .ok)
            let body = try server.object(byID)
            #expect(body["externalId"] as? String == "A-1001")
            #expect((body["buyer"] as? [String: Any])?["phone"] as? String == "010-1234-5678")
            let tracking = try #require(body["tracking"] as? [String: Any])
            #expect(tracking["status"] as? String == "pending")
            let diagnoses = try #require(tracking["diagnoses"] as? [[String: Any]])
            // Shipped four days ago and never scanned.
            #expect(diagnoses.map { $0["code"] as? String }.contains("not_activated"))
            // The route writes its JSON itself; it must still be what openapi.yaml promises.
            let typed = try JSONDecoder().decode(
                Components.Schemas.OrderDetail.self, from: Data(byID.body.readableBytesView))
            #expect(typed.tracking?.diagnoses.isEmpty == false)
            #expect(typed.items.first?.quantity == 2)
            let korean = try await server.send(.GET, "/api/v1/orders/A-1001")
            let english = try await server.send(.GET, "/api/v1/orders/A-1001?lang=en")
            #expect(korean.body.string.contains("택배사"))
            #expect(english.body.string.contains("carrier"))
            #expect(try await server.send(.GET, "/api/v1/orders/NOPE").status == .notFound)
            let badLanguage = try await server.send(.GET, "/api/v1/orders/A-1001?lang=fr")
            #expect(badLanguage.status == .unprocessableEntity)
            #expect(badLanguage.body.string.contains(#""field":"lang""#))
        }
    }

    @Test("listing pages with a cursor, searches, and filters; a bad filter is 422")
    func listOrders() async throws {
        try await withServer { server in
            for index in 0..<7 {
                let json = orderJSON.replacingOccurrences(of: "A-1001", with: "A-10\(index)")
                    .replacingOccurrences(of: "LP00123456789012", with: "LP0012345678901\(index)")
                    .replacingOccurrences(of: "2026-11-01T10:00:00", with: "2026-11-0\(index + 1)T10:00:00")
                #expect(try await server.send(.POST, "/api/v1/orders", json: json).status == .created)
            }
            let first = try server.object(try await server.send(.GET, "/api/v1/orders?limit=4"))
            let cursor = try #require(first["nextCursor"] as? String)
            let second = try server.object(
                try await server.send(
                    .GET,
                    "/api/v1/orders?limit=4&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                ))
            let ids = ((first["items"] as? [[String: Any]]) ?? []) + ((second["items"] as? [[String: Any]]) ?? [])
            #expect(ids.compactMap { $0["externalId"] as? String } == (0..<7).reversed().map { "A-10\($0)" })
            #expect(second["nextCursor"] == nil)
            let found = try server.object(try await server.send(.GET, "/api/v1/orders?q=LP00123456789013"))
            #expect((found["items"] as? [[String: Any]])?.compactMap { $0["externalId"] as? String } == ["A-103"])
            let pending = try server.object(
                try await server.send(.GET, "/api/v1/orders?status=pending&diagnosis=not_activated"))
            #expect((pending["items"] as? [Any])?.count == 7)
            #expect(try await server.send(.GET, "/api/v1/orders?status=lost-in-space").status == .unprocessableEntity)
            #expect(try await server.send(.GET, "/api/v1/orders?cursor=garbage").status == .unprocessableEntity)
        }
    }

    // MARK: - Events

    @Test("events are matched, stored once, and update the order; the result counts all three outcomes")
    func ingest() async throws {
        try await withServer { server in
            _ = try await server.send(.POST, "/api/v1/orders", json: orderJSON)
            let batch = """
                {"events": [
                  {"source": "cainiao", "carrier": "cn.cainiao", "trackingNumber": "LP00123456789012",
                   "time": "2026-11-18T18:00:00+08:00", "code": "PU_PICKUP_SUCCESS", "text": "Picked up", "location": "Shenzhen"},
                  {"source": "cainiao", "trackingNumber": "lp0012-3456-7890-12",
                   "time": "2026-11-19 02:10:00", "code": "SC_INBOUND_SUCCESS", "text": "Arrived at sorting center"},
                  {"source": "cainiao", "trackingNumber": "LP99999999999999", "time": "2026-11-19T02:10:00+08:00",
                   "code": "SC_INBOUND_SUCCESS", "text": "Not ours"}
                ]}
                """
            let firstResponse = try await server.send(.POST, "/api/v1/events", json: batch)
            // The route is held to the spec: its answer is the generated IngestResult.
            let typed = try JSONDecoder().decode(
                Components.Schemas.IngestResult.self, from: Data(firstResponse.body.readableBytesView))
            #expect(typed.accepted == 2 && typed.unmatched == 1 && typed.duplicates == 0)
            let first = try server.object(firstResponse)
            #expect(first["accepted"] as? Int == 2)
            #expect(first["unmatched"] as? Int == 1)
            #expect(first["unmatchedNumbers"] as? [String] == ["LP99999999999999"])
            let again = try server.object(try await server.send(.POST, "/api/v1/events", json: batch))
            #expect(again["accepted"] as? Int == 0)
            #expect(again["duplicates"] as? Int == 2)
            let detail = try server.object(try await server.send(.GET, "/api/v1/orders/A-1001"))
            let tracking = try #require(detail["tracking"] as? [String: Any])
            #expect(tracking["milestone"] as? String == "origin_facility")
            // A time without an offset was read on Cainiao's clock (China time).
            let timeline = try #require(tracking["timeline"] as? [[String: Any]])
            #expect(timeline.last?["time"] as? String == "2026-11-18T18:10:00Z")
            // An event without a carrier, from a carrier's own feed, is that carrier's.
            #expect(timeline.map { $0["carrier"] as? String } == ["cn.cainiao", "cn.cainiao"])
            // A batch as the spec's own types write it is read the same way.
            let specBatch = Components.Schemas.EventBatch(events: [
                .init(
                    source: "cainiao", carrier: "cn.cainiao", trackingNumber: "LP00123456789012",
                    time: "2026-11-19T09:00:00+08:00", code: "SC_OUTBOUND_SUCCESS",
                    text: "Departed from sorting center",
                    location: "Shenzhen")
            ])
            let encoded = String(decoding: try JSONEncoder().encode(specBatch), as: UTF8.self)
            let third = try server.object(try await server.send(.POST, "/api/v1/events", json: encoded))
            #expect(third["accepted"] as? Int == 1)
        }
    }

    @Test("a bad batch names every bad event; more than 1,000 events is refused")
    func invalidEvents() async throws {
        try await withServer { server in
            let batch = """
                {"events": [
                  {"source": "cainiao", "trackingNumber": "LP00123456789012", "time": "soon", "text": "x"},
                  {"trackingNumber": "LP00123456789012", "time": "2026-11-19T02:10:00+08:00", "text": "x"},
                  {"source": "cainiao", "trackingNumber": "LP00123456789012", "time": "2026-11-19T02:10:00+08:00"},
                  {"source": "cainiao", "trackingNumber": 12345, "time": "2026-11-19T02:10:00+08:00", "text": "x"}
                ]}
                """
            let response = try await server.send(.POST, "/api/v1/events", json: batch)
            #expect(response.status == .unprocessableEntity)
            let fields = try #require(try server.object(response)["errors"] as? [[String: String]]).compactMap {
                $0["field"]
            }
            #expect(Set(fields) == ["events[0].time", "events[1].source", "events[2]", "events[3].trackingNumber"])
            let event =
                #"{"source": "cainiao", "trackingNumber": "LP1", "time": "2026-11-19T02:10:00+08:00", "text": "x"}"#
            let big = "{\"events\": [" + Array(repeating: event, count: 1001).joined(separator: ",") + "]}"
            let tooMany = try await server.send(.POST, "/api/v1/events", json: big)
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.body.string.contains("at most 1000"))
            // Not JSON, or not a batch: named, and nothing stored.
            let broken = try await server.send(.POST, "/api/v1/events", json: #"{"events": [{"source": "#)
            #expect(broken.status == .unprocessableEntity)
            #expect(try server.object(broken)["errors"].map { "\($0)" }?.contains("body") == true)
            let noList = try await server.send(.POST, "/api/v1/events", json: #"{"items": []}"#)
            #expect(try server.object(noList)["errors"].map { "\($0)" }?.contains("events") == true)
            let text = try await server.send(.POST, "/api/v1/events", body: "events", contentType: "text/plain")
            #expect(text.status == .unsupportedMediaType)
        }
    }

    // MARK: - Queue

    @Test("the queue lists what needs the seller, most severe first, filtered by severity")
    func queue() async throws {
        try await withServer { server in
            _ = try await server.send(.POST, "/api/v1/orders", json: orderJSON)
            let stale = orderJSON.replacingOccurrences(of: "A-1001", with: "A-OLD")
                .replacingOccurrences(of: "LP00123456789012", with: "LP00123456789019")
                .replacingOccurrences(of: "2026-11-18T09:00:00+08:00", with: "2026-10-01T09:00:00+08:00")
            _ = try await server.send(.POST, "/api/v1/orders", json: stale)
            let queue = try server.object(try await server.send(.GET, "/api/v1/queue?minSeverity=info"))
            let items = try #require(queue["items"] as? [[String: Any]])
            let ranks = items.compactMap { $0["severity"] as? String }.map {
                ["info": 0, "watch": 1, "act": 2, "urgent": 3][$0]!
            }
            #expect(ranks == ranks.sorted(by: >))
            #expect(items.first?["externalId"] as? String == "A-OLD")
            let urgent = try server.object(try await server.send(.GET, "/api/v1/queue?minSeverity=urgent"))
            #expect((urgent["items"] as? [[String: Any]])?.allSatisfy { $0["severity"] as? String == "urgent" } == true)
        }
    }

    // MARK: - Imports

    @Test("a Smartstore export imports: one order per order number, items grouped, unshipped orders too")
    func importSmartstore() async throws {
        try await withServer { server in
            let csv = String(decoding: try TestServer.fixture("smartstore-orders.csv"), as: UTF8.self)
            let response = try await server.send(.POST, "/api/v1/imports?format=smartstore", body: csv)
            #expect(response.status == .ok, "\(response.body.string)")
            let report = try server.object(response)
            #expect(report["rows"] as? Int == 4)
            #expect(report["imported"] as? Int == 3)
            #expect((report["problems"] as? [Any])?.isEmpty == true)
            let order = try server.object(try await server.send(.GET, "/api/v1/orders/2026111912345600"))
            #expect((order["items"] as? [[String: Any]])?.count == 2)
            #expect((order["shipment"] as? [String: Any])?["carrier"] as? String == "kr.cjlogistics")
            // The spreadsheet's leading quote is not part of the number.
            #expect((order["shipment"] as? [String: Any])?["trackingNumber"] as? String == "123456789013")
            let unshipped = try server.object(try await server.send(.GET, "/api/v1/orders/2026112100045600"))
            #expect(unshipped["shipment"] == nil)
            #expect(unshipped["tracking"] == nil)
        }
    }

    @Test("a broken file imports nothing and names every bad line and column; --skip-bad keeps the good rows")
    func importBroken() async throws {
        try await withServer { server in
            let csv = String(decoding: try TestServer.fixture("smartstore-broken.csv"), as: UTF8.self)
            let rejected = try await server.send(.POST, "/api/v1/imports?format=smartstore", body: csv)
            #expect(rejected.status == .unprocessableEntity)
            let report = try server.object(rejected)
            #expect(report["imported"] as? Int == 0)
            let problems = try #require(report["problems"] as? [[String: Any]])
            let places = problems.map { "\($0["line"] as? Int ?? 0) \($0["column"] as? String ?? "")" }
            #expect(places == ["3 택배사", "4 수량", "5 주문번호", "6 발송일"])
            let listed = try server.object(try await server.send(.GET, "/api/v1/orders"))
            #expect((listed["items"] as? [Any])?.isEmpty == true)
            let skipped = try await server.send(.POST, "/api/v1/imports?format=smartstore&skipBad=true", body: csv)
            #expect(skipped.status == .ok)
            let second = try server.object(skipped)
            #expect(second["imported"] as? Int == 1)
            #expect(second["skipped"] as? Int == 4)
        }
    }

    @Test(
        "a file of several chunks: problems anywhere are all named and nothing is kept; an order split by others is named"
    )
    func importChunks() async throws {
        try await withServer { server in
            // setup: 4,500 orders (more than two chunks), a bad date early, a bad date late, and
            // one order whose second row comes back after thousands of others.
            var lines = ["externalId,placedAt,itemName,memo"]
            for index in 1...4_500 {
                let placed = index == 10 || index == 4_400 ? "not a date" : "2026-11-02T10:00:00+09:00"
                lines.append("G-\(index),\(placed),item,")
            }
            lines.append("G-20,2026-11-02T10:00:00+09:00,second item,")
            lines.append(",,,only a memo")
            let csv = lines.joined(separator: "\n") + "\n"
            // MUT
            let rejected = try await server.send(.POST, "/api/v1/imports?format=generic", body: csv)
            // validate
            #expect(rejected.status == .unprocessableEntity)
            let report = try server.object(rejected)
            #expect(report["imported"] as? Int == 0)
            #expect(report["rows"] as? Int == 4_502)
            let problems = try #require(report["problems"] as? [[String: Any]])
            let places = problems.map { "\($0["line"] as? Int ?? 0) \($0["column"] as? String ?? "")" }
            #expect(places == ["11 placedAt", "4401 placedAt", "4502 externalId", "4503 externalId"])
            #expect((problems[2]["message"] as? String)?.contains("first at line 21") == true)
            let listed = try server.object(try await server.send(.GET, "/api/v1/orders"))
            #expect((listed["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("an AliExpress export imports and lists numbers to check; a generic file maps its own columns")
    func importOthers() async throws {
        try await withServer { server in
            let ali = String(decoding: try TestServer.fixture("aliexpress-orders.csv"), as: UTF8.self)
            let report = try server.object(try await server.send(.POST, "/api/v1/imports?format=aliexpress", body: ali))
            #expect(report["imported"] as? Int == 2)
            let flagged = try #require(report["flaggedNumbers"] as? [[String: Any]])
            #expect(flagged.map { $0["trackingNumber"] as? String } == ["RR123456786CN"])
            let tsv = String(decoding: try TestServer.fixture("generic-orders.tsv"), as: UTF8.self)
            let map = [
                "주문=externalId", "주문일=placedAt", "고객=buyerName", "품목=itemName", "운송장=trackingNumber", "택배=carrier",
            ]
            .map { "map=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }.joined(separator: "&")
            let generic = try await server.send(.POST, "/api/v1/imports?format=generic&\(map)", body: tsv)
            #expect(generic.status == .ok, "\(generic.body.string)")
            #expect(try server.object(generic)["imported"] as? Int == 2)
            let order = try server.object(try await server.send(.GET, "/api/v1/orders/G-2"))
            #expect((order["shipment"] as? [String: Any])?["carrier"] as? String == "kr.lotte")
            let unmapped = try await server.send(.POST, "/api/v1/imports?format=generic", body: tsv)
            #expect(unmapped.status == .unprocessableEntity)
            #expect(unmapped.body.string.contains("required column missing"))
        }
    }
}
