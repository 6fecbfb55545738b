/// Everything ParcelDesk can say about one tracking number: the shape of the
/// `parceldesk check --json` object and of the API's number checks.
public struct NumberCheck: Sendable, Hashable {
    public let input: String
    public let normalized: String
    public let fixes: [String]
    /// At least one candidate passes its format and check digit.
    public let valid: Bool
    /// The best valid candidate's carrier and format.
    public let carrier: String?
    public let format: String?
    public let candidates: [Candidate]
    public let suggestions: [Suggestion]
    public let warnings: [Warning]
    public let s10: S10Details?
    public let trackingURL: String?
    /// The carrier the seller chose (from the context), if any.
    public let chosenCarrier: String?

    public struct Candidate: Sendable, Hashable {
        /// `nil` only for an S10-shaped number whose country has no postal operator.
        public let carrier: String?
        public let format: String
        public let valid: Bool
        public let confidence: Double
        public let check: CheckOutcome
        public let reasons: [Reason]
    }

    /// A valid number one human edit away from the input.
    public struct Suggestion: Sendable, Hashable {
        public let number: String
        public let carrier: String
        public let format: String
        public let edit: Edit
        public let confidence: Double

        /// The stable reason code (`lookalike`, `swapped_neighbours`, …).
        public var reason: String { edit.kind.rawValue }
    }

    public enum Warning: String, Sendable, Hashable, CaseIterable {
        /// The seller's carrier does not fit; another carrier's format does, with evidence.
        case carrierMismatch = "carrier_mismatch"
        /// S10 class or shipping option that is not tracked end to end.
        case untrackedService = "untracked_service"
        /// Valid for several carriers with nothing to tell them apart.
        case ambiguousCarrier = "ambiguous_carrier"
        /// Valid only because the carrier's undocumented check digit is not decisive.
        case checkDigitUnverified = "check_digit_unverified"
        /// A spreadsheet turned the number into scientific notation: digits are lost.
        case spreadsheetScientific = "spreadsheet_scientific_notation"
        /// Longer than any tracking number format.
        case tooLong = "too_long"
        /// Nothing but punctuation or symbols.
        case noDigitsOrLetters = "no_digits_or_letters"
    }

    /// Why a candidate ranks where it does.
    public enum Reason: Sendable, Hashable {
        case matchesPattern(LocalizedText)
        case checkDigitPassed(algorithm: String, digit: String)
        case checkDigitFailed(algorithm: String, found: String, expected: String?, decisive: Bool)
        case s10ServiceUnknown(String)
        case s10CountryUnknown(String)
        case s10Untracked(String)
        case chosenBySeller
        case sellerChoseOther(String)
        case marketplaceHabit(String)
        case destinationHome(String)
        case destinationForeign(String)
        case distinctivePrefix

        public func text(_ language: Language) -> String {
            switch (self, language) {
            case (.matchesPattern(let shape), .ko): "형식 일치: \(shape.ko)"
            case (.matchesPattern(let shape), .en): "matches \(shape.en)"
            case (.checkDigitPassed(let algorithm, let digit), .ko): "검증 숫자 \(digit) 확인 (\(algorithm))"
            case (.checkDigitPassed(let algorithm, let digit), .en): "check digit \(digit) verified (\(algorithm))"
            case (.checkDigitFailed(let algorithm, let found, let expected, let decisive), .ko):
                "검증 숫자가 \(found)인데 \(expected.map { "\($0)여야 함" } ?? "계산 불가") (\(algorithm))"
                    + (decisive ? "" : " — 이 택배사는 검증 숫자를 항상 쓰지는 않아 참고만 함")
            case (.checkDigitFailed(let algorithm, let found, let expected, let decisive), .en):
                "check digit is \(found), expected \(expected ?? "none computable") (\(algorithm))"
                    + (decisive ? "" : "; not decisive for this carrier")
            case (.s10ServiceUnknown(let code), .ko): "S10 서비스 코드 \(code)는 UPU가 배정하지 않은 코드"
            case (.s10ServiceUnknown(let code), .en): "S10 service indicator \(code) is not allocated by the UPU"
            case (.s10CountryUnknown(let code), .ko): "국가 코드 \(code)에 해당하는 우정사업자가 없음"
            case (.s10CountryUnknown(let code), .en): "no postal operator issues S10 numbers for country code \(code)"
            case (.s10Untracked(let code), .ko): "S10 서비스 \(code)는 배송 완료까지 추적되지 않음"
            case (.s10Untracked(let code), .en): "S10 service \(code) is not tracked end to end"
            case (.chosenBySeller, .ko): "판매자가 선택한 택배사"
            case (.chosenBySeller, .en): "the carrier the seller chose"
            case (.sellerChoseOther(let id), .ko): "판매자는 \(id)를 선택함"
            case (.sellerChoseOther(let id), .en): "the seller chose \(id)"
            case (.marketplaceHabit(let marketplace), .ko): "\(marketplace) 주문에서 자주 쓰이는 택배사"
            case (.marketplaceHabit(let marketplace), .en): "common for \(marketplace) orders"
            case (.destinationHome(let country), .ko): "도착 국가 \(country) 안의 택배사"
            case (.destinationHome(let country), .en): "delivers in the destination country \(country)"
            case (.destinationForeign(let country), .ko): "도착 국가 \(country)에서는 배송하지 않는 택배사"
            case (.destinationForeign(let country), .en): "does not deliver in the destination country \(country)"
            case (.distinctivePrefix, .ko): "이 택배사 고유의 접두어"
            case (.distinctivePrefix, .en): "prefix unique to this carrier"
            }
        }
    }

    /// A single human edit that turns the input into a valid number.
    public struct Edit: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case lookalike
            case swappedNeighbours = "swapped_neighbours"
            case missingLastCharacter = "missing_last_character"
            case extraLastCharacter = "extra_last_character"
            case missingCharacter = "missing_character"
            case extraCharacter = "extra_character"
            case wrongCharacter = "wrong_character"
        }

        public let kind: Kind
        /// 1-based position in the normalized input.
        public let position: Int
        public let from: String
        public let to: String

        public func text(_ language: Language) -> String {
            switch (kind, language) {
            case (.lookalike, .ko): "비슷하게 생긴 글자 \(from) → \(to)"
            case (.lookalike, .en): "lookalike \(from) → \(to)"
            case (.swappedNeighbours, .ko): "\(position)번째와 다음 글자 순서 바뀜 (\(from) → \(to))"
            case (.swappedNeighbours, .en): "characters \(position) and \(position + 1) swapped (\(from) → \(to))"
            case (.missingLastCharacter, .ko): "마지막 글자 \(to) 누락"
            case (.missingLastCharacter, .en): "last character \(to) missing"
            case (.extraLastCharacter, .ko): "끝에 붙은 \(from) 제거"
            case (.extraLastCharacter, .en): "extra last character \(from)"
            case (.missingCharacter, .ko): "\(position)번째에 \(to) 누락"
            case (.missingCharacter, .en): "\(to) missing at position \(position)"
            case (.extraCharacter, .ko): "\(position)번째의 \(from) 제거"
            case (.extraCharacter, .en): "extra \(from) at position \(position)"
            case (.wrongCharacter, .ko): "\(position)번째 \(from) → \(to)"
            case (.wrongCharacter, .en): "\(from) → \(to) at position \(position)"
            }
        }
    }
}
