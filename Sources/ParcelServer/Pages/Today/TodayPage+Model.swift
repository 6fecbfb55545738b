import Foundation
import ParcelApp
import ParcelCore

/// `GET /`: the orders that need the seller, most urgent first, each led by
/// what is wrong and the next step.
enum TodayPage {
    struct Row: Sendable, Equatable {
        let orderID: String
        let externalID: String
        let severity: Severity
        let code: String
        let headline: LocalizedText
        let nextStep: LocalizedText
        /// KST, for people.
        let deadline: String?
        let carrier: String?
        let trackingNumber: String
        /// The order's other findings, under the lead.
        let others: [LocalizedText]
    }

    struct Filters: Sendable, Equatable {
        var severity: Severity?
        var marketplace: String?
        var carrier: String?
        var finding: String?

        func admits(_ row: ActionRow) -> Bool {
            if let severity, row.severity < severity { return false }
            if let marketplace, !row.items.contains(where: { $0.marketplace == marketplace }) { return false }
            if let carrier, !row.items.contains(where: { $0.carrier == carrier }) { return false }
            if let finding, !row.items.contains(where: { $0.code == finding }) { return false }
            return true
        }
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        /// Orders by their worst finding, most severe first.
        let counts: [(Severity, Int)]
        let rows: [Row]
        let filters: Filters
        /// What the filters offer: the marketplaces, carriers and findings in the queue.
        var marketplaces: [String] = []
        let carriers: [String]
        let findings: [String]

        static func == (left: Model, right: Model) -> Bool {
            left.chrome == right.chrome && left.rows == right.rows && left.filters == right.filters
                && left.counts.map(\.0) == right.counts.map(\.0) && left.counts.map(\.1) == right.counts.map(\.1)
        }
    }

    static let title = LocalizedText(ko: "오늘 할 일", en: "Today")
    static let columns = [
        LocalizedText(ko: "긴급도", en: "Severity"), LocalizedText(ko: "주문", en: "Order"),
        LocalizedText(ko: "무엇이 문제이고 다음에 할 일", en: "What is wrong, and the next step"),
        LocalizedText(ko: "기한 (KST)", en: "Deadline (KST)"),
    ]

    static func severityName(_ severity: Severity) -> LocalizedText {
        switch severity {
        case .urgent: LocalizedText(ko: "긴급", en: "Urgent")
        case .act: LocalizedText(ko: "오늘 처리", en: "Act today")
        case .watch: LocalizedText(ko: "지켜보기", en: "Watch")
        case .info: LocalizedText(ko: "참고", en: "Info")
        }
    }

    static func row(_ row: ActionRow) -> Row {
        let code = DiagnosisCode(rawValue: row.lead.code)
        return Row(
            orderID: row.lead.orderID.uuidString.lowercased(), externalID: row.lead.externalID, severity: row.severity,
            code: row.lead.code, headline: row.lead.summary,
            nextStep: code?.nextStep ?? LocalizedText(ko: "주문 화면에서 확인해 주세요", en: "Open the order to see"),
            deadline: row.deadline?.display(), carrier: row.lead.carrier, trackingNumber: row.lead.trackingNumber,
            others: row.others.map(\.summary))
    }
}

extension TodayPage.Model {
    static let mock = TodayPage.Model(
        chrome: .mock, counts: [(.urgent, 1), (.act, 1), (.watch, 0)],
        rows: [
            TodayPage.Row(
                orderID: "0190f7a2-0000-7000-8000-000000000001", externalID: "A-1001", severity: .urgent,
                code: "long_silence",
                headline: LocalizedText(
                    ko: "41일째 새 스캔이 없습니다", en: "No new scan for 41 days"),
                nextStep: DiagnosisCode.longSilence.nextStep, deadline: "2026-11-25 23:59 KST", carrier: "cainiao",
                trackingNumber: "LP00123456789012",
                others: [LocalizedText(ko: "약속한 날짜(11월 25일)를 넘겼습니다", en: "Past the promised date (Nov 25)")]),
            TodayPage.Row(
                orderID: "0190f7a2-0000-7000-8000-000000000002", externalID: "S-2002", severity: .act,
                code: "handoff_missing",
                headline: LocalizedText(
                    ko: "통관 후 국내 택배 번호가 없습니다", en: "No domestic number after customs"),
                nextStep: DiagnosisCode.handoffMissing.nextStep, deadline: nil, carrier: nil,
                trackingNumber: "YT1234567890123", others: []),
        ],
        filters: TodayPage.Filters(), carriers: ["cainiao"], findings: ["handoff_missing", "long_silence"])
}
