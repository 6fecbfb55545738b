import Foundation

/// The most ParcelDesk stores of each text it is given, in characters
/// (Unicode scalars, as JSON Schema's `maxLength` counts): room for every
/// real order and scan, never for a megabyte in a name that then comes back
/// on every page. The API, the import (each mapped cell, by its field) and
/// the command line all pass through `OrderValidator`, which applies them;
/// `openapi.yaml` declares the same numbers (a test compares).
public enum InputLimits {
    public static let externalID = 64
    public static let marketplace = 40
    public static let buyerName = 100
    public static let phone = 30
    public static let email = 254
    public static let itemName = 500
    public static let itemsPerOrder = 100
    public static let quantity = 100_000
    public static let price: Decimal = 1_000_000_000
    public static let carrier = 64
    public static let trackingNumber = 64
    public static let shippingOption = 200
    public static let time = 40
    /// A quantity or an amount as text (`12,900`, `US $3.99`).
    public static let numberText = 40
    public static let country = 60
    public static let eventSource = 40
    public static let eventCode = 64
    public static let eventText = 1000
    public static let location = 200
    public static let password = 200
    /// A claim's detail and an action's note: a message's worth.
    public static let claimNote = 2000
    /// An idempotency key a client sends with an action.
    public static let idempotencyKey = 200
    /// `column=field` mappings of one import, and the length of each.
    public static let mappings = 32
    public static let mapping = 200

    /// The message for a text over its limit, or nil when it fits.
    public static func problem(_ text: String, limit: Int) -> String? {
        // Everything that reads text back stops at a NUL: "E5" and "E5\0x" would be two orders shown as one.
        if text.utf8.contains(0) { return "contains a NUL character (U+0000)" }
        return lengthProblem(text, limit: limit)
    }

    /// The length alone, for what is never shown back (a password, an e-mail only compared).
    public static func lengthProblem(_ text: String, limit: Int) -> String? {
        // No more characters than UTF-8 bytes; counting stops past the limit,
        // so a 10 MB value costs no more than a short one.
        if text.utf8.count <= limit { return nil }
        var count = 0
        for _ in text.unicodeScalars {
            count += 1
            if count > limit { return "at most \(limit) characters" }
        }
        return nil
    }
}

/// Phone numbers and e-mail addresses as buyers' records hold them.
public enum ContactCheck {
    /// Digits with the usual separators (`010-1234-5678`, `+82 10 1234 5678`,
    /// `(02) 123-4567`), masked digits (`010-****-5678`) as exports show them.
    public static func isPhone(_ text: String) -> Bool {
        var digits = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"): digits += 1
            case UInt8(ascii: "+") where offset > 0: return false
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "."):
                continue
            default: return false
            }
        }
        return (7...20).contains(digits)
    }

    /// One `@` between a local part and a dotted domain, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, text.utf8.count <= InputLimits.email else { return false }
        let domain = parts[1]
        guard !text.contains(where: { $0.isWhitespace || $0.isNewline }),
            domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
        else { return false }
        return true
    }
}

/// Text that a spreadsheet would run as a formula (`=1+1`, `@SUM(…)`,
/// `+82…`, `-1`): stored as given, and written by every export so that it
/// shows as text (OWASP's CSV-injection advice: a leading apostrophe).
public enum SpreadsheetText {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func startsFormula(_ text: String) -> Bool {
        text.first.map(formulaStarts.contains) ?? false
    }

    /// The text as a spreadsheet cell should hold it.
    public static func neutralized(_ text: String) -> String {
        startsFormula(text) ? "'" + text : text
    }

    /// One CSV cell: neutralized, and quoted when it holds a comma, a quote or a line break.
    public static func csvCell(_ text: String) -> String {
        let safe = neutralized(text)
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A CSV file as spreadsheets open Korean text: UTF-8 with a byte-order mark, CRLF line ends.
    public static func csv(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(csvCell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// `text` in quotes for a message, cut to its first 60 characters: an
/// error about a huge value must not be huge itself.
public func quotedExcerpt(_ text: String) -> String {
    let head = text.prefix(60)
    return "\"\(head)\(head.count < text.count ? "…" : "")\""
}
