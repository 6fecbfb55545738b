import Foundation

/// The input of `parceldesk claims`: an order, optionally its shipment and
/// tracking events (the diagnose document's shapes), its claims with their
/// histories, and optionally one action to judge.
public struct ClaimDocument: Sendable, Hashable {
    public var order: ClaimOrder
    /// The parcel, when given: its tracking decides delivery, and what suspends a purchase decision.
    public var shipment: ShipmentDocument?
    public var claims: [Claim]
    public var attempt: ClaimAttempt?

    public init(order: ClaimOrder, shipment: ShipmentDocument? = nil, claims: [Claim], attempt: ClaimAttempt? = nil) {
        self.order = order
        self.shipment = shipment
        self.claims = claims
        self.attempt = attempt
    }
}

/// An action to judge: on an existing claim, or opening a new one (`claim` nil, `type` and `reason` given).
public struct ClaimAttempt: Sendable, Hashable {
    public var claim: String?
    public var type: ClaimType?
    public var reason: ClaimReason?
    public var noticedAt: Timestamp?
    public var step: ClaimStep

    public init(
        claim: String?, type: ClaimType? = nil, reason: ClaimReason? = nil, noticedAt: Timestamp? = nil, step: ClaimStep
    ) {
        self.claim = claim
        self.type = type
        self.reason = reason
        self.noticedAt = noticedAt
        self.step = step
    }
}

extension ClaimDocument {
    /// Reads one document or a JSON array of them; `single` tells which.
    public static func decode(from data: Data, registry: CarrierRegistry = .standard) throws(DocumentError)
        -> (documents: [ClaimDocument], single: Bool)
    {
        let reader = ClaimDocumentReader(shipments: DocumentReader(registry: registry))
        do {
            switch ShipmentDocument.firstSignificantByte(data) {
            case UInt8(ascii: "["):
                let wire = try JSONDecoder().decode([WireClaimDocument].self, from: data)
                var documents: [ClaimDocument] = []
                for (index, element) in wire.enumerated() {
                    documents.append(try reader.document(element, path: "[\(index)]"))
                }
                return (documents, false)
            case UInt8(ascii: "{"):
                let wire = try JSONDecoder().decode(WireClaimDocument.self, from: data)
                return ([try reader.document(wire, path: "")], true)
            case nil:
                throw DocumentError(
                    path: "", message: "is empty: expected a claim document (a JSON object) or an array")
            default:
                throw DocumentError(
                    path: "", message: "expected a claim document (a JSON object) or an array of them", line: 1,
                    column: 1)
            }
        } catch let error as DocumentError {
            throw error
        } catch {
            throw ShipmentDocument.located(error, in: data)
        }
    }

    /// The order's parcel analysed at `now`, as the facts claims depend on.
    public func orderFacts(now: Timestamp, diagnoser: Diagnoser) -> ClaimOrder {
        guard let shipment else { return order }
        var order = order
        order.tracking = TrackingFacts(diagnoser.analyze(shipment, now: now))
        return order
    }
}

// MARK: - Wire format

struct WireClaimDocument: Decodable {
    var order: WireClaimOrder?
    var shipment: WireShipment?
    var events: [WireEvent]?
    var claims: [WireClaim]?
    var attempt: WireAttempt?
}

struct WireClaimOrder: Decodable {
    var id: String?
    var marketplace: String?
    var placedAt: String?
    var confirmedAt: String?
    var dispatchedAt: String?
    var deliveredAt: String?
    var purchaseDecidedAt: String?
    var total: WireAmount?
}

struct WireClaim: Decodable {
    var id: String?
    var type: String?
    var reason: String?
    var noticedAt: String?
    var amount: WireAmount?
    var history: [WireStep]?
}

struct WireStep: Decodable {
    var action: String?
    var by: String?
    var at: String?
    var note: String?
    var trackingNumber: String?
    var carrier: String?
    var amount: WireAmount?
}

struct WireAttempt: Decodable {
    var claim: String?
    var type: String?
    var reason: String?
    var action: String?
    var by: String?
    var at: String?
    var noticedAt: String?
    var amount: WireAmount?
    var note: String?
    var trackingNumber: String?
    var carrier: String?
}

/// A sum of money as a string (`"39000"`) or a JSON number, read exactly.
struct WireAmount: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Decimal.self) {
            self.text = "\(number)"
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "expected an amount"))
        }
    }
}

/// Checks decoded claim documents, naming the path of any bad field.
struct ClaimDocumentReader {
    let shipments: DocumentReader

    func fail(_ path: String, _ message: String) -> DocumentError { DocumentError(path: path, message: message) }
    func join(_ path: String, _ key: String) -> String { shipments.join(path, key) }

    func time(_ text: String?, _ path: String, _ key: String) throws(DocumentError) -> Timestamp? {
        try shipments.time(text, path, key, defaultOffset: Timestamp.kst)
    }

    func required<T>(_ value: T?, _ path: String, _ key: String) throws(DocumentError) -> T {
        try shipments.required(value, path, key)
    }

    func amount(_ wire: WireAmount?, _ path: String, _ key: String) throws(DocumentError) -> Decimal? {
        guard let wire else { return nil }
        let text = wire.text.trimmed
        let digits = text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
        guard digits, text.utf8.filter({ $0 == 0x2E }).count <= 1, text.utf8.count <= 20,
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value > 0
        else {
            throw fail(join(path, key), "expected a positive amount such as \"39000\"; got \"\(wire.text)\"")
        }
        return value
    }

