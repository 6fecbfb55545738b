import Foundation
import ParcelCore
import Synchronization

/// Thresholds a seller set for one lane; the fields left empty keep the default.
public struct LaneRule: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let lane: LaneMatch
    public let thresholds: PolicyOverride

    public init(id: UUID, lane: LaneMatch, thresholds: PolicyOverride) {
        self.id = id
        self.lane = lane
        self.thresholds = thresholds
    }
}

public enum SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not an ISO 3166 country code.
    case country(field: String)
    case shippingOptionTooLong
    /// A threshold outside its range, or not a number.
    case threshold(PolicyOverride.Field)
    case noThreshold
    case tooManyRules(limit: Int)
    case template(MessageTemplate, TemplateTextError)

    public var description: String {
        switch self {
        case .country(let field): "\(field): a country's ISO code, two letters such as CN or KR"
        case .shippingOptionTooLong: "shipping option: at most 60 characters"
        case .threshold(let field):
            "\(field.rawValue): a number from \(field.range.lowerBound.formatted()) to \(field.range.upperBound.formatted())"
        case .noThreshold: "set at least one threshold"
        case .tooManyRules(let limit): "at most \(limit) lane rules"
        case .template(let template, let error): "\(template.rawValue): \(error)"
        }
    }
}

/// Settings the owner keeps as small documents, each changed whole with its
/// audit entry.
public protocol SettingsRepository: Sendable {
    func setting(_ key: String) async throws -> String?
    /// In one write transaction (the row locked where the engine can): reads
    /// the setting, lets `change` work out its new text (nil removes it),
    /// writes it and the audit entry; `reviewShipments` also makes every
    /// shipment due for re-diagnosis, for a change that moves findings.
    /// Answers the new text; what `change` throws leaves everything as it was.
    func updateSetting(
        _ key: String, at: Double, by: String, audit: AuditEntry, reviewShipments: Bool,
        change: @escaping @Sendable (String?) throws -> String?
    ) async throws -> String?
}

/// The diagnoser and playbook every service uses right now: the built-in
/// policy with the seller's lane rules on top, and their own message wording.
public final class LiveSettings: Sendable {
    let base: Diagnoser
    private let current: Mutex<(diagnoser: Diagnoser, playbook: Playbook)>

    public init(_ diagnoser: Diagnoser = Diagnoser()) {
        base = diagnoser
        current = Mutex((diagnoser, Playbook(registry: diagnoser.detector.registry)))
    }

    public var diagnoser: Diagnoser { current.withLock { $0.diagnoser } }
    public var playbook: Playbook { current.withLock { $0.playbook } }

    func apply(rules: [LaneRule], templates: [MessageTemplate: CustomTemplate]) {
        let book = base.policies
        // Rules come after the built-in lanes, so at the same specificity the seller's win.
        let policies = PolicyBook(
            defaults: book.defaults, lanes: book.lanes + rules.map { ($0.lane, $0.thresholds) },
            marketplaces: book.marketplaces)
        let diagnoser = Diagnoser(policies: policies, detector: base.detector, builder: base.builder)
        let playbook = Playbook(registry: base.detector.registry, customTemplates: templates)
        current.withLock { $0 = (diagnoser, playbook) }
    }
}

/// The owner's thresholds per lane and message wording: stored, checked,
/// audited, and in force from the moment they are saved. Shipments already
/// diagnosed are re-diagnosed by the refresher under new thresholds.
public struct SettingsService: Sendable {
    let repository: any SettingsRepository
    public let live: LiveSettings

    static let laneRulesKey = "lane_rules"
    static let templatesKey = "message_templates"
    public static let maximumRules = 50

    public init(repository: any SettingsRepository, live: LiveSettings) {
        self.repository = repository
        self.live = live
    }

    /// Reads what is stored and puts it in force; at start-up.
    public func load() async throws {
        live.apply(rules: try await laneRules(), templates: try await templates())
    }

    /// The built-in lanes, for the page to show beside the seller's.
    public var builtInLanes: [(LaneMatch, PolicyOverride)] { live.base.policies.lanes }
    public var defaults: DiagnosisPolicy { live.base.policies.defaults }

    // MARK: - Lane rules

    public func laneRules() async throws -> [LaneRule] {
        try Self.rules(from: try await repository.setting(Self.laneRulesKey))
    }

