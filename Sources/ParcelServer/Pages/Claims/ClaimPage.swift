import Foundation
import ParcelApp
import ParcelCore
import Plot

/// `GET /claims/{id}`: one claim: its history, its deadlines, only the
/// actions the rules allow the seller now, the evidence checklist, and the bundle.
enum ClaimPage {
    struct Step: Sendable, Equatable {
        let when: String
        let action: LocalizedText
        let by: LocalizedText
        let note: String?
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        let id: String
        let label: String
        let orderID: String
        let type: LocalizedText
        let reason: LocalizedText
        let state: LocalizedText
        /// The history's length, sent back with an action so a claim changed meanwhile is not acted on blindly.
        let version: Int
        let history: [Step]
        let deadlines: [(kind: LocalizedText, due: String, who: LocalizedText)]
        /// The seller's actions the rules allow now, by name.
        let actions: [(name: String, label: LocalizedText)]
        let checklist: [(kind: LocalizedText, provided: Bool)]
        let evidence: [(name: String, kind: LocalizedText, size: Int)]
        /// What the buyer is told about it, when there is something to say.
        let buyerMessage: LocalizedText?
        let notice: LocalizedText?

        static func == (left: Model, right: Model) -> Bool {
            left.id == right.id && left.version == right.version && left.history == right.history
                && left.actions.map(\.name) == right.actions.map(\.name) && left.notice == right.notice
        }
    }

    static func model(_ view: ClaimService.View, chrome: DeskChrome, notice: LocalizedText?) -> Model {
        let claim = view.claim
        let allowed = view.allowed[.seller]
        return Model(
            chrome: chrome, id: claim.id.uuidString.lowercased(), label: claim.label,
            orderID: claim.orderID.uuidString.lowercased(), type: claim.claim.type.label,
            reason: claim.claim.reason.label, state: view.standing.state.label, version: claim.version,
            history: claim.claim.history.map {
                Step(when: $0.at.display(), action: $0.action.label, by: $0.by.label, note: $0.note)
            },
            deadlines: view.deadlines.map { ($0.kind.label, $0.due.display(), $0.who.label) },
            actions: ClaimAction.allCases.filter { allowed.contains($0) }.map { ($0.name, $0.label) },
            checklist: view.checklist.map { ($0.kind.label, $0.provided) },
            evidence: view.evidence.map { ($0.name, $0.kind.label, $0.size) },
            buyerMessage: view.buyerMessage, notice: notice)
    }

    struct View {
        let model: Model

        /// Adding a file: its kind, the file; the page's script shows the upload's progress.
        func uploadForm(_ base: String, _ say: PageLanguage) -> Node<HTML.BodyContext> {
            let kinds: [Node<HTML.SelectContext>] = EvidenceKind.allCases.filter { !$0.isGenerated }.map {
                Layout.option(value: $0.rawValue, text: say($0.label), selected: $0 == .itemPhotos)
            }
            return .form(
                .method(.post), .action(base + "/evidence"), .enctype(.multipartData), .id("upload"),
                Layout.csrf(model.chrome.csrf),
                .label(
                    .plainText(say(LocalizedText(ko: "증빙 종류", en: "Kind")) + " "),
                    .element(named: "select", nodes: [.attribute(named: "name", value: "kind"), .group(kinds)])),
                .input(.type(.file), .id("file"), .name("file"), .required(true)),
                .button(.type(.submit), .plainText(say(LocalizedText(ko: "증빙 올리기", en: "Upload")))))
        }

