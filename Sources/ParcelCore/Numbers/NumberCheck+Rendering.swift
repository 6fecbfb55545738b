// The wire shape of a number check (`check --json`, the API) and the text a
// person reads in a terminal.

extension NumberCheck {
    /// The `check --json` object; keys in the order the contract lists them.
    public var json: JSONValue {
        .object([
            ("input", .string(input)),
            ("normalized", .string(normalized)),
            ("fixes", .strings(fixes)),
            ("valid", .bool(valid)),
            ("carrier", .optional(carrier)),
            ("format", .optional(format)),
            ("candidates", .array(candidates.map(\.json))),
            ("suggestions", .array(suggestions.map(\.json))),
            ("warnings", .strings(warnings.map(\.rawValue))),
            ("s10", s10?.json ?? .null),
            ("trackingUrl", .optional(trackingURL)),
        ])
    }
}

extension NumberCheck.Candidate {
    public var json: JSONValue {
        .object([
            ("carrier", .optional(carrier)),
            ("format", .string(format)),
            ("valid", .bool(valid)),
            ("confidence", .double(confidence)),
            ("checkDigit", .string(check.code)),
            ("reasons", .strings(reasons.map { $0.text(.en) })),
        ])
    }
}

extension NumberCheck.Suggestion {
    public var json: JSONValue {
        .object([
            ("number", .string(number)),
            ("carrier", .string(carrier)),
            ("format", .string(format)),
            ("reason", .string(reason)),
            ("detail", .string(edit.text(.en))),
            ("confidence", .double(confidence)),
        ])
    }
}

extension S10Details {
    public var json: JSONValue {
        .object([
            ("service", .string(service)),
            ("serviceName", .string(serviceName.en)),
            ("serviceNameKo", .string(serviceName.ko)),
            ("serial", .string(serial)),
            ("checkDigit", .string(checkDigit)),
            ("checkDigitValid", .bool(checkDigitValid)),
            ("country", .string(country)),
            ("operator", .string(`operator`)),
            ("tracked", .bool(tracked)),
        ])
    }
}

extension NumberCheck.Reason {
    /// Worth showing next to a candidate in a short listing.
    var explainsRank: Bool {
        switch self {
        case .matchesPattern, .sellerChoseOther, .chosenBySeller, .distinctivePrefix: false
        default: true
        }
    }
}

extension CheckOutcome {
    public var code: String {
        switch self {
        case .none: "none"
        case .passed: "passed"
        case .failed: "failed"
        }
    }
}

extension NumberCheck {
    /// One JSON object on one line, keys in contract order.
    public func jsonLine() -> String { json.serialized() }

    /// A few lines a seller can read in a terminal.
    public func text(_ language: Language, registry: CarrierRegistry = .standard) -> String {
        let ko = language == .ko
        var lines: [String] = []
        let shown = input.isEmpty ? "(\(ko ? "빈 줄" : "empty"))" : input
        func name(_ id: String?) -> String {
            guard let id, let carrier = registry.carrier(id: id) else { return id ?? "?" }
            return "\(carrier.name.text(language)) (\(id))"
        }
        let percent = candidates.first.map { Int(($0.confidence * 100).rounded()) } ?? 0
        if warnings.contains(.carrierMismatch), let chosenCarrier {
            // Valid for some carrier, but not the one on the order: that is what the seller must see first.
            lines.append(
                ko
                    ? "\(shown)  ✘ \(name(chosenCarrier)) 번호로는 맞지 않음 — \(name(carrier)) 형식에는 맞음 (신뢰도 \(percent)%)"
                    : "\(shown)  ✘ not a \(name(chosenCarrier)) number — fits \(name(carrier)) (confidence \(percent)%)"
            )
        } else if valid {
            lines.append(
                "\(shown)  ✔ \(ko ? "유효" : "valid") — \(name(carrier)) · \(format ?? "") · \(ko ? "신뢰도" : "confidence") \(percent)%"
            )
        } else {
            lines.append("\(shown)  ✘ \(ko ? "유효하지 않은 번호" : "not a valid number")")
        }
        if normalized != input {
            let fixText = fixes.map { Self.fixText($0, language) }.joined(separator: ", ")
            lines.append("  \(ko ? "정리한 번호" : "normalized"): \(normalized)\(fixText.isEmpty ? "" : " (\(fixText))")")
        }
        for warning in warnings {
            lines.append("  ! \(Self.warningText(warning, language, chosen: nil))")
        }
        if let s10 {
            lines.append(
                "  S10: \(s10.service) \(s10.serviceName.text(language)) · \(ko ? "발송 국가" : "issued in") \(s10.country) · \(s10.operator)"
                    + (s10.tracked ? "" : ko ? " · 끝까지 추적되지 않음" : " · not tracked end to end"))
        }
        let others = valid ? Array(candidates.dropFirst().filter(\.valid)) : candidates
        if !others.isEmpty {
            lines.append("  \(valid ? (ko ? "다른 후보" : "other candidates") : (ko ? "형식이 맞았던 후보" : "formats tried")):")
            for candidate in others.prefix(4) {
                let percent = Int((candidate.confidence * 100).rounded())
                let why = candidate.reasons.filter(\.explainsRank).map { $0.text(language) }.joined(separator: "; ")
                lines.append(
                    "    \(name(candidate.carrier)) · \(candidate.format) · \(percent)%\(why.isEmpty ? "" : " — \(why)")"
                )
            }
        }
        if !suggestions.isEmpty {
            lines.append("  \(ko ? "혹시 이 번호인가요?" : "did you mean"):")
            for suggestion in suggestions {
                lines.append(
                    "    \(suggestion.number)  \(name(suggestion.carrier)) — \(suggestion.edit.text(language))")
            }
        }
        if let trackingURL { lines.append("  \(ko ? "조회" : "track"): \(trackingURL)") }
        return lines.joined(separator: "\n")
    }

