import Foundation

/// Everything known about one order's parcel: the input of diagnosis.
public struct ShipmentDocument: Sendable, Hashable {
    public var order: OrderInfo
    public var shipment: ShipmentInfo
    public var events: [RawTrackingEvent]
    /// Other orders of the same seller, to catch one number pasted on two orders.
    public var otherOrders: [OtherOrder]

    public init(order: OrderInfo, shipment: ShipmentInfo, events: [RawTrackingEvent], otherOrders: [OtherOrder] = []) {
        self.order = order
        self.shipment = shipment
        self.events = events
        self.otherOrders = otherOrders
    }
}

public struct OrderInfo: Sendable, Hashable {
    public var id: String
    public var marketplace: String?
    public var placedAt: Timestamp
    /// When the seller confirmed (accepted) the order.
    public var confirmedAt: Timestamp?
    /// The promised delivery deadline (a date means the end of that day, KST).
    public var promisedBy: Timestamp?
    public var buyerName: String?

    public init(
        id: String, marketplace: String? = nil, placedAt: Timestamp, confirmedAt: Timestamp? = nil,
        promisedBy: Timestamp? = nil, buyerName: String? = nil
    ) {
        self.id = id
        self.marketplace = marketplace
        self.placedAt = placedAt
        self.confirmedAt = confirmedAt
        self.promisedBy = promisedBy
        self.buyerName = buyerName
    }
}

public struct ShipmentInfo: Sendable, Hashable {
    /// The carrier the seller chose; detected from the number when missing.
    public var carrier: String?
    public var trackingNumber: String
    public var shippingOption: String?
    public var shippedAt: Timestamp?
    public var origin: String?
    public var destination: String?

    public init(
        carrier: String? = nil, trackingNumber: String, shippingOption: String? = nil, shippedAt: Timestamp? = nil,
        origin: String? = nil, destination: String? = nil
    ) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.shippingOption = shippingOption
        self.shippedAt = shippedAt
        self.origin = origin
        self.destination = destination
    }

    /// Customs and a hand-off to a domestic carrier are part of the route.
    public var isCrossBorder: Bool {
        guard let origin, let destination else { return false }
        return origin != destination
    }
}

public struct OtherOrder: Sendable, Hashable {
    public var id: String
    public var trackingNumber: String?

    public init(id: String, trackingNumber: String?) {
        self.id = id
        self.trackingNumber = trackingNumber
    }
}

/// Why a shipment document could not be read: the field's path
/// (`[2].events[3].time`) and, for broken JSON, the line and column.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let message: String
    public let line: Int?
    public let column: Int?

    public var description: String {
        let place = line.map { "line \($0), column \(column ?? 0)" } ?? (path.isEmpty ? "document" : path)
        return "\(place): \(message)"
    }
}

extension ShipmentDocument {
    /// Reads one document, a JSON array of them, or JSON Lines (one per line).
    public static func decodeAll(from data: Data, registry: CarrierRegistry = .standard) throws(DocumentError)
        -> [ShipmentDocument]
    {
        try decode(from: data, registry: registry).documents
    }

    /// Like `decodeAll`, also telling whether the input was a single object.
    public static func decode(from data: Data, registry: CarrierRegistry = .standard) throws(DocumentError)
        -> (documents: [ShipmentDocument], single: Bool)
    {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            // Not one JSON value: maybe JSON Lines.
            if let lines = try? decodeLines(data, registry: registry) { return (lines, false) }
            throw syntaxError(error, in: data)
        }
        let reader = DocumentReader(registry: registry)
        if let array = root as? [Any] {
            var documents: [ShipmentDocument] = []
            documents.reserveCapacity(array.count)
            for (index, element) in array.enumerated() {
                documents.append(try reader.document(element, path: "[\(index)]"))
            }
            return (documents, false)
        }
        return ([try reader.document(root, path: "")], true)
    }

    static func decodeLines(_ data: Data, registry: CarrierRegistry) throws(DocumentError) -> [ShipmentDocument] {
        let reader = DocumentReader(registry: registry)
        var documents: [ShipmentDocument] = []
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count > 1 else { throw DocumentError(path: "", message: "not JSON", line: nil, column: nil) }
        for (number, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            let value: Any
            do {
                value = try JSONSerialization.jsonObject(with: Data(line))
            } catch {
                let located = syntaxError(error, in: Data(line))
                throw DocumentError(
                    path: "", message: located.message, line: number + 1, column: located.column)
            }
            documents.append(try reader.document(value, path: "line \(number + 1)"))
        }
        return documents
    }

    /// Foundation reports "around character N"; people need a line and column.
    static func syntaxError(_ error: any Error, in data: Data) -> DocumentError {
        let text = "\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)"
        var offset: Int?
        if let range = text.range(of: "character ") {
            offset = Int(text[range.upperBound...].prefix { $0.isNumber })
        }
        guard let offset else {
            return DocumentError(path: "", message: "not valid JSON (\(text))", line: nil, column: nil)
        }
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return DocumentError(path: "", message: "not valid JSON: \(text)", line: line, column: column)
    }
}

/// Reads the JSON objects of a shipment document, naming the path of any bad field.
struct DocumentReader {
    let registry: CarrierRegistry
    let normalizer = EventNormalizer.standard

    func fail(_ path: String, _ message: String) -> DocumentError {
        DocumentError(path: path, message: message, line: nil, column: nil)
    }

