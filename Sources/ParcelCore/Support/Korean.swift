/// Korean particles that change with the preceding sound: 이/가, 은/는, 을/를,
/// 으로/로, 과/와. Messages put names, numbers and dates before particles, so
/// the right form is chosen from the text's last pronounced character.
public enum Korean {
    /// Whether the word ends in a consonant (받침), and whether that consonant is ㄹ.
    static func ending(_ word: String) -> (consonant: Bool, rieul: Bool) {
        // A closing parenthesis glosses the word before it, which the particle follows:
        // "10월 14일(수)" takes 이, like 14일.
        var word = Substring(word)
        if word.hasSuffix(")"), let open = word.lastIndex(of: "("), open > word.startIndex {
            word = word[..<open]
        }
        guard let last = word.unicodeScalars.reversed().first(where: { !")]'\"’” .".unicodeScalars.contains($0) })
        else { return (false, false) }
        switch last.value {
        case 0xAC00...0xD7A3:
            let final = (last.value - 0xAC00) % 28
            return (final != 0, final == 8)
        case 0x30...0x39:
            // 영 일 이 삼 사 오 육 칠 팔 구
            let digit = Int(last.value - 0x30)
            return (
                [true, true, false, true, false, false, true, true, true, false][digit], [1, 7, 8].contains(digit)
            )
        default:
            // Latin letters read as English names: l, m, n end in a consonant sound.
            let letter = Character(last).lowercased()
            return (["l", "m", "n", "r"].contains(letter), ["l", "r"].contains(letter))
        }
    }

    /// `word` + 이/가.
    public static func subject(_ word: String) -> String { word + (ending(word).consonant ? "이" : "가") }
    /// `word` + 은/는.
    public static func topic(_ word: String) -> String { word + (ending(word).consonant ? "은" : "는") }
    /// `word` + 을/를.
    public static func object(_ word: String) -> String { word + (ending(word).consonant ? "을" : "를") }
    /// `word` + 으로/로 (로 after a vowel or ㄹ).
    public static func toward(_ word: String) -> String {
        let end = ending(word)
        return word + (end.consonant && !end.rieul ? "으로" : "로")
    }
    /// `word` + 과/와.
    public static func and(_ word: String) -> String { word + (ending(word).consonant ? "과" : "와") }
}
