import Crypto
import Foundation
import ParcelCore

/// The tracking sources whose API keys the seller keeps here.
public enum TrackingSourceAccount: String, Sendable, CaseIterable {
    case seventeenTrack = "17track"
    case afterShip = "aftership"
    case unipass
    case trackerDelivery = "tracker.delivery"

    public var name: LocalizedText {
        switch self {
        case .seventeenTrack: LocalizedText("17TRACK")
        case .afterShip: LocalizedText("AfterShip")
        case .unipass: LocalizedText(ko: "관세청 UNI-PASS (API 인증키)", en: "Korea Customs UNI-PASS (API key)")
        case .trackerDelivery: LocalizedText("tracker.delivery")
        }
    }
}

/// Where a stored key stands, without the key.
public struct SourceKeyStatus: Sendable, Equatable {
    public let source: String
    public let updatedAt: Timestamp
    public let updatedBy: String

    public init(source: String, updatedAt: Timestamp, updatedBy: String) {
        self.source = source
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

public protocol SourceKeyRepository: Sendable {
    /// Stores (or replaces) a source's sealed key, with the audit entry, in one transaction.
    func saveSourceKey(source: String, sealed: String, at: Double, by: String, audit: AuditEntry) async throws
    func sourceKeys() async throws -> [SourceKeyStatus]
    func sealedSourceKey(source: String) async throws -> String?
}

public enum SourceKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong
    case unreadable

    public var description: String {
        switch self {
        case .empty: "the key is empty"
        case .tooLong: "a key is at most 500 characters"
        case .unreadable: "the stored key cannot be opened with this installation's secret key"
        }
    }
}

/// The tracking sources' API keys: stored sealed with AES-GCM under a key
/// derived from the installation's secret (a copy of the database alone
/// reveals none), never shown back, each change in the audit log.
public struct SourceKeyService: Sendable {
    let repository: any SourceKeyRepository
    let key: Data

    public init(repository: any SourceKeyRepository, key: Data) {
        self.repository = repository
        self.key = key
    }

    public func set(_ source: TrackingSourceAccount, key text: String, now: Timestamp, actor: String) async throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw SourceKeyError.empty }
        guard text.count <= 500 else { throw SourceKeyError.tooLong }
        let sealed = try AES.GCM.seal(Data(text.utf8), using: SymmetricKey(data: key))
        guard let combined = sealed.combined else { throw SourceKeyError.unreadable }
        try await repository.saveSourceKey(
            source: source.rawValue, sealed: combined.base64EncodedString(), at: now.epochSeconds, by: actor,
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "settings.source_key", subject: source.rawValue))
    }

    public func statuses() async throws -> [SourceKeyStatus] {
        try await repository.sourceKeys()
    }

    /// The key itself, for the source's adapter; nil when none is set.
    public func key(for source: TrackingSourceAccount) async throws -> String? {
        guard let stored = try await repository.sealedSourceKey(source: source.rawValue) else { return nil }
        guard let data = Data(base64Encoded: stored), let box = try? AES.GCM.SealedBox(combined: data),
            let opened = try? AES.GCM.open(box, using: SymmetricKey(data: key))
        else { throw SourceKeyError.unreadable }
        return String(decoding: opened, as: UTF8.self)
    }
}
