extension DiagnosisCode {
    /// The first thing to do about this finding, in one line for the action
    /// queue; the order page has the whole playbook with the message and the inquiry.
    public var nextStep: LocalizedText {
        switch self {
        case .numberInvalid:
            LocalizedText(
                ko: "송장번호를 판매자센터에서 다시 확인해 올바른 번호로 고쳐 주세요",
                en: "Check the number in the seller center and correct it")
        case .numberFixable:
            LocalizedText(
                ko: "제안된 올바른 번호로 송장을 수정해 주세요", en: "Replace the number with the suggested correct one")
        case .carrierMismatch:
            LocalizedText(ko: "택배사를 번호에 맞게 바꿔 다시 등록해 주세요", en: "Register the number under the right carrier")
        case .numberDuplicate:
            LocalizedText(
                ko: "같은 번호가 붙은 다른 주문을 확인하고 잘못 붙은 쪽을 고쳐 주세요",
                en: "Check the other orders with this number and fix the wrong one")
        case .untrackedService:
            LocalizedText(
                ko: "추적이 안 되는 배송 방식입니다. 구매자에게 예상 도착일을 안내해 주세요",
                en: "This service is not tracked: tell the buyer the expected arrival")
        case .notActivated:
            LocalizedText(
                ko: "발송처에 실제 발송 여부와 접수 스캔을 확인해 주세요",
                en: "Ask the shipper whether the parcel really left and was scanned in")
        case .stalledOrigin:
            LocalizedText(
                ko: "발송처(현지 물류)에 출고 지연 사유를 문의해 주세요",
                en: "Ask the origin warehouse why the parcel has not left")
        case .stalledInternational:
            LocalizedText(
                ko: "국제 구간 운송사에 문의서를 보내고 구매자에게 진행 상황을 안내해 주세요",
                en: "File an inquiry with the international carrier and update the buyer")
        case .customsLoop:
            LocalizedText(
                ko: "유니패스에서 통관 진행을 확인하고 관세사·배송대행에 보류 사유를 물어 주세요",
                en: "Check customs in UNI-PASS and ask the broker why clearance repeats")
        case .dutiesDue:
            LocalizedText(
                ko: "구매자에게 관부가세 납부 방법을 안내해 주세요", en: "Tell the buyer how to pay the duties")
        case .handoffMissing:
            LocalizedText(
                ko: "통관 후 국내 택배 송장번호를 받아 등록해 주세요",
                en: "Get the domestic carrier's number after customs and register it")
        case .sourcesDisagree:
            LocalizedText(
                ko: "조회처마다 상태가 다릅니다. 앞선 쪽 기준으로 구매자에게 안내해 주세요",
                en: "The sources disagree: tell the buyer what the most advanced one shows")
        case .longSilence:
            LocalizedText(
                ko: "분실 가능성이 큽니다. 운송사 조사를 요청하고 재발송 또는 환불을 준비해 주세요",
                en: "Likely lost: open a carrier investigation and prepare a reshipment or refund")
        case .refundEligible:
            LocalizedText(
                ko: "구매자가 환불을 요청할 수 있는 시점입니다. 먼저 연락해 선택지를 안내해 주세요",
                en: "The buyer can now ask for a refund: contact them first with the options")
        case .eventAnomaly:
            LocalizedText(
                ko: "이상한 스캔 기록이 있습니다. 타임라인을 확인해 주세요",
                en: "A scan looks wrong: check the timeline")
        case .late:
            LocalizedText(
                ko: "약속한 날짜를 넘겼습니다. 구매자에게 지연 사유와 새 예상일을 알려 주세요",
                en: "Past the promised date: tell the buyer why and the new expected date")
        case .deadlineNear:
            LocalizedText(
                ko: "기한 안에 처리해 주세요. 넘기면 자동으로 결정됩니다",
                en: "Act before the deadline, or it is decided automatically")
        }
    }

    /// Findings that say what is wrong with the parcel lead its order's row
    /// over the ones that only say what that costs (late, a refund due, a
    /// deadline): a parcel silent for 41 days leads with the silence.
    public var isConsequence: Bool {
        switch self {
        case .late, .refundEligible, .deadlineNear: true
        default: false
        }
    }
}
