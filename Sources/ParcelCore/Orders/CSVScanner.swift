import Foundation

/// Reads CSV (RFC 4180) record by record straight from UTF-8 bytes: quoted
/// fields with doubled quotes and line breaks inside them, LF, CRLF or CR
/// line ends. A marketplace export has hundreds of thousands of rows, and
/// reading them is on every import's critical path, so this works on bytes
/// rather than characters.
///
/// Spreadsheets are forgiven what they do in practice: a quote inside an
/// unquoted field is taken as text, and text after a closing quote is kept.
/// The one thing refused is a quoted field never closed, named by the line it opened on.
public struct CSVScanner: Sendable {
    public let delimiter: UInt8
    private let data: Data
    private var offset = 0
    /// The file line (from 1) the next record starts on.
    public private(set) var line = 1
    private var width = 8
    /// Which columns to read; the others come back empty, never decoded. All when nil.
    public var keptColumns: [Bool]?
    /// Whether the last record had text in a column not read (so it is not a blank line).
    public private(set) var skippedText = false

    /// `data` must be UTF-8 (without a byte-order mark, or with it as part of the first field).
    public init(_ data: Data, delimiter: UInt8) {
        self.data = data
        self.delimiter = delimiter
    }

    /// Tab when the first line holds more tabs than commas, comma otherwise.
    public static func delimiter(of data: Data) -> UInt8 {
        var tabs = 0
        var commas = 0
        for byte in data {
            if byte == newline || byte == carriageReturn { break }
            if byte == tab { tabs += 1 } else if byte == comma { commas += 1 }
        }
        return tabs > commas ? tab : comma
    }

    /// Line breaks in `data`: about the number of records, for progress.
    public static func lineBreaks(in data: Data) -> Int {
        data.withUnsafeBytes { raw in
            var count = 0
            for byte in raw where byte == newline { count += 1 }
            return count
        }
    }

    /// The next record with the line it starts on; nil at the end of the data.
    public mutating func next() throws(CSVSyntaxError) -> (line: Int, cells: [String])? {
        let start = offset
        guard start < data.count else { return nil }
        let first = line
        var cells: [String] = []
        cells.reserveCapacity(width)
        var lines = 0
        var skipped = false
        let scan = data.withUnsafeBytes { raw -> Scan in
            let bytes = raw.bindMemory(to: UInt8.self)
            return Self.record(
                bytes, from: start, delimiter: delimiter, keeping: keptColumns, into: &cells, lines: &lines,
                skipped: &skipped)
        }
        skippedText = skipped
        switch scan {
        case .ended(let next):
            offset = next
            line += lines
            width = max(width, cells.count)
            return (first, cells)
        case .unclosedQuote(let linesBefore):
            throw CSVSyntaxError(
                line: first + linesBefore, message: "a quoted field opens here and is never closed (a missing \")")
        }
    }

    private enum Scan {
        case ended(next: Int)
        case unclosedQuote(linesBefore: Int)
    }

    private static func record(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, keeping kept: [Bool]?,
        into cells: inout [String], lines: inout Int, skipped: inout Bool
    ) -> Scan {
        let end = bytes.count
        var index = start
        var escaped: [UInt8] = []
        while true {
            let keep = kept.map { cells.count < $0.count && $0[cells.count] } ?? true
            if index < end, bytes[index] == quote {
                let openedAfter = lines
                index += 1
                var segment = index
                escaped.removeAll(keepingCapacity: true)
                var hasEscapes = false
                while true {
                    guard index < end else { return .unclosedQuote(linesBefore: openedAfter) }
                    let byte = bytes[index]
                    if byte == quote {
                        guard index + 1 < end, bytes[index + 1] == quote else { break }
                        // `""` is one quote: keep the text so far with one of the two.
                        escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...index]))
                        hasEscapes = true
                        index += 2
                        segment = index
                        continue
                    }
                    if byte == newline || (byte == carriageReturn && !(index + 1 < end && bytes[index + 1] == newline))
                    {
                        lines += 1
                    }
                    index += 1
                }
                var value: String
                if !keep {
                    value = ""
                    skipped = skipped || index > segment || hasEscapes
                } else if hasEscapes {
                    escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<index]))
                    value = String(decoding: escaped, as: UTF8.self)
                } else {
                    value = String(decoding: UnsafeBufferPointer(rebasing: bytes[segment..<index]), as: UTF8.self)
                }
                index += 1
                let rest = index
                while index < end, !isFieldEnd(bytes[index], delimiter) { index += 1 }
                if keep, index > rest {
                    value += String(decoding: UnsafeBufferPointer(rebasing: bytes[rest..<index]), as: UTF8.self)
                }
                cells.append(value)
            } else {
                let field = index
                while index < end, !isFieldEnd(bytes[index], delimiter) { index += 1 }
                if !keep, index > field { skipped = true }
                cells.append(
                    keep ? String(decoding: UnsafeBufferPointer(rebasing: bytes[field..<index]), as: UTF8.self) : "")
            }
            guard index < end else { return .ended(next: end) }
            let byte = bytes[index]
            index += 1
            if byte == delimiter { continue }
            if byte == carriageReturn, index < end, bytes[index] == newline { index += 1 }
            lines += 1
            return .ended(next: index)
        }
    }

    @inline(__always)
    private static func isFieldEnd(_ byte: UInt8, _ delimiter: UInt8) -> Bool {
        byte == delimiter || byte == newline || byte == carriageReturn
    }

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let tab = UInt8(ascii: "\t")
    private static let comma = UInt8(ascii: ",")
}

/// A CSV file that cannot be read past `line`.
public struct CSVSyntaxError: Error, Sendable, Hashable {
    public let line: Int
    public let message: String
}
