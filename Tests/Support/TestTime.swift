import ParcelCore

/// A moment written as in the tests, `2026-11-22T09:00:00+09:00` (KST when the offset is left out).
public func time(_ text: String) -> Timestamp {
    guard let stamp = Timestamp.parse(text, defaultOffset: Timestamp.kst) else { fatalError("bad test time \(text)") }
    return stamp
}
