import Foundation

/// A carrier as the registry knows it: names for people, the formats of its
/// tracking numbers, and where a person can look a number up.
public struct Carrier: Sendable, Hashable, Identifiable {
    /// Lower-case and dotted, `<country>.<carrier>` (`kr.cjlogistics`).
    public let id: String
    public let name: LocalizedText
    /// ISO 3166 alpha-2 code of the carrier's home country.
    public let country: String
    /// Delivers only inside its home country (a Korean domestic parcel carrier).
    public let domesticOnly: Bool
    /// Public tracking page with `{number}` where the number goes.
    public let trackingURLTemplate: String?
    public let formats: [CarrierFormat]
    /// The template split around `{number}`, once, so filling it is two appends.
    let urlParts: (prefix: String, suffix: String)?

    public init(
        id: String, name: LocalizedText, country: String, domesticOnly: Bool = false,
        trackingURL: String?, formats: [CarrierFormat] = []
    ) {
        self.id = id
        self.name = name
        self.country = country
        self.domesticOnly = domesticOnly
        self.trackingURLTemplate = trackingURL
        self.formats = formats
        self.urlParts = trackingURL.map { template in
            guard let range = template.range(of: "{number}") else { return (template, "") }
            return (String(template[..<range.lowerBound]), String(template[range.upperBound...]))
        }
    }

    public static func == (left: Carrier, right: Carrier) -> Bool { left.id == right.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public func trackingURL(for number: String) -> String? {
        urlParts.map { $0.prefix + number + $0.suffix }
    }
}

/// One number format of a carrier.
public struct CarrierFormat: Sendable, Hashable {
    /// Stable id used in reports (`kr.lotte.12`); S10 numbers use `s10`.
    public let id: String
    public let patterns: [FormatPattern]
    public let check: CheckDigitRule?
    /// How likely a number of this shape belongs to this carrier before anything
    /// else is known: distinctive prefixes score high, bare digit runs that
    /// several carriers share score low, larger carriers above smaller ones.
    public let prior: Double
    public let description: LocalizedText

    /// `patterns` use `FormatPattern` syntax; a bad pattern is a programming
    /// error caught by the registry tests.
    public init(
        id: String, patterns: [String], check: CheckDigitRule? = nil, prior: Double,
        description: LocalizedText
    ) {
        self.id = id
        self.patterns = patterns.map { pattern in
            do { return try FormatPattern(pattern) } catch { preconditionFailure("\(error)") }
        }
        self.check = check
        self.prior = prior
        self.description = description
    }
}

/// Text in the two languages ParcelDesk speaks. Korean comes first.
public struct LocalizedText: Sendable, Hashable, Codable {
    public let ko: String
    public let en: String

    public init(ko: String, en: String) {
        self.ko = ko
        self.en = en
    }

    public init(_ both: String) {
        self.init(ko: both, en: both)
    }

    public func text(_ language: Language) -> String {
        language == .ko ? ko : en
    }
}

public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case ko, en
}
