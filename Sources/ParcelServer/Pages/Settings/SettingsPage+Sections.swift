import Foundation
import ParcelApp
import ParcelCore
import Plot

/// Settings' thresholds per lane, message wording and webhooks.
extension SettingsPage {
    /// A lane and the thresholds set on it, in words.
    struct LaneRow: Sendable, Equatable {
        /// Nil for a built-in lane (it cannot be removed).
        let id: String?
        let lane: LocalizedText
        let values: [(field: PolicyOverride.Field, value: String)]

        static func == (left: LaneRow, right: LaneRow) -> Bool {
            left.id == right.id && left.lane == right.lane && left.values.map(\.field) == right.values.map(\.field)
                && left.values.map(\.value) == right.values.map(\.value)
        }
    }

    struct Lanes: Sendable, Equatable {
        /// Each field's default, as shown beside its input.
        var defaults: [PolicyOverride.Field: String] = [:]
        var builtIn: [LaneRow] = []
        var rules: [LaneRow] = []
    }

    struct Wording: Sendable, Equatable {
        let template: MessageTemplate
        /// Our message filled from a sample order.
        let ours: LocalizedText
        /// The seller's wording as stored (or as just typed, when previewing or refused).
        let ko: String
        let en: String
        let custom: Bool
        /// The wording filled from the sample order, after "Preview".
        var preview: LocalizedText? = nil
    }

    struct Hook: Sendable, Equatable {
        let id: String
        let url: String
        let events: [LocalizedText]
        let created: String
        let pending: Int
        let failed: Int
        let last: String?
    }

    static func unitName(_ unit: PolicyOverride.Field.Unit) -> LocalizedText {
        switch unit {
        case .hours: LocalizedText(ko: "시간", en: "hours")
        case .days: LocalizedText(ko: "일", en: "days")
        case .times: LocalizedText(ko: "회", en: "times")
        }
    }

    static func laneName(_ lane: LaneMatch) -> LocalizedText {
        let any = LocalizedText(ko: "어디서나", en: "anywhere")
        let from = lane.origin ?? any.ko
        let to = lane.destination ?? any.ko
        let option = lane.shippingOption.map { " · \($0)" } ?? ""
        return LocalizedText(
            ko: "\(from) → \(to)\(option)", en: "\(lane.origin ?? any.en) → \(lane.destination ?? any.en)\(option)")
    }

