/// Text made safe inside HTML, in an element or an attribute value: the
/// claim bundle's index page, and the pages' attribute values (Plot escapes
/// text nodes but writes attribute values as given, so every one that
/// carries data goes through here).
public enum HTMLText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
