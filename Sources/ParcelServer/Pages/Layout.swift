import ParcelCore
import Plot

/// The frame every page shares: language, viewport for phones, our own
/// small stylesheet inline (no CDN, no web font), and the page's body.
enum Layout {
    static func document(
        title: LocalizedText, language: PageLanguage, @ComponentBuilder body: () -> any Component
    ) -> HTML {
        HTML(
            .lang(language.plot),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .element(named: "title", text: language(title) + " · ParcelDesk"),
                .element(named: "style", text: stylesheet)
            ),
            .body(.component(body()))
        )
    }

    /// Readable on a laptop and a phone: system fonts, one column under 40em.
    static let stylesheet = """
        body{font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:0;color:#1b1f24;background:#f6f7f9;line-height:1.5}\
        main{max-width:60em;margin:0 auto;padding:1em}\
        form.narrow{max-width:22em;margin:3em auto;background:#fff;padding:1.5em;border-radius:8px;box-shadow:0 1px 3px #0002}\
        label{display:block;margin:.8em 0 .2em;font-weight:600}\
        input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:.6em;font-size:1rem;border:1px solid #aab;border-radius:6px}\
        button{margin-top:1.2em;padding:.7em 1.2em;font-size:1rem;border:0;border-radius:6px;background:#1f5fbf;color:#fff;cursor:pointer}\
        .error{background:#fde8e8;color:#8a1c1c;padding:.6em;border-radius:6px}\
        nav.lang{text-align:right;font-size:.9em}
        """
}
