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
    /// 1-based; for JSON Lines, the line of the document.
    public let line: Int?
    public let column: Int?

    public init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        var place: [String] = []
        if let line { place.append(column.map { "line \(line), column \($0)" } ?? "line \(line)") }
        if !path.isEmpty { place.append(path) }
        return "\(place.isEmpty ? "document" : place.joined(separator: ", ")): \(message)"
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
        let reader = DocumentReader(registry: registry)
        switch firstSignificantByte(data) {
        case UInt8(ascii: "["):
            let wire: [WireDocument]
            do {
                wire = try JSONDecoder().decode([WireDocument].self, from: data)
            } catch {
                throw located(error, in: data)
            }
            var documents: [ShipmentDocument] = []
            documents.reserveCapacity(wire.count)
            for (index, element) in wire.enumerated() {
                documents.append(try reader.document(element, path: "[\(index)]"))
            }
            return (documents, false)
        case UInt8(ascii: "{"):
            let wire: WireDocument
            do {
                wire = try JSONDecoder().decode(WireDocument.self, from: data)
            } catch {
                // Broken as one value, but its first line is a whole document: JSON Lines.
                if case .dataCorrupted(let context) = error as? DecodingError, context.codingPath.isEmpty,
                    firstLineIsDocument(data)
                {
                    return (try decodeLines(data, reader: reader), false)
                }
                throw located(error, in: data)
            }
            return ([try reader.document(wire, path: "")], true)
        case nil:
            throw DocumentError(path: "", message: "is empty: expected a shipment document (a JSON object) or an array")
        default:
            throw DocumentError(
                path: "", message: "expected a shipment document (a JSON object), an array of them, or JSON Lines",
                line: 1, column: 1)
        }
    }

    static func decodeLines(_ data: Data, reader: DocumentReader) throws(DocumentError) -> [ShipmentDocument] {
        var documents: [ShipmentDocument] = []
        let decoder = JSONDecoder()
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            let wire: WireDocument
            do {
                wire = try decoder.decode(WireDocument.self, from: Data(line))
            } catch {
                let found = located(error, in: Data(line))
                throw DocumentError(path: found.path, message: found.message, line: number + 1, column: found.column)
            }
            do {
                documents.append(try reader.document(wire, path: ""))
            } catch {
                throw DocumentError(path: error.path, message: error.message, line: number + 1)
            }
        }
        return documents
    }

    static func firstSignificantByte(_ data: Data) -> UInt8? {
        // A UTF-8 byte order mark is allowed before the JSON.
        data.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
    }

    static func firstLineIsDocument(_ data: Data) -> Bool {
        guard let line = data.split(separator: 0x0A).first(where: { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } })
        else { return false }
        return (try? JSONDecoder().decode(WireDocument.self, from: Data(line))) != nil
    }

    /// A decoding failure as the field's path, or the line and column of broken JSON.
    static func located(_ error: any Error, in data: Data) -> DocumentError {
        if let error = error as? DocumentError { return error }
        guard let error = error as? DecodingError else {
            return DocumentError(path: "", message: "could not be read: \(error)")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return DocumentError(path: codingPathText(context.codingPath), message: WireType.expectation(for: type))
        case .valueNotFound(let type, let context):
            return DocumentError(path: codingPathText(context.codingPath), message: WireType.expectation(for: type))
        case .keyNotFound(let key, let context):
            return DocumentError(path: codingPathText(context.codingPath + [key]), message: "is required")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return DocumentError(path: codingPathText(context.codingPath), message: context.debugDescription)
        default:
            return syntaxError(in: data)
        }
    }

    /// The decoder only says the JSON is broken; Foundation's parser says where,
    /// as a character offset, which people need as a line and column.
    static func syntaxError(in data: Data) -> DocumentError {
        var detail = "not valid JSON"
        var offset: Int?
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let text = "\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)"
            detail = "not valid JSON: \(text)"
            if let range = text.range(of: "character ") {
                offset = Int(text[range.upperBound...].prefix { $0.isNumber })
            }
        }
        guard let offset else { return DocumentError(path: "", message: detail) }
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
        return DocumentError(path: "", message: detail, line: line, column: column)
    }
}

// MARK: - Wire format

/// The document as it arrives. Every field is optional so a missing one gets
/// our message naming it, and values are checked after decoding, with paths.
struct WireDocument: Decodable {
    var order: WireOrder?
    var shipment: WireShipment?
    var events: [WireEvent]?
    var otherOrders: [WireOtherOrder]?
}

struct WireOrder: Decodable {
    var id: String?
    var marketplace: String?
    var placedAt: String?
    var confirmedAt: String?
    var promisedBy: String?
    var buyerName: String?
}

struct WireShipment: Decodable {
    var carrier: String?
    var trackingNumber: String?
    var shippingOption: String?
    var shippedAt: String?
    var origin: String?
    var destination: String?
}

struct WireEvent: Decodable {
    var source: String?
    var carrier: String?
    var trackingNumber: String?
    var time: String?
    var code: String?
    var text: String?
    var location: String?
}

struct WireOtherOrder: Decodable {
    var id: String?
    var trackingNumber: String?
}

enum WireType {
    /// What a field should have held, in words.
    static func expectation(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "expected a string"
        case is [WireEvent].Type, is [WireOtherOrder].Type, is [WireDocument].Type, is [Any].Type: "expected an array"
        default: "expected an object"
        }
    }
}

