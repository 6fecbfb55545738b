import ArgumentParser
import Foundation
import ParcelCore

/// The moment a command works at: `--now` when given, else the current time.
/// A bare date or a time without an offset is read on the Korean clock.
func resolveMoment(_ now: String?) throws -> Timestamp {
    guard let now else { return Timestamp(Date(), utcOffset: Timestamp.kst) }
    guard let parsed = Timestamp.parse(now, defaultOffset: Timestamp.kst) else {
        throw ValidationError("--now: expected an ISO 8601 date-time such as 2026-11-22T09:00:00+09:00; got \"\(now)\"")
    }
    return parsed
}

/// The bytes of a document command's input: a file, or standard input for `-`.
func readDocumentInput(_ file: String) throws -> Data {
    do {
        return file == "-"
            ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
        throw ValidationError("cannot read \(file): \(error.localizedDescription)")
    }
}
