import Foundation

/// Where an order and each of its claims stand at a moment, and, when an
/// action was asked about, how it was judged: what `parceldesk claims`
/// prints and the API's claim views are made of.
public struct ClaimReport: Sendable {
    public let order: ClaimOrder
    public let profile: ClaimProfile
    public let claims: [Claim]
    public let now: Timestamp
    public let standing: ClaimEngine.Standing
    public let allowed: [ClaimEngine.Allowed]
    public let openings: [ClaimActor: [ClaimEngine.Opening]]
    public let buyerMessages: [LocalizedText?]
    public let attempt: Attempt?

    public struct Attempt: Sendable {
        public let verdict: ClaimVerdict
        /// The claim's state after the action, or unchanged when refused; nil for a refused opening.
        public let state: ClaimState?
        public let message: LocalizedText
    }
}

extension ClaimEngine {
    /// The whole report for one document at `now`. Throws when a claim's own
    /// history is something the profile refuses.
    public func report(_ document: ClaimDocument, now: Timestamp, diagnoser: Diagnoser = Diagnoser()) throws(CaseError)
        -> ClaimReport
    {
        let order = document.orderFacts(now: now, diagnoser: diagnoser)
        let item = try replay(order, claims: document.claims)
        return report(item, now: now, attempt: document.attempt)
    }

    public func report(_ item: Case, now: Timestamp, attempt: ClaimAttempt? = nil) -> ClaimReport {
        let standing = standing(of: item, now: now)
        let order = item.effective
        let messages = ClaimMessages(registry: detector.registry)
        let allowed = item.claims.indices.map {
            self.allowed(
                standing.claims[$0], claim: item.claims[$0], order: order, profile: item.profile, now: now)
        }
        let buyer = item.claims.indices.map {
            messages.forBuyer(
                item.claims[$0], standing: standing.claims[$0], order: order, profile: item.profile,
                engine: self, now: now)
        }
        return ClaimReport(
            order: order, profile: item.profile, claims: item.claims, now: now, standing: standing,
            allowed: allowed, openings: openings(item, standing: standing, now: now), buyerMessages: buyer,
            attempt: attempt.map { judge($0, in: item) })
    }

    /// Judges one action on the case, as the claims' histories left it.
    public func judge(_ attempt: ClaimAttempt, in item: Case) -> ClaimReport.Attempt {
        let step = attempt.step
        let messages = ClaimMessages(registry: detector.registry)
        let profile = item.profile
        let claim: Claim
        let verdict: ClaimVerdict
        var others = Others(claims: item.claims, standings: item.standings, excluding: -1, profile: profile)
        if let id = attempt.claim {
            guard let index = item.claims.firstIndex(where: { $0.id == id }) else {
                return unknown(attempt, item: item, messages: messages)
            }
            claim = item.claims[index]
            others = Others(claims: item.claims, standings: item.standings, excluding: index, profile: profile)
            verdict = judge(
                step, claim: claim, standing: item.standings[index], order: item.effective, others: others,
                profile: profile)
        } else if step.action == .request, let type = attempt.type, let reason = attempt.reason {
            claim = Claim(
                id: "", type: type, reason: reason, noticedAt: attempt.noticedAt, amount: step.amount, history: [])
            verdict = judge(step, claim: claim, standing: nil, order: item.effective, others: others, profile: profile)
        } else {
            return unknown(attempt, item: item, messages: messages)
        }
        let stage = stage(of: item.effective, others: others, profile: profile, at: step.at)
        let message = messages.verdict(
            verdict, type: claim.type, action: step.action, by: step.by, stage: stage, claimID: attempt.claim,
            order: item.effective, profile: profile)
        return ClaimReport.Attempt(verdict: verdict, state: verdict.standing?.state, message: message)
    }