    static func fixText(_ code: String, _ language: Language) -> String {
        let ko = language == .ko
        switch code {
        case "trimmed": return ko ? "앞뒤 공백 제거" : "trimmed"
        case "removed_spaces": return ko ? "공백 제거" : "spaces removed"
        case "removed_hyphens": return ko ? "하이픈 제거" : "hyphens removed"
        case "removed_dots": return ko ? "마침표 제거" : "dots removed"
        case "removed_invisible": return ko ? "보이지 않는 문자 제거" : "invisible characters removed"
        case "fullwidth_to_ascii": return ko ? "전각 문자를 반각으로" : "full-width characters converted"
        case "uppercased": return ko ? "대문자로 변환" : "upper-cased"
        case "removed_quotes": return ko ? "따옴표 제거" : "quotes removed"
        case "removed_spreadsheet_formula": return ko ? "엑셀 수식 표기(=\"…\") 제거" : "spreadsheet =\"…\" wrapper removed"
        default: return code
        }
    }

    static func warningText(_ warning: Warning, _ language: Language, chosen: String?) -> String {
        let ko = language == .ko
        switch warning {
        case .carrierMismatch:
            return ko
                ? "선택한 택배사의 번호 형식과 맞지 않고, 다른 택배사 번호로는 유효합니다. 택배사 선택을 확인해 주세요."
                : "This does not fit the carrier chosen for the order but is valid for another carrier: check the carrier."
        case .untrackedService:
            return ko
                ? "추적이 끝까지 되지 않는 배송 방식입니다(출발 국가를 떠난 뒤 조회가 멈출 수 있음)."
                : "This service is not tracked end to end (updates may stop once it leaves the origin country)."
        case .ambiguousCarrier:
            return ko
                ? "여러 택배사 형식에 맞습니다. 주문의 택배사를 함께 알려 주면 정확해집니다."
                : "Several carriers use this format; give the order's carrier to settle it."
        case .checkDigitUnverified:
            return ko
                ? "이 택배사가 흔히 쓰는 검증 숫자와 맞지 않습니다. 번호를 한 번 더 확인해 주세요."
                : "The carrier's usual check digit does not match; double-check the number."
        case .spreadsheetScientific:
            return ko
                ? "엑셀이 번호를 지수 표기(예: 6.1E+11)로 바꿔 뒷자리가 사라졌습니다. 원본에서 텍스트 형식으로 다시 복사해 주세요."
                : "A spreadsheet turned this into scientific notation (e.g. 6.1E+11) and the last digits are lost; copy it again as text."
        case .tooLong:
            return ko ? "어떤 운송장 번호 형식보다 깁니다." : "Longer than any tracking number format."
        case .noDigitsOrLetters:
            return ko ? "숫자나 영문자가 없습니다." : "There are no digits or letters."
        }
    }
}
