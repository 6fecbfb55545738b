import Foundation
import ParcelApp

/// Evidence files on disk under one directory: `<claim>/<evidence>.<ext>`,
/// each written to a temporary name in the same directory and renamed into
/// place, so a crash leaves a whole file or none.
public struct DiskEvidenceFiles: EvidenceFiles {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Beside an SQLite file (`shop.sqlite` → `shop-files/evidence`), or under `./parceldesk-files`.
    public static func defaultRoot(for location: StoreLocation) -> URL {
        switch location {
        case .sqlite(let path):
            let file = URL(fileURLWithPath: path)
            let base = file.deletingPathExtension().lastPathComponent
            return file.deletingLastPathComponent().appendingPathComponent("\(base)-files")
                .appendingPathComponent("evidence")
        case .postgres, .memory:
            return URL(fileURLWithPath: "parceldesk-files").appendingPathComponent("evidence")
        }
    }

    public func url(key: String) -> URL {
        root.appendingPathComponent(key)
    }

    public func write(_ data: Data, key: String) throws {
        let target = url(key: key)
        let directory = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(UUID().uuidString).partial")
        do {
            // `.atomic` would write beside the target too; the explicit rename keeps the partial
            // file's name recognisable if a crash leaves it behind.
            try data.write(to: temporary)
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, target.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    public func remove(key: String) {
        try? FileManager.default.removeItem(at: url(key: key))
    }

    public func scratchDirectory() throws -> URL {
        let directory = root.deletingLastPathComponent().appendingPathComponent("scratch")
            .appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
