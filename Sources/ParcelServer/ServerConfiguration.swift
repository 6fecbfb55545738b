import Foundation
import Logging
import ParcelApp
import ParcelStore

/// Everything the server reads from its environment and flags, checked in
/// one place at start-up. A bad value stops the start with every bad
/// variable named, instead of failing later on first use.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var location: StoreLocation = .sqlite(path: StoreLocation.defaultPath)
    public var logLevel: Logger.Level = .info
    /// `text` for people at a terminal, `json` for log collectors.
    public var logFormat: LogFormat = .text
    /// Sign-in attempts allowed per account per minute, from any address.
    public var loginAttemptsPerAccount = 5
    /// Sign-in attempts allowed per address per minute, for any accounts.
    public var loginAttemptsPerAddress = 30
    /// When set, `/metrics` answers only `Authorization: Bearer <this>`.
    public var metricsToken: String?
    /// A connection that sends and receives nothing for this long is closed
    /// (a request head that never completes among them).
    public var idleTimeoutSeconds = 30
    /// How often shipments due for re-diagnosis are refreshed (0 turns it off).
    public var refreshSeconds = 60
    /// How often events are collected and due webhook deliveries sent; 0 sends none.
    public var webhookSeconds = 5
    /// Webhooks may post to this machine or a private network (`PARCELDESK_WEBHOOKS_ALLOW_PRIVATE`).
    public var allowsPrivateWebhooks = false
    /// bcrypt cost for new passwords, here and in `parceldesk user create`.
    public var bcryptCost = 12
    /// How long a sign-in token lasts.
    public var sessionHours = AccountService.defaultSessionHours
    /// Where claim evidence files live; nil: beside the SQLite file (`DiskEvidenceFiles.defaultRoot`).
    public var dataDirectory: String?
    public var evidenceLimits = EvidenceLimits()
    /// Requests per minute one address may make to buyer pages.
    public var buyerRequestsPerMinute = 120
    /// `PARCELDESK_SECRET_KEY`; nil: the key file in the data directory, made on first start.
    public var secretKey: SecretKey?
    /// `PARCELDESK_TRUSTED_PROXIES` and `PARCELDESK_PUBLIC_URL`.
    public var proxy = ProxySettings()

    public enum LogFormat: String, Sendable, CaseIterable {
        case text, json
    }

    public init() {}

    /// The services over `store` with these settings: bcrypt at `bcryptCost`
    /// (unless a test hands in cheaper `passwords`), sign-ins lasting `sessionHours`.
    public func services(over store: Store, passwords: (any PasswordHasher)? = nil) throws -> Services {
        Services(
            store: store, passwords: passwords ?? Passwords(cost: bcryptCost), evidence: evidenceFiles(for: store),
            evidenceLimits: evidenceLimits, sessionLifetime: Double(sessionHours) * 3600,
            secretKey: try secretKey ?? Self.keyFile(for: store.location, dataDirectory: dataDirectory),
            allowsPrivateWebhooks: allowsPrivateWebhooks)
    }

    /// The installation's key when none is configured: `secret.key` in the
    /// data directory (beside the SQLite file by default), made readable by
    /// its owner only the first time; a fresh one per process for an in-memory database.
    static func keyFile(for location: StoreLocation, dataDirectory: String?) throws -> SecretKey {
        if case .memory = location, dataDirectory == nil { return .random() }
        let directory =
            dataDirectory.map { URL(fileURLWithPath: $0) }
            ?? DiskEvidenceFiles.defaultRoot(for: location).deletingLastPathComponent()
        let file = directory.appendingPathComponent("secret.key")
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            guard let key = SecretKey(text: text) else { throw KeyFileError(path: file.path) }
            return key
        }
        let key = SecretKey.random()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data((key.text + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw KeyFileError(path: file.path) }
        return key
    }

    public struct KeyFileError: Error, CustomStringConvertible, Sendable {
        let path: String
        public var description: String {
            "\(path) does not hold a key ParcelDesk can read (base64 of 32 bytes or more); "
                + "set PARCELDESK_SECRET_KEY, or move the file away to have a new one made "
                + "(links to buyer pages made with the old key stop working)"
        }
    }

    /// Evidence under `PARCELDESK_DATA_DIR/evidence`, or beside the store's SQLite file.
    public func evidenceFiles(for store: Store) -> DiskEvidenceFiles {
        if let dataDirectory {
            return DiskEvidenceFiles(root: URL(fileURLWithPath: dataDirectory).appendingPathComponent("evidence"))
        }
        return DiskEvidenceFiles(root: DiskEvidenceFiles.defaultRoot(for: store.location))
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let problems: [String]
        public var description: String {
            "configuration is not valid:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads `PARCELDESK_*` variables and `DATABASE_URL`; flags given on the
    /// command line win over variables.
    public static func load(
        environment: [String: String], host: String? = nil, port: Int? = nil, dbPath: String? = nil
    ) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        var problems: [String] = []
        func integer(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), range.contains(value) else {
                problems.append(
                    "\(name)=\(text): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return value
        }
        if let value = environment["PARCELDESK_HOST"], !value.isEmpty { configuration.host = value }
        if let value = integer("PARCELDESK_PORT", 1...65535) { configuration.port = value }
        if let value = integer("PARCELDESK_LOGIN_ATTEMPTS_PER_MINUTE", 1...1000) {
            configuration.loginAttemptsPerAccount = value
        }
        if let value = integer("PARCELDESK_LOGIN_ATTEMPTS_PER_ADDRESS", 1...10_000) {
            configuration.loginAttemptsPerAddress = value
        }
        if let value = integer("PARCELDESK_IDLE_TIMEOUT_SECONDS", 1...3600) { configuration.idleTimeoutSeconds = value }
        if let value = environment["PARCELDESK_METRICS_TOKEN"], !value.isEmpty {
            if value.count < 16 {
                problems.append("PARCELDESK_METRICS_TOKEN: use at least 16 characters (a random string)")
            } else {
                configuration.metricsToken = value
            }
        }
        if let value = integer("PARCELDESK_REFRESH_SECONDS", 0...86_400) { configuration.refreshSeconds = value }
        if let value = integer("PARCELDESK_WEBHOOK_SECONDS", 0...3600) { configuration.webhookSeconds = value }
        if let value = environment["PARCELDESK_WEBHOOKS_ALLOW_PRIVATE"], !value.isEmpty {
            switch value.lowercased() {
            case "1", "true", "yes": configuration.allowsPrivateWebhooks = true
            case "0", "false", "no": configuration.allowsPrivateWebhooks = false
            default: problems.append("PARCELDESK_WEBHOOKS_ALLOW_PRIVATE=\(value): expected 1 or 0")
            }
        }
        if let value = integer("PARCELDESK_BCRYPT_COST", 4...31) { configuration.bcryptCost = value }
        if let value = integer("PARCELDESK_SESSION_HOURS", 1...8760) { configuration.sessionHours = value }
        if let value = environment["PARCELDESK_TRUSTED_PROXIES"], !value.isEmpty {
            let addresses = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = addresses.first(where: { !ProxySettings.looksLikeAddress($0) }) {
                problems.append("PARCELDESK_TRUSTED_PROXIES: \(bad) is not an IP address (list them with commas)")
            } else {
                configuration.proxy.trustedProxies = Set(addresses)
            }
        }
        if let value = environment["PARCELDESK_PUBLIC_URL"], !value.isEmpty {
            if let origin = ProxySettings.origin(value) {
                configuration.proxy.publicURL = origin
            } else {
                problems.append("PARCELDESK_PUBLIC_URL=\(value): expected https://host (or http://host:port), no path")
            }
        }
        if let value = integer("PARCELDESK_BUYER_REQUESTS_PER_MINUTE", 1...1_000_000) {
            configuration.buyerRequestsPerMinute = value
        }
        if let value = environment["PARCELDESK_DATA_DIR"], !value.isEmpty { configuration.dataDirectory = value }
        if let value = environment["PARCELDESK_SECRET_KEY"], !value.isEmpty {
            if let key = SecretKey(text: value) {
                configuration.secretKey = key
            } else {
                problems.append(
                    "PARCELDESK_SECRET_KEY: expected base64 of at least 32 random bytes (openssl rand -base64 32)")
            }
        }
        if let value = integer("PARCELDESK_EVIDENCE_FILE_MB", 1...1024) {
            configuration.evidenceLimits.fileBytes = value << 20
        }
        if let value = integer("PARCELDESK_EVIDENCE_CLAIM_MB", 1...10_240) {
            configuration.evidenceLimits.claimBytes = value << 20
        }
        if let text = environment["PARCELDESK_LOG_LEVEL"], !text.isEmpty {
            if let level = Logger.Level(rawValue: text.lowercased()) {
                configuration.logLevel = level
            } else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append("PARCELDESK_LOG_LEVEL=\(text): expected one of \(levels)")
            }
        }
        if let text = environment["PARCELDESK_LOG_FORMAT"], !text.isEmpty {
            if let format = LogFormat(rawValue: text.lowercased()) {
                configuration.logFormat = format
            } else {
                problems.append("PARCELDESK_LOG_FORMAT=\(text): expected text or json")
            }
        }
        do {
            configuration.location = try StoreLocation.resolve(dbPath: dbPath, environment: environment)
        } catch {
            problems.append("\(error)")
        }
        if configuration.evidenceLimits.claimBytes < configuration.evidenceLimits.fileBytes {
            problems.append("PARCELDESK_EVIDENCE_CLAIM_MB: must be at least PARCELDESK_EVIDENCE_FILE_MB")
        }
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        guard problems.isEmpty else { throw Invalid(problems: problems) }
        return configuration
    }
}
