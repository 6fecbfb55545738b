import Foundation
import ParcelCore
import Synchronization

extension UUID {
    /// A new id for a stored row: a version 7 UUID, the current millisecond
    /// then 74 random bits. Ids made later sort later, so new rows land at the
    /// end of every index keyed on them instead of on a random page; and
    /// `UUID()` would open the system's random device for every id on Linux.
    public static func forNewRow() -> UUID {
        rowIDRandom.withLock { forNewRow(at: Date(), using: &$0) }
    }

    /// Seeded once from the system: row ids only have to differ, they guard
    /// nothing (a buyer's link carries its own secret token).
    private static let rowIDRandom = Mutex(SeededRandom(seed: UInt64.random(in: .min ... .max)))

    static func forNewRow(at time: Date, using generator: inout some RandomNumberGenerator) -> UUID {
        let milliseconds = UInt64(max(0, time.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        let random = generator.next()
        let high = milliseconds << 16 | 0x7000 | (random >> 52)
        let low = generator.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        return UUID(uuid: bytes)
    }
}
