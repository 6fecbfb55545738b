import Foundation
import ParcelCore

/// Where evidence files live: on disk beside the database, never in it.
/// `ParcelStore.DiskEvidenceFiles` is the live one.
public protocol EvidenceFiles: Sendable {
    /// Writes the bytes under `key` whole or not at all (a temporary file renamed into place).
    func write(_ data: Data, key: String) throws
    /// Where the file under `key` is, to read or to add to a bundle.
    func url(key: String) -> URL
    func remove(key: String)
    /// A fresh directory for building a bundle in; the caller removes it.
    func scratchDirectory() throws -> URL
}

/// How much evidence a claim may carry.
public struct EvidenceLimits: Sendable, Equatable {
    public var fileBytes: Int
    public var claimBytes: Int

    public init(fileBytes: Int = 20 << 20, claimBytes: Int = 100 << 20) {
        self.fileBytes = fileBytes
        self.claimBytes = claimBytes
    }

    /// "20 MB": limits as people read them.
    public static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}

/// Why a file was not attached; nothing is stored in any of these cases.
public enum EvidenceError: Error, Sendable, Equatable, CustomStringConvertible {
    case claimNotFound
    /// The file alone is over the per-file limit.
    case fileTooLarge(limit: Int)
    /// The file would take the claim over its total.
    case claimFull(limit: Int, stored: Int)
    /// Its first bytes are none of the accepted types.
    case unsupportedType
    case empty

    public var description: String {
        switch self {
        case .claimNotFound: "no such claim"
        case .fileTooLarge(let limit): "the file is over the \(EvidenceLimits.megabytes(limit)) limit per file"
        case .claimFull(let limit, let stored):
            "the claim's evidence would go over its \(EvidenceLimits.megabytes(limit)) limit (\(EvidenceLimits.megabytes(stored)) stored)"
        case .unsupportedType:
            "not a photo (JPEG, PNG, GIF, WebP, HEIC), a video (MP4, MOV), a PDF or UTF-8 text, judged by its content"
        case .empty: "the file is empty"
        }
    }
}
