// Shipment documents written back out (`parceldesk simulate`), in the same
// shape `parceldesk diagnose` reads. Times keep the reporting clock's offset.

extension ShipmentDocument {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("order", order.json),
            ("shipment", shipment.json),
            ("events", .array(events.map(\.json))),
        ]
        if !otherOrders.isEmpty {
            members.append(
                (
                    "otherOrders",
                    .array(
                        otherOrders.map {
                            .object([("id", .string($0.id)), ("trackingNumber", .optional($0.trackingNumber))])
                        })
                )
            )
        }
        return .object(members)
    }
}

extension OrderInfo {
    public var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("marketplace", .optional(marketplace)),
            ("placedAt", .string(placedAt.description)),
            ("confirmedAt", .optional(confirmedAt?.description)),
            ("promisedBy", .optional(promisedBy?.description)),
            ("buyerName", .optional(buyerName)),
        ])
    }
}

extension ShipmentInfo {
    public var json: JSONValue {
        .object([
            ("carrier", .optional(carrier)),
            ("trackingNumber", .string(trackingNumber)),
            ("shippingOption", .optional(shippingOption)),
            ("shippedAt", .optional(shippedAt?.description)),
            ("origin", .optional(origin)),
            ("destination", .optional(destination)),
        ])
    }
}

extension RawTrackingEvent {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("source", .string(source)),
            ("carrier", .string(carrier)),
            ("trackingNumber", .string(trackingNumber)),
            ("time", .string(time.description)),
        ]
        if let code { members.append(("code", .string(code))) }
        members.append(("text", .string(text)))
        if let location { members.append(("location", .string(location))) }
        return .object(members)
    }
}
