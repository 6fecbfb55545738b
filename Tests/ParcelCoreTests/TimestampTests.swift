import Foundation
import Testing

@testable import ParcelCore

@Suite("Timestamps")
struct TimestampTests {
    @Test(
        "ISO 8601 on any clock: the reporting offset, UTC with Z, odd and negative offsets, far years",
        arguments: [
            (1_762_074_000.0, Timestamp.chinaStandard, "2025-11-02T17:00:00+08:00", "2025-11-02T09:00:00Z"),
            (1_762_074_000.0, -(3 * 3600 + 1800), "2025-11-02T05:30:00-03:30", "2025-11-02T09:00:00Z"),
            (1_709_164_799.0, 5 * 3600 + 2700, "2024-02-29T05:44:59+05:45", "2024-02-28T23:59:59Z"),
            (-1.5, 0, "1969-12-31T23:59:58Z", "1969-12-31T23:59:58Z"),
            (0.999, Timestamp.kst, "1970-01-01T09:00:00+09:00", "1970-01-01T00:00:00Z"),
            (253_402_300_800.0, 0, "10000-01-01T00:00:00Z", "10000-01-01T00:00:00Z"),
        ])
    func formats(epoch: Double, offset: Int, local: String, utc: String) {
        let moment = Timestamp(epochSeconds: epoch, utcOffset: offset)
        #expect(moment.description == local)
        #expect(moment.utcString == utc)
    }

    @Test("what is printed parses back to the same second on the same clock")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let epoch = Double(Int.random(in: -2_000_000_000...4_000_000_000, using: &generator))
            let offset = Int.random(in: -48...56, using: &generator) * 900
            let moment = Timestamp(epochSeconds: epoch, utcOffset: offset)
            let parsed = try #require(Timestamp.parse(moment.description))
            #expect(parsed.epochSeconds == epoch, "\(moment.description)")
            #expect(parsed.utcOffset == offset, "\(moment.description)")
        }
    }
}
