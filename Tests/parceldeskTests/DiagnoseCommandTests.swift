import Foundation
import Testing

@Suite("parceldesk diagnose and simulate")
struct DiagnoseCommandTests {
    static let now = "2026-11-22T09:00:00+09:00"

    static var example: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/stalled-cross-border.json").path
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("a hand-written document: the JSON has the documented shape and the findings a seller needs")
    func handWritten() throws {
        // MUT
        let result = try CLIRunner.run(["diagnose", Self.example, "--now", Self.now, "--json"])
        // validate
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try json(result.stdout) as? [String: Any])
        #expect(object["status"] as? String == "in_transit")
        #expect(object["milestone"] as? String == "departed_origin")
        #expect(object["lastEventAt"] as? String == "2026-11-05T01:30:00Z")
        let legs = try #require(object["legs"] as? [[String: Any]])
        #expect(legs.count == 1)
        #expect(legs[0]["carrier"] as? String == "cn.cainiao")
        #expect(legs[0]["trackingNumber"] as? String == "LP00123456789012")
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        // Six events, one of them reported by two sources.
        #expect(timeline.count == 5)
        for entry in timeline {
            for key in ["time", "status", "milestone", "text", "sources"] { #expect(entry[key] != nil, "\(key)") }
        }
        #expect(timeline[1]["sources"] as? [String] == ["cainiao", "17track"])
        let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
        let codes = diagnoses.compactMap { $0["code"] as? String }
        #expect(codes.contains("long_silence"))
        #expect(codes.contains("late"))
        for diagnosis in diagnoses {
            for key in ["code", "severity", "confidence", "since", "explanation", "actions"] {
                #expect(diagnosis[key] != nil, "\(key)")
            }
            let explanation = try #require(diagnosis["explanation"] as? [String: [String: String]])
            #expect(explanation["seller"]?["ko"]?.isEmpty == false)
            #expect(explanation["buyer"]?["en"]?.isEmpty == false)
            let actions = try #require(diagnosis["actions"] as? [[String: Any]])
            for action in actions {
                #expect(action["step"] is Int)
                #expect(action["kind"] is String)
                #expect(action["text"] is String)
                if action["kind"] as? String == "customer_message" {
                    let message = try #require(action["message"] as? [String: String])
                    #expect(message["ko"]?.contains("A-1001") == true)
                    #expect(message["en"]?.contains("A-1001") == true)
                }
            }
        }
        let silence = try #require(diagnoses.first { $0["code"] as? String == "long_silence" })
        let actions = try #require(silence["actions"] as? [[String: Any]])
        #expect(actions.compactMap { $0["step"] as? Int } == [2, 3, 4, 5])
        let inquiry = try #require(actions.first { $0["inquiry"] != nil }?["inquiry"] as? [String: Any])
        #expect(inquiry["orderId"] as? String == "A-1001")
        #expect(inquiry["trackingNumber"] as? String == "LP00123456789012")
    }

    @Test("the readable view is Korean by default and English on request")
    func readable() throws {
        let korean = try CLIRunner.run(["diagnose", Self.example, "--now", Self.now])
        let english = try CLIRunner.run(["diagnose", Self.example, "--now", Self.now, "--lang", "en"])
        #expect(korean.status == 0)
        #expect(korean.stdout.contains("상태: 배송 중 (출발 국가 출항)"))
        #expect(korean.stdout.contains("[긴급] long_silence"))
        #expect(english.stdout.contains("Status: In transit (Departed origin country)"))
        #expect(english.stdout.contains("[urgent] long_silence"))
        #expect(english.stdout.contains("Order ID: A-1001"))
    }

    @Test("unreadable input exits 2 naming the field and position")
    func badInput() throws {
        let missing = try CLIRunner.run(
            ["diagnose", "-", "--now", Self.now], stdin: #"{"order": {"id": 5}, "shipment": {}}"#)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("order.id: expected a string"))
        #expect(missing.stdout.isEmpty)

        let broken = try CLIRunner.run(["diagnose", "-"], stdin: "{\n  \"order\": {\n    \"id\": \"A-1\",,\n")
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("line 3, column 17"))

        let badNow = try CLIRunner.run(["diagnose", Self.example, "--now", "next tuesday"])
        #expect(badNow.status == 2)
        #expect(badNow.stderr.contains("--now"))

        let noFile = try CLIRunner.run(["diagnose", "/nonexistent/shipment.json"])
        #expect(noFile.status == 2)
        #expect(noFile.stderr.contains("/nonexistent/shipment.json"))
    }

    @Test("simulate is deterministic and its output diagnoses as an array of results")
    func simulateThenDiagnose() throws {
        let arguments = ["simulate", "--count", "25", "--seed", "3", "--now", Self.now]
        let first = try CLIRunner.run(arguments)
        let second = try CLIRunner.run(arguments)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let documents = try #require(try json(first.stdout) as? [[String: Any]])
        #expect(documents.count == 25)

        let diagnosed = try CLIRunner.run(["diagnose", "-", "--now", Self.now, "--json"], stdin: first.stdout)
        #expect(diagnosed.status == 0, "\(diagnosed.stderr)")
        let results = try #require(try json(diagnosed.stdout) as? [[String: Any]])
        #expect(results.count == 25)
        #expect(results.allSatisfy { $0["status"] is String && $0["timeline"] is [Any] })
        let orders = results.compactMap { ($0["order"] as? [String: Any])?["id"] as? String }
        #expect(orders.first == "AE-000001" || orders.first == "SS-000001")

        let lines = try CLIRunner.run(arguments + ["--lines"])
        #expect(lines.lines.count == 25)
        let fromLines = try CLIRunner.run(["diagnose", "-", "--now", Self.now, "--json"], stdin: lines.stdout)
        #expect(fromLines.stdout == diagnosed.stdout)
    }
}
