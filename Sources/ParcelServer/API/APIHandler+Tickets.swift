import Foundation
import OpenAPIRuntime
import ParcelApp
import ParcelCore
import Vapor

/// The tickets of `openapi.yaml`: buyers' questions handed to the seller.
extension APIHandler {
    func listTickets(_ input: Operations.listTickets.Input) async throws -> Operations.listTickets.Output {
        let problems = Self.outOfRange(input.query.limit, "limit", 1...500)
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        var filter = TicketFilter(limit: input.query.limit ?? 100)
        if let status = input.query.status {
            filter.statuses = [try Self.ticketStatus(status)]
        }
        let center = services.customerCenter
        var items: [Components.Schemas.Ticket] = []
        for ticket in try await center.tickets(filter) {
            items.append(try ticket.dto(messages: try await center.messages(of: ticket)))
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func replyToTicket(_ input: Operations.replyToTicket.Input) async throws -> Operations.replyToTicket.Output {
        guard case .json(let body) = input.body else { throw Abort(.unsupportedMediaType) }
        var problems = Self.tooLong(body.text, "text", CustomerCenterService.replyLimit)
        if body.text.trimmed.isEmpty { problems.append(FieldError("text", "is required")) }
        guard problems.isEmpty else { return .unprocessableContent(.init(body: .json(Self.invalid(problems)))) }
        guard let id = UUID(path: input.path.id) else {
            return .notFound(.init(body: .json(.init(error: "no ticket \(input.path.id)"))))
        }
        let center = services.customerCenter
        do {
            let ticket = try await center.reply(to: id, text: body.text, now: clock.now())
            return .created(.init(body: .json(try ticket.dto(messages: try await center.messages(of: ticket)))))
        } catch TicketError.unknownTicket {
            return .notFound(.init(body: .json(.init(error: "no ticket \(input.path.id)"))))
        } catch TicketError.closed {
            return .conflict(.init(body: .json(.init(error: TicketError.closed.description))))
        }
    }

    static func ticketStatus(_ status: Components.Schemas.TicketStatus) throws -> TicketStatus {
        guard let found = TicketStatus(rawValue: status.rawValue) else {
            throw BrokenInvariant("openapi.yaml's TicketStatus and TicketStatus differ at \(status.rawValue)")
        }
        return found
    }
}

extension Ticket {
    func dto(messages: [TicketMessage]) throws -> Components.Schemas.Ticket {
        guard let status = Components.Schemas.TicketStatus(rawValue: status.rawValue) else {
            throw BrokenInvariant("TicketStatus.\(self.status) is missing from openapi.yaml")
        }
        return Components.Schemas.Ticket(
            id: id.uuidString.lowercased(), orderId: orderID.uuidString.lowercased(),
            orderExternalId: orderExternalID, status: status, reason: reason?.rawValue,
            openedAt: openedAt.utcString, updatedAt: updatedAt.utcString, waitingSince: waitingSince?.utcString,
            messages: try messages.map { message in
                guard let author = Components.Schemas.TicketMessage.authorPayload(rawValue: message.author.rawValue)
                else { throw BrokenInvariant("TicketMessage.Author.\(message.author) is missing from openapi.yaml") }
                return Components.Schemas.TicketMessage(
                    author: author, text: message.text, intent: message.intent?.rawValue, at: message.at.utcString)
            })
    }
}