    func named<T>(_ text: String?, _ path: String, _ key: String, _ parse: (String) -> T?, choices: [String])
        throws(DocumentError) -> T
    {
        let text = try required(text, path, key)
        guard let value = parse(text) else {
            throw fail(join(path, key), "unknown value \"\(text)\" (one of \(choices.joined(separator: ", ")))")
        }
        return value
    }

    func document(_ wire: WireClaimDocument, path: String) throws(DocumentError) -> ClaimDocument {
        let orderPath = join(path, "order")
        let wireOrder = try required(wire.order, path, "order")
        var order = ClaimOrder(
            id: try shipments.text(wireOrder.id, orderPath, "id"),
            marketplace: wireOrder.marketplace,
            placedAt: try time(try required(wireOrder.placedAt, orderPath, "placedAt"), orderPath, "placedAt")!,
            confirmedAt: try time(wireOrder.confirmedAt, orderPath, "confirmedAt"),
            dispatchedAt: try time(wireOrder.dispatchedAt, orderPath, "dispatchedAt"),
            deliveredAt: try time(wireOrder.deliveredAt, orderPath, "deliveredAt"),
            purchaseDecidedAt: try time(wireOrder.purchaseDecidedAt, orderPath, "purchaseDecidedAt"),
            total: try amount(wireOrder.total, orderPath, "total"))

        var shipment: ShipmentDocument?
        if let wireShipment = wire.shipment {
            let info = try shipments.shipment(wireShipment, path: join(path, "shipment"))
            let events = try shipments.events(wire.events, path: path, shipment: info)
            shipment = ShipmentDocument(
                order: OrderInfo(
                    id: order.id, marketplace: order.marketplace, placedAt: order.placedAt,
                    confirmedAt: order.confirmedAt),
                shipment: info, events: events)
            order.dispatchedAt = order.dispatchedAt ?? info.shippedAt
            order.trackingNumber = info.trackingNumber
            order.carrier = info.carrier
            order.overseas = info.isCrossBorder || (info.origin.map { $0 != "KR" } ?? false)
        } else if wire.events != nil {
            throw fail(join(path, "events"), "needs a shipment: events belong to a shipment's tracking number")
        }

        var claims: [Claim] = []
        var ids: Set<String> = []
        for (index, element) in (wire.claims ?? []).enumerated() {
            let claimPath = "\(join(path, "claims"))[\(index)]"
            let claim = try self.claim(element, path: claimPath)
            guard ids.insert(claim.id).inserted else {
                throw fail(join(claimPath, "id"), "\"\(claim.id)\" is used by an earlier claim")
            }
            claims.append(claim)
        }
        let attempt = try wire.attempt.map { (wire) throws(DocumentError) in
            try self.attempt(wire, path: join(path, "attempt"))
        }
        if let attempt, let id = attempt.claim, let last = claims.first(where: { $0.id == id })?.history.last,
            attempt.step.at < last.at
        {
            throw fail(join(join(path, "attempt"), "at"), "is earlier than the claim's last step (\(last.at))")
        }
        return ClaimDocument(order: order, shipment: shipment, claims: claims, attempt: attempt)
    }

    func claim(_ wire: WireClaim, path: String) throws(DocumentError) -> Claim {
        let history = try required(wire.history, path, "history")
        guard !history.isEmpty else { throw fail(join(path, "history"), "is empty: a claim starts with its request") }
        var steps: [ClaimStep] = []
        steps.reserveCapacity(history.count)
        for (index, element) in history.enumerated() {
            let stepPath = "\(join(path, "history"))[\(index)]"
            let step = try step(element, path: stepPath)
            if index == 0, step.action != .request {
                throw fail(join(stepPath, "action"), "a claim starts with its request; got \"\(step.action.name)\"")
            }
            if let previous = steps.last, step.at < previous.at {
                throw fail(join(stepPath, "at"), "is earlier than the step before it (\(previous.at))")
            }
            steps.append(step)
        }
        return Claim(
            id: try shipments.text(wire.id, path, "id"),
            type: try named(wire.type, path, "type", ClaimType.init(name:), choices: ClaimType.allCases.map(\.name)),
            reason: try named(
                wire.reason, path, "reason", ClaimReason.init(name:), choices: ClaimReason.allCases.map(\.name)),
            noticedAt: try time(wire.noticedAt, path, "noticedAt"),
            amount: try amount(wire.amount, path, "amount"),
            history: steps)
    }

    func step(_ wire: WireStep, path: String) throws(DocumentError) -> ClaimStep {
        ClaimStep(
            try named(wire.action, path, "action", ClaimAction.init(name:), choices: ClaimAction.allCases.map(\.name)),
            by: try named(wire.by, path, "by", ClaimActor.init(name:), choices: ClaimActor.allCases.map(\.name)),
            at: try time(try required(wire.at, path, "at"), path, "at")!,
            note: wire.note, trackingNumber: wire.trackingNumber, carrier: wire.carrier,
            amount: try amount(wire.amount, path, "amount"))
    }

    func attempt(_ wire: WireAttempt, path: String) throws(DocumentError) -> ClaimAttempt {
        let step = try self.step(
            WireStep(
                action: wire.action, by: wire.by, at: wire.at, note: wire.note, trackingNumber: wire.trackingNumber,
                carrier: wire.carrier, amount: wire.amount),
            path: path)
        var attempt = ClaimAttempt(
            claim: wire.claim, noticedAt: try time(wire.noticedAt, path, "noticedAt"), step: step)
        if wire.claim == nil, step.action == .request {
            attempt.type = try named(
                wire.type, path, "type", ClaimType.init(name:), choices: ClaimType.allCases.map(\.name))
            attempt.reason = try named(
                wire.reason, path, "reason", ClaimReason.init(name:), choices: ClaimReason.allCases.map(\.name))
        }
        return attempt
    }
}
