import Foundation

/// What is known about the order a number belongs to. Every field is optional;
/// each one that is known re-ranks the candidates.
public struct DetectionContext: Sendable, Hashable {
    /// The carrier the seller picked (a registry id).
    public var carrier: String?
    /// ISO 3166 alpha-2 destination country.
    public var destination: String?
    /// Marketplace id or name (`aliexpress`, `스마트스토어`); unknown names are kept but add nothing.
    public var marketplace: String?
    /// The shipping option's name as the marketplace shows it.
    public var shippingOption: String?

    public init(
        carrier: String? = nil, destination: String? = nil, marketplace: String? = nil,
        shippingOption: String? = nil
    ) {
        self.carrier = carrier
        self.destination = destination
        self.marketplace = marketplace
        self.shippingOption = shippingOption
    }

    public static let none = DetectionContext()

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let field: String
        public let message: String
        public var description: String { "--context \(field): \(message)" }
    }

    /// Parses `carrier=ID,destination=CC,marketplace=NAME,option=TEXT` (any subset).
    /// A carrier may be given by id or name; it is stored as its registry id.
    public static func parse(_ text: String, registry: CarrierRegistry = .standard) throws -> DetectionContext {
        var context = DetectionContext()
        for pair in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.trimmed
            }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw ParseError(
                    field: String(pair), message: "expected key=value (keys: carrier, destination, marketplace, option)"
                )
            }
            switch parts[0].lowercased() {
            case "carrier":
                guard let carrier = registry.resolveCarrier(parts[1]) else {
                    throw ParseError(
                        field: "carrier",
                        message: "unknown carrier '\(parts[1])'\(suggestCarrier(parts[1], registry: registry))")
                }
                context.carrier = carrier.id
            case "destination", "dest":
                let code = parts[1].uppercased()
                guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw ParseError(
                        field: "destination", message: "'\(parts[1])' is not a two-letter country code such as KR")
                }
                context.destination = code
            case "marketplace":
                context.marketplace = registry.marketplace(named: parts[1])?.id ?? parts[1].lowercased()
            case "option", "shippingoption":
                context.shippingOption = parts[1]
            default:
                throw ParseError(
                    field: parts[0], message: "unknown key (keys: carrier, destination, marketplace, option)")
            }
        }
        return context
    }

    static func suggestCarrier(_ text: String, registry: CarrierRegistry) -> String {
        let wanted = text.lowercased()
        let close = registry.carriers.map(\.id).filter { id in
            id.contains(wanted) || wanted.contains(id.split(separator: ".").last.map(String.init) ?? id)
        }
        return close.isEmpty
            ? " (run `parceldesk carriers` for the list)"
            : " (did you mean \(close.prefix(3).joined(separator: ", "))?)"
    }
}

/// A context resolved against a registry once, so ranking a million numbers
/// under it costs two array reads per candidate.
public struct PreparedContext: Sendable {
    public let context: DetectionContext
    let carrier: Int32
    /// Added to every candidate of carrier `i`: the seller's pick and marketplace habits.
    let carrierAdjustment: [Double]
    /// Added to non-S10 candidates of carrier `i`: domestic carriers far from the destination.
    let destinationAdjustment: [Double]
    public let untrackedOption: Bool

    static let chosenCarrierBoost = 0.35
    static let otherCarrierPenalty = 0.05
    static let homeDestinationBoost = 0.05
    static let foreignDestinationPenalty = 0.25

    public init(_ context: DetectionContext, registry: CarrierRegistry) {
        self.context = context
        let count = registry.carriers.count
        var carrierAdjustment = [Double](repeating: 0, count: count)
        var destinationAdjustment = [Double](repeating: 0, count: count)
        var chosen: Int32 = -1
        if let id = context.carrier, let index = registry.carrierIndex[id] {
            chosen = Int32(index)
            for position in 0..<count {
                carrierAdjustment[position] += position == index ? Self.chosenCarrierBoost : -Self.otherCarrierPenalty
            }
        }
        if let name = context.marketplace, let marketplace = registry.marketplace(named: name) {
            for (index, boost) in registry.affinityByMarketplace[marketplace.id] ?? [] {
                carrierAdjustment[index] += boost
            }
        }
        if let destination = context.destination {
            for (position, country) in registry.domesticCarriers {
                destinationAdjustment[position] =
                    country == destination ? Self.homeDestinationBoost : -Self.foreignDestinationPenalty
            }
        }
        let untracked = context.shippingOption.map(registry.isUntrackedOption) ?? false
        self.carrier = chosen
        self.carrierAdjustment = carrierAdjustment
        self.destinationAdjustment = destinationAdjustment
        self.untrackedOption = untracked
    }
}
