import Foundation

/// One field that could not be accepted, named the way the caller wrote it
/// (`shipment.trackingNumber`, `items[1].quantity`).
public struct FieldError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Every bad field of one input at once, so a caller fixes them in one go.
public struct ValidationFailure: Error, Sendable, Hashable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }
}

/// An order as it arrives (API body or import row): text everywhere, nothing
/// checked yet.
public struct RawOrder: Sendable, Hashable {
    public var externalID: String?
    public var marketplace: String?
    public var placedAt: String?
    public var confirmedAt: String?
    public var promisedBy: String?
    public var buyerName: String?
    public var buyerPhone: String?
    public var buyerEmail: String?
    public var items: [RawItem] = []
    public var shipment: RawShipment?

    public init() {}

    public struct RawItem: Sendable, Hashable {
        public var name: String?
        public var quantity: String?
        public var price: String?

        public init(name: String? = nil, quantity: String? = nil, price: String? = nil) {
            self.name = name
            self.quantity = quantity
            self.price = price
        }
    }

    public struct RawShipment: Sendable, Hashable {
        public var carrier: String?
        public var trackingNumber: String?
        public var shippingOption: String?
        public var shippedAt: String?
        public var origin: String?
        public var destination: String?

        public init(
            carrier: String? = nil, trackingNumber: String? = nil, shippingOption: String? = nil,
            shippedAt: String? = nil, origin: String? = nil, destination: String? = nil
        ) {
            self.carrier = carrier
            self.trackingNumber = trackingNumber
            self.shippingOption = shippingOption
            self.shippedAt = shippedAt
            self.origin = origin
            self.destination = destination
        }
    }
}

/// A checked order, ready to store.
public struct OrderDraft: Sendable, Hashable {
    public var info: OrderInfo
    public var buyerPhone: String?
    public var buyerEmail: String?
    public var items: [OrderItem]
    public var shipment: ShipmentInfo?
    /// What the number check found, when the number is not plainly valid for its carrier.
    public var numberNote: NumberNote?

    public init(
        info: OrderInfo, buyerPhone: String? = nil, buyerEmail: String? = nil, items: [OrderItem] = [],
        shipment: ShipmentInfo? = nil, numberNote: NumberNote? = nil
    ) {
        self.info = info
        self.buyerPhone = buyerPhone
        self.buyerEmail = buyerEmail
        self.items = items
        self.shipment = shipment
        self.numberNote = numberNote
    }
}

public struct OrderItem: Sendable, Hashable, Codable {
    public var name: String
    public var quantity: Int
    /// In the order's currency, as given (never rounded through a float).
    public var price: Decimal?

    public init(name: String, quantity: Int, price: Decimal? = nil) {
        self.name = name
        self.quantity = quantity
        self.price = price
    }

    /// The JSON `decodeList` reads (the `Codable` form's keys, a price as an
    /// exact decimal number), written directly: every stored order carries it.
    public static func encodeList(_ items: [OrderItem]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(64 * items.count + 2)
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"name":"#.utf8)
            JSONValue.writeString(item.name, into: &bytes)
            bytes.append(contentsOf: #","quantity":"#.utf8)
            bytes.append(contentsOf: String(item.quantity).utf8)
            if let price = item.price {
                bytes.append(contentsOf: #","price":"#.utf8)
                bytes.append(contentsOf: Self.priceText(price).utf8)
            }
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A price as JSON writes it; whole amounts without Decimal's slow general formatting.
    static func priceText(_ price: Decimal) -> String {
        if price.exponent >= 0, !price.isNaN {
            let value = NSDecimalNumber(decimal: price).doubleValue
            if value.magnitude < 9e15, value == value.rounded() { return String(Int64(value)) }
        }
        return price.description
    }

    /// Items from the JSON their `Codable` form writes, every price exactly as
    /// written; read on every order read, so not through `JSONDecoder`.
    public static func decodeList(_ json: String) throws -> [OrderItem] {
        guard case .array(let values) = try JSONValue.parse(json, numbersAsText: true) else {
            throw JSONValue.ParseError(offset: 0, expected: "an array of items")
        }
        return try values.map { value in
            guard case .string(let name)? = value["name"], case .string(let count)? = value["quantity"],
                let quantity = Int(count)
            else { throw JSONValue.ParseError(offset: 0, expected: "an item with a name and a quantity") }
            var price: Decimal?
            switch value["price"] {
            case nil, .null?: price = nil
            case .string(let text)?:
                guard let exact = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw JSONValue.ParseError(offset: 0, expected: "a price")
                }
                price = exact
            default: throw JSONValue.ParseError(offset: 0, expected: "a price")
            }
            return OrderItem(name: name, quantity: quantity, price: price)
        }
    }
}

/// A number kept as the seller gave it, with what the check thought of it.
public struct NumberNote: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case invalid
        case fixable
        case carrierMismatch = "carrier_mismatch"
        case checkDigit = "check_digit"
    }

    public let kind: Kind
    public let suggestions: [String]
}
