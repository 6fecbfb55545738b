import Foundation

/// A marketplace and the carriers its sellers usually ship with.
public struct Marketplace: Sendable, Hashable {
    public let id: String
    /// Lower-case names people type for it, in any language.
    public let aliases: [String]
    /// Confidence added to a carrier's candidates for orders from this marketplace.
    public let affinity: [String: Double]
}

/// The shared S10 format and how its numbers are looked up per operator.
public struct S10Format: Sendable {
    public let format: CarrierFormat
    public let trackingURLOverrides: [String: String]
    public let defaultTrackingURL: String
}

/// Every carrier, format and marketplace ParcelDesk knows, compiled into the
/// flat tables detection runs on.
public final class CarrierRegistry: Sendable {
    public let carriers: [Carrier]
    /// The carriers given to the registry; after them come S10 operators it generated.
    public let listedCarrierCount: Int
    public let marketplaces: [Marketplace]
    public let s10: S10Format
    public let untrackedOptionKeywords: [String]
    let untrackedOptionMatcher: PhraseMatcher

    /// One entry per format; the S10 format is entry 0 and has no fixed carrier.
    let formats: [FormatEntry]
    /// Templates grouped by length: `templates[lengthStart[n]..<lengthStart[n + 1]]`.
    let templates: [Template]
    let lengthStart: [Int32]
    let masks: [UInt64]
    /// S10 operator per country code, indexed `(first − 10) * 26 + (second − 10)`.
    let s10Operators: [S10.Operator?]
    let s10OperatorCarrier: [Int32]
    let carrierIndex: [String: Int]
    /// Carriers by the squashed forms `resolveCarrier` accepts (short id, Korean and English names).
    let carrierBySquashedName: [String: Int]
    /// Carriers that deliver only inside their country, with that country.
    let domesticCarriers: [(index: Int, country: String)]
    /// Each marketplace's carrier affinity by carrier index, worked out once:
    /// every detection context applies one.
    let affinityByMarketplace: [String: [(index: Int, boost: Double)]]
    /// Plain-data copies of the formats' check rules for the detection loop.
    let runtime: [FormatRuntime]
    /// Weights and virtual prefixes the runtime rules point into.
    let aux: [Int]
    /// S10 service per two-letter indicator (same indexing as `s10Operators`), −1 when unallocated.
    let s10ServiceIndex: [Int8]
    let s10Services: [S10.Service]

    public static let s10FormatIndex = 0
    /// Longer inputs cannot match any format.
    public let maxLength: Int

    struct FormatEntry: Sendable {
        let format: CarrierFormat
        let carrier: Int32
        /// Carries a literal letter prefix (LP, 1Z, TBA…), which digit runs do not.
        let distinctive: Bool
    }

    struct Template: Sendable {
        let format: Int32
        let maskOffset: Int32
        /// Every position is "any digit": an all-digit input matches without a mask walk.
        let allDigits: Bool
    }

