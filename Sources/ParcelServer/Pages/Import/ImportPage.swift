import Foundation
import ParcelApp
import ParcelCore
import Plot

/// `GET /import`, `POST /import`: a marketplace's order export uploaded
/// from the browser, all or nothing (or the good rows only), and the report
/// line by line.
enum ImportPage {
    struct Report: Sendable, Equatable {
        let succeeded: Bool
        let rows: Int
        let imported: Int
        let skipped: Int
        /// `line, column: message`, as many as there were.
        let problems: [String]
        /// Numbers imported as given but flagged, with what was most likely meant.
        let flagged: [String]
    }

    struct Model: Sendable, Equatable {
        let chrome: DeskChrome
        let report: Report?
        let problem: LocalizedText?
        /// The kind of file chosen last.
        var format = ImportFormat.smartstore
    }

    static let title = LocalizedText(ko: "주문 가져오기", en: "Import orders")
    /// The largest file the page takes, as `POST /api/v1/imports` does.
    static let maxFile = 64 * 1024 * 1024

    static func report(_ report: ImportReport) -> Report {
        Report(
            succeeded: report.succeeded, rows: report.rows, imported: report.imported, skipped: report.skipped,
            problems: report.problems.map { problem in
                "\(problem.line)" + (problem.column.map { ", \($0)" } ?? "") + ": " + problem.message
            },
            flagged: report.flagged.map { flag in
                "\(flag.line): \(flag.externalID) \(flag.trackingNumber) (\(flag.kind))"
                    + (flag.suggestions.isEmpty ? "" : " → " + flag.suggestions.joined(separator: ", "))
            })
    }

    struct View {
        let model: Model

        func html() -> String {
            let say = model.chrome.language
            let formats: [Node<HTML.SelectContext>] = [
                ("smartstore", "네이버 스마트스토어 / Smartstore"), ("aliexpress", "AliExpress"),
                ("generic", say(LocalizedText(ko: "기타 (우리 열 이름)", en: "Other (our column names)"))),
            ].map { Layout.option(value: $0.0, text: $0.1, selected: $0.0 == model.format.rawValue) }
            return Layout.desk(title: ImportPage.title, chrome: model.chrome) {
                Node<HTML.BodyContext>.h1(.plainText(say(ImportPage.title)))
                Node<HTML.BodyContext>.unwrap(model.problem) { problem in
                    .p(.class("error"), .attribute(named: "role", value: "alert"), .plainText(say(problem)))
                }
                Node<HTML.BodyContext>.form(
                    .method(.post), .action("/import"), .enctype(.multipartData), .class("card"), .id("upload"),
                    Layout.csrf(model.chrome.csrf),
                    .label(
                        .plainText(say(LocalizedText(ko: "파일 종류", en: "File from")) + " "),
                        .element(named: "select", nodes: [.attribute(named: "name", value: "format"), .group(formats)])),
                    .label(
                        .for("file"),
                        .plainText(
                            say(
                                LocalizedText(
                                    ko: "CSV 파일 (UTF-8 또는 엑셀의 CP949)", en: "CSV file (UTF-8 or Excel's CP949)")))),
                    .input(
                        .type(.file), .id("file"), .name("file"), .required(true),
                        .attribute(named: "accept", value: ".csv,text/csv")),
                    .label(
                        .input(.type(.checkbox), .name("skipBad"), .value("1")),
                        .plainText(
                            " "
                                + say(
                                    LocalizedText(ko: "잘못된 줄은 건너뛰고 나머지만 가져오기", en: "Skip bad lines and import the rest")
                                ))),
                    .button(.type(.submit), .plainText(say(LocalizedText(ko: "가져오기", en: "Import")))))
                Node<HTML.BodyContext>.unwrap(model.report) { report in reportCard(report, say) }
            }.render()
        }

        func reportCard(_ report: Report, _ say: PageLanguage) -> Node<HTML.BodyContext> {
            let summary =
                report.succeeded
                ? LocalizedText(
                    ko: "\(report.rows)줄 중 주문 \(report.imported)건을 가져왔습니다"
                        + (report.skipped > 0 ? " (\(report.skipped)줄 건너뜀)." : "."),
                    en: "Imported \(report.imported) orders from \(report.rows) lines"
                        + (report.skipped > 0 ? " (\(report.skipped) lines skipped)." : "."))
                : LocalizedText(
                    ko: "아무것도 가져오지 않았습니다. 아래 줄을 고친 뒤 다시 올려 주세요.",
                    en: "Nothing was imported. Fix the lines below and upload again.")
            return .section(
                .class(report.succeeded ? "card" : "card error"), .id("report"),
                .h2(.plainText(say(summary))),
                .if(!report.problems.isEmpty, .ul(.id("problems"), .forEach(report.problems) { .li(.plainText($0)) })),
                .if(
                    !report.flagged.isEmpty,
                    .div(
                        .p(
                            .plainText(
                                say(
                                    LocalizedText(
                                        ko: "확인이 필요한 송장번호 (그대로 가져옴):", en: "Numbers to check (imported as given):")))),
                        .ul(.id("flagged"), .forEach(report.flagged) { .li(.plainText($0)) }))))
        }
    }
}

extension ImportPage.Model {
    static let mock = ImportPage.Model(
        chrome: DeskChrome(
            language: PageLanguage(query: nil, cookie: nil), email: "owner@shop.kr", csrf: "csrf-mock-value",
            section: .imports, path: "/import"),
        report: ImportPage.Report(
            succeeded: false, rows: 3, imported: 0, skipped: 0,
            problems: ["3, placedAt: expected an ISO 8601 date or date-time; got \"not a date\""], flagged: []),
        problem: nil)
}
