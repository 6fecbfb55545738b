import Testing

@testable import ParcelServer

@Suite("Forms' CSRF field")
struct FormGuardTests {
    let forms = FormGuard(key: "installation-key-one")

    @Test("a form's _csrf is accepted with the cookie it was made for, and refused with another, none, or a guess")
    func acceptance() {
        // setup
        let secret = "pd_session-of-the-visitor"
        let token = forms.token(for: secret)
        // validate
        #expect(forms.accepts(token, secret: secret))
        #expect(!forms.accepts(token, secret: "pd_someone-else"))
        #expect(!forms.accepts(nil, secret: secret))
        #expect(!forms.accepts("", secret: secret))
        #expect(!forms.accepts(token, secret: nil))
        let tampered = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
        #expect(!forms.accepts(tampered, secret: secret))
    }

    @Test("the field shows nothing of the secret, and each secret has its own")
    func derivation() {
        let first = forms.token(for: "secret-one")
        #expect(first.count == 64)
        #expect(!first.contains("secret"))
        #expect(first != forms.token(for: "secret-two"))
        #expect(first == forms.token(for: "secret-one"))
    }

    @Test("a planted cookie does not help: the same cookie makes another field under another installation's key")
    func keyed() {
        let other = FormGuard(key: "installation-key-two")
        #expect(forms.token(for: "planted-cookie") != other.token(for: "planted-cookie"))
        #expect(!other.accepts(forms.token(for: "planted-cookie"), secret: "planted-cookie"))
    }
}