    public init(
        carriers explicitCarriers: [Carrier], s10: S10Format, marketplaces: [Marketplace],
        untrackedOptionKeywords: [String]
    ) {
        var carriers = explicitCarriers
        listedCarrierCount = explicitCarriers.count
        var index: [String: Int] = [:]
        for (position, carrier) in carriers.enumerated() {
            precondition(index[carrier.id] == nil, "duplicate carrier \(carrier.id)")
            index[carrier.id] = position
        }
        // Every S10 operator becomes a carrier, so a number from any country has one.
        var operatorTable = [S10.Operator?](repeating: nil, count: 26 * 26)
        var operatorCarrier = [Int32](repeating: -1, count: 26 * 26)
        for postalOperator in S10.operators {
            let code = Array(postalOperator.country.utf8)
            let slot = Int(code[0] - 0x41) * 26 + Int(code[1] - 0x41)
            operatorTable[slot] = postalOperator
            if index[postalOperator.carrierID] == nil {
                index[postalOperator.carrierID] = carriers.count
                carriers.append(
                    Carrier(
                        id: postalOperator.carrierID, name: postalOperator.name,
                        country: postalOperator.country == "YP" ? "CN" : postalOperator.country,
                        trackingURL: s10.trackingURLOverrides[postalOperator.carrierID] ?? s10.defaultTrackingURL))
            }
            operatorCarrier[slot] = Int32(index[postalOperator.carrierID]!)
        }

        var formats = [FormatEntry(format: s10.format, carrier: -1, distinctive: false)]
        for (carrierPosition, carrier) in carriers.enumerated() {
            for format in carrier.formats {
                let distinctive = format.patterns.allSatisfy { pattern in
                    pattern.templates.allSatisfy { template in
                        template.contains { $0.nonzeroBitCount == 1 && $0 & FormatPattern.letterMask != 0 }
                    }
                }
                formats.append(FormatEntry(format: format, carrier: Int32(carrierPosition), distinctive: distinctive))
            }
        }

        var byLength: [Int: [(format: Int, masks: [UInt64])]] = [:]
        for (formatPosition, entry) in formats.enumerated() {
            for pattern in entry.format.patterns {
                for template in pattern.templates {
                    byLength[template.count, default: []].append((formatPosition, template))
                }
            }
        }
        let maxLength = byLength.keys.max() ?? 0
        var templates: [Template] = []
        var masks: [UInt64] = []
        var lengthStart: [Int32] = []
        for length in 0...(maxLength + 1) {
            lengthStart.append(Int32(templates.count))
            for (format, templateMasks) in byLength[length] ?? [] {
                templates.append(
                    Template(
                        format: Int32(format), maskOffset: Int32(masks.count),
                        allDigits: templateMasks.allSatisfy { $0 == FormatPattern.digitMask }))
                masks.append(contentsOf: templateMasks)
            }
        }
        var aux: [Int] = []
        self.runtime = formats.enumerated().map { position, entry in
            FormatRuntime(entry, isS10: position == Self.s10FormatIndex, aux: &aux)
        }
        self.aux = aux
        var services: [S10.Service] = []
        var serviceIndex = [Int8](repeating: -1, count: 26 * 26)
        for first in UInt8(10)..<36 {
            for second in UInt8(10)..<36 {
                guard let service = S10.service(first: first, second: second) else { continue }
                if !services.contains(service) { services.append(service) }
                serviceIndex[Int(first - 10) * 26 + Int(second - 10)] = Int8(services.firstIndex(of: service)!)
            }
        }
        self.s10Services = services
        self.s10ServiceIndex = serviceIndex
        self.carriers = carriers
        self.marketplaces = marketplaces
        self.s10 = s10
        self.untrackedOptionKeywords = untrackedOptionKeywords
        self.untrackedOptionMatcher = PhraseMatcher(
            untrackedOptionKeywords.enumerated().map { PhraseMatcher.Phrase($1, rank: Int32($0), value: Int32($0)) })
        self.formats = formats
        self.templates = templates
        self.lengthStart = lengthStart
        self.masks = masks
        self.s10Operators = operatorTable
        self.s10OperatorCarrier = operatorCarrier
        self.carrierIndex = index
        var byName: [String: Int] = [:]
        for (position, carrier) in carriers.enumerated() {
            for name in [
                carrier.id.split(separator: ".").last.map(String.init) ?? "", carrier.name.ko, carrier.name.en,
            ] {
                // The first carrier to claim a name keeps it, as the search through the list did.
                let key = Self.squashed(name)
                if !key.isEmpty, byName[key] == nil { byName[key] = position }
            }
        }
        self.carrierBySquashedName = byName
        self.domesticCarriers = carriers.indices.filter { carriers[$0].domesticOnly }.map { ($0, carriers[$0].country) }
        self.affinityByMarketplace = Dictionary(
            marketplaces.map { marketplace in
                (marketplace.id, marketplace.affinity.compactMap { id, boost in index[id].map { ($0, boost) } })
            }, uniquingKeysWith: { first, _ in first })
        self.maxLength = maxLength
    }

    public func carrier(id: String) -> Carrier? {
        carrierIndex[id].map { carriers[$0] }
    }

    /// The carrier a person most likely meant: an id (`kr.lotte`), its last part
    /// (`lotte`), or a name in either language (`롯데택배`, `CJ Logistics`).
    public func resolveCarrier(_ text: String) -> Carrier? {
        let wanted = text.trimmed.lowercased()
        guard !wanted.isEmpty else { return nil }
        if let carrier = carrier(id: wanted) { return carrier }
        return carrierBySquashedName[Self.squashed(wanted)].map { carriers[$0] }
    }

    static func squashed(_ value: String) -> String {
        value.lowercased().filter { !$0.isWhitespace && $0 != "-" }
    }

    /// A shipping option known not to be tracked end to end ("Super Economy", "비등기"…).
    public func isUntrackedOption(_ option: String) -> Bool {
        untrackedOptionMatcher.bestMatch(in: option, group: 0) != nil
    }

    public func marketplace(named text: String) -> Marketplace? {
        if let exact = marketplaces.first(where: { $0.id == text }) { return exact }
        let wanted = text.trimmed.lowercased()
        return marketplaces.first { $0.id == wanted || $0.aliases.contains(wanted) }
    }

    /// Every format id with its carrier (`nil` for the shared S10 format).
    public var formatIDs: [(format: String, carrier: String?)] {
        formats.map { ($0.format.id, $0.carrier >= 0 ? carriers[Int($0.carrier)].id : nil) }
    }

    public func format(id: String) -> CarrierFormat? {
        formats.first { $0.format.id == id }?.format
    }

    /// The S10 country codes whose numbers belong to `carrierID` (`CN` for China Post).
    public func s10Countries(of carrierID: String) -> [String] {
        S10.operators.filter { $0.carrierID == carrierID }.map(\.country)
    }

    /// The S10 operator for a two-letter country code, if the UPU lists one.
    public func s10Operator(country: String) -> (S10.Operator, Carrier)? {
        let code = Array(country.utf8)
        guard code.count == 2, let first = code.first, let second = code.last,
            (0x41...0x5A).contains(first), (0x41...0x5A).contains(second)
        else { return nil }
        let slot = Int(first - 0x41) * 26 + Int(second - 0x41)
        guard let postalOperator = s10Operators[slot] else { return nil }
        return (postalOperator, carriers[Int(s10OperatorCarrier[slot])])
    }
}
