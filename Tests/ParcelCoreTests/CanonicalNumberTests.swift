import ParcelCore
import Testing

@Suite("Canonical numbers")
struct CanonicalNumberTests {
    @Test(
        "numbers match by their letters and digits, upper-cased, however they were typed",
        arguments: [
            ("lp 0012-3456-7890-12", "LP00123456789012"), ("  6865.1234.5676 ", "686512345676"), ("", ""),
            ("RB123456785GB", "RB123456785GB"), ("ＬＰ００１２", ""), ("rb\u{200B}1234", "RB1234"),
            ("ıs-ſ9", "ISS9"), ("배송 1Z-999", "1Z999"),
        ])
    func canonical(input: String, expected: String) {
        #expect(canonicalNumber(input) == expected)
    }
}
