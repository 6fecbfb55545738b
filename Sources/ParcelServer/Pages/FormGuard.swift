import ParcelApp

/// CSRF for every state-changing form. A form's `_csrf` is derived from the
/// secret in the visitor's own cookie (the session token once signed in, a
/// random sign-in cookie before), so a page on another site, which can make
/// the browser send the cookie but cannot read it, cannot write the field;
/// nothing more is stored, and a value from one session is useless in another.
enum FormGuard {
    static let field = "_csrf"
    /// The cookie that carries the secret before anyone has signed in.
    static let signInCookie = "pd_signin"

    /// The `_csrf` value the forms of the visitor holding `secret` carry.
    static func token(for secret: String) -> String {
        Hashing.derived(from: secret, purpose: "parceldesk form")
    }

    /// Whether a posted `_csrf` belongs to the cookie's secret. No secret, no field: refused.
    static func accepts(_ posted: String?, secret: String?) -> Bool {
        guard let posted, let secret, !posted.isEmpty, !secret.isEmpty else { return false }
        return constantTimeEqual(posted, token(for: secret))
    }
}
