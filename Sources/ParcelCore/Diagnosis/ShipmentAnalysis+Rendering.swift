// The wire shape of a diagnosis (`parceldesk diagnose --json`, the API) and
// the text a seller reads in a terminal. Times on the wire are UTC; times for
// people are KST.

extension LocalizedText {
    public var json: JSONValue { .object([("ko", .string(ko)), ("en", .string(en))]) }
}

extension ShipmentAnalysis {
    public func json(language: Language = .ko, playbook: Playbook = Playbook()) -> JSONValue {
        .object([
            (
                "order",
                .object([("id", .string(document.order.id)), ("marketplace", .optional(document.order.marketplace))])
            ),
            ("status", .string(status.rawValue)),
            ("milestone", .optional(milestone?.rawValue)),
            ("lastEventAt", .optional(lastEventAt?.utcString)),
            (
                "legs",
                .array(
                    timeline.legs.map {
                        .object([("carrier", .string($0.carrier)), ("trackingNumber", .string($0.trackingNumber))])
                    })
            ),
            ("timeline", .array(timeline.entries.map(timeline.json))),
            (
                "diagnoses",
                .array(diagnoses.map { diagnosis in diagnosis.json(in: self, language: language, playbook: playbook) })
            ),
            ("now", .string(now.utcString)),
        ])
    }