    /// The order the wording is shown on: the same every time, dated from `now`.
    static func sample(now: Timestamp) -> (MessageFacts, MessageExtras) {
        let facts = MessageFacts(
            buyerName: "김민수", orderID: "2026120600123", carrierName: LocalizedText(ko: "CJ대한통운", en: "CJ Logistics"),
            trackingNumber: "685471234560", trackingURL: nil, shippedAt: now.adding(days: -6),
            lastStatus: LocalizedText(ko: "간선하차", en: "Arrived at hub"), lastUpdate: now.adding(days: -3),
            lastLocation: "대전HUB", nextUpdateBy: now.adding(days: 2))
        var extras = MessageExtras()
        extras.promisedBy = now.adding(days: -1)
        extras.newCarrierName = LocalizedText(ko: "우체국택배", en: "Korea Post")
        extras.newTrackingNumber = "6091234567890"
        extras.silentDays = 14
        return (facts, extras)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension SettingsPage.View {
    func lanes(_ say: PageLanguage) -> Node<HTML.BodyContext> {
        let fields: [Node<HTML.FormContext>] = PolicyOverride.Field.allCases.map { field in
            let unit = say(SettingsPage.unitName(field.unit))
            let placeholder = model.lanes.defaults[field].map { say(LocalizedText(ko: "기본 ", en: "default ")) + $0 }
            return .label(
                .plainText("\(say(field.name)) (\(unit)) "),
                .input(
                    .type(.number), .name("t_\(field.rawValue)"),
                    .value(HTMLText.escaped(model.typed["t_\(field.rawValue)"] ?? "")),
                    .attribute(named: "step", value: field.unit == .times ? "1" : "0.5"),
                    .attribute(named: "min", value: SettingsPage.number(field.range.lowerBound)),
                    .attribute(named: "max", value: SettingsPage.number(field.range.upperBound)),
                    .placeholder(HTMLText.escaped(placeholder ?? ""))))
        }
        func row(_ lane: SettingsPage.LaneRow) -> Node<HTML.TableContext> {
            .tr(
                .td(.plainText(say(lane.lane))),
                .td(
                    .plainText(
                        lane.values.map {
                            "\(say($0.field.name)) \($0.value)\(say(SettingsPage.unitName($0.field.unit)))"
                        }
                        .joined(separator: " · "))),
                .td(
                    .unwrap(
                        lane.id,
                        { id in
                            .form(
                                .method(.post), .action("/settings/lanes/\(id)/remove"), Layout.csrf(model.chrome.csrf),
                                .button(
                                    .type(.submit), .class("secondary"),
                                    .plainText(say(LocalizedText(ko: "삭제", en: "Remove")))))
                        }, else: .plainText(say(LocalizedText(ko: "기본 제공", en: "Built in"))))))
        }
        let header: Node<HTML.TableContext> = .tr(
            .th(.plainText(say(LocalizedText(ko: "구간", en: "Lane")))),
            .th(.plainText(say(LocalizedText(ko: "기준", en: "Thresholds")))), .th())
        return .section(
            .class("card"), .id("lanes"),
            .h2(.plainText(say(LocalizedText(ko: "구간별 기준", en: "Thresholds per lane")))),
            .p(
                .class("muted"),
                .plainText(
                    say(
                        LocalizedText(
                            ko: "구간마다 언제 '멈춤'이나 '오래 소식 없음'으로 볼지 정합니다. 저장하면 모든 배송을 새 기준으로 다시 진단합니다 (몇 분 걸릴 수 있습니다).",
                            en:
                                "Choose when a parcel on a lane counts as stalled or silent. Saving re-diagnoses every shipment under the new thresholds (this can take a few minutes)."
                        )))),
            .table(header, .group(model.lanes.rules.map(row)), .group(model.lanes.builtIn.map(row))),
            .form(
                .method(.post), .action("/settings/lanes"), .class("lane-rule"), Layout.csrf(model.chrome.csrf),
                .h3(.plainText(say(LocalizedText(ko: "구간 기준 추가·변경", en: "Add or change a lane")))),
                .label(
                    .plainText(say(LocalizedText(ko: "출발 국가 (예: CN, 비우면 모두) ", en: "From (e.g. CN; empty: any) "))),
                    .input(
                        .type(.text), .name("origin"), .value(HTMLText.escaped(model.typed["origin"] ?? "")),
                        .attribute(named: "maxlength", value: "2"))),
                .label(
                    .plainText(say(LocalizedText(ko: "도착 국가 (예: KR) ", en: "To (e.g. KR) "))),
                    .input(
                        .type(.text), .name("destination"), .value(HTMLText.escaped(model.typed["destination"] ?? "")),
                        .attribute(named: "maxlength", value: "2"))),
                .label(
                    .plainText(
                        say(
                            LocalizedText(
                                ko: "배송 방식에 들어간 말 (예: economy) ", en: "Shipping option contains (e.g. economy) "))),
                    .input(
                        .type(.text), .name("shipping_option"),
                        .value(HTMLText.escaped(model.typed["shipping_option"] ?? "")),
                        .attribute(named: "maxlength", value: "60"))),
                .p(
                    .class("muted"),
                    .plainText(
                        say(
                            LocalizedText(
                                ko: "바꿀 기준만 입력하세요. 비운 칸은 기본값을 따릅니다.",
                                en: "Fill in only what differs; empty fields keep the default.")))),
                .group(fields),
                .button(.type(.submit), .plainText(say(LocalizedText(ko: "저장", en: "Save"))))))
    }

    func templates(_ say: PageLanguage) -> Node<HTML.BodyContext> {
        let placeholders: [Node<HTML.ListContext>] = TemplatePlaceholder.allCases.map {
            .li(.element(named: "code", nodes: [.plainText($0.token)]), .plainText(" " + say($0.meaning)))
        }
        let items: [Node<HTML.BodyContext>] = model.templates.map { wording in
            let open = wording.custom || wording.preview != nil
            let summary =
                say(wording.template.title)
                + (wording.custom ? say(LocalizedText(ko: " · 직접 쓴 문구", en: " · your wording")) : "")
            return .element(
                named: "details",
                nodes: [
                    .attribute(named: "id", value: "template-\(wording.template.rawValue)"),
                    .if(open, .attribute(named: "open", value: "open")),
                    .element(named: "summary", nodes: [.plainText(summary)]),
                    .p(
                        .class("muted"),
                        .plainText(say(LocalizedText(ko: "기본 문구 (예시 주문): ", en: "Ours (sample order): ")))),
                    .element(named: "blockquote", nodes: [.plainText(say(wording.ours))]),
                    .unwrap(wording.preview) { preview in
                        .div(
                            .class("preview"), .id("preview-\(wording.template.rawValue)"),
                            .p(
                                .class("muted"),
                                .plainText(say(LocalizedText(ko: "미리보기 (저장 전): ", en: "Preview (not saved): ")))),
                            .element(named: "blockquote", nodes: [.plainText(preview.ko)]),
                            .element(named: "blockquote", nodes: [.plainText(preview.en)]))
                    },
                    .form(
                        .method(.post), .action("/settings/templates"), Layout.csrf(model.chrome.csrf),
                        .input(.type(.hidden), .name("template"), .value(wording.template.rawValue)),
                        .label(
                            .plainText(say(LocalizedText(ko: "한국어 문구 (비우면 기본)", en: "Korean (empty: ours)"))),
                            .textarea(
                                .name("ko"), .attribute(named: "maxlength", value: "\(CustomTemplate.maximumLength)"),
                                .plainText(wording.ko))),
                        .label(
                            .plainText(say(LocalizedText(ko: "영어 문구 (비우면 기본)", en: "English (empty: ours)"))),
                            .textarea(
                                .name("en"), .attribute(named: "maxlength", value: "\(CustomTemplate.maximumLength)"),
                                .plainText(wording.en))),
                        .button(
                            .type(.submit), .name("do"), .value("preview"), .class("secondary"),
                            .plainText(say(LocalizedText(ko: "미리보기", en: "Preview")))),
                        .button(
                            .type(.submit), .name("do"), .value("save"),
                            .plainText(say(LocalizedText(ko: "저장", en: "Save")))
                        )),
                ])
        }
        return .section(
            .class("card"), .id("templates"),
            .h2(.plainText(say(LocalizedText(ko: "안내 문구", en: "Message wording")))),
            .p(
                .class("muted"),
                .plainText(
                    say(
                        LocalizedText(
                            ko: "구매자에게 보내는 문구를 가게 말투로 바꿀 수 있습니다. 아래 자리 표시는 주문마다 채워집니다.",
                            en:
                                "Reword the messages to buyers in your shop's voice. These placeholders are filled for each order."
                        )))),
            .ul(.class("placeholders"), .group(placeholders)),
            .group(items))
    }

    func webhooks(_ say: PageLanguage) -> Node<HTML.BodyContext> {
        let rows: [Node<HTML.TableContext>] = model.webhooks.map { hook in
            .tr(
                .attribute(named: "data-webhook", value: hook.id),
                .td(.element(named: "code", nodes: [.plainText(hook.url)])),
                .td(.plainText(hook.events.map { say($0) }.joined(separator: ", "))),
                .td(
                    .plainText(
                        say(
                            LocalizedText(
                                ko: "대기 \(hook.pending) · 실패 \(hook.failed)",
                                en: "waiting \(hook.pending) · failed \(hook.failed)"))
                            + (hook.last.map { " · " + $0 } ?? ""))),
                .td(
                    .form(
                        .method(.post), .action("/settings/webhooks/\(hook.id)/test"), Layout.csrf(model.chrome.csrf),
                        .button(
                            .type(.submit), .class("secondary"),
                            .plainText(say(LocalizedText(ko: "테스트 보내기", en: "Send a test"))))),
                    .form(
                        .method(.post), .action("/settings/webhooks/\(hook.id)/remove"), Layout.csrf(model.chrome.csrf),
                        .button(
                            .type(.submit), .class("secondary"), .plainText(say(LocalizedText(ko: "삭제", en: "Remove"))))
                    )
                ))
        }
        let boxes: [Node<HTML.FormContext>] = WebhookEventType.subscribable.map { type in
            .label(
                .input(.type(.checkbox), .name("event_\(type.rawValue)"), .value("on"), .checked(true)),
                .plainText(" " + say(type.name)))
        }
        return .section(
            .class("card"), .id("webhooks"),
            .h2(.plainText(say(LocalizedText(ko: "웹훅", en: "Outbound webhooks")))),
            .p(
                .class("muted"),
                .plainText(
                    say(
                        LocalizedText(
                            ko:
                                "일이 생기면 지정한 주소로 JSON을 보냅니다. 요청마다 ParcelDesk-Signature 헤더에 비밀값으로 만든 서명이 붙습니다. 받지 못하면 간격을 늘려 가며 다시 보냅니다.",
                            en:
                                "ParcelDesk posts JSON to your address when something happens, signed in the ParcelDesk-Signature header with the webhook's secret, and retries with growing pauses until it is received."
                        )))),
            .unwrap(model.newSecret) { secret in
                .div(
                    .class("card"), .id("new-secret"),
                    .p(
                        .plainText(
                            say(
                                LocalizedText(
                                    ko: "서명 비밀값입니다. 지금 한 번만 보여 드립니다:", en: "The signing secret, shown this once:")))),
                    .element(named: "code", nodes: [.plainText(secret)]))
            },
            .table(.group(rows)),
            .form(
                .method(.post), .action("/settings/webhooks"), Layout.csrf(model.chrome.csrf),
                .h3(.plainText(say(LocalizedText(ko: "웹훅 추가", en: "Add a webhook")))),
                .label(
                    .plainText(say(LocalizedText(ko: "주소 (https://…) ", en: "Address (https://…) "))),
                    .input(
                        .type(.url), .name("url"), .value(HTMLText.escaped(model.typed["url"] ?? "")), .required(true),
                        .attribute(named: "maxlength", value: "500"))),
                .group(boxes),
                .button(.type(.submit), .plainText(say(LocalizedText(ko: "추가", en: "Add"))))))
    }
}