/// Checks decoded documents, naming the path of any bad field.
struct DocumentReader {
    let registry: CarrierRegistry
    let normalizer = EventNormalizer.standard

    func fail(_ path: String, _ message: String) -> DocumentError {
        DocumentError(path: path, message: message)
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func required<T>(_ value: T?, _ path: String, _ key: String) throws(DocumentError) -> T {
        guard let value else { throw fail(join(path, key), "is required") }
        return value
    }

    func text(_ value: String?, _ path: String, _ key: String) throws(DocumentError) -> String {
        let text = try required(value, path, key)
        if text.allSatisfy(\.isWhitespace) { throw fail(join(path, key), "is empty") }
        return text
    }

    func time(
        _ text: String?, _ path: String, _ key: String, defaultOffset: Int?, endOfDay: Bool = false
    ) throws(DocumentError) -> Timestamp? {
        guard let text else { return nil }
        guard var stamp = Timestamp.parse(text, defaultOffset: defaultOffset) else {
            let hint =
                defaultOffset == nil
                ? "expected an ISO 8601 date-time with a UTC offset, such as 2026-11-02T18:00:00+09:00"
                : "expected an ISO 8601 date or date-time, such as 2026-11-02T18:00:00+09:00"
            throw fail(join(path, key), "\(hint); got \"\(text)\"")
        }
        // A bare date as a deadline means the end of that day.
        if endOfDay, text.utf8.count == 10 { stamp = stamp.adding(seconds: 86_399) }
        return stamp
    }

    func country(_ text: String?, _ path: String, _ key: String) throws(DocumentError) -> String? {
        guard let text else { return nil }
        let code = text.uppercased()
        guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw fail(join(path, key), "expected a two-letter country code such as KR; got \"\(text)\"")
        }
        return code
    }

    func document(_ wire: WireDocument, path: String) throws(DocumentError) -> ShipmentDocument {
        let orderPath = join(path, "order")
        let wireOrder = try required(wire.order, path, "order")
        let shipmentPath = join(path, "shipment")
        let wireShipment = try required(wire.shipment, path, "shipment")

        let order = OrderInfo(
            id: try text(wireOrder.id, orderPath, "id"),
            marketplace: wireOrder.marketplace,
            placedAt: try time(
                try required(wireOrder.placedAt, orderPath, "placedAt"), orderPath, "placedAt", defaultOffset: nil)!,
            confirmedAt: try time(wireOrder.confirmedAt, orderPath, "confirmedAt", defaultOffset: nil),
            promisedBy: try time(
                wireOrder.promisedBy, orderPath, "promisedBy", defaultOffset: Timestamp.kst, endOfDay: true),
            buyerName: wireOrder.buyerName)

        let shipment = try shipment(wireShipment, path: shipmentPath)
        let events = try events(wire.events, path: path, shipment: shipment)
        var others: [OtherOrder] = []
        if let list = wire.otherOrders {
            let othersPath = join(path, "otherOrders")
            for index in list.indices {
                let elementPath = "\(othersPath)[\(index)]"
                others.append(
                    OtherOrder(
                        id: try text(list[index].id, elementPath, "id"), trackingNumber: list[index].trackingNumber))
            }
        }
        return ShipmentDocument(order: order, shipment: shipment, events: events, otherOrders: others)
    }

    func shipment(_ wire: WireShipment, path: String) throws(DocumentError) -> ShipmentInfo {
        var carrier = wire.carrier
        if let given = carrier {
            guard let resolved = registry.resolveCarrier(given) else {
                throw fail(join(path, "carrier"), "unknown carrier \"\(given)\" (run `parceldesk carriers`)")
            }
            carrier = resolved.id
        }
        return ShipmentInfo(
            carrier: carrier,
            trackingNumber: try text(wire.trackingNumber, path, "trackingNumber"),
            shippingOption: wire.shippingOption,
            shippedAt: try time(wire.shippedAt, path, "shippedAt", defaultOffset: nil),
            origin: try country(wire.origin, path, "origin"),
            destination: try country(wire.destination, path, "destination"))
    }

    /// The document's `events`, each checked against its path.
    func events(_ list: [WireEvent]?, path: String, shipment: ShipmentInfo) throws(DocumentError) -> [RawTrackingEvent]
    {
        guard let list else { return [] }
        var events: [RawTrackingEvent] = []
        events.reserveCapacity(list.count)
        let eventsPath = join(path, "events")
        for index in list.indices {
            events.append(try event(list[index], path: "\(eventsPath)[\(index)]", shipment: shipment))
        }
        return events
    }

    func event(_ wire: WireEvent, path: String, shipment: ShipmentInfo) throws(DocumentError) -> RawTrackingEvent {
        let source = try text(wire.source, path, "source")
        let carrier = wire.carrier ?? shipment.carrier ?? ""
        let offset = normalizer.defaultUTCOffset(source: source, carrier: carrier, registry: registry)
        let time = try time(try required(wire.time, path, "time"), path, "time", defaultOffset: offset)!
        if (wire.code ?? "").isEmpty, (wire.text ?? "").isEmpty { throw fail(path, "needs a code or a text") }
        return RawTrackingEvent(
            source: source, carrier: carrier, trackingNumber: wire.trackingNumber ?? shipment.trackingNumber,
            time: time, code: wire.code, text: wire.text ?? "", location: wire.location)
    }
}
