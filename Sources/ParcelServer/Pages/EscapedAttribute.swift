/// Plot writes attribute values as they are given, and escapes only text
/// nodes: every attribute value that carries data (what a person typed, an
/// order number, a path) goes through here, so a quote cannot end it.
func escapedAttribute(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for character in value {
        switch character {
        case "&": out += "&amp;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        default: out.append(character)
        }
    }
    return out
}