    /// A few screens a seller can read: status, timeline, then what to do.
    public func text(_ language: Language, playbook: Playbook = Playbook()) -> String {
        let ko = language == .ko
        var lines: [String] = []
        let carrier = playbook.carrierName(prepared.carrier ?? "")
        lines.append(
            "\(ko ? "주문" : "Order") \(document.order.id) · \(carrier.text(language)) \(document.shipment.trackingNumber)"
                + (document.shipment.shippingOption.map { " · \($0)" } ?? ""))
        var state = "\(ko ? "상태" : "Status"): \(status.name.text(language))"
        if let milestone { state += " (\(milestone.name.text(language)))" }
        if let lastEventAt {
            state += " · \(ko ? "마지막 갱신" : "last update") \(Words.moment(lastEventAt).text(language))"
        }
        lines.append(state)
        if timeline.legs.count > 1 {
            lines.append(
                "\(ko ? "구간" : "Legs"): "
                    + timeline.legs.map { "\(playbook.carrierName($0.carrier).text(language)) \($0.trackingNumber)" }
                    .joined(separator: " → "))
        }
        if !timeline.entries.isEmpty {
            lines.append(ko ? "배송 기록:" : "Timeline:")
            for entry in timeline.entries {
                let when = entry.time.display()
                let what = Playbook.statusName(entry).text(language)
                let place = timeline.location(entry).map { " · \($0)" } ?? ""
                let flag = entry.anomaly != nil ? (ko ? "  ⚠ 앞뒤가 맞지 않는 기록" : "  ⚠ contradicts the record") : ""
                lines.append(
                    "  \(when)  \(what)\(place) — \(timeline.text(entry)) [\(timeline.sources(entry).joined(separator: ", "))]\(flag)"
                )
            }
        }
        if diagnoses.isEmpty {
            lines.append(ko ? "진단: 문제 없음" : "Diagnosis: nothing to do")
            return lines.joined(separator: "\n")
        }
        lines.append(ko ? "진단:" : "Diagnosis:")
        for diagnosis in diagnoses {
            let explanation = playbook.explanation(diagnosis, in: self)
            lines.append(
                "  [\(Self.severityLabel(diagnosis.severity, language))] \(diagnosis.code.rawValue) · \(ko ? "시작" : "since") \(Words.moment(diagnosis.since).text(language))"
            )
            lines.append("    \(explanation.seller.text(language))")
            for action in playbook.actions(diagnosis, in: self) {
                lines.append("    \(action.step). \(action.text.text(language))")
                for link in action.links { lines.append("       - \(link.label.text(language)): \(link.url)") }
                if let inquiry = action.inquiry {
                    for line in inquiry.text(language).split(separator: "\n") { lines.append("       | \(line)") }
                }
                if let message = action.message {
                    let text = message.text(language).split(separator: "\n", omittingEmptySubsequences: false)
                        .joined(separator: "\n        ")
                    lines.append("       “\(text)”")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func severityLabel(_ severity: Severity, _ language: Language) -> String {
        switch (severity, language) {
        case (.info, .ko): "안내"
        case (.watch, .ko): "주시"
        case (.act, .ko): "조치"
        case (.urgent, .ko): "긴급"
        case (.info, .en): "info"
        case (.watch, .en): "watch"
        case (.act, .en): "act"
        case (.urgent, .en): "urgent"
        }
    }
}

extension Timeline {
    /// One timeline entry on the wire, with the words of the event it shows.
    public func json(_ entry: TimelineEntry) -> JSONValue {
        let time = entry.time
        var members: [(String, JSONValue)] = [
            ("time", .string(time.utcString)),
            ("localTime", .string(time.description)),
            ("status", .string(entry.status?.rawValue ?? "unknown")),
            ("milestone", .string(entry.milestone?.rawValue ?? "unknown")),
            ("text", .string(text(entry))),
            ("sources", .strings(sources(entry))),
            ("carrier", .string(carrier(entry))),
            ("leg", .int(entry.leg)),
        ]
        if let code = code(entry) { members.append(("code", .string(code))) }
        if let location = location(entry) { members.append(("location", .string(location))) }
        if let stage = entry.customsStage { members.append(("customsStage", .string(stage.rawValue))) }
        if let reason = entry.reason {
            members.append(("reason", .string(reason.rawValue)))
            members.append(("cause", .string(reason.cause.rawValue)))
        }
        if let anomaly = entry.anomaly { members.append(("anomaly", .string(anomaly.rawValue))) }
        members.append(("matchedBy", .string(entry.matchedBy.rawValue)))
        return .object(members)
    }
}

extension Diagnosis {
    public func json(in analysis: ShipmentAnalysis, language: Language, playbook: Playbook) -> JSONValue {
        let explanation = playbook.explanation(self, in: analysis)
        var members: [(String, JSONValue)] = [
            ("code", .string(code.rawValue)),
            ("severity", .string(severity.rawValue)),
            ("confidence", .double((confidence * 100).rounded() / 100)),
            ("since", .string(since.utcString)),
            ("explanation", .object([("seller", explanation.seller.json), ("buyer", explanation.buyer.json)])),
            ("actions", .array(playbook.actions(self, in: analysis).map { $0.json(language: language) })),
        ]
        var evidence: [(String, JSONValue)] = [("entries", .array(self.evidence.entries.map(JSONValue.int)))]
        if !self.evidence.numbers.isEmpty { evidence.append(("numbers", .strings(self.evidence.numbers))) }
        if !self.evidence.orders.isEmpty { evidence.append(("orders", .strings(self.evidence.orders))) }
        if !self.evidence.sources.isEmpty { evidence.append(("sources", .strings(self.evidence.sources))) }
        if let hours = figures.elapsedHours { evidence.append(("elapsedHours", .double((hours * 10).rounded() / 10))) }
        if let hours = figures.thresholdHours { evidence.append(("thresholdHours", .double(hours))) }
        if let deadline = figures.deadline { evidence.append(("deadline", .string(deadline.utcString))) }
        if let kind = figures.deadlineKind { evidence.append(("deadlineKind", .string(kind.rawValue))) }
        if let stage = figures.customsStage { evidence.append(("customsStage", .string(stage.rawValue))) }
        if let repeats = figures.repeats { evidence.append(("repeats", .int(repeats))) }
        if let carrier = figures.suggestedCarrier { evidence.append(("suggestedCarrier", .string(carrier))) }
        members.append(("evidence", .object(evidence)))
        return .object(members)
    }
}

extension PlaybookAction {
    public func json(language: Language) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("step", .int(step)),
            ("kind", .string(kind.rawValue)),
            ("text", .string(text.text(language))),
        ]
        if !links.isEmpty {
            members.append(
                (
                    "links",
                    .array(
                        links.map { .object([("label", .string($0.label.text(language))), ("url", .string($0.url))]) })
                )
            )
        }
        if let message {
            members.append(("message", message.json))
            if let template { members.append(("template", .string(template.rawValue))) }
        }
        if let inquiry { members.append(("inquiry", inquiry.json)) }
        return .object(members)
    }
}

extension CarrierInquiry {
    public var json: JSONValue {
        .object([
            ("orderId", .string(orderID)),
            ("shippingOption", .optional(shippingOption)),
            ("shippedAt", .optional(shippedAt?.utcString)),
            ("carrier", .string(carrier)),
            ("trackingNumber", .string(trackingNumber)),
            ("lastStatus", lastStatus?.json ?? .null),
            ("lastStatusAt", .optional(lastStatusAt?.utcString)),
            ("lastLocation", .optional(lastLocation)),
            ("question", question.json),
            ("text", .object([("ko", .string(text(.ko))), ("en", .string(text(.en)))])),
        ])
    }
}
