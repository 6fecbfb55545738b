/// A decoder's coding path as people write it, `[2].events[3].time`, so an
/// error about bad input can name the field: array positions in brackets,
/// keys joined by dots. An empty path gives an empty string.
public func codingPathText(_ codingPath: [any CodingKey]) -> String {
    var text = ""
    for key in codingPath {
        if let index = key.intValue {
            text += "[\(index)]"
        } else {
            text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return text
}
