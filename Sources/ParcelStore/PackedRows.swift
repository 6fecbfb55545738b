import Foundation
import SQLKit

/// Many rows read as one value: the database aggregates them into a JSON
/// array of arrays, and this splits it again.
///
/// Reading rows one by one is what the busy paths cannot afford: SQLiteNIO
/// hands every row to the event loop as a task of its own, and SQLKit
/// decodes every value through `Codable`. One aggregated value costs one
/// hand-over and one scan of bytes, a fraction of either at thousands of rows.
/// Both engines print their floating-point numbers so they read back exactly.
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

    /// The SQL expression that aggregates `columns` of the selected rows in
    /// `orderBy` order into one text value that `parse` reads; `[]` for none.
    static func aggregate(_ columns: [String], orderBy: String, dialect: any SQLDialect) -> String {
        let list = columns.joined(separator: ", ")
        if dialect.name == "sqlite" {
            return "json_group_array(json_array(\(list)) ORDER BY \(orderBy))"
        }
        return "COALESCE(json_agg(json_build_array(\(list)) ORDER BY \(orderBy)), '[]')::text"
    }

    /// `columns` of the rows of `table` whose `column` is one of `values`, in `orderBy` order.
    static func select(
        _ columns: [String], from table: String, where column: String, in values: [any Encodable & Sendable],
        orderBy: String, sql: any SQLDatabase
    ) async throws -> [[Cell]] {
        let row = try await sql.raw(
            """
            SELECT \(unsafeRaw: aggregate(columns, orderBy: orderBy, dialect: sql.dialect)) AS packed
            FROM \(ident: table) WHERE \(ident: column) IN (\(binds: values))
            """
        ).first()
        return try parse(try row?.decode(column: "packed", as: String.self) ?? "[]")
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

        /// The slow path, for strings with escapes (quotes, control characters).
        private mutating func escapedString(from start: Int) throws -> String {
            var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { break }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "u"): utf8 += try unicodeEscape()
                    default: utf8.append(escape)
                    }
                default:
                    utf8.append(byte)
                }
            }
            throw ParseError(offset: index, expected: "the end of a string")
        }

        /// `\uXXXX` (the `\u` already read), with a following low surrogate when it is a high one.
        private mutating func unicodeEscape() throws -> [UInt8] {
            var value = try hex4()
            if (0xD800..<0xDC00).contains(value), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            {
                index += 2
                let low = try hex4()
                value =
                    (0xDC00..<0xE000).contains(low) ? 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            return Array(String(Character(scalar)).utf8)
        }

        private mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw ParseError(offset: index, expected: "four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw ParseError(offset: index, expected: "a hex digit")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
