import Foundation

/// Deterministic claims as sellers meet them: cancellations, returns,
/// exchanges, refunds and disputes on Smartstore, AliExpress and own-store
/// orders, each at some point of its life. Every history is one the
/// profiles accept, so the claims benchmark and the demo judge real paths.
public struct ClaimSimulator: Sendable {
    public let seed: UInt64
    public let now: Timestamp

    public init(seed: UInt64, now: Timestamp) {
        self.seed = seed
        self.now = now
    }

    /// One step of a story: the action, who takes it, hours after the story's start.
    public struct Beat: Sendable {
        public let action: ClaimAction
        public let by: ClaimActor
        public let hours: Double
        /// The step carries a tracking number (a dispatch).
        public var number = false
        public var amount: Decimal? = nil
    }

    /// A claim's story: the marketplace, the claim, and the beats that bring it where it ends.
    public struct Story: Sendable {
        public let marketplace: String
        public let type: ClaimType
        public let reason: ClaimReason
        /// Where the order is when the claim opens.
        public let stage: OrderStage
        public let beats: [Beat]

        /// Hours from the request to the last step.
        public var span: Double { beats.last?.hours ?? 0 }

        /// The story's steps from `opened` on.
        public func steps(from opened: Timestamp) -> [ClaimStep] {
            beats.map { beat in
                ClaimStep(
                    beat.action, by: beat.by, at: opened.adding(hours: beat.hours),
                    trackingNumber: beat.number ? ClaimSimulator.dispatchNumber : nil,
                    carrier: beat.number ? "kr.cjlogistics" : nil, amount: beat.amount)
            }
        }
    }

    /// A valid CJ number that the stories dispatch with.
    public static let dispatchNumber = "123456789013"

    static func beat(
        _ action: ClaimAction, _ by: ClaimActor, _ hours: Double, number: Bool = false, amount: Decimal? = nil
    ) -> Beat {
        Beat(action: action, by: by, hours: hours, number: number, amount: amount)
    }

