import Foundation

/// Tracking numbers as they are matched and compared everywhere (the store's
/// index, the timeline's legs, an import's repeated rows): upper-case ASCII
/// letters and digits only, so case, spaces and dashes never tell two apart.
public func canonicalNumber(_ number: String) -> String {
    var number = number
    // Most numbers arrive canonical already: then no new string at all.
    let canonical = number.withUTF8 { utf8 in
        utf8.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        }
    }
    if canonical { return number }
    // Byte by byte for ASCII, which nearly every number is; other text goes through
    // Unicode upper-casing first ("ı" becomes "I").
    let ascii = number.withUTF8 { utf8 -> String? in
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 {
                let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
                if (upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z"))
                    || (upper >= UInt8(ascii: "0") && upper <= UInt8(ascii: "9"))
                {
                    buffer[count] = upper
                    count += 1
                }
            }
            return count
        }
    }
    return ascii
        ?? String(
            number.uppercased().unicodeScalars.filter { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }.map(
                Character.init))
}
