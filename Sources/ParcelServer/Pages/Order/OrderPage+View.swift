import ParcelCore
import Plot

extension OrderPage {
    struct View {
        let model: Model

        func html() -> String { document().render() }

        func document() -> HTML {
            let say = model.chrome.language
            return Layout.desk(
                title: LocalizedText(ko: "주문 \(model.externalID)", en: "Order \(model.externalID)"),
                chrome: model.chrome
            ) {
                summary(say)
                if let disagreement = model.disagreement { sideBySide(disagreement, say) }
                findings(say)
                claims(say)
                timeline(say)
                buyerLink(say)
            }
        }

        func summary(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            let facts: [(LocalizedText, String)] = [
                (LocalizedText(ko: "마켓", en: "Marketplace"), model.marketplace ?? "—"),
                (LocalizedText(ko: "주문일", en: "Placed"), model.placedAt),
                (LocalizedText(ko: "구매자", en: "Buyer"), model.buyerName ?? "—"),
                (LocalizedText(ko: "상품", en: "Items"), model.items.joined(separator: ", ")),
                (LocalizedText(ko: "송장", en: "Tracking"), model.legs.map { say($0) }.joined(separator: " → ")),
                (LocalizedText(ko: "마지막 갱신", en: "Last update"), model.lastUpdate ?? "—"),
            ]
            return .section(
                .class("card"),
                .h1(.plainText(say(OrderPage.title) + " " + model.externalID)),
                .p(.strong(.id("status"), .plainText(say(model.status)))),
                .element(
                    named: "dl",
                    nodes: facts.map { label, value in
                        .group(
                            .element(named: "dt", nodes: [.plainText(say(label))]),
                            .element(named: "dd", nodes: [.plainText(value)]))
                    }))
        }

        func sideBySide(_ disagreement: Disagreement, _ say: PageLanguage) -> Node<HTML.BodyContext> {
            .section(
                .class("card"), .id("disagreement"),
                .h2(.plainText(say(LocalizedText(ko: "조회처마다 다르게 보입니다", en: "The sources disagree")))),
                .table(
                    .tr(
                        .th(.plainText(say(disagreement.leading.source))),
                        .th(.plainText(say(disagreement.lagging.source)))),
                    .tr(
                        .td(.plainText(say(disagreement.leading.state))),
                        .td(.plainText(say(disagreement.lagging.state))))),
                .p(.plainText(say(disagreement.explanation))))
        }

        func findings(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            guard !model.findings.isEmpty else {
                return .section(
                    .class("card"),
                    .p(.plainText(say(LocalizedText(ko: "지금은 문제가 없습니다.", en: "Nothing is wrong right now.")))))
            }
            let blocks: [Node<HTML.BodyContext>] = model.findings.enumerated().map { index, finding in
                let steps: [Node<HTML.ListContext>] = finding.steps.enumerated().map { position, step in
                    self.step(step, code: finding.code, id: "f\(index)s\(position)", say)
                }
                return .section(
                    .class("card finding"), .attribute(named: "data-code", value: HTMLText.escaped(finding.code)),
                    .h2(
                        .span(
                            .class("sev sev-\(finding.severity.rawValue)"),
                            .plainText(say(TodayPage.severityName(finding.severity)))),
                        .plainText(" " + say(finding.seller))),
                    .ol(.group(steps)))
            }
            return .group(blocks)
        }

        /// Done (who, when), or the button that marks it done.
        func doneMark(_ step: Step, code: String, _ say: PageLanguage) -> Node<HTML.BodyContext> {
            if let done = step.done {
                return .p(
                    .class("muted done"), .plainText("✓ " + say(LocalizedText(ko: "완료", en: "Done")) + " · " + done))
            }
            return .form(
                .method(.post), .action("/orders/" + HTMLText.escaped(model.id) + "/steps"), .class("inline"),
                Layout.csrf(model.chrome.csrf),
                .input(.type(.hidden), .name("code"), .value(HTMLText.escaped(code))),
                .input(.type(.hidden), .name("step"), .value("\(step.number)")),
                .button(
                    .type(.submit), .class("link"),
                    .attribute(named: "data-step", value: HTMLText.escaped("\(code) \(step.number)")),
                    .plainText(say(LocalizedText(ko: "이 단계 완료로 표시", en: "Mark this step done")))))
        }

