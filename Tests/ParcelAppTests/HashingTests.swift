import Foundation
import ParcelCore
import Testing

@testable import ParcelApp

@Suite("Row digests")
struct DigestTests {
    @Test("a digest of records is the digest of their joined text, so stored digests still match")
    func records() {
        let records = [["cjlogistics", "123456789012"], ["", "LP00123456789CN"], ["김", ""]]
        let joined = records.map { $0.joined(separator: "\u{1F}") }.joined(separator: "\u{1E}")
        #expect(Hashing.digest128(records: records) == Hashing.digest128(joined))
        #expect(Hashing.digest128(records: []) == Hashing.digest128(""))
        #expect(Hashing.digest128(records: [["a", "b"]]) != Hashing.digest128(records: [["a"], ["b"]]))
    }
}

@Suite("Row ids")
struct RowIDTests {
    @Test("new row ids are version 7: later ids sort later as stored text, and no two are alike")
    func ordered() throws {
        var generator = SystemRandomNumberGenerator()
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let ids = (0..<1000).map { step in
            UUID.forNewRow(at: start.addingTimeInterval(Double(step) * 0.002), using: &generator)
        }
        #expect(ids.map(\.text) == ids.map(\.text).sorted())
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let text = Array(id.uuidString)
            #expect(text[14] == "7")
            #expect("89AB".contains(text[19]))
        }
        #expect(ids[0].uuidString.hasPrefix("01A2"))
    }
}
