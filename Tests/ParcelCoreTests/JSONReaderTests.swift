import Foundation
import Testing

@testable import ParcelCore

@Suite("JSON reading")
struct JSONReaderTests {
    @Test("objects keep their order; strings, escapes, surrogate pairs, numbers and literals read exactly")
    func values() throws {
        // setup
        let text = #"""
             {"b": [1, -2, 0, 3.25, -0.5e-3, 1E21, 12345678901234567890],
              "a": "\"\\\/\b\f\n\r\t\u00e9\ud83d\udce6송", "t": true, "f": false, "n": null, "e": {}, "l": [] }
            """#
        // MUT
        let value = try JSONValue.parse(text)
        // validate
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["b", "a", "t", "f", "n", "e", "l"])
        #expect(
            value["b"]
                == .array([
                    .int(1), .int(-2), .int(0), .double(3.25), .double(-0.0005), .double(1e21),
                    .double(12_345_678_901_234_567_890),
                ]))
        #expect(value["a"] == .string("\"\\/\u{8}\u{C}\n\r\té📦송"))
        #expect(value["t"] == .bool(true) && value["f"] == .bool(false) && value["n"] == .null)
        #expect(value["e"] == .object([]) && value["l"] == .array([]))
        // A lone surrogate is replaced, not dropped.
        #expect(try JSONValue.parse(#""\ud83d x""#) == .string("\u{FFFD} x"))
    }

    @Test(
        "what is not JSON is refused with where it stopped",
        arguments: [
            ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\" 1}", 5), ("{\"a\":1,}", 7), ("012", 0), ("1.", 2), ("1e", 2),
            ("\"a\u{1}\"", 2), ("\"\\x\"", 2), ("\"\\u12\"", 3), ("tru", 0), ("[1] 2", 4), ("\"open", 5), ("-", 1),
        ])
    func refused(text: String, offset: Int) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch let error as JSONValue.ParseError {
            #expect(error.offset == offset, "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("nesting deeper than any request is refused, not a crash")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try JSONValue.parse(fine) }
    }

    @Test("on generated documents it agrees with Foundation, and reads back what the writer wrote")
    func agreesWithFoundation() throws {
        var random = SeededRandom(seed: 11)
        for _ in 0..<300 {
            // setup
            let document = Self.document(&random, depth: 0)
            let text = document.serialized()
            // MUT
            let parsed = try JSONValue.parse(text)
            // validate
            #expect(parsed.serialized() == text)
            let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(Self.same(parsed, foundation), "\(text)")
        }
    }

    static let samples = [
        "", "배송출발", "离开【义乌转运中心】", "a\"b\\c", "line\nbreak\t", "📦", "\u{1}\u{1F}", "\u{FEFF}zw\u{200B}",
    ]

    static func document(_ random: inout SeededRandom, depth: Int) -> JSONValue {
        switch random.next() % (depth > 3 ? 4 : 6) {
        case 0: return .string(samples[random.below(samples.count)] + String(random.next() % 1000))
        case 1: return .int(Int(random.next() % 2_000_000) - 1_000_000)
        case 2: return .double(Double(random.next() % 1_000_000) / 64 - 5000)
        case 3: return [.null, .bool(true), .bool(false)][Int(random.next() % 3)]
        case 4: return .array((0..<Int(random.next() % 5)).map { _ in document(&random, depth: depth + 1) })
        default:
            return .object(
                (0..<Int(random.next() % 5)).map { index in
                    ("k\(index)" + samples[random.below(samples.count)], document(&random, depth: depth + 1))
                })
        }
    }

    /// The same document as Foundation read it (its objects are unordered dictionaries).
    static func same(_ value: JSONValue, _ other: Any) -> Bool {
        switch value {
        case .null: return other is NSNull
        case .bool(let flag):
            return (other as? NSNumber).map { String(cString: $0.objCType) == "c" && $0.boolValue == flag } ?? false
        case .int(let number): return (other as? NSNumber)?.doubleValue == Double(number)
        case .double(let number): return (other as? NSNumber)?.doubleValue == number
        case .string(let text): return (other as? String) == text
        case .array(let values):
            guard let others = other as? [Any], others.count == values.count else { return false }
            return zip(values, others).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let others = other as? [String: Any], Set(others.keys) == Set(members.map(\.0)) else { return false }
            return members.allSatisfy { key, value in others[key].map { same(value, $0) } ?? false }
        }
    }

    @Test("order items read back exactly as JSONEncoder wrote them, prices to the last digit")
    func items() throws {
        // setup
        let items = [
            OrderItem(name: "무선 이어폰 \"케이스\"\n2개", quantity: 2, price: Decimal(string: "12.50")),
            OrderItem(name: "Tumbler", quantity: 1, price: Decimal(string: "0.12345678901234567890123")),
            OrderItem(name: "샘플", quantity: 3, price: nil),
            OrderItem(name: "Big", quantity: 1, price: Decimal(string: "12345678901234567890")),
        ]
        let json = String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
        // MUT
        let read = try OrderItem.decodeList(json)
        // validate
        #expect(read == items)
        #expect(read == (try JSONDecoder().decode([OrderItem].self, from: Data(json.utf8))))
        #expect(throws: JSONValue.ParseError.self) { try OrderItem.decodeList(#"[{"name": "x"}]"#) }
        #expect(try JSONValue.parse("[1.50, -2]", numbersAsText: true) == .array([.string("1.50"), .string("-2")]))
    }

    @Test("order items as stored read back the same by our reader and by JSONDecoder, prices to the last digit")
    func storedItems() throws {
        // setup
        let items = [
            OrderItem(name: "무선 이어폰 \"케이스\"\n2개\u{0}\u{200B}🙂\\", quantity: 2, price: Decimal(string: "12.50")),
            OrderItem(name: "Tumbler", quantity: 1, price: Decimal(string: "0.0000001")),
            OrderItem(name: "샘플", quantity: 3, price: nil),
            OrderItem(name: "Big", quantity: 999, price: Decimal(string: "100000000000")),
            OrderItem(name: "Whole", quantity: 1, price: Decimal(17000)),
            OrderItem(name: "Huge", quantity: 1, price: Decimal(string: "123456789012345678901234")),
            OrderItem(name: "Free", quantity: 1, price: Decimal(0)),
        ]
        // MUT
        let json = OrderItem.encodeList(items)
        // validate
        #expect(try OrderItem.decodeList(json) == items)
        #expect(try JSONDecoder().decode([OrderItem].self, from: Data(json.utf8)) == items)
        #expect(OrderItem.encodeList([]) == "[]")
        #expect(json.contains(#""price":17000}"#))
    }
}
