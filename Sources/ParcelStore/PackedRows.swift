import Foundation
import ParcelCore

/// Many rows read as one value: PostgreSQL aggregates them into a JSON array
/// of arrays (`aggregate`), and this splits it again. Decoding rows one by
/// one through SQLKit's `Codable` costs more than the query at thousands of
/// rows. The scan is its own, straight into cells, with no general JSON
/// tree in between (docs/PERFORMANCE.md). PostgreSQL prints
/// its floating-point numbers so they read back exactly.
enum PackedRows {
    enum Cell: Equatable {
        case null
        case text(String)
        case number(Double)
        case bool(Bool)

        var string: String? {
            if case .text(let value) = self { return value }
            return nil
        }

        var double: Double? {
            if case .number(let value) = self { return value }
            return nil
        }

        var int: Int? {
            guard case .number(let value) = self, let exact = Int(exactly: value) else { return nil }
            return exact
        }
    }

    /// The PostgreSQL expression that aggregates `columns` of the selected
    /// rows (in `orderBy` order, when given) into one text value that
    /// `parse` reads; `[]` for none.
    static func aggregate(_ columns: [String], orderBy: String? = nil) -> String {
        let order = orderBy.map { " ORDER BY \($0)" } ?? ""
        return "COALESCE(json_agg(json_build_array(\(columns.joined(separator: ", ")))\(order)), '[]')::text"
    }

    struct ParseError: Error, CustomStringConvertible {
        let offset: Int
        let expected: String
        var description: String { "packed rows: expected \(expected) at byte \(offset)" }
    }

    /// Reads `[[cell, …], …]` where a cell is a string, a number, a boolean or null.
    static func parse(_ json: String) throws -> [[Cell]] {
        var json = json
        return try json.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return try reader.rows()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func rows() throws -> [[Cell]] {
            var rows: [[Cell]] = []
            try expect(UInt8(ascii: "["))
            if try next(closing: UInt8(ascii: "]")) { return rows }
            repeat {
                try expect(UInt8(ascii: "["))
                var row: [Cell] = []
                if try !next(closing: UInt8(ascii: "]")) {
                    repeat { row.append(try cell()) } while try !next(closing: UInt8(ascii: "]"))
                }
                rows.append(row)
            } while try !next(closing: UInt8(ascii: "]"))
            return rows
        }

        /// After a value: true at the closing bracket, false at a comma.
        /// At the start of a list: true when it is empty.
        private mutating func next(closing: UInt8) throws -> Bool {
            skipSpace()
            guard index < bytes.count else { throw ParseError(offset: index, expected: "\"]\"") }
            if bytes[index] == closing {
                index += 1
                return true
            }
            if bytes[index] == UInt8(ascii: ",") { index += 1 }
            return false
        }

        private mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else {
                throw ParseError(offset: index, expected: "\"\(Character(Unicode.Scalar(byte)))\"")
            }
            index += 1
        }

        private mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        private mutating func cell() throws -> Cell {
            skipSpace()
            guard index < bytes.count else { throw ParseError(offset: index, expected: "a value") }
            switch bytes[index] {
            case UInt8(ascii: "\""): return .text(try string())
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            default: return .number(try number())
            }
        }

        private mutating func literal(_ word: StaticString, _ value: Cell) throws -> Cell {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count,
                memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0
            else { throw ParseError(offset: index, expected: "\(word)") }
            index += count
            return value
        }

        private mutating func number() throws -> Double {
            let start = index
            var integer = 0
            var plainDigits = true
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    if index - start < 16 {
                        integer = integer * 10 + Int(byte - UInt8(ascii: "0"))
                    } else {
                        plainDigits = false
                    }
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                {
                    plainDigits = false
                } else {
                    break
                }
                index += 1
            }
            guard index > start + (negative ? 1 : 0) else { throw ParseError(offset: start, expected: "a value") }
            // Whole numbers (offsets, counts) are most cells; the rest go through the exact parser.
            if plainDigits { return Double(negative ? -integer : integer) }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text) else { throw ParseError(offset: start, expected: "a number") }
            return value
        }

        private mutating func string() throws -> String {
            index += 1
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    defer { index += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                case UInt8(ascii: "\\"):
                    return try escapedString(from: start)
                default:
                    index += 1
                }
            }
            throw ParseError(offset: index, expected: "the end of a string")
        }

        /// The slow path, for strings with escapes (quotes, control characters):
        /// find the closing quote, then let ParcelCore's JSON reader decode it.
        private mutating func escapedString(from start: Int) throws -> String {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    let quoted = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[(start - 1)..<index])
                    guard case .string(let text) = try? JSONValue.parse(quoted) else {
                        throw ParseError(offset: start, expected: "a string")
                    }
                    return text
                case UInt8(ascii: "\\"): index += 2
                default: index += 1
                }
            }
            throw ParseError(offset: index, expected: "the end of a string")
        }
    }
}
