import ParcelCore
import Plot

/// Which language a page speaks: `?lang=en` (or `ko`) on any page chooses,
/// and the choice is remembered in a cookie; Korean when nothing says otherwise.
struct PageLanguage: Sendable, Equatable {
    static let cookieName = "pd_lang"

    let language: ParcelCore.Language
    /// The query asked for a language the cookie does not hold yet: set it.
    let remember: Bool

    init(query: String?, cookie: String?) {
        let asked = query.flatMap { ParcelCore.Language(rawValue: $0.lowercased()) }
        let kept = cookie.flatMap { ParcelCore.Language(rawValue: $0) }
        language = asked ?? kept ?? .ko
        remember = asked != nil && asked != kept
    }

    /// The `<html lang>` value.
    var plot: Plot.Language { language == .ko ? .korean : .english }

    func callAsFunction(_ text: LocalizedText) -> String { text.text(language) }
}
