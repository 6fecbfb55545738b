import Testing

@testable import ParcelServer

@Suite("Forms' CSRF field")
struct FormGuardTests {
    @Test("a form's _csrf is accepted with the cookie it was made for, and refused with another, none, or a guess")
    func acceptance() {
        // setup
        let secret = "pd_session-of-the-visitor"
        let token = FormGuard.token(for: secret)
        // validate
        #expect(FormGuard.accepts(token, secret: secret))
        #expect(!FormGuard.accepts(token, secret: "pd_someone-else"))
        #expect(!FormGuard.accepts(nil, secret: secret))
        #expect(!FormGuard.accepts("", secret: secret))
        #expect(!FormGuard.accepts(token, secret: nil))
        let tampered = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
        #expect(!FormGuard.accepts(tampered, secret: secret))
    }

    @Test("the field shows nothing of the secret, and each secret has its own")
    func derivation() {
        let first = FormGuard.token(for: "secret-one")
        #expect(first.count == 64)
        #expect(!first.contains("secret"))
        #expect(first != FormGuard.token(for: "secret-two"))
        #expect(first == FormGuard.token(for: "secret-one"))
    }
}
