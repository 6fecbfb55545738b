import Foundation
import Testing

@Suite("parceldesk ask")
struct AskCommandTests {
    func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("questions on standard input come back one JSON object each, in order, with their intent")
    func standardInput() throws {
        // MUT
        let result = try CLIRunner.run(
            ["ask", "--json"], stdin: "제택배어디쯤있나요ㅠㅠ\n\nrefund 언제 들어와요?\n상담원 연결해주세요\n")
        // validate
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try objects(result.stdout)
        #expect(answers.map { $0["question"] as? String } == ["제택배어디쯤있나요ㅠㅠ", "refund 언제 들어와요?", "상담원 연결해주세요"])
        #expect(answers.map { $0["intent"] as? String } == ["where_is_it", "refund_status", "human"])
        #expect(answers.allSatisfy { ($0["confidence"] as? Double).map { $0 > 0 && $0 <= 1 } == true })
        #expect(answers.allSatisfy { $0["answer"] == nil })
    }

    @Test("with --order the answer comes from that order: the return already collected, said in both languages")
    func fromOrder() throws {
        // MUT
        let result = try CLIRunner.run([
            "ask", "반품 어떻게 되고 있어요?", "--order", ClaimsCommandTests.example("claim-return-smartstore.json"),
            "--now", "2026-11-07T10:00:00+09:00", "--json",
        ])
        // validate
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try #require(try objects(result.stdout).first)
        #expect(answer["intent"] as? String == "return_exchange")
        let text = try #require(answer["answer"] as? [String: Any])
        let korean = try #require(text["ko"] as? String)
        let english = try #require(text["en"] as? String)
        #expect(korean.contains("수거 완료"))
        #expect(english.contains("collected"))
    }

    @Test("an order file that is not a claim document is refused with its name")
    func badOrder() throws {
        let result = try CLIRunner.run(["ask", "어디예요", "--order", "-"], stdin: "{\"order\": 3}")
        #expect(result.status != 0)
        #expect(result.stderr.contains("-:"))
    }
}
