import ParcelCore

/// `GET /login`: what the sign-in form shows.
enum LoginPage {
    struct Model: Sendable, Equatable {
        let language: PageLanguage
        /// The form's `_csrf`, the same value as the sign-in cookie it is checked against.
        let csrf: String
        /// The e-mail typed last time, kept after a failed attempt.
        let email: String
        /// Why the last attempt failed, when it did.
        let problem: LocalizedText?
        /// Where to go after signing in (a seller page's path).
        let next: String?
    }

    static let title = LocalizedText(ko: "로그인", en: "Sign in")
    static let failed = LocalizedText(
        ko: "이메일 또는 비밀번호가 맞지 않습니다. 다시 입력해 주세요.",
        en: "The e-mail or password is not right. Please try again.")

    static func tooMany(_ seconds: Int) -> LocalizedText {
        LocalizedText(
            ko: "로그인 시도가 너무 많습니다. \(seconds)초 뒤에 다시 시도해 주세요.",
            en: "Too many sign-in attempts. Please try again in \(seconds) seconds.")
    }
}

extension LoginPage.Model {
    static let mock = LoginPage.Model(
        language: PageLanguage(query: nil, cookie: nil), csrf: "csrf-mock-value", email: "owner@shop.kr",
        problem: LoginPage.failed, next: "/orders")
}
