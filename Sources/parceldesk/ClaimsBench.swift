import ArgumentParser
import Foundation
import ParcelCore

/// How fast claims are judged: each document's claims replayed through
/// their marketplace's profile, then the order's stage, the purchase
/// decision, every claim's state at `now` and its deadlines, single-threaded.
struct ClaimsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Claim judging throughput (replay, state and deadlines) on simulated claim documents."
    )

    @Option(help: "Claim documents (one order with one claim each, cycling through every story).")
    var count = 200_000

    @Option(help: "Timed passes; the report gives the median and the best.")
    var passes = 5

    @Option(help: "Which claims: all (every story, most short) or long (four steps or more, about five).")
    var mix: ClaimSimulator.Mix = .long

    @Option(help: "Seed: the same seed gives the same documents.")
    var seed: UInt64 = 7

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let now = Timestamp.parse("2026-12-06T12:00:00+09:00")!
        let engine = ClaimEngine()
        let documents = ClaimSimulator(seed: seed, now: now).documents(count: count, mix: mix)
        let steps = documents.reduce(0) { $0 + $1.claims.reduce(0) { $0 + $1.history.count } }

        // Every history must be one the profiles accept, or the figure would time refusals.
        var states = [Int](repeating: 0, count: ClaimState.allCases.count)
        for document in documents {
            let item = try engine.replay(document.order, claims: document.claims)
            for claim in engine.standing(of: item, now: now).claims { states[Int(claim.state.rawValue)] += 1 }
        }

        var rates: [Double] = []
        var checksum = 0
        for _ in 0..<passes {
            let start = DispatchTime.now().uptimeNanoseconds
            for index in documents.indices {
                guard let item = try? engine.replay(documents[index].order, claims: documents[index].claims) else {
                    continue
                }
                let standing = engine.standing(of: item, now: now)
                checksum &+= Int(standing.stage.rawValue) &+ standing.deadlines.count
                if let next = standing.nextDeadline { checksum &+= Int(next.kind.rawValue) }
            }
            rates.append(Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        rates.sort()
        let median = rates[rates.count / 2]

        // The whole command's path on a slice, for scale: JSON in, the report as JSON out.
        let slice = min(count, 20_000)
        let texts = documents.prefix(slice).map { Self.json($0) }
        let start = DispatchTime.now().uptimeNanoseconds
        for text in texts {
            let decoded = try ClaimDocument.decode(from: text).documents[0]
            checksum &+= try engine.report(decoded, now: now).json().serialized().utf8.count
        }
        let fullRate = Double(slice) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)

        let perClaim = Double(steps) / Double(count)
        let reached = ClaimState.allCases.filter { states[Int($0.rawValue)] > 0 }.map(\.name)
        if json {
            print(
                "{\"documents\":\(count),\"mix\":\"\(mix.rawValue)\",\"historyStepsPerClaim\":\(String(format: "%.2f", perClaim)),"
                    + "\"judgedPerSecondMedian\":\(Int(median)),\"judgedPerSecondBest\":\(Int(rates.last!)),"
                    + "\"jsonInOutPerSecond\":\(Int(fullRate)),\"checksum\":\(checksum & 0xFFFF)}")
        } else {
            print(
                "documents          \(count) (one claim each, mix \(mix.rawValue): "
                    + String(format: "%.2f", perClaim) + " history steps per claim; seed \(seed))")
            print("states reached     \(reached.joined(separator: ", "))")
            print(
                "judged             \(format(median)) documents/s median of \(passes), best \(format(rates.last!)) "
                    + "(replay, stage, decision, states and deadlines at now; single thread)")
            print(
                "JSON in and out    \(format(fullRate)) documents/s (decode, judge, report as JSON; \(slice) documents)"
            )
            #if DEBUG
                print(
                    "note: this is a debug build; run `swift run -c release parceldesk bench claims` for real figures")
            #endif
        }
    }

    func format(_ rate: Double) -> String {
        rate >= 1e6 ? String(format: "%.2fM", rate / 1e6) : String(format: "%.1fk", rate / 1e3)
    }

    /// A document as `parceldesk claims` reads it.
    static func json(_ document: ClaimDocument) -> Data {
        func time(_ moment: Timestamp?) -> JSONValue { moment.map { .string($0.description) } ?? .null }
        let order = document.order
        let claims: [JSONValue] = document.claims.map { claim in
            .object([
                ("id", .string(claim.id)), ("type", .string(claim.type.name)), ("reason", .string(claim.reason.name)),
                ("noticedAt", time(claim.noticedAt)),
                (
                    "history",
                    .array(
                        claim.history.map { step in
                            var fields: [(String, JSONValue)] = [
                                ("action", .string(step.action.name)), ("by", .string(step.by.name)),
                                ("at", time(step.at)),
                            ]
                            if let number = step.trackingNumber { fields.append(("trackingNumber", .string(number))) }
                            if let carrier = step.carrier { fields.append(("carrier", .string(carrier))) }
                            if let amount = step.amount { fields.append(("amount", .string("\(amount)"))) }
                            return .object(fields)
                        })
                ),
            ])
        }
        let value: JSONValue = .object([
            (
                "order",
                .object([
                    ("id", .string(order.id)), ("marketplace", .optional(order.marketplace)),
                    ("placedAt", time(order.placedAt)), ("confirmedAt", time(order.confirmedAt)),
                    ("dispatchedAt", time(order.dispatchedAt)), ("deliveredAt", time(order.deliveredAt)),
                    ("total", .optional(order.total.map { "\($0)" })),
                ])
            ),
            ("claims", .array(claims)),
        ])
        return Data(value.serialized().utf8)
    }
}

extension ClaimSimulator.Mix: ExpressibleByArgument {}
