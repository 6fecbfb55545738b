import Foundation
import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("Reading shipment documents")
struct ShipmentDocumentTests {
    static let valid = """
        { "order": { "id": "A-1001", "marketplace": "AliExpress", "placedAt": "2026-11-01T10:00:00+09:00",
                     "confirmedAt": null, "promisedBy": "2026-11-20" },
          "shipment": { "carrier": "cainiao", "trackingNumber": "LP00123456789012",
                        "shippingOption": "AliExpress Standard Shipping", "shippedAt": "2026-11-02T09:00:00+08:00",
                        "origin": "cn", "destination": "KR" },
          "events": [
            { "source": "cainiao", "carrier": "cn.cainiao", "trackingNumber": "LP00123456789012",
              "time": "2026-11-02T18:00:00+08:00", "code": "PU_PICKUP_SUCCESS", "text": "Picked up", "location": "Shenzhen" },
            { "source": "cjlogistics", "carrier": "kr.cjlogistics", "trackingNumber": "123456789013",
              "time": "2026-11-09T10:00:00", "code": "11", "text": "집화처리" }
          ],
          "otherOrders": [ { "id": "A-0999", "trackingNumber": null } ] }
        """

    func decode(_ text: String) throws(DocumentError) -> (documents: [ShipmentDocument], single: Bool) {
        try ShipmentDocument.decode(from: Data(text.utf8))
    }

    func error(_ text: String) -> DocumentError? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("a hand-written document reads with its defaults filled in")
    func readsDocument() throws {
        let (documents, single) = try decode(Self.valid)
        #expect(single)
        let document = try #require(documents.first)
        #expect(document.order.id == "A-1001")
        // A bare promised date means the end of that day in Korea.
        #expect(document.order.promisedBy == time("2026-11-20T23:59:59+09:00"))
        #expect(document.order.confirmedAt == nil)
        // Carrier aliases resolve; country codes are upper-cased.
        #expect(document.shipment.carrier == "cn.cainiao")
        #expect(document.shipment.origin == "CN")
        #expect(document.events.count == 2)
        // A Korean carrier's time without an offset is KST.
        #expect(document.events[1].time == time("2026-11-09T10:00:00+09:00"))
        #expect(document.otherOrders == [OtherOrder(id: "A-0999", trackingNumber: nil)])
    }

    @Test("an array reads as many documents; JSON Lines too")
    func arraysAndLines() throws {
        let array = try decode("[\(Self.valid), \(Self.valid)]")
        #expect(array.documents.count == 2)
        #expect(!array.single)
        let compact = try JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(Self.valid.utf8)))
        let line = String(decoding: compact, as: UTF8.self)
        let lines = try decode("\(line)\n\n\(line)\n")
        #expect(lines.documents.count == 2)
    }

    @Test(
        "a missing or wrong field is named by its path",
        arguments: [
            ("\"id\": \"A-1001\",", "", "order.id", "is required"),
            (
                "\"trackingNumber\": \"LP00123456789012\",\n", "\"trackingNumber\": 12345,\n",
                "shipment.trackingNumber",
                "expected a string"
            ),
            (
                "\"placedAt\": \"2026-11-01T10:00:00+09:00\"", "\"placedAt\": \"yesterday\"", "order.placedAt",
                "ISO 8601"
            ),
            ("\"carrier\": \"cainiao\"", "\"carrier\": \"pigeon post\"", "shipment.carrier", "unknown carrier"),
            ("\"origin\": \"cn\"", "\"origin\": \"China\"", "shipment.origin", "two-letter country code"),
            ("\"time\": \"2026-11-09T10:00:00\"", "\"time\": \"11/09 10:00\"", "events[1].time", "ISO 8601"),
            ("\"code\": \"11\", \"text\": \"집화처리\"", "\"code\": \"\"", "events[1]", "needs a code or a text"),
            ("\"source\": \"cainiao\",", "", "events[0].source", "is required"),
            ("\"events\": [", "\"events\": {\"a\": 1}, \"x\": [", "events", "expected an array"),
        ])
    func namesThePath(original: String, replacement: String, path: String, message: String) throws {
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.valid, "the test's edit did not apply")
        let failure = try #require(error(text))
        #expect(failure.path == path)
        #expect(failure.message.contains(message), "\(failure)")
        #expect(failure.description.hasPrefix(path))
    }

    @Test("in an array, the path starts with the document's index")
    func pathInArray() throws {
        let broken = Self.valid.replacingOccurrences(of: "\"id\": \"A-1001\",", with: "\"id\": 7,")
        let failure = try #require(error("[\(Self.valid), \(broken)]"))
        #expect(failure.path == "[1].order.id")
        #expect(failure.message == "expected a string")
    }

    @Test("broken JSON is reported by line and column")
    func syntaxError() throws {
        let text = "{\n  \"order\": {\n    \"id\": \"A-1\",,\n  }\n}"
        let failure = try #require(error(text))
        #expect(failure.line == 3)
        #expect(failure.column == 17)
        #expect(failure.description.hasPrefix("line 3, column 17"))
    }

    @Test("a bad line of JSON Lines is named by its line")
    func badLine() throws {
        let compact = String(
            decoding: try JSONSerialization.data(
                withJSONObject: JSONSerialization.jsonObject(with: Data(Self.valid.utf8))),
            as: UTF8.self)
        let broken = compact.replacingOccurrences(of: "\"A-1001\"", with: "null")
        let failure = try #require(error("\(compact)\n\(broken)\n"))
        #expect(failure.line == 2)
        #expect(failure.path == "order.id")
    }

    @Test("empty input and non-documents say what was expected")
    func notADocument() throws {
        #expect(try #require(error("  \n")).message.contains("empty"))
        #expect(try #require(error("42")).message.contains("expected a shipment document"))
    }

    @Test("what the simulator writes reads back as the same documents")
    func roundTrip() throws {
        let documents = Simulator(seed: 12, now: time("2026-11-22T09:00:00+09:00")).documents(count: 200)
        let text = JSONValue.array(documents.map(\.json)).serialized()
        let read = try ShipmentDocument.decodeAll(from: Data(text.utf8))
        #expect(read == documents)
    }
}