    func object(_ value: Any?, _ path: String) throws(DocumentError) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw fail(path, "expected an object") }
        return object
    }

    func string(_ object: [String: Any], _ key: String, _ path: String, required: Bool = true) throws(DocumentError)
        -> String?
    {
        let value = object[key]
        if value == nil || value is NSNull {
            if required { throw fail(join(path, key), "is required") }
            return nil
        }
        guard let text = value as? String else { throw fail(join(path, key), "expected a string") }
        if required, text.trimmingCharacters(in: .whitespaces).isEmpty { throw fail(join(path, key), "is empty") }
        return text
    }

    func time(
        _ object: [String: Any], _ key: String, _ path: String, required: Bool, defaultOffset: Int?,
        endOfDay: Bool = false
    ) throws(DocumentError) -> Timestamp? {
        guard let text = try string(object, key, path, required: required) else { return nil }
        guard var stamp = Timestamp.parse(text, defaultOffset: defaultOffset) else {
            let hint =
                defaultOffset == nil
                ? "expected an ISO 8601 date-time with a UTC offset, such as 2026-11-02T18:00:00+09:00"
                : "expected an ISO 8601 date or date-time, such as 2026-11-02T18:00:00+09:00"
            throw fail(join(path, key), "\(hint); got \"\(text)\"")
        }
        // A bare date as a deadline means the end of that day.
        if endOfDay, text.count == 10 { stamp = stamp.adding(seconds: 86_399) }
        return stamp
    }

    func country(_ object: [String: Any], _ key: String, _ path: String) throws(DocumentError) -> String? {
        guard let text = try string(object, key, path, required: false) else { return nil }
        let code = text.uppercased()
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw fail(join(path, key), "expected a two-letter country code such as KR; got \"\(text)\"")
        }
        return code
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func document(_ value: Any, path: String) throws(DocumentError) -> ShipmentDocument {
        let root = try object(value, path)
        let orderPath = join(path, "order")
        let orderObject = try object(root["order"], orderPath)
        let shipmentPath = join(path, "shipment")
        let shipmentObject = try object(root["shipment"], shipmentPath)

        let order = OrderInfo(
            id: try string(orderObject, "id", orderPath)!,
            marketplace: try string(orderObject, "marketplace", orderPath, required: false),
            placedAt: try time(orderObject, "placedAt", orderPath, required: true, defaultOffset: nil)!,
            confirmedAt: try time(orderObject, "confirmedAt", orderPath, required: false, defaultOffset: nil),
            promisedBy: try time(
                orderObject, "promisedBy", orderPath, required: false, defaultOffset: Timestamp.kst, endOfDay: true),
            buyerName: try string(orderObject, "buyerName", orderPath, required: false))

        var carrier = try string(shipmentObject, "carrier", shipmentPath, required: false)
        if let given = carrier {
            guard let resolved = registry.resolveCarrier(given) else {
                throw fail(join(shipmentPath, "carrier"), "unknown carrier \"\(given)\" (run `parceldesk carriers`)")
            }
            carrier = resolved.id
        }
        let shipment = ShipmentInfo(
            carrier: carrier,
            trackingNumber: try string(shipmentObject, "trackingNumber", shipmentPath)!,
            shippingOption: try string(shipmentObject, "shippingOption", shipmentPath, required: false),
            shippedAt: try time(shipmentObject, "shippedAt", shipmentPath, required: false, defaultOffset: nil),
            origin: try country(shipmentObject, "origin", shipmentPath),
            destination: try country(shipmentObject, "destination", shipmentPath))

        var events: [RawTrackingEvent] = []
        if let list = root["events"], !(list is NSNull) {
            guard let array = list as? [Any] else { throw fail(join(path, "events"), "expected an array") }
            events.reserveCapacity(array.count)
            for (index, element) in array.enumerated() {
                events.append(try event(element, path: "\(join(path, "events"))[\(index)]", shipment: shipment))
            }
        }
        var others: [OtherOrder] = []
        if let list = root["otherOrders"], !(list is NSNull) {
            guard let array = list as? [Any] else { throw fail(join(path, "otherOrders"), "expected an array") }
            for (index, element) in array.enumerated() {
                let elementPath = "\(join(path, "otherOrders"))[\(index)]"
                let other = try object(element, elementPath)
                others.append(
                    OtherOrder(
                        id: try string(other, "id", elementPath)!,
                        trackingNumber: try string(other, "trackingNumber", elementPath, required: false)))
            }
        }
        return ShipmentDocument(order: order, shipment: shipment, events: events, otherOrders: others)
    }

    func event(_ value: Any, path: String, shipment: ShipmentInfo) throws(DocumentError) -> RawTrackingEvent {
        let object = try object(value, path)
        let source = try string(object, "source", path)!
        let carrier = try string(object, "carrier", path, required: false) ?? shipment.carrier ?? ""
        let offset = normalizer.defaultUTCOffset(source: source, carrier: carrier, registry: registry)
        guard
            let time = try time(object, "time", path, required: true, defaultOffset: offset)
        else { throw fail(join(path, "time"), "is required") }
        let code = try string(object, "code", path, required: false)
        let text = try string(object, "text", path, required: false)
        if (code ?? "").isEmpty, (text ?? "").isEmpty { throw fail(path, "needs a code or a text") }
        return RawTrackingEvent(
            source: source, carrier: carrier,
            trackingNumber: try string(object, "trackingNumber", path, required: false) ?? shipment.trackingNumber,
            time: time, code: code, text: text ?? "",
            location: try string(object, "location", path, required: false))
    }
}