    /// `claims[0].history[2]: … (rule): …`: the step the profile refuses, and why.
    public func describe(_ error: CaseError, in document: ClaimDocument) -> String {
        guard error.claim < document.claims.count else { return "claims: at most 64 claims per order" }
        guard let position = error.step, let verdict = error.verdict else {
            return "claims[\(error.claim)].history: is empty: a claim starts with its request"
        }
        let claim = document.claims[error.claim]
        let step = claim.history[position]
        let profile = profile(for: document.order)
        // The other claims as they stand (the refused one's history taken as it is), for the order's stage.
        let others =
            (try? replay(document.order, claims: document.claims, trusting: true)).map {
                Others(claims: $0.claims, standings: $0.standings, excluding: error.claim, profile: profile)
            } ?? Others(claims: document.claims, standings: [], known: 0, excluding: error.claim)
        let stage = stage(of: document.order, others: others, profile: profile, at: step.at)
        let message = ClaimMessages(registry: detector.registry).verdict(
            verdict, type: claim.type, action: step.action, by: step.by, stage: stage, claimID: claim.id,
            order: document.order, profile: profile)
        return
            "claims[\(error.claim)].history[\(position)]: \(step.action.name) by \(step.by.name) is refused (\(verdict.rule.name)): \(message.en)"
    }

    func unknown(_ attempt: ClaimAttempt, item: Case, messages: ClaimMessages) -> ClaimReport.Attempt {
        let verdict = ClaimVerdict(.unknownClaim, standing: nil)
        let message = messages.verdict(
            verdict, type: attempt.type ?? .cancel, action: attempt.step.action, by: attempt.step.by, stage: .paid,
            claimID: attempt.claim, order: item.effective, profile: item.profile)
        return ClaimReport.Attempt(verdict: verdict, state: nil, message: message)
    }
}

// MARK: - Rendering

extension ClaimReport {
    /// Times for people and the command line: ISO 8601 on the Korean clock.
    public static func kstTime(_ moment: Timestamp?) -> JSONValue {
        moment.map { .string($0.iso8601(utcOffset: Timestamp.kst)) } ?? .null
    }

    static func text(_ text: LocalizedText?) -> JSONValue {
        guard let text else { return .null }
        return .object([("ko", .string(text.ko)), ("en", .string(text.en))])
    }

    public func json(timeStyle: (Timestamp?) -> JSONValue = ClaimReport.kstTime) -> JSONValue {
        func deadline(_ deadline: ClaimDeadline?) -> JSONValue {
            guard let deadline else { return .null }
            return .object([
                ("kind", .string(deadline.kind.name)), ("due", timeStyle(deadline.due)),
                ("who", .string(deadline.who.name)),
            ])
        }
        let decision = standing.decision
        let orderObject: JSONValue = .object([
            ("id", .string(order.id)),
            ("marketplace", .optional(order.marketplace)),
            ("profile", .string(profile.id)),
            ("stage", .string(standing.stage.name)),
            ("nextDeadline", deadline(standing.nextDeadline)),
            ("purchaseDecidedAt", timeStyle(decision.decidedAt)),
            ("autoDecideAt", timeStyle(decision.scheduledAt)),
            ("autoDecideSuspended", .optional(decision.suspension?.rawValue)),
            ("deliveredAt", timeStyle(order.delivered)),
            ("deadlines", .array(standing.orderDeadlines.map(deadline))),
        ])
        var claimObjects: [JSONValue] = []
        for index in claims.indices {
            let claim = claims[index]
            let current = standing.claims[index]
            let refund = profile.refundDays(claim, standing: current, order: order)
            let allowed = self.allowed[index]
            claimObjects.append(
                .object([
                    ("id", .string(claim.id)),
                    ("type", .string(claim.type.name)),
                    ("reason", .string(claim.reason.name)),
                    ("state", .string(current.state.name)),
                    ("openedAt", timeStyle(current.openedAt)),
                    ("payer", .optional(profile.returnShippingPayer(claim, standing: current)?.name)),
                    ("amount", .optional(current.amount.map { "\($0)" })),
                    ("deadlines", .array(standing.claimDeadlines[index].map(deadline))),
                    (
                        "allowed",
                        .object(
                            ClaimActor.allCases.map { actor in
                                (actor.name, .strings(allowed[actor].map(\.name)))
                            })
                    ),
                    (
                        "refundDays",
                        refund.map { kind, range in
                            .object([
                                ("min", .int(range.min)), ("max", .int(range.max)),
                                ("unit", .string(range.businessDays ? "business_days" : "days")),
                                ("kind", .string(kind.rawValue)),
                            ])
                        } ?? .null
                    ),
                    ("buyerMessage", Self.text(buyerMessages[index])),
                ]))
        }
        var members: [(String, JSONValue)] = [
            ("now", timeStyle(now)),
            ("order", orderObject),
            ("claims", .array(claimObjects)),
            (
                "canOpen",
                .object(
                    [ClaimActor.buyer, .seller].map { actor in
                        (
                            actor.name,
                            .array(
                                (openings[actor] ?? []).map { opening in
                                    var fields: [(String, JSONValue)] = [
                                        ("type", .string(opening.type.name)), ("until", timeStyle(opening.until)),
                                    ]
                                    if !opening.reasons.isEmpty {
                                        fields.append(
                                            (
                                                "reasons",
                                                .array(
                                                    opening.reasons.map {
                                                        .object([
                                                            ("reason", .string($0.reason.name)),
                                                            ("until", timeStyle($0.until)),
                                                        ])
                                                    })
                                            ))
                                    }
                                    return .object(fields)
                                })
                        )
                    })
            ),
        ]
        if let attempt {
            members.append(
                (
                    "attempt",
                    .object([
                        ("allowed", .bool(attempt.verdict.allowed)),
                        ("state", .optional(attempt.state?.name)),
                        ("rule", .string(attempt.verdict.rule.name)),
                        ("closedAt", timeStyle(attempt.verdict.closedAt)),
                        ("opensAt", timeStyle(attempt.verdict.opensAt)),
                        ("message", Self.text(attempt.message)),
                    ])
                ))
        }
        return .object(members)
    }

