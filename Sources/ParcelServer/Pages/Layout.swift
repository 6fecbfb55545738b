import ParcelCore
import Plot

/// The frame every page shares: language, viewport for phones, our own
/// small stylesheet inline (no CDN, no web font), and the page's body.
enum Layout {
    /// `refresh`: the page reloads itself this often while it is on screen and nothing is being typed.
    static func document(
        title: LocalizedText, language: PageLanguage, script: Bool = false, refresh: Int? = nil,
        @ComponentBuilder body: () -> any Component
    ) -> HTML {
        HTML(
            .lang(language.plot),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .element(named: "title", nodes: [.plainText(language(title) + " · ParcelDesk")]),
                // Our own constant, written as is: escaping it on every page was a third of a page's cost.
                .raw(styleElement),
                .if(script, .script(.src("/assets/desk.js"), .attribute(named: "defer", value: "defer")))
            ),
            .body(
                .unwrap(refresh) { .attribute(named: "data-refresh", value: "\($0)") },
                .component(body()))
        )
    }

    /// A seller page: the desk's navigation, the language switch and signing out above the page's own body.
    static func desk(
        title: LocalizedText, chrome: DeskChrome, refresh: Int? = nil, @ComponentBuilder body: () -> any Component
    ) -> HTML {
        let say = chrome.language
        return document(title: title, language: say, script: true, refresh: refresh) {
            Node<HTML.BodyContext>.header(
                .class("desk"),
                .nav(
                    .a(.class("brand"), .href("/"), .plainText("ParcelDesk")),
                    .forEach(chrome.sections) { section in
                        .a(
                            .href(section.path), .plainText(say(section.label)),
                            .if(section == chrome.section, .attribute(named: "aria-current", value: "page")))
                    }
                ),
                .div(
                    .class("who"),
                    .a(
                        .href(HTMLText.escaped(chrome.path + "?lang=" + (say.language == .ko ? "en" : "ko"))),
                        .plainText(say.language == .ko ? "English" : "한국어")),
                    .plainText(" · " + chrome.email + " "),
                    .form(
                        .method(.post), .action("/logout"), .class("inline"),
                        Layout.csrf(chrome.csrf),
                        .button(.type(.submit), .class("link"), .plainText(say(DeskChrome.signOut)))
                    )
                )
            )
            Node<HTML.BodyContext>.main(.component(body()))
        }
    }

    /// A filter's labelled `<select>`: "all" (the empty value) first, then each choice.
    static func filter(
        _ label: LocalizedText, name: String, _ choices: [(value: String, text: String)], selected: String?,
        _ say: PageLanguage
    ) -> Node<HTML.FormContext> {
        let selected = selected ?? ""
        let options: [Node<HTML.SelectContext>] =
            [option(value: "", text: say(LocalizedText(ko: "전체", en: "All")), selected: selected.isEmpty)]
            + choices.map { option(value: $0.value, text: $0.text, selected: selected == $0.value) }
        return .label(
            .plainText(say(label) + " "),
            .element(named: "select", nodes: [.attribute(named: "name", value: name), .group(options)]))
    }

    /// The form's `_csrf` field (`FormGuard`), carried by every form that changes something.
    static func csrf(_ value: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(FormGuard.field), .value(HTMLText.escaped(value)))
    }

    /// An `<option>` with its text (Plot's own has only attributes).
    static func option<Context>(value: String, text: String, selected: Bool) -> Node<Context> {
        .element(
            named: "option",
            nodes: [
                .attribute(named: "value", value: HTMLText.escaped(value)),
                selected ? .attribute(named: "selected", value: "selected") : .empty, .plainText(text),
            ])
    }

    static let styleElement = "<style>" + stylesheet + "</style>"

    /// Readable on a laptop and a phone: system fonts, one column under 40em.
    static let stylesheet = """
        body{font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:0;color:#1b1f24;background:#f6f7f9;line-height:1.5}\
        main{max-width:60em;margin:0 auto;padding:1em}\
        form.narrow{max-width:22em;margin:3em auto;background:#fff;padding:1.5em;border-radius:8px;box-shadow:0 1px 3px #0002}\
        label{display:block;margin:.8em 0 .2em;font-weight:600}\
        input[type=email],input[type=password],input[type=text],input[type=url]{width:100%;box-sizing:border-box;padding:.6em;font-size:1rem;border:1px solid #aab;border-radius:6px}\
        button{margin-top:1.2em;padding:.7em 1.2em;font-size:1rem;border:0;border-radius:6px;background:#1f5fbf;color:#fff;cursor:pointer}\
        .error{background:#fde8e8;color:#8a1c1c;padding:.6em;border-radius:6px}\
        nav.lang{text-align:right;font-size:.9em}\
        header.desk{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5em;background:#14324f;color:#fff;padding:.5em 1em}\
        header.desk a{color:#fff;margin-right:1em;text-decoration:none}header.desk a[aria-current]{text-decoration:underline;font-weight:700}\
        header.desk .brand{font-weight:800}header.desk .who{font-size:.9em}\
        form.inline{display:inline}button.link{background:none;color:inherit;padding:0;margin:0;text-decoration:underline;font-size:inherit}\
        table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.5em;border-bottom:1px solid #e3e6ea;vertical-align:top}\
        .card{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:1em;margin:1em 0}\
        .sev{display:inline-block;padding:.1em .5em;border-radius:1em;font-size:.85em;font-weight:700;white-space:nowrap}\
        .sev-urgent{background:#b3261e;color:#fff}.sev-act{background:#e8710a;color:#fff}.sev-watch{background:#fbbc04}.sev-info{background:#dde3ea}\
        .muted{color:#5f6b7a;font-size:.9em}.counts span{margin-right:1em}\
        pre.copy{white-space:pre-wrap;background:#f1f3f5;padding:.8em;border-radius:6px}\
        .bubble{padding:.6em .8em;border-radius:10px;margin:.4em 0;max-width:36em}.from-buyer{background:#e7f0ff}.from-desk{background:#f1f3f5}.from-seller{background:#e6f4ea}\
        textarea{width:100%;box-sizing:border-box;min-height:5em;font-size:1rem;padding:.5em}\
        select{padding:.4em;font-size:1rem}\
        input[type=number]{width:7em;padding:.4em;font-size:1rem;margin-left:.3em}\
        button.secondary{background:#fff;color:#1f5fbf;border:1px solid #1f5fbf;margin-right:.5em}\
        details{margin:.3em 0}summary{cursor:pointer;padding:.2em 0}blockquote{margin:.5em 0;padding:.6em .8em;background:#f1f3f5;border-radius:6px;white-space:pre-wrap}\
        @media (max-width:40em){td,th{display:block;border:0;padding:.2em .5em}tr{display:block;border-bottom:1px solid #e3e6ea;padding:.4em 0}thead{display:none}}
        """
}

extension Node {
    /// Text shown exactly as given, what every page writes instead of Plot's
    /// `.text`: that one leaves what looks like an entity (`&amp;`) alone, so
    /// a seller's or buyer's own words would show (and copy) changed, and it
    /// builds a string for each character, a tenth of the Today page's time.
    static func plainText(_ text: String) -> Node {
        .raw(HTMLText.escaped(text))
    }
}
