import Foundation
import ParcelCore

/// Reads request bodies field by field without giving up at the first
/// problem, so a bad request is answered with every bad field at once
/// (the generated decoder stops at the first).
enum RawInput {
    struct Reader {
        var errors: [FieldError] = []

        mutating func object(_ value: Any?, _ path: String) -> [String: Any]? {
            guard let value, !(value is NSNull) else { return nil }
            guard let object = value as? [String: Any] else {
                errors.append(FieldError(path.isEmpty ? "body" : path, "expected an object"))
                return nil
            }
            return object
        }

        mutating func array(_ value: Any?, _ path: String) -> [Any]? {
            guard let value, !(value is NSNull) else { return nil }
            guard let array = value as? [Any] else {
                errors.append(FieldError(path, "expected an array"))
                return nil
            }
            return array
        }

        mutating func string(_ object: [String: Any], _ key: String, _ path: String) -> String? {
            let field = path.isEmpty ? key : "\(path).\(key)"
            guard let value = object[key], !(value is NSNull) else { return nil }
            // JSONSerialization reads numbers as NSNumber; booleans are NSNumber too.
            if value is NSNumber {
                errors.append(FieldError(field, "expected a string"))
                return nil
            }
            guard let text = value as? String else {
                errors.append(FieldError(field, "expected a string"))
                return nil
            }
            return text
        }

        /// A number field kept as text for the validator (`quantity`, `price`).
        mutating func number(_ object: [String: Any], _ key: String, _ path: String) -> String? {
            let field = "\(path).\(key)"
            guard let value = object[key], !(value is NSNull) else { return nil }
            // `is Bool` is also true for the numbers 0 and 1; JSON's true and false are
            // the NSNumbers whose type code is "c".
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
                errors.append(FieldError(field, "expected a number"))
                return nil
            }
            // Through Decimal: `stringValue` writes 1.5e-07, which no amount parser reads back.
            return "\(number.decimalValue)"
        }
    }

    static func json(_ data: Data) -> Result<Any, FieldError> {
        do {
            return .success(try JSONSerialization.jsonObject(with: data))
        } catch {
            return .failure(FieldError("body", "not valid JSON"))
        }
    }

    /// Every problem of an order body: types first, then what the validator says.
    static func orderProblems(_ data: Data, validator: OrderValidator) -> [FieldError] {
        let parsed: Any
        switch json(data) {
        case .success(let value): parsed = value
        case .failure(let error): return [error]
        }
        var reader = Reader()
        guard let body = reader.object(parsed, "") else { return reader.errors }
        var raw = RawOrder()
        raw.externalID = reader.string(body, "externalId", "")
        raw.marketplace = reader.string(body, "marketplace", "")
        raw.placedAt = reader.string(body, "placedAt", "")
        raw.confirmedAt = reader.string(body, "confirmedAt", "")
        raw.promisedBy = reader.string(body, "promisedBy", "")
        if raw.marketplace == nil, body["marketplace"] == nil {
            reader.errors.append(FieldError("marketplace", "is required"))
        }
        if let buyer = reader.object(body["buyer"], "buyer") {
            raw.buyerName = reader.string(buyer, "name", "buyer")
            raw.buyerPhone = reader.string(buyer, "phone", "buyer")
            raw.buyerEmail = reader.string(buyer, "email", "buyer")
            if buyer["name"] == nil { reader.errors.append(FieldError("buyer.name", "is required")) }
        } else if body["buyer"] == nil {
            reader.errors.append(FieldError("buyer", "is required"))
        }
        if let items = reader.array(body["items"], "items") {
            for (index, value) in items.enumerated() {
                let path = "items[\(index)]"
                guard let item = reader.object(value, path) else { continue }
                raw.items.append(
                    RawOrder.RawItem(
                        name: reader.string(item, "name", path), quantity: reader.number(item, "quantity", path),
                        price: reader.number(item, "price", path)))
                if item["name"] == nil { reader.errors.append(FieldError("\(path).name", "is required")) }
                if item["quantity"] == nil { reader.errors.append(FieldError("\(path).quantity", "is required")) }
            }
        } else if body["items"] == nil {
            reader.errors.append(FieldError("items", "is required"))
        }
        if let shipment = reader.object(body["shipment"], "shipment") {
            raw.shipment = RawOrder.RawShipment(
                carrier: reader.string(shipment, "carrier", "shipment"),
                trackingNumber: reader.string(shipment, "trackingNumber", "shipment"),
                shippingOption: reader.string(shipment, "shippingOption", "shipment"),
                shippedAt: reader.string(shipment, "shippedAt", "shipment"),
                origin: reader.string(shipment, "origin", "shipment"),
                destination: reader.string(shipment, "destination", "shipment"))
        }
        var errors = reader.errors
        if case .failure(let failure) = validator.validate(raw) { errors += failure.errors }
        return unique(errors)
    }

    /// Every problem of an event batch body.
    static func eventProblems(_ data: Data, validator: OrderValidator) -> [FieldError] {
        let parsed: Any
        switch json(data) {
        case .success(let value): parsed = value
        case .failure(let error): return [error]
        }
        var reader = Reader()
        guard let body = reader.object(parsed, "") else { return reader.errors }
        guard let list = reader.array(body["events"], "events") else {
            return reader.errors.isEmpty ? [FieldError("events", "is required")] : reader.errors
        }
        var events: [RawEventInput] = []
        for (index, value) in list.enumerated() {
            let path = "events[\(index)]"
            guard let event = reader.object(value, path) else {
                events.append(RawEventInput())
                continue
            }
            events.append(
                RawEventInput(
                    source: reader.string(event, "source", path), carrier: reader.string(event, "carrier", path),
                    trackingNumber: reader.string(event, "trackingNumber", path),
                    parentTrackingNumber: reader.string(event, "parentTrackingNumber", path),
                    time: reader.string(event, "time", path), code: reader.string(event, "code", path),
                    text: reader.string(event, "text", path), location: reader.string(event, "location", path)))
        }
        var errors = reader.errors
        if case .failure(let failure) = validator.validate(events: events) {
            // Objects that were not objects are already named; skip their "required" echoes.
            let broken = Set(reader.errors.map(\.field))
            errors += failure.errors.filter { error in !broken.contains { error.field.hasPrefix($0) } }
        }
        return unique(errors)
    }

    static func unique(_ errors: [FieldError]) -> [FieldError] {
        var seen: Set<String> = []
        return errors.filter { seen.insert($0.field).inserted }
    }

    static func raw(_ input: Schemas.OrderInput) -> RawOrder {
        var raw = RawOrder()
        raw.externalID = input.externalId
        raw.marketplace = input.marketplace
        raw.placedAt = input.placedAt
        raw.confirmedAt = input.confirmedAt
        raw.promisedBy = input.promisedBy
        raw.buyerName = input.buyer.name
        raw.buyerPhone = input.buyer.phone
        raw.buyerEmail = input.buyer.email
        raw.items = input.items.map {
            RawOrder.RawItem(name: $0.name, quantity: String($0.quantity), price: $0.price.map { "\(Decimal($0))" })
        }
        raw.shipment = input.shipment.map {
            RawOrder.RawShipment(
                carrier: $0.carrier, trackingNumber: $0.trackingNumber, shippingOption: $0.shippingOption,
                shippedAt: $0.shippedAt, origin: $0.origin, destination: $0.destination)
        }
        return raw
    }
}
