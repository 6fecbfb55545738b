import Foundation
import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("The seller's own wording and thresholds")
struct CustomTemplateTests {
    let facts = MessageTemplateTests.full
    let extras = MessageTemplateTests.fullExtras

    @Test("every placeholder is filled from the order in the message's language, and nothing else is touched")
    func filling() throws {
        let all = TemplatePlaceholder.allCases.map(\.token).joined(separator: "|")
        let custom = try CustomTemplate(ko: all + " 100% 확인", en: nil)
        let filled = custom.render(facts, extras, ours: LocalizedText(ko: "ours", en: "ours in English"))
        // The buyer name, order, carrier, corrected number, link, shipped day, last scan, next day, promise, new number.
        let parts = filled.ko.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == TemplatePlaceholder.allCases.count)
        #expect(parts[0] == "김민지님")
        #expect(parts[1] == "A-1001")
        #expect(parts[2] == "차이냐오(Cainiao)")
        #expect(parts[3] == "RR123456785CN")
        #expect(parts[4] == "https://global.cainiao.com/detail?mailNo=LP00123456789012")
        #expect(parts[5] == "11월 2일(월)")
        #expect(parts[6].contains("Shenzhen Airport"))
        #expect(parts[7] == "11월 25일(수)")
        #expect(parts[8] == "11월 20일(금)")
        #expect(parts[9] == "123456789013 100% 확인")
        // English was left to us.
        #expect(filled.en == "ours in English")
        let english = try CustomTemplate(ko: nil, en: "Hi {name}, order {order} by {next}.").render(
            facts, extras, ours: LocalizedText(ko: "우리 문구", en: "ours"))
        #expect(english.en == "Hi 김민지, order A-1001 by Wed, Nov 25.")
        #expect(english.ko == "우리 문구")
        // A reship not yet sent has no new number: the wording says so rather than repeat the old one.
        var unsent = extras
        unsent.newTrackingNumber = nil
        let reship = try CustomTemplate(ko: "새 번호: {new_number}", en: "New number: {new_number}")
            .render(facts, unsent, ours: LocalizedText(ko: "", en: ""))
        #expect(reship.ko == "새 번호: (새 번호는 나오는 대로 알려드릴게요)")
        #expect(reship.en == "New number: (the new number will follow)")
    }

    @Test("a placeholder that does not exist, an unclosed brace or an overlong text is refused when saved")
    func refusals() {
        #expect(throws: TemplateTextError.unknownPlaceholder("{buyer}")) { try CustomTemplate(ko: "{buyer}님", en: nil) }
        #expect(throws: TemplateTextError.unknownPlaceholder("{ order }")) {
            try CustomTemplate(ko: nil, en: "{ order }")
        }
        #expect(throws: TemplateTextError.unclosedBrace) { try CustomTemplate(ko: "주문 {order", en: nil) }
        #expect(throws: TemplateTextError.unknownPlaceholder("{{order}")) {
            try CustomTemplate(ko: "{{order}}", en: nil)
        }
        #expect(throws: TemplateTextError.tooLong(limit: CustomTemplate.maximumLength)) {
            try CustomTemplate(ko: String(repeating: "가", count: CustomTemplate.maximumLength + 1), en: nil)
        }
        #expect((try? CustomTemplate(ko: "  \n", en: "")).map(\.isEmpty) == true)
    }

    @Test("the playbook's customer message uses the seller's wording where there is one")
    func playbookUsesWording() throws {
        let analysis = PlaybookTests().analysis()
        let diagnosis = PlaybookTests().finding(.notActivated, at: analysis)
        let document = analysis.document
        let ours = Playbook().actions(diagnosis, in: analysis).compactMap(\.message).first
        var playbook = Playbook()
        playbook.customTemplates[.notActivated] = try CustomTemplate(ko: "{order} 확인 중입니다.", en: nil)
        let theirs = playbook.actions(diagnosis, in: analysis).compactMap(\.message).first
        #expect(theirs?.ko == "\(document.order.id) 확인 중입니다.")
        #expect(theirs?.en == ours?.en)
        #expect(ours?.ko != theirs?.ko)
    }

    @Test("every threshold a lane may set reads back as set, and applies over the default")
    func thresholdFields() {
        var override = PolicyOverride()
        for (offset, field) in PolicyOverride.Field.allCases.enumerated() {
            field.set(field.range.lowerBound + Double(offset), in: &override)
        }
        #expect(override.values.map(\.0) == PolicyOverride.Field.allCases)
        let book = PolicyBook(lanes: [(LaneMatch(origin: "CN"), override)])
        let policy = book.policy(origin: "CN", destination: "KR", shippingOption: nil)
        for (offset, field) in PolicyOverride.Field.allCases.enumerated() {
            #expect(field.value(in: policy) == field.range.lowerBound + Double(offset), "\(field)")
            #expect(field.value(in: DiagnosisPolicy()) != field.value(in: policy) || field == .customsRepeats)
        }
    }
}