        func html() -> String {
            let say = model.chrome.language
            let base = "/claims/" + HTMLText.escaped(model.id)
            // One form: the note goes with whichever action is pressed.
            let buttons: [Node<HTML.FormContext>] = model.actions.map { action in
                .group(
                    .button(
                        .type(.submit), .name("action"), .value(HTMLText.escaped(action.name)),
                        .attribute(named: "data-action", value: HTMLText.escaped(action.name)),
                        .plainText(say(action.label))),
                    .plainText(" "))
            }
            let actions: Node<HTML.BodyContext> = .form(
                .method(.post), .action(base + "/actions"), .id("action-form"),
                Layout.csrf(model.chrome.csrf),
                .input(.type(.hidden), .name("version"), .value("\(model.version)")),
                .label(
                    .for("note"),
                    .plainText(
                        say(LocalizedText(ko: "메모 (선택, 처리 기록에 남습니다)", en: "Note (optional, kept in the history)")))),
                .textarea(
                    .id("note"), .name("note"),
                    .attribute(named: "maxlength", value: "\(InputLimits.claimNote)")),
                .group(buttons))
            return Layout.desk(title: ClaimsBoard.title, chrome: model.chrome) {
                Node<HTML.BodyContext>.h1(
                    .plainText(model.label + " · " + say(model.type)),
                    .plainText(" "),
                    .a(
                        .href("/orders/" + HTMLText.escaped(model.orderID)),
                        .plainText("→ " + say(LocalizedText(ko: "주문", en: "order")))))
                Node<HTML.BodyContext>.p(
                    .strong(.id("state"), .plainText(say(model.state))), .plainText(" · " + say(model.reason)))
                Node<HTML.BodyContext>.unwrap(model.notice) { notice in
                    .p(
                        .class("error"), .attribute(named: "role", value: "alert"), .id("notice"),
                        .plainText(say(notice)))
                }
                Node<HTML.BodyContext>.section(
                    .class("card"), .id("deadlines"),
                    .h2(.plainText(say(LocalizedText(ko: "기한 (KST)", en: "Deadlines (KST)")))),
                    .if(
                        model.deadlines.isEmpty,
                        .p(.plainText(say(LocalizedText(ko: "남은 기한이 없습니다.", en: "No deadline left."))))),
                    .ul(
                        .forEach(model.deadlines) {
                            .li(.plainText(say($0.kind) + " · " + $0.due + " · " + say($0.who)))
                        }))
                Node<HTML.BodyContext>.section(
                    .class("card"), .id("actions"),
                    .h2(.plainText(say(LocalizedText(ko: "지금 할 수 있는 처리", en: "What you can do now")))),
                    .if(
                        model.actions.isEmpty,
                        .p(
                            .plainText(
                                say(LocalizedText(ko: "지금은 판매자가 할 처리가 없습니다.", en: "Nothing for the seller to do now.")))
                        )),
                    .if(!model.actions.isEmpty, actions))
                Node<HTML.BodyContext>.unwrap(model.buyerMessage) { message in
                    .section(
                        .class("card"),
                        .h2(.plainText(say(LocalizedText(ko: "구매자 안내 문구", en: "Message to the buyer")))),
                        .element(
                            named: "pre", nodes: [.class("copy"), .id("claim-message"), .plainText(say(message))]),
                        .button(
                            .type(.button), .class("copy"), .attribute(named: "data-copy", value: "claim-message"),
                            .plainText(say(LocalizedText(ko: "복사", en: "Copy")))))
                }
                Node<HTML.BodyContext>.section(
                    .class("card"), .id("evidence"),
                    .h2(.plainText(say(LocalizedText(ko: "증빙", en: "Evidence")))),
                    .ul(
                        .forEach(model.checklist) { item in
                            .li(.plainText((item.provided ? "✓ " : "☐ ") + say(item.kind)))
                        }
                    ),
                    .ul(
                        .class("muted"),
                        .forEach(model.evidence) { file in
                            .li(.plainText("\(file.name) (\(say(file.kind)), \(ByteCount(file.size)))"))
                        }),
                    uploadForm(base, say),
                    .p(
                        .a(
                            .href(base + "/bundle"),
                            .plainText(
                                say(LocalizedText(ko: "증빙 묶음 내려받기 (ZIP)", en: "Download the evidence bundle (ZIP)"))))
                    ))
                Node<HTML.BodyContext>.section(
                    .class("card"), .id("history"),
                    .h2(.plainText(say(LocalizedText(ko: "처리 기록", en: "History")))),
                    .ul(
                        .forEach(model.history) { step in
                            .li(
                                .plainText(
                                    step.when + " · " + say(step.action) + " · " + say(step.by)
                                        + (step.note.map { " · " + $0 } ?? "")))
                        }))
            }.render()
        }
    }
}