        func step(_ step: Step, code: String, id: String, _ say: PageLanguage) -> Node<HTML.ListContext> {
            let links: [Node<HTML.BodyContext>] = step.links.map { link in
                .a(
                    .href(HTMLText.escaped(link.url)), .attribute(named: "rel", value: "noreferrer"),
                    .plainText(say(link.label)))
            }
            return .li(
                .p(.plainText(say(step.text))),
                doneMark(step, code: code, say),
                .if(!links.isEmpty, .p(.class("muted"), .group(links.flatMap { [$0, .plainText(" ")] }))),
                .unwrap(step.message) { message in
                    .div(
                        .class("message"),
                        .group(
                            [(Language.ko, "한국어"), (Language.en, "English")].map { language, name in
                                Node<HTML.BodyContext>.div(
                                    .p(
                                        .class("muted"),
                                        .plainText(
                                            say(LocalizedText(ko: "구매자에게 보낼 메시지", en: "Message to the buyer")) + " · "
                                                + name)),
                                    .element(
                                        named: "pre",
                                        nodes: [
                                            .class("copy"), .id("\(id)-\(language.rawValue)"),
                                            .plainText(message.text(language)),
                                        ]),
                                    copyButton(target: "\(id)-\(language.rawValue)", say))
                            }))
                },
                .unwrap(step.inquiry) { inquiry in inquiryBlock(inquiry, id: id, say) })
        }

        func inquiryBlock(_ inquiry: LocalizedText, id: String, _ say: PageLanguage) -> Node<HTML.BodyContext> {
            let target = "\(id)-inquiry"
            let print: Node<HTML.BodyContext> = .button(
                .type(.button), .attribute(named: "data-print", value: target),
                .plainText(say(LocalizedText(ko: "인쇄", en: "Print"))))
            return .element(
                named: "details",
                nodes: [
                    .element(
                        named: "summary", nodes: [.plainText(say(LocalizedText(ko: "택배사 문의서", en: "Carrier inquiry")))]),
                    .element(named: "pre", nodes: [.class("copy"), .id(target), .plainText(say(inquiry))]),
                    copyButton(target: target, say).convertToNode(), print.convertToNode(),
                ])
        }

        func copyButton(target: String, _ say: PageLanguage) -> Node<HTML.BodyContext> {
            .button(
                .type(.button), .class("copy"), .attribute(named: "data-copy", value: target),
                .plainText(say(LocalizedText(ko: "복사", en: "Copy"))))
        }

        func claims(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            guard !model.claims.isEmpty else { return .empty }
            return .section(
                .class("card"), .id("claims"),
                .h2(.plainText(say(LocalizedText(ko: "클레임", en: "Claims")))),
                .ul(
                    .forEach(model.claims) { claim in
                        .li(
                            .a(.href("/claims/" + HTMLText.escaped(claim.id)), .plainText(claim.label)),
                            .plainText(" · " + say(claim.type) + " · " + say(claim.state)),
                            .unwrap(claim.deadline) { deadline in
                                .span(.class("muted"), .plainText(" · " + say(deadline.kind) + " " + deadline.due))
                            })
                    }))
        }

        func timeline(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            .section(
                .class("card"), .id("timeline"),
                .h2(.plainText(say(LocalizedText(ko: "배송 기록 (최신 순, KST)", en: "Timeline (newest first, KST)")))),
                .if(
                    model.timeline.isEmpty,
                    .p(.plainText(say(LocalizedText(ko: "아직 스캔 기록이 없습니다.", en: "No scans yet."))))),
                .table(
                    .forEach(model.timeline) { entry in
                        .tr(
                            .td(.plainText(entry.when)),
                            .td(
                                .strong(.plainText(say(entry.what))), .plainText(entry.place.map { " · " + $0 } ?? ""),
                                .div(.class("muted"), .plainText(entry.text)),
                                .if(
                                    entry.contradicts,
                                    .div(
                                        .class("error"),
                                        .plainText(say(LocalizedText(ko: "앞뒤가 맞지 않는 기록", en: "Contradicts the record")))
                                    ))),
                            .td(.class("muted"), .plainText(entry.sources.joined(separator: ", "))))
                    }))
        }

        func buyerLink(_ say: PageLanguage) -> Node<HTML.BodyContext> {
            .section(
                .class("card"),
                .h2(.plainText(say(LocalizedText(ko: "구매자 배송 조회 링크", en: "Buyer tracking link")))),
                .p(
                    .class("muted"),
                    .plainText(
                        say(
                            LocalizedText(
                                ko: "구매자에게 이 링크를 보내면 로그인 없이 배송 상황을 보고 문의할 수 있습니다.",
                                en:
                                    "Send this link to the buyer: they see the parcel and can ask questions without signing in."
                            )))),
                .element(named: "pre", nodes: [.class("copy"), .id("buyer-link"), .plainText(model.buyerPageURL)]),
                copyButton(target: "buyer-link", say),
                .a(
                    .href(HTMLText.escaped(model.buyerPageURL)), .id("open-buyer-page"),
                    .plainText(say(LocalizedText(ko: "구매자 화면 열기", en: "Open the buyer page")))))
        }
    }
}