    /// A setting's document: keys sorted, so the same settings are the same text.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func rules(from text: String?) throws -> [LaneRule] {
        guard let text else { return [] }
        return try JSONDecoder().decode([StoredRule].self, from: Data(text.utf8)).map(\.rule)
    }

    static func text(of rules: [LaneRule]) throws -> String? {
        guard !rules.isEmpty else { return nil }
        return try json(rules.map(StoredRule.init))
    }

    /// Checks a rule as typed on the page (empty fields mean "default").
    public static func rule(
        origin: String?, destination: String?, shippingOption: String?, values: [PolicyOverride.Field: String]
    ) throws(SettingsError) -> LaneRule {
        func country(_ text: String?, _ field: String) throws(SettingsError) -> String? {
            guard let text = text?.trimmed, !text.isEmpty else { return nil }
            guard let code = CountryCodes.code(text) else { throw .country(field: field) }
            return code
        }
        let option = shippingOption?.trimmed
        guard (option?.count ?? 0) <= 60 else { throw .shippingOptionTooLong }
        var thresholds = PolicyOverride()
        for field in PolicyOverride.Field.allCases {
            guard let text = values[field]?.trimmed, !text.isEmpty else { continue }
            // Plain decimal only (Double would also read 0x10 and 1e2); a count is whole.
            let digits = text.split(separator: ".", omittingEmptySubsequences: false)
            guard digits.count <= (field.unit == .times ? 1 : 2),
                digits.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let value = Double(text), field.range.contains(value)
            else { throw .threshold(field) }
            field.set(value, in: &thresholds)
        }
        guard !thresholds.values.isEmpty else { throw .noThreshold }
        return LaneRule(
            id: UUID.forNewRow(),
            lane: LaneMatch(
                origin: try country(origin, "origin"), destination: try country(destination, "destination"),
                shippingOption: option?.isEmpty == false ? option : nil),
            thresholds: thresholds)
    }

    /// Adds a rule, or replaces the one for the same lane.
    public func saveRule(_ rule: LaneRule, now: Timestamp, actor: String) async throws {
        let detail = rule.thresholds.values.map { "\($0.0.rawValue)=\($0.1.formatted())" }.joined(separator: " ")
        try await changeRules(
            now: now, actor: actor, action: "settings.lane_rule", detail: "\(describe(rule.lane)) \(detail)"
        ) { stored in
            var rules = stored.filter { $0.lane != rule.lane }
            guard rules.count < Self.maximumRules else { throw SettingsError.tooManyRules(limit: Self.maximumRules) }
            rules.append(rule)
            return rules
        }
    }

    /// False when there is no such rule.
    public func removeRule(_ id: UUID, now: Timestamp, actor: String) async throws -> Bool {
        guard let removed = try await laneRules().first(where: { $0.id == id }) else { return false }
        try await changeRules(
            now: now, actor: actor, action: "settings.lane_rule_removed", detail: describe(removed.lane)
        ) { stored in stored.filter { $0.id != id } }
        return true
    }

    func changeRules(
        now: Timestamp, actor: String, action: String, detail: String,
        _ change: @escaping @Sendable ([LaneRule]) throws -> [LaneRule]
    ) async throws {
        let text = try await repository.updateSetting(
            Self.laneRulesKey, at: now.epochSeconds, by: actor,
            audit: AuditEntry(at: now.epochSeconds, actor: actor, action: action, subject: "lanes", detail: detail),
            reviewShipments: true
        ) { stored in try Self.text(of: try change(try Self.rules(from: stored))) }
        live.apply(rules: try Self.rules(from: text), templates: try await templates())
    }

    func describe(_ lane: LaneMatch) -> String {
        "\(lane.origin ?? "*")→\(lane.destination ?? "*")\(lane.shippingOption.map { " \($0)" } ?? "")"
    }

    // MARK: - Message wording

    public func templates() async throws -> [MessageTemplate: CustomTemplate] {
        try Self.templates(from: try await repository.setting(Self.templatesKey))
    }

    static func templates(from text: String?) throws -> [MessageTemplate: CustomTemplate] {
        guard let text else { return [:] }
        let stored = try JSONDecoder().decode([String: StoredTemplate].self, from: Data(text.utf8))
        var templates: [MessageTemplate: CustomTemplate] = [:]
        for (name, wording) in stored {
            // Checked when saved; a name this version no longer has is skipped.
            if let template = MessageTemplate(rawValue: name),
                let custom = try? CustomTemplate(ko: wording.ko, en: wording.en)
            {
                templates[template] = custom
            }
        }
        return templates
    }

    /// Checks the wording as typed; both languages empty means "ours again".
    public static func wording(_ template: MessageTemplate, ko: String?, en: String?) throws(SettingsError)
        -> CustomTemplate
    {
        do { return try CustomTemplate(ko: ko, en: en) } catch { throw .template(template, error) }
    }

    public func saveWording(_ wording: CustomTemplate, for template: MessageTemplate, now: Timestamp, actor: String)
        async throws
    {
        let text = try await repository.updateSetting(
            Self.templatesKey, at: now.epochSeconds, by: actor,
            audit: AuditEntry(
                at: now.epochSeconds, actor: actor, action: "settings.template", subject: template.rawValue,
                detail: wording.isEmpty ? "ours again" : "reworded"),
            reviewShipments: false
        ) { stored in
            var templates = try Self.templates(from: stored)
            templates[template] = wording.isEmpty ? nil : wording
            guard !templates.isEmpty else { return nil }
            return try Self.json(
                Dictionary(
                    uniqueKeysWithValues: templates.map {
                        ($0.key.rawValue, StoredTemplate(ko: $0.value.ko, en: $0.value.en))
                    }))
        }
        live.apply(rules: try await laneRules(), templates: try Self.templates(from: text))
    }
}

/// A lane rule as stored: thresholds by their field names.
struct StoredRule: Codable {
    var id: UUID
    var origin: String?
    var destination: String?
    var shippingOption: String?
    var thresholds: [String: Double]

    init(_ rule: LaneRule) {
        id = rule.id
        origin = rule.lane.origin
        destination = rule.lane.destination
        shippingOption = rule.lane.shippingOption
        thresholds = Dictionary(uniqueKeysWithValues: rule.thresholds.values.map { ($0.0.rawValue, $0.1) })
    }

    var rule: LaneRule {
        var override = PolicyOverride()
        for (name, value) in thresholds { PolicyOverride.Field(rawValue: name)?.set(value, in: &override) }
        return LaneRule(
            id: id, lane: LaneMatch(origin: origin, destination: destination, shippingOption: shippingOption),
            thresholds: override)
    }
}

struct StoredTemplate: Codable {
    var ko: String?
    var en: String?
}