    /// A readable account for the terminal.
    public func text(_ language: Language) -> String {
        let ko = language == .ko
        var lines: [String] = []
        let decision = standing.decision
        lines.append(
            "\(ko ? "주문" : "Order") \(order.id) · \(profile.name.text(language)) · \(standing.stage.label.text(language))"
        )
        if let decided = decision.decidedAt {
            lines.append("  \(ko ? "구매확정" : "Purchase decided"): \(decided.display())")
        } else if let scheduled = decision.scheduledAt {
            lines.append("  \(ko ? "자동 구매확정 예정" : "Automatic purchase decision"): \(LegalCalendar.display(scheduled))")
        } else if let suspension = decision.suspension {
            lines.append("  \(ko ? "자동 구매확정" : "Automatic purchase decision"): \(suspension.label.text(language))")
        }
        if let next = standing.nextDeadline {
            lines.append(
                "  \(ko ? "다음 기한" : "Next deadline"): \(next.kind.label.text(language)) · \(LegalCalendar.display(next.due)) · \(next.who.label.text(language))"
            )
        }
        for index in claims.indices {
            let claim = claims[index]
            let current = standing.claims[index]
            lines.append("")
            lines.append(
                "\(claim.id) · \(claim.type.label.text(language)) (\(claim.reason.label.text(language))) · \(current.state.label.text(language))"
            )
            for deadline in standing.claimDeadlines[index] {
                lines.append(
                    "  \(ko ? "기한" : "Due"): \(deadline.kind.label.text(language)) · \(LegalCalendar.display(deadline.due)) · \(deadline.who.label.text(language))"
                )
            }
            for actor in ClaimActor.allCases where !allowed[index][actor].isEmpty {
                let actions = allowed[index][actor].map { $0.label.text(language) }.joined(separator: ", ")
                lines.append("  \(actor.label.text(language)): \(actions)")
            }
            if let message = buyerMessages[index] {
                lines.append("  \(ko ? "구매자 안내" : "To the buyer"): \(message.text(language))")
            }
        }
        if let attempt {
            lines.append("")
            let verdict = attempt.verdict.allowed ? (ko ? "허용" : "allowed") : (ko ? "거부" : "refused")
            lines.append("\(ko ? "판단" : "Verdict"): \(verdict) (\(attempt.verdict.rule.name))")
            lines.append("  \(attempt.message.text(language))")
        }
        return lines.joined(separator: "\n")
    }
}
