import Foundation
import ParcelTestSupport
import Testing

@testable import ParcelCore

/// Text a buyer would see must be whole: no placeholders, no "nil", the
/// right language, the order's own facts.
/// Names (`allowing`) keep their own script in either language.
func expectWhole(
    _ text: String, language: Language, _ context: String, allowing names: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for leftover in ["nil", "Optional(", "\\(", "{", "}", "  ", "?)"] {
        #expect(!text.contains(leftover), "\(context): contains \(leftover): \(text)", sourceLocation: sourceLocation)
    }
    #expect(!text.isEmpty, "\(context) is empty", sourceLocation: sourceLocation)
    let words = names.reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
    let hangul = words.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    switch language {
    case .ko: #expect(hangul, "\(context): Korean text without Hangul: \(text)", sourceLocation: sourceLocation)
    case .en: #expect(!hangul, "\(context): English text with Hangul: \(text)", sourceLocation: sourceLocation)
    }
}

@Suite("Customer message templates")
struct MessageTemplateTests {
    static let full = MessageFacts(
        buyerName: "김민지", orderID: "A-1001", carrierName: LocalizedText(ko: "차이냐오(Cainiao)", en: "Cainiao"),
        trackingNumber: "LP00123456789012", trackingURL: "https://global.cainiao.com/detail?mailNo=LP00123456789012",
        shippedAt: time("2026-11-02T09:00:00+08:00"),
        lastStatus: LocalizedText(ko: "출발 국가 출항", en: "Departed origin country"),
        lastUpdate: time("2026-11-04T01:00:00+08:00"), lastLocation: "Shenzhen Airport",
        nextUpdateBy: time("2026-11-24T16:00:00Z"))

    static let fullExtras = MessageExtras(
        correctedNumber: "RR123456785CN", newCarrierName: LocalizedText(ko: "CJ대한통운", en: "CJ Logistics"),
        newTrackingNumber: "123456789013", newTrackingURL: "https://trace.cjlogistics.com/123456789013",
        promisedBy: time("2026-11-20"), customsStage: .listClearanceReceived, silentDays: 12,
        shippingOption: "AliExpress Standard Shipping")

    static let minimal = MessageFacts(
        orderID: "S-2001", carrierName: LocalizedText(ko: "CJ대한통운", en: "CJ Logistics"),
        trackingNumber: "123456789013", nextUpdateBy: time("2026-11-24T16:00:00Z"))

    @Test("every template, with every fact known, is whole in Korean and English", arguments: MessageTemplate.allCases)
    func fullFacts(template: MessageTemplate) {
        // MUT
        let message = template.render(Self.full, Self.fullExtras)
        // validate
        expectWhole(message.ko, language: .ko, "\(template) ko")
        expectWhole(message.en, language: .en, "\(template) en", allowing: ["김민지"])
        #expect(message.ko.hasPrefix("안녕하세요, 김민지님."))
        #expect(message.en.hasPrefix("Hello 김민지,\n"))
        let mentionsOrder = { (text: String) in
            text.contains("A-1001") || text.contains("LP00123456789012") || text.contains("RR123456785CN")
        }
        #expect(mentionsOrder(message.ko), "\(template) ko names neither the order nor the number")
        #expect(mentionsOrder(message.en), "\(template) en names neither the order nor the number")
    }

    @Test(
        "every template still reads well when only the order and number are known", arguments: MessageTemplate.allCases)
    func minimalFacts(template: MessageTemplate) {
        let message = template.render(Self.minimal)
        expectWhole(message.ko, language: .ko, "\(template) ko")
        expectWhole(message.en, language: .en, "\(template) en")
        #expect(message.ko.hasPrefix("안녕하세요, 고객님."))
        #expect(message.en.hasPrefix("Hello there,\n"))
    }

    @Test("English messages are English even for a Korean buyer name")
    func englishNameOnly() {
        let message = MessageTemplate.stalled.render(
            MessageFacts(
                buyerName: "Jane", orderID: "A-1", carrierName: LocalizedText("Cainiao"), trackingNumber: "LP1",
                nextUpdateBy: time("2026-11-24T16:00:00Z")))
        expectWhole(message.en, language: .en, "stalled en")
        #expect(message.en.hasPrefix("Hello Jane,\nTracking"))
    }

    @Test("the next date is the KST calendar day with its weekday")
    func kstDates() {
        // 2026-11-24T16:00Z is 01:00 on Wednesday 25 November in Korea.
        let message = MessageTemplate.notActivated.render(Self.full)
        #expect(message.ko.contains("11월 25일(수)"))
        #expect(message.en.contains("Wed, Nov 25"))
        #expect(message.ko.contains("11월 2일(월)"))
    }

    @Test("the domestic hand-off names the new carrier, number and link")
    func handedToDomestic() {
        let message = MessageTemplate.handedToDomestic.render(Self.full, Self.fullExtras)
        for text in [message.ko, message.en] {
            #expect(text.contains("123456789013"))
            #expect(text.contains("https://trace.cjlogistics.com/123456789013"))
        }
        #expect(message.ko.contains("CJ대한통운"))
        #expect(message.en.contains("CJ Logistics"))
    }

    @Test("a corrected number is the one the message gives")
    func correctedNumber() {
        let message = MessageTemplate.numberLooksFake.render(Self.full, Self.fullExtras)
        #expect(message.ko.contains("RR123456785CN"))
        #expect(message.en.contains("RR123456785CN"))
        #expect(message.en.contains("typo"))
    }

    @Test("a confirmed delay names the promised day")
    func promisedDay() {
        let message = MessageTemplate.delayConfirmed.render(Self.full, Self.fullExtras)
        #expect(message.ko.contains("11월 20일(금)"))
        #expect(message.en.contains("Fri, Nov 20"))
    }

    @Test("the last sighting gives status, time and place")
    func lastSeen() {
        let message = MessageTemplate.stalled.render(Self.full)
        #expect(message.ko.contains("11월 4일(수) 02:00 '출발 국가 출항'(Shenzhen Airport)"))
        #expect(message.en.contains("'Departed origin country' at Shenzhen Airport on Wed, Nov 4 02:00 KST"))
    }
}

@Suite("Korean particles")
struct KoreanParticleTests {
    @Test(
        "the particle follows the last sound, digits and Latin letters included",
        arguments: [
            ("운송장 123", "운송장 123은", "운송장 123이", "운송장 123을", "운송장 123으로"),
            ("123456789012", "123456789012는", "123456789012가", "123456789012를", "123456789012로"),
            ("롯데택배", "롯데택배는", "롯데택배가", "롯데택배를", "롯데택배로"),
            ("우체국", "우체국은", "우체국이", "우체국을", "우체국으로"),
            ("서울", "서울은", "서울이", "서울을", "서울로"),
            ("11월 20일(금)", "11월 20일(금)은", "11월 20일(금)이", "11월 20일(금)을", "11월 20일(금)로"),
            // The gloss in parentheses does not change the particle: 14일 takes 이 even before (수).
            ("10월 14일(수)", "10월 14일(수)은", "10월 14일(수)이", "10월 14일(수)을", "10월 14일(수)로"),
            ("LP00123456789017", "LP00123456789017은", "LP00123456789017이", "LP00123456789017을", "LP00123456789017로"),
            ("Cainiao", "Cainiao는", "Cainiao가", "Cainiao를", "Cainiao로"),
        ])
    func particles(word: String, topic: String, subject: String, object: String, toward: String) {
        #expect(Korean.topic(word) == topic)
        #expect(Korean.subject(word) == subject)
        #expect(Korean.object(word) == object)
        #expect(Korean.toward(word) == toward)
    }
}
