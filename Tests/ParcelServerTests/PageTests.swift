import Foundation
import ParcelCore
import Testing

@testable import ParcelServer

/// Pages rendered from their `.mock` models, compared as text with the
/// snapshots under `Fixtures/pages/`. To accept a deliberate change, run with
/// `PARCELDESK_RECORD_PAGES=1` once and review the diff.
@Suite("Pages as HTML")
struct PageTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pages")

    func matchesSnapshot(_ html: String, _ name: String) throws {
        let file = Self.fixtures.appendingPathComponent(name)
        // One element a line, so a snapshot's diff reads.
        let text = html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
        if ProcessInfo.processInfo.environment["PARCELDESK_RECORD_PAGES"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: file, encoding: .utf8)
        #expect(text == recorded, "\(name) differs from its snapshot")
    }

    @Test("the sign-in page in Korean: the form, its _csrf, the failed attempt's reason, nothing from outside")
    func loginKorean() throws {
        let html = LoginPage.View(model: .mock).html()
        try matchesSnapshot(html, "login.ko.html")
        #expect(html.contains("<html lang=\"ko\">"))
        #expect(html.contains("name=\"_csrf\" value=\"csrf-mock-value\""))
        #expect(html.contains("이메일 또는 비밀번호가 맞지 않습니다"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test("?lang=en turns the page English and says so in <html lang>")
    func loginEnglish() throws {
        let model = LoginPage.Model(
            language: PageLanguage(query: "en", cookie: nil), csrf: "csrf-mock-value", email: "", problem: nil,
            next: nil)
        let html = LoginPage.View(model: model).html()
        try matchesSnapshot(html, "login.en.html")
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains(">Sign in<"))
        #expect(!html.contains("role=\"alert\""))
    }

    @Test("what a person typed comes back as text, never as markup: Plot leaves attribute values as given")
    func escaping() {
        let model = LoginPage.Model(
            language: PageLanguage(query: nil, cookie: nil), csrf: "c", email: "\"><script>alert(1)</script>",
            problem: nil, next: "/orders\"><b>")
        let html = LoginPage.View(model: model).html()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
    }

    @Test("Today: counts, filters, one row per order led by what is wrong and the next step, deadline in KST")
    func today() throws {
        let html = TodayPage.View(model: .mock).html()
        try matchesSnapshot(html, "today.ko.html")
        #expect(html.contains("41일째 새 스캔이 없습니다"))
        #expect(html.contains("→ " + DiagnosisCode.longSilence.nextStep.ko))
        #expect(html.contains("2026-11-25 23:59 KST"))
        #expect(html.contains("action=\"/logout\""))
        #expect(html.contains("src=\"/assets/desk.js\""))
        #expect(html.contains("<body data-refresh=\"60\">"))
    }

    @Test(
        "the buyer page: plain status, what is normal on the route, masked buyer, the customer center, the cancel form")
    func buyer() throws {
        let html = BuyerPage.View(model: .mock).html()
        try matchesSnapshot(html, "buyer.ko.html")
        #expect(html.contains("김*지") && html.contains("010-****-5678"))
        #expect(html.contains("action=\"/t/AbCdEfGhIjKlMnOpQrStUv/ask\""))
        #expect(html.contains("data-type=\"cancel\""))
        #expect(html.contains("id=\"expectation\""))
    }

    @Test("the orders list: the search kept in the form, the export link with the same query, the next page")
    func orders() throws {
        let html = OrdersPage.View(model: .mock).html()
        try matchesSnapshot(html, "orders.ko.html")
        #expect(html.contains("name=\"q\" value=\"김\""))
        #expect(html.contains("href=\"/orders.csv?q=%EA%B9%80\""))
        #expect(html.contains("id=\"next\""))
    }

    @Test("settings: the accounts with their roles and the form to add one")
    func settings() throws {
        let html = SettingsPage.View(model: .mock).html()
        try matchesSnapshot(html, "settings.ko.html")
        #expect(html.contains("staff@shop.kr"))
        #expect(html.contains("action=\"/settings/users\""))
        #expect(html.contains("name=\"_csrf\" value=\"csrf-mock-value\""))
    }

    @Test("lanes: both charts as SVG with a title, the same figures as a table, the notice to copy; names escaped")
    func lanes() throws {
        let html = LanesPage.View(model: .mock).html()
        try matchesSnapshot(html, "lanes.ko.html")
        #expect(html.contains("<svg id=\"days-chart\" role=\"img\""))
        #expect(html.contains("<svg id=\"stability-chart\""))
        #expect(html.contains("<table id=\"lanes\">"))
        #expect(html.contains("CJ대한통운 &lt;b&gt;"))
        #expect(!html.contains("CJ대한통운 <b>"))
        #expect(html.contains("data-copy=\"notice-0\""))
    }

    @Test("import: the upload form with its _csrf, and a refused file's report naming the line and column")
    func importing() throws {
        let html = ImportPage.View(model: .mock).html()
        try matchesSnapshot(html, "import.ko.html")
        #expect(html.contains("enctype=\"multipart/form-data\""))
        #expect(html.contains("아무것도 가져오지 않았습니다"))
        #expect(html.contains("3, placedAt"))
    }

    @Test("an order: sources side by side, the playbook with the message in both languages, steps done, the buyer link")
    func order() throws {
        let html = OrderPage.View(model: .mock).html()
        try matchesSnapshot(html, "order.ko.html")
        #expect(html.contains("id=\"disagreement\""))
        #expect(html.contains("id=\"f0s1-ko\"") && html.contains("id=\"f0s1-en\""))
        #expect(html.contains("✓ 완료 · owner@shop.kr"))
        #expect(html.contains("data-step=\"long_silence 4\""))
        #expect(html.contains("rel=\"noreferrer\""))
        #expect(html.contains("id=\"buyer-link\""))
    }

    @Test("the inbox: the waiting question with its order and since when")
    func inbox() throws {
        let html = InboxPage.View(model: .mock).html()
        try matchesSnapshot(html, "inbox.ko.html")
        #expect(html.contains("href=\"/inbox/0190f7a2-0000-7000-8000-0000000000aa\""))
        #expect(html.contains("답변 대기"))
    }

    @Test(
        "the language: the query chooses and is remembered, the cookie keeps it, Korean otherwise",
        arguments: [
            (nil, nil, Language.ko, false), ("en", nil, .en, true), (nil, "en", .en, false), ("EN", "en", .en, false),
            ("ko", "en", .ko, true), ("fr", nil, .ko, false), (nil, "xx", .ko, false),
        ] as [(String?, String?, Language, Bool)])
    func language(query: String?, cookie: String?, expected: Language, remember: Bool) {
        let chosen = PageLanguage(query: query, cookie: cookie)
        #expect(chosen.language == expected)
        #expect(chosen.remember == remember)
    }
}
