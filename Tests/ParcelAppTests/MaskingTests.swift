import ParcelApp
import Testing

@Suite("Masking: what a buyer page and a shared bundle show of a person")
struct MaskingTests {
    @Test(
        "names keep at most their first and last letter; one-letter words after the first are hidden",
        arguments: [
            ("김민수", "김*수"), ("김민", "김*"), ("김", "*"), ("John Smith", "J*** S****"), ("A B C D", "A * * *"),
            ("김 철 수", "김 * *"), ("", ""),
        ])
    func names(name: String, masked: String) {
        #expect(Masking.name(name) == masked)
    }

    @Test(
        "mobile numbers keep the prefix and the last four digits; any other number only the last four",
        arguments: [
            ("010-1234-5678", "010-****-5678"), ("+82 10 1234 5678", "010-****-5678"), ("01012345678", "010-****-5678"),
            ("02-123-4567", "****-4567"), ("031-1234-5678", "****-5678"), ("123", "***"),
        ])
    func phones(phone: String, masked: String) {
        #expect(Masking.phone(phone) == masked)
    }
}