    /// Stories ending in every state of every claim type, on both marketplaces.
    public static let stories: [Story] = [
        // Smartstore: cancellations.
        Story(
            marketplace: "smartstore", type: .cancel, reason: .changeOfMind, stage: .paid,
            beats: [beat(.request, .buyer, 0)]),
        Story(
            marketplace: "smartstore", type: .cancel, reason: .changeOfMind, stage: .confirmed,
            beats: [beat(.request, .buyer, 0)]),
        Story(
            marketplace: "smartstore", type: .cancel, reason: .changeOfMind, stage: .confirmed,
            beats: [beat(.request, .buyer, 0), beat(.approve, .seller, 3)]),
        Story(
            marketplace: "smartstore", type: .cancel, reason: .changeOfMind, stage: .confirmed,
            beats: [beat(.request, .buyer, 0), beat(.dispatch, .seller, 2, number: true)]),
        // Smartstore: returns and exchanges through their states.
        Story(
            marketplace: "smartstore", type: .return, reason: .changeOfMind, stage: .delivered,
            beats: [beat(.request, .buyer, 0)]),
        Story(
            marketplace: "smartstore", type: .return, reason: .defective, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.approve, .seller, 5)]),
        Story(
            marketplace: "smartstore", type: .return, reason: .wrongItem, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.collect, .seller, 4), beat(.collected, .seller, 40)]),
        Story(
            marketplace: "smartstore", type: .return, reason: .changeOfMind, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.approve, .seller, 3), beat(.hold, .seller, 6),
                beat(.release, .seller, 30), beat(.collected, .seller, 60), beat(.refund, .seller, 70),
            ]),
        Story(
            marketplace: "smartstore", type: .return, reason: .changeOfMind, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.hold, .seller, 5)]),
        Story(
            marketplace: "smartstore", type: .return, reason: .damaged, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.approve, .seller, 2), beat(.shipReturn, .buyer, 20),
                beat(.collected, .seller, 50), beat(.refund, .seller, 52),
            ]),
        Story(
            marketplace: "smartstore", type: .exchange, reason: .wrongItem, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.collect, .seller, 3), beat(.collected, .seller, 45),
                beat(.dispatch, .seller, 50, number: true),
            ]),
        Story(
            marketplace: "smartstore", type: .exchange, reason: .changeOfMind, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.reject, .seller, 8)]),
        Story(
            marketplace: "smartstore", type: .return, reason: .changeOfMind, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.approve, .seller, 4), beat(.withdraw, .buyer, 10)]),
        Story(
            marketplace: "smartstore", type: .refund, reason: .defective, stage: .delivered,
            beats: [beat(.request, .buyer, 0, amount: 5000), beat(.approve, .seller, 6)]),
        // AliExpress: disputes through their stages.
        Story(
            marketplace: "aliexpress", type: .disputeNotAsDescribed, reason: .notAsDescribed, stage: .delivered,
            beats: [beat(.request, .buyer, 0)]),
        Story(
            marketplace: "aliexpress", type: .disputeNotAsDescribed, reason: .notAsDescribed, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.respond, .seller, 20)]),
        Story(
            marketplace: "aliexpress", type: .disputeNotAsDescribed, reason: .notAsDescribed, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.respond, .seller, 30), beat(.escalate, .buyer, 170),
                beat(.refund, .platform, 260), beat(.refund, .seller, 280),
            ]),
        Story(
            marketplace: "aliexpress", type: .disputeNotAsDescribed, reason: .defective, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.agree, .seller, 24), beat(.shipReturn, .buyer, 72),
                beat(.refund, .seller, 240),
            ]),
        Story(
            marketplace: "aliexpress", type: .disputeNotAsDescribed, reason: .notAsDescribed, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.agree, .seller, 30)]),
        Story(
            marketplace: "aliexpress", type: .disputeNonDelivery, reason: .notReceived, stage: .dispatched,
            beats: [
                beat(.request, .buyer, 0), beat(.reject, .seller, 40), beat(.escalate, .buyer, 50),
                beat(.escalate, .buyer, 200),
            ]),
        Story(
            marketplace: "aliexpress", type: .disputeNonDelivery, reason: .notReceived, stage: .dispatched,
            beats: [beat(.request, .buyer, 0), beat(.reject, .seller, 30), beat(.escalate, .seller, 40)]),
        Story(
            marketplace: "aliexpress", type: .disputeNotAsDescribed, reason: .notAsDescribed, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.respond, .seller, 20), beat(.escalate, .buyer, 170),
                beat(.reject, .platform, 300),
            ]),
        Story(
            marketplace: "aliexpress", type: .refund, reason: .defective, stage: .delivered,
            beats: [beat(.request, .buyer, 0, amount: 2), beat(.refund, .seller, 20)]),
        Story(
            marketplace: "aliexpress", type: .cancel, reason: .changeOfMind, stage: .paid,
            beats: [beat(.request, .buyer, 0)]),
        Story(
            marketplace: "smartstore", type: .exchange, reason: .defective, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.collect, .seller, 3), beat(.hold, .seller, 8),
                beat(.release, .seller, 26), beat(.collected, .seller, 50), beat(.dispatch, .seller, 54, number: true),
            ]),
        Story(
            marketplace: "aliexpress", type: .disputeNonDelivery, reason: .notReceived, stage: .dispatched,
            beats: [
                beat(.request, .buyer, 0), beat(.respond, .seller, 40), beat(.escalate, .buyer, 180),
                beat(.escalate, .seller, 300), beat(.close, .buyer, 400),
            ]),
        // An own store under the e-commerce act.
        Story(
            marketplace: "myshop", type: .return, reason: .notAsDescribed, stage: .delivered,
            beats: [
                beat(.request, .buyer, 0), beat(.approve, .seller, 5), beat(.collected, .seller, 48),
                beat(.refund, .seller, 50),
            ]),
        Story(
            marketplace: "myshop", type: .exchange, reason: .defective, stage: .delivered,
            beats: [beat(.request, .buyer, 0), beat(.collect, .seller, 6)]),
    ]

    /// Which stories a set of documents cycles through.
    public enum Mix: String, Sendable, CaseIterable {
        /// Every story, short and long: most claims end after a step or three.
        case all
        /// The stories of four steps or more (about five on average).
        case long
    }

    /// `count` documents, cycling through the mix's stories with times and amounts drawn from the seed.
    public func documents(count: Int, mix: Mix = .all) -> [ClaimDocument] {
        let stories = mix == .all ? Self.stories : Self.stories.filter { $0.beats.count >= 4 }
        var random = SeededRandom(seed: seed)
        return (0..<count).map { document($0, story: stories[$0 % stories.count], random: &random) }
    }

    /// The document for story `index` (every story once, in order, for the demo).
    public func document(story index: Int, order number: Int) -> ClaimDocument {
        var random = SeededRandom(seed: seed &+ UInt64(number))
        return document(number, story: Self.stories[index % Self.stories.count], random: &random)
    }

    func document(_ number: Int, story: Story, random: inout SeededRandom) -> ClaimDocument {
        // The claim opens long enough ago for its last step to be past; the order's dates fall before it.
        let span = story.beats.last?.hours ?? 0
        let opened = now.adding(hours: -(span + Double(6 + random.below(72))))
        let placed = opened.adding(hours: -Double(72 + random.below(96)))
        let overseas = story.marketplace == "aliexpress"
        var order = ClaimOrder(
            id: "\(story.marketplace == "aliexpress" ? "A" : "S")-\(100_000 + number)", marketplace: story.marketplace,
            placedAt: placed, total: Decimal(12_000 + 1000 * random.below(60)), overseas: overseas)
        if overseas { order.total = Decimal(8 + random.below(60)) }
        let rank = story.stage.rawValue
        if rank >= OrderStage.confirmed.rawValue { order.confirmedAt = placed.adding(hours: 2) }
        if rank >= OrderStage.dispatched.rawValue {
            order.dispatchedAt = placed.adding(hours: 20)
            order.trackingNumber = "1234567890\(13 + 7 * random.below(2))"
            order.carrier = "kr.cjlogistics"
        }
        if rank >= OrderStage.delivered.rawValue {
            order.deliveredAt = opened.adding(hours: -Double(2 + random.below(30)))
        }
        let history = story.steps(from: opened)
        let claim = Claim(
            id: "C-\(number)", type: story.type, reason: story.reason,
            noticedAt: story.reason.isSellersFault ? order.deliveredAt : nil, amount: nil, history: history)
        return ClaimDocument(order: order, claims: [claim])
    }
}
