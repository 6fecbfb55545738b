import Foundation
import ParcelCore

/// Where a buyer's conversation stands. A conversation the customer center
/// answered by itself stays `selfServed` and out of the seller's inbox; it
/// becomes `open` when the buyer asks for a person, repeats a question, or
/// asks something the desk cannot answer.
public enum TicketStatus: String, Sendable, CaseIterable, Codable {
    case selfServed = "self_served"
    /// Waiting for the seller.
    case open
    /// The seller replied last.
    case answered
    case closed
}

/// One conversation of a buyer about one order.
public struct Ticket: Sendable, Equatable {
    public let id: UUID
    public let orderID: UUID
    public let orderExternalID: String
    public var status: TicketStatus
    /// The intent that sent it to the seller (`human`, `other`, a repeated one).
    public var reason: BuyerIntent?
    public let openedAt: Timestamp
    public var updatedAt: Timestamp
    /// When the buyer's oldest unanswered message came; nil when the seller spoke last.
    public var waitingSince: Timestamp?

    public init(
        id: UUID, orderID: UUID, orderExternalID: String, status: TicketStatus, reason: BuyerIntent?,
        openedAt: Timestamp, updatedAt: Timestamp, waitingSince: Timestamp?
    ) {
        self.id = id
        self.orderID = orderID
        self.orderExternalID = orderExternalID
        self.status = status
        self.reason = reason
        self.openedAt = openedAt
        self.updatedAt = updatedAt
        self.waitingSince = waitingSince
    }
}

/// One line of a conversation.
public struct TicketMessage: Sendable, Equatable {
    public enum Author: String, Sendable, CaseIterable, Codable {
        /// The buyer, on the buyer page.
        case buyer
        /// The customer center's own answer.
        case desk
        /// The seller, from the inbox.
        case seller
    }

    public let ticketID: UUID
    public let author: Author
    public let text: String
    /// What the recognizer read a buyer's message as.
    public let intent: BuyerIntent?
    public let at: Timestamp

    public init(ticketID: UUID, author: Author, text: String, intent: BuyerIntent?, at: Timestamp) {
        self.ticketID = ticketID
        self.author = author
        self.text = text
        self.intent = intent
        self.at = at
    }
}

/// Which tickets the inbox lists.
public struct TicketFilter: Sendable {
    public var statuses: [TicketStatus]
    public var limit: Int
    /// Latest activity first, instead of the longest-waiting first.
    public var newestFirst: Bool

    public init(statuses: [TicketStatus] = [.open, .answered], limit: Int = 100, newestFirst: Bool = false) {
        self.statuses = statuses
        self.limit = limit
        self.newestFirst = newestFirst
    }
}

public enum TicketError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownTicket(String)
    case closed
    case emptyReply
    case tooLong(Int)

    public var description: String {
        switch self {
        case .unknownTicket(let id): "no ticket \(id)"
        case .closed: "the ticket is closed; the buyer can open a new one from the buyer page"
        case .emptyReply: "the reply is empty"
        case .tooLong(let limit): "a reply is at most \(limit) characters"
        }
    }
}
