import Foundation
import Logging
import ParcelCore

/// One JSON object per line on standard error: time, level, label, message, metadata.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var members: [(String, JSONValue)] = [
            ("time", .string(Timestamp(Date()).utcString)), ("level", .string(event.level.rawValue)),
            ("label", .string(label)), ("message", .string(event.message.description)),
        ]
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            members.append((key, .string(value.description)))
        }
        FileHandle.standardError.write(Data((JSONValue.object(members).serialized() + "\n").utf8))
    }
}
