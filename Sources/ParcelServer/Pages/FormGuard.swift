import ParcelApp

/// CSRF for every state-changing form. A form's `_csrf` is derived from the
/// secret in the visitor's own cookie (the session token once signed in, a
/// random sign-in cookie before), so a page on another site, which can make
/// the browser send the cookie but cannot read it, cannot write the field;
/// nothing more is stored, and a value from one session is useless in another.
/// It is keyed with the installation's own secret too, so that someone who
/// could plant a cookie for this host still cannot work out its value.
struct FormGuard: Sendable {
    static let field = "_csrf"
    /// The cookie that carries the secret before anyone has signed in.
    static let signInCookie = "pd_signin"

    /// From the installation's secret (`Services.formKey`).
    let key: String

    /// The `_csrf` value the forms of the visitor holding `secret` carry.
    func token(for secret: String) -> String {
        Hashing.derived(from: secret, purpose: "parceldesk form " + key)
    }

    /// Whether a posted `_csrf` belongs to the cookie's secret. No secret, no field: refused.
    func accepts(_ posted: String?, secret: String?) -> Bool {
        guard let posted, let secret, !posted.isEmpty, !secret.isEmpty else { return false }
        return constantTimeEqual(posted, token(for: secret))
    }
}
