import Foundation
import Testing

@Suite("parceldesk check", .serialized)
struct CheckCommandTests {
    func objects(_ result: CLIRunner.Result) throws -> [[String: Any]] {
        try result.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    @Test("valid arguments exit 0 with readable Korean output by default")
    func readable() throws {
        let result = try CLIRunner.run(["check", "LP00123456789012", "rb 1234-5678 5gb"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("유효"))
        #expect(result.stdout.contains("cn.cainiao"))
        #expect(result.stdout.contains("RB123456785GB"))
        let english = try CLIRunner.run(["check", "--lang", "en", "LP00123456789012"])
        #expect(english.stdout.contains("valid"))
    }

    @Test("--json prints one object per input, in order, with the contract's fields")
    func jsonLines() throws {
        let inputs = ["RB123456786US", "LP00123456789012", "1Z5R89390357567127"]
        let result = try CLIRunner.run(["check", "--json"] + inputs)
        #expect(result.status == 1)  // the first is invalid
        let parsed = try objects(result)
        #expect(parsed.map { $0["input"] as? String } == inputs)
        #expect(parsed.map { $0["valid"] as? Bool } == [false, true, true])
        #expect(parsed[1]["carrier"] as? String == "cn.cainiao")
        #expect(parsed[0]["carrier"] is NSNull)
        let suggestions = try #require(parsed[0]["suggestions"] as? [[String: Any]])
        #expect(suggestions.contains { $0["number"] as? String == "RB123456785US" })
        let s10 = try #require(parsed[0]["s10"] as? [String: Any])
        #expect(s10["country"] as? String == "US")
        #expect(s10["tracked"] as? Bool == true)
    }

    @Test("standard input: blank lines skipped, every other line gets exactly one object")
    func standardInput() throws {
        let long = String(repeating: "9", count: 150)
        let stdin = "LP00123456789012\n\n   \r\n---\n\(long)\r\n송장번호\n1Z5R89390357567127"
        let result = try CLIRunner.run(["check", "--json"], stdin: stdin)
        #expect(result.status == 1)
        let parsed = try objects(result)
        #expect(
            parsed.map { $0["input"] as? String } == ["LP00123456789012", "---", long, "송장번호", "1Z5R89390357567127"])
        #expect(parsed.map { $0["valid"] as? Bool } == [true, false, false, false, true])
        #expect((parsed[2]["warnings"] as? [String])?.contains("too_long") == true)
    }

    @Test("--summary counts standard input and exits 1 when anything is invalid")
    func summary() throws {
        let result = try CLIRunner.run(
            ["check", "--summary"], stdin: "LP00123456789012\n1Z5R89390357567127\n\nRB123456786US\nLP00123456789012\n")
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 4)
        #expect(object["valid"] as? Int == 3)
        #expect(object["invalid"] as? Int == 1)
        #expect(object["byCarrier"] as? [String: Int] == ["cn.cainiao": 2, "us.ups": 1])
        let clean = try CLIRunner.run(["check", "--summary"], stdin: "LP00123456789012\n")
        #expect(clean.status == 0)
    }

    @Test("context re-ranks and flags a mismatch")
    func context() throws {
        let result = try CLIRunner.run(
            ["check", "--json", "--context", "carrier=kr.cjlogistics,destination=KR", "1Z5R89390357567127"])
        let object = try #require(try objects(result).first)
        #expect(object["carrier"] as? String == "us.ups")
        #expect((object["warnings"] as? [String])?.contains("carrier_mismatch") == true)
    }

    @Test(
        "usage errors exit 2 and say what is wrong",
        arguments: [
            (["check", "--summary", "LP00123456789012"], "standard input"),
            (["check", "--context", "carrier=kr.nowhere", "1"], "carrier"),
            (["check", "--context", "destination=KOR", "1"], "destination"),
            (["check", "--bogus"], "--bogus"),
            (["check", "--lang", "fr", "1"], "lang"),
        ])
    func usageErrors(arguments: [String], mention: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(mention))
        #expect(result.stdout.isEmpty)
    }
}
