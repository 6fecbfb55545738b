import Foundation
import Testing

@Suite("parceldesk claims")
struct ClaimsCommandTests {
    static func example(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/\(name)").path
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the JSON says the order's stage and next deadline, each claim's state, deadlines and allowed actions")
    func shape() throws {
        // MUT
        let result = try CLIRunner.run([
            "claims", Self.example("claim-return-smartstore.json"), "--now", "2026-11-07T10:00:00+09:00", "--json",
        ])
        // validate
        #expect(result.status == 0, "\(result.stderr)")
        let report = try object(result.stdout)
        let order = try #require(report["order"] as? [String: Any])
        #expect(order["stage"] as? String == "delivered")
        let next = try #require(order["nextDeadline"] as? [String: Any])
        #expect(next["kind"] as? String == "withdrawal_window")
        #expect(next["due"] as? String == "2026-11-11T00:00:00+09:00")
        #expect(next["who"] as? String == "buyer")
        #expect(order.keys.contains("purchaseDecidedAt") && order.keys.contains("autoDecideAt"))
        let claims = try #require(report["claims"] as? [[String: Any]])
        #expect(claims.count == 1)
        #expect(claims[0]["state"] as? String == "collected")
        #expect(claims[0]["payer"] as? String == "seller")
        let deadlines = try #require(claims[0]["deadlines"] as? [[String: Any]])
        #expect(deadlines.first?["kind"] as? String == "refund_due")
        #expect(deadlines.first?["due"] as? String == "2026-11-12T00:00:00+09:00")
        let allowed = try #require(claims[0]["allowed"] as? [String: [String]])
        #expect(allowed["seller"]?.contains("refund") == true)
        #expect(allowed["buyer"] == [])
        #expect(allowed["platform"] == [])
        let refund = try #require(claims[0]["refundDays"] as? [String: Any])
        #expect(refund["max"] as? Int == 3)
        let canOpen = try #require(report["canOpen"] as? [String: [[String: Any]]])
        #expect(canOpen["buyer"]?.contains { $0["type"] as? String == "exchange" } == true)
        let attempt = try #require(report["attempt"] as? [String: Any])
        #expect(attempt["allowed"] as? Bool == false)
        #expect(attempt["rule"] as? String == "withdrawal_window")
        #expect(attempt["closedAt"] as? String == "2026-11-11T00:00:00+09:00")
        let message = try #require(attempt["message"] as? [String: String])
        #expect(message["ko"]?.contains("2026-11-10 24:00") == true)
        #expect(message["en"]?.isEmpty == false)
    }

    @Test("an attempt that is allowed says so with rule ok and the state after it")
    func allowedAttempt() throws {
        let result = try CLIRunner.run([
            "claims", Self.example("claim-dispute-aliexpress.json"), "--now", "2026-12-08T10:00:00+09:00", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let attempt = try #require(try object(result.stdout)["attempt"] as? [String: Any])
        // The attempt was made on 5 December, before the negotiation period ended.
        #expect(attempt["rule"] as? String == "negotiation_period")
        #expect(attempt["state"] as? String == "negotiation")

        var document = try object(
            String(
                decoding: try Data(contentsOf: URL(fileURLWithPath: Self.example("claim-dispute-aliexpress.json"))),
                as: UTF8.self))
        var changed = try #require(document["attempt"] as? [String: Any])
        changed["at"] = "2026-12-08T10:00:00+09:00"
        document["attempt"] = changed
        let input = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        let later = try CLIRunner.run(["claims", "-", "--json"], stdin: input)
        #expect(later.status == 0, "\(later.stderr)")
        let verdict = try #require(try object(later.stdout)["attempt"] as? [String: Any])
        #expect(verdict["allowed"] as? Bool == true)
        #expect(verdict["rule"] as? String == "ok")
        #expect(verdict["state"] as? String == "mediation")
    }

    @Test("a history the rules refuse is unreadable input: exit 2 naming the step and the rule")
    func refusedHistory() throws {
        let input = """
            {"order": {"id": "S-1", "marketplace": "smartstore", "placedAt": "2026-11-01T10:00:00+09:00",
                       "confirmedAt": "2026-11-01T11:00:00+09:00"},
             "claims": [{"id": "C-1", "type": "cancel", "reason": "change_of_mind",
                         "history": [{"action": "request", "by": "buyer", "at": "2026-11-01T12:00:00+09:00"},
                                     {"action": "approve", "by": "seller", "at": "2026-11-01T13:00:00+09:00"},
                                     {"action": "reject", "by": "seller", "at": "2026-11-01T14:00:00+09:00"}]}]}
            """
        let result = try CLIRunner.run(["claims", "-"], stdin: input)
        #expect(result.status == 2)
        #expect(result.stderr.contains("claims[0].history[2]"))
        #expect(result.stderr.contains("not_allowed_in_state"))
    }

    @Test(
        "bad fields are named with their path",
        arguments: [
            (#"{"order": {"id": "S-1", "placedAt": "yesterday"}, "claims": []}"#, "order.placedAt"),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00"}, "claims": [{"id": "C", "type": "swap", "reason": "other", "history": [{"action": "request", "by": "buyer", "at": "2026-11-02"}]}]}"#,
                "claims[0].type"
            ),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00"}, "claims": [{"id": "C", "type": "return", "reason": "other", "history": [{"action": "request", "by": "robot", "at": "2026-11-02"}]}]}"#,
                "claims[0].history[0].by"
            ),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00", "total": "-5"}, "claims": []}"#,
                "order.total"
            ),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00"}, "claims": [], "attempt": {"claim": null, "action": "request", "by": "buyer", "at": "2026-11-02"}}"#,
                "attempt.type"
            ),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00"}, "claims": [{"id": "C", "type": "return", "reason": "other", "history": []}]}"#,
                "claims[0].history"
            ),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00"}, "claims": [{"id": "C", "type": "return", "reason": "other", "history": [{"action": "approve", "by": "seller", "at": "2026-11-02"}]}]}"#,
                "claims[0].history[0].action"
            ),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00"}, "claims": [{"id": "C", "type": "return", "reason": "other", "history": [{"action": "request", "by": "buyer", "at": "2026-11-05"}, {"action": "approve", "by": "seller", "at": "2026-11-04"}]}]}"#,
                "claims[0].history[1].at"
            ),
            (
                #"{"order": {"id": "S-1", "placedAt": "2026-11-01T10:00:00+09:00"}, "claims": [{"id": "C", "type": "return", "reason": "other", "history": [{"action": "request", "by": "buyer", "at": "2026-11-05"}]}], "attempt": {"claim": "C", "action": "approve", "by": "seller", "at": "2026-11-04"}}"#,
                "attempt.at"
            ),
        ])
    func badInput(input: String, path: String) throws {
        let result = try CLIRunner.run(["claims", "-"], stdin: input)
        #expect(result.status == 2)
        #expect(result.stderr.contains(path), "\(result.stderr)")
    }

    @Test("an array of documents gives an array of reports; the text output is readable Korean by default")
    func arrayAndText() throws {
        let one = try String(contentsOfFile: Self.example("claim-return-smartstore.json"), encoding: .utf8)
        let two = try String(contentsOfFile: Self.example("claim-dispute-aliexpress.json"), encoding: .utf8)
        let result = try CLIRunner.run(
            ["claims", "-", "--json", "--now", "2026-12-01T10:00:00+09:00"], stdin: "[\(one),\(two)]")
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        let text = try CLIRunner.run([
            "claims", Self.example("claim-return-smartstore.json"), "--now", "2026-11-07T10:00:00+09:00",
        ])
        #expect(text.status == 0)
        #expect(text.stdout.contains("반품"))
        #expect(text.stdout.contains("환불 기한"))
    }
}
