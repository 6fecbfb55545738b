import ParcelCore
import Plot

extension LoginPage {
    /// The sign-in form; sees only its model.
    struct View {
        let model: Model

        /// The page as sent.
        func html() -> String { document().render() }

        func document() -> HTML {
            let say = model.language
            return Layout.document(title: LoginPage.title, language: say) {
                Node<HTML.BodyContext>.nav(
                    .class("lang"),
                    .a(.href("/login?lang=ko"), .plainText("한국어")),
                    .plainText(" · "),
                    .a(.href("/login?lang=en"), .plainText("English"))
                )
                Node<HTML.BodyContext>.form(
                    .class("narrow"), .method(.post), .action("/login"),
                    .h1(.plainText("ParcelDesk " + say(LoginPage.title))),
                    .unwrap(model.problem) {
                        .p(.class("error"), .attribute(named: "role", value: "alert"), .plainText(say($0)))
                    },
                    .input(.type(.hidden), .name("_csrf"), .value(HTMLText.escaped(model.csrf))),
                    .unwrap(model.next) { .input(.type(.hidden), .name("next"), .value(HTMLText.escaped($0))) },
                    .label(.for("email"), .plainText(say(LocalizedText(ko: "이메일", en: "E-mail")))),
                    .input(
                        .type(.email), .id("email"), .name("email"), .value(HTMLText.escaped(model.email)),
                        .required(true),
                        .attribute(named: "autocomplete", value: "username")),
                    .label(.for("password"), .plainText(say(LocalizedText(ko: "비밀번호", en: "Password")))),
                    .input(
                        .type(.password), .id("password"), .name("password"), .required(true),
                        .attribute(named: "autocomplete", value: "current-password")),
                    .button(.type(.submit), .plainText(say(LoginPage.title)))
                )
            }
        }
    }
}
