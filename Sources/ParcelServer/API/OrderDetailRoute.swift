import Foundation
import ParcelApp
import ParcelCore
import Vapor

/// `GET /api/v1/orders/{id}`: the order, its shipment, and its tracking
/// analysed at the time of the request. Written with ParcelCore's JSON
/// writer rather than the generated types: the tracking part is then the
/// `parceldesk diagnose --json` contract by construction, and the busiest
/// read skips a second mapping and `JSONEncoder` (docs/PERFORMANCE.md).
struct OrderDetailRoute {
    let orders: OrderService
    let claims: ClaimService
    let center: CustomerCenterService
    let clock: ServerClock

    func register(on routes: any RoutesBuilder) {
        routes.get("api", "v1", "orders", ":id") { request async throws -> Response in
            try await respond(request)
        }
    }

    func respond(_ request: Request) async throws -> Response {
        let key = request.parameters.get("id") ?? ""
        let language: Language
        switch Self.queryValue("lang", in: request.url.query) {
        case nil, "ko": language = .ko
        case "en": language = .en
        case let other?:
            return Self.json(
                .unprocessableEntity, validationErrors([FieldError("lang", "expected ko or en; got \"\(other)\"")]))
        }
        let now = clock.now()
        guard let detail = try await orders.detail(key, now: now) else {
            return Self.json(.notFound, .object([("error", .string("no order \(key)"))]))
        }
        let orderClaims = try await claims.claims(of: detail.order, analysis: detail.analysis, now: now)
        var json = detail.order.json(analysis: detail.analysis, language: language, playbook: orders.playbook)
        let token = try await center.buyerToken(for: detail.order.id, now: now)
        if case .object(var members) = json {
            members += orderClaims.json
            members.append(("buyerPageUrl", .string(DeskRoutes.origin(of: request) + "/t/" + token)))
            json = .object(members)
        }
        return Self.json(.ok, json)
    }

    /// One value of a query string, without Vapor's form decoder, which
    /// throws and catches for an absent key.
    static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first?.removingPercentEncoding == name else { continue }
            let value = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
            return value.removingPercentEncoding ?? value
        }
        return nil
    }

    static func json(_ status: HTTPResponseStatus, _ value: JSONValue) -> Response {
        // An order with its timeline is 3–10 KB: one allocation, then one copy into the body.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_384)
        value.write(into: &bytes)
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return Response(status: status, headers: ["content-type": "application/json"], body: .init(buffer: buffer))
    }
}

extension StoredOrder {
    /// The `OrderDetail` of `openapi.yaml`; absent optional fields are left out.
    func json(analysis: ShipmentAnalysis?, language: Language, playbook: Playbook) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id.uuidString.lowercased())), ("externalId", .string(info.id)),
        ]
        members.append(optional: "marketplace", info.marketplace)
        members.append(("placedAt", .string(info.placedAt.utcString)))
        members.append(optional: "confirmedAt", info.confirmedAt?.utcString)
        members.append(optional: "promisedBy", info.promisedBy?.utcString)
        var buyer: [(String, JSONValue)] = [("name", .string(info.buyerName ?? ""))]
        buyer.append(optional: "phone", buyerPhone)
        buyer.append(optional: "email", buyerEmail)
        members.append(("buyer", .object(buyer)))
        members.append(
            (
                "items",
                .array(
                    items.map { item in
                        var fields: [(String, JSONValue)] = [
                            ("name", .string(item.name)), ("quantity", .int(item.quantity)),
                        ]
                        // Through the decimal text: 3.99, not the 3.9899999999999998 NSDecimalNumber gives.
                        if let price = item.price, let value = Double("\(price)") {
                            fields.append(("price", .double(value)))
                        }
                        return .object(fields)
                    })
            ))
        members.append(("createdAt", .string(createdAt.utcString)))
        if let shipment {
            var fields: [(String, JSONValue)] = []
            fields.append(optional: "carrier", shipment.carrier)
            fields.append(("trackingNumber", .string(shipment.trackingNumber)))
            fields.append(optional: "shippingOption", shipment.shippingOption)
            fields.append(optional: "shippedAt", shipment.shippedAt?.utcString)
            fields.append(optional: "origin", shipment.origin)
            fields.append(optional: "destination", shipment.destination)
            members.append(("shipment", .object(fields)))
        }
        if let analysis { members.append(("tracking", analysis.json(language: language, playbook: playbook))) }
        return .object(members)
    }
}

extension Array where Element == (String, JSONValue) {
    fileprivate mutating func append(optional key: String, _ value: String?) {
        if let value { append((key, .string(value))) }
    }
}

extension ClaimService.OrderClaims {
    /// `stage`, `nextDeadline`, `autoDecideAt` and `claims` of the `OrderDetail`.
    var json: [(String, JSONValue)] {
        let standing = report.standing
        var members: [(String, JSONValue)] = [("stage", .string(standing.stage.name))]
        if let next = standing.nextDeadline { members.append(("nextDeadline", next.json)) }
        if let scheduled = standing.decision.scheduledAt {
            members.append(("autoDecideAt", .string(scheduled.utcString)))
        }
        members.append(
            (
                "claims",
                .array(
                    claims.indices.map { index in
                        let claim = claims[index]
                        var fields: [(String, JSONValue)] = [
                            ("id", .string(claim.id.uuidString.lowercased())),
                            ("orderId", .string(claim.orderID.uuidString.lowercased())),
                            ("orderExternalId", .string(claim.orderExternalID)), ("label", .string(claim.label)),
                            ("type", .string(claim.claim.type.name)), ("reason", .string(claim.claim.reason.name)),
                            ("state", .string(standing.claims[index].state.name)),
                            ("openedAt", .string(claim.openedAt.utcString)),
                            ("updatedAt", .string(claim.updatedAt.utcString)),
                        ]
                        if let next = standing.deadlines(of: index).first { fields.append(("nextDeadline", next.json)) }
                        return .object(fields)
                    })
            ))
        return members
    }
}

extension ClaimDeadline {
    /// The `Deadline` of `openapi.yaml`.
    var json: JSONValue {
        .object([("kind", .string(kind.name)), ("due", .string(due.utcString)), ("who", .string(who.name))])
    }
}
