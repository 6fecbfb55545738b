import ParcelApp
import ParcelCore
import Plot

extension BuyerPage {
    struct View {
        let model: Model

        func html() -> String { document().render() }

        var base: String { "/t/" + HTMLText.escaped(model.token) }

        func document() -> HTML {
            let say = model.language
            return Layout.document(title: BuyerPage.title, language: say, script: true) {
                Node<HTML.BodyContext>.nav(
                    .class("lang"),
                    .a(.href(base + "?lang=ko"), .plainText("한국어")), .plainText(" · "),
                    .a(.href(base + "?lang=en"), .plainText("English")))
                Node<HTML.BodyContext>.main(
                    .section(
                        .class("card"),
                        .h1(.plainText(say(BuyerPage.title))),
                        .p(.id("headline"), .strong(.plainText(say(model.headline)))),
                        .unwrap(model.expectation) { .p(.id("expectation"), .plainText(say($0))) },
                        .p(
                            .class("muted"),
                            .plainText(
                                [
                                    say(LocalizedText(ko: "주문번호", en: "Order")) + " " + model.orderExternalID,
                                    model.buyerName, model.buyerPhone ?? "", model.parcel,
                                ].filter { !$0.isEmpty }.joined(separator: " · "))),
                        .p(.class("muted"), .plainText(model.items.joined(separator: ", ")))),
                    .unwrap(model.notice) {
                        .p(
                            .class("card notice"), .attribute(named: "role", value: "status"), .id("notice"),
                            .plainText(say($0)))
                    },
                    customerCenter(say),
                    timeline(say),
                    claims(say),
                    openings(say))
            }
        }

        func customerCenter(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            let lines: [Node<HTML.BodyContext>] = model.conversation.map { line in
                .div(.class("bubble from-\(line.author.rawValue)"), .plainText(line.text))
            }
            return .section(
                .class("card"), .id("ask"),
                .h2(.plainText(say(LocalizedText(ko: "무엇이든 물어보세요", en: "Ask us anything")))),
                .div(.id("conversation"), .attribute(named: "aria-live", value: "polite"), .group(lines)),
                .form(
                    .method(.post), .action(base + "/ask"),
                    Layout.csrf(model.csrf),
                    .label(.for("question"), .plainText(say(LocalizedText(ko: "질문", en: "Your question")))),
                    .input(
                        .type(.text), .id("question"), .name("question"), .required(true),
                        .attribute(named: "maxlength", value: "500"),
                        .placeholder(say(LocalizedText(ko: "예: 제 택배 어디쯤 있나요?", en: "e.g. Where is my parcel?")))),
                    .button(.type(.submit), .plainText(say(LocalizedText(ko: "보내기", en: "Send"))))))
        }

        func timeline(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            .section(
                .class("card"), .id("timeline"),
                .h2(.plainText(say(LocalizedText(ko: "배송 기록", en: "Tracking history")))),
                .if(
                    model.timeline.isEmpty,
                    .p(.plainText(say(LocalizedText(ko: "아직 택배사 기록이 없습니다.", en: "The carrier has no scans yet."))))),
                .ul(
                    .forEach(model.timeline) { scan in
                        .li(.plainText(scan.when + " · " + say(scan.what) + (scan.place.map { " · " + $0 } ?? "")))
                    }))
        }

        func claims(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            guard !model.claims.isEmpty || !model.deadlines.isEmpty else { return .empty }
            return .section(
                .class("card"), .id("requests"),
                .h2(.plainText(say(LocalizedText(ko: "접수한 요청", en: "Your requests")))),
                .ul(.forEach(model.claims) { claim in .li(.plainText(say(claim.label) + " · " + say(claim.state))) }),
                .ul(
                    .class("muted"),
                    .forEach(model.deadlines) { deadline in .li(.plainText(say(deadline.label) + " " + deadline.due)) })
            )
        }

        func openings(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            guard !model.openings.isEmpty else { return .empty }
            let forms: [Node<HTML.BodyContext>] = model.openings.map { opening in
                let reasons: [Node<HTML.SelectContext>] = opening.reasons.map {
                    Layout.option(value: $0.name, text: say($0.label), selected: false)
                }
                return .form(
                    .method(.post), .action(base + "/claims"), .class("opening"),
                    .attribute(named: "data-type", value: HTMLText.escaped(opening.type)),
                    Layout.csrf(model.csrf),
                    .input(.type(.hidden), .name("type"), .value(HTMLText.escaped(opening.type))),
                    .h3(.plainText(say(opening.label))),
                    .unwrap(opening.until) {
                        .p(
                            .class("muted"),
                            .plainText(say(LocalizedText(ko: "신청 가능 기한: ", en: "You can ask until ")) + $0))
                    },
                    .label(
                        .plainText(say(LocalizedText(ko: "사유", en: "Reason")) + " "),
                        .element(named: "select", nodes: [.attribute(named: "name", value: "reason"), .group(reasons)])),
                    .button(
                        .type(.submit), .plainText(say(opening.label) + say(LocalizedText(ko: " 신청", en: " request")))))
            }
            return .section(
                .class("card"), .id("actions"),
                .h2(.plainText(say(LocalizedText(ko: "지금 신청할 수 있는 것", en: "What you can ask for now")))),
                .group(forms))
        }
    }
}
