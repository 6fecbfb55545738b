import Testing

@testable import ParcelCore

/// Finds deterministic numbers with a property, so tests never hard-code a guess.
func firstNumber(digits: Int, where condition: (String) -> Bool) -> String {
    var random = SeededRandom(seed: 99)
    while true {
        let number = String((0..<digits).map { _ in Character(String(random.below(10))) })
        if condition(number) { return number }
    }
}

func passesMod7(_ number: String) -> Bool {
    let symbols = Symbol.symbols(of: number)!
    return CheckDigits.mod7(symbols.dropLast()) == symbols.last
}

func passesFedEx12(_ number: String) -> Bool {
    let symbols = Symbol.symbols(of: number)!
    return CheckDigits.weightedMod11Mod10(symbols.dropLast(), weights: [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1])
        == symbols.last
}

@Suite("Detection and ranking")
struct DetectionTests {
    let detector = NumberDetector()

    func context(_ text: String) throws -> DetectionContext {
        try DetectionContext.parse(text)
    }

    @Test(
        "distinctive formats name one carrier with high confidence",
        arguments: [
            ("LP00123456789012", "cn.cainiao", "cn.cainiao.lp"),
            ("YT2229521272164446", "cn.yunexpress", "cn.yunexpress.yt"),
            ("1Z5R89390357567127", "us.ups", "us.ups.1z"),
            ("TBA502887274000", "us.amazon", "us.amazon.tba"),
            ("4PX3001234567890CN", "cn.4px", "cn.4px"),
            ("GM2951173225174494", "de.dhl", "de.dhl.ecommerce"),
            ("RB123456785GB", "gb.royalmail", "s10"),
            ("EE123456785KR", "kr.epost", "s10"),
            ("RR123456785CN", "cn.chinapost", "s10"),
            ("UA123456785YP", "cn.yanwen", "s10"),
            ("9400111201080805483016", "us.usps", "us.usps.impb22"),
            ("1001921334250001000300779017972697", "us.fedex", "us.fedex.express34"),
            ("008182709980000020033350276C", "de.dpd", "de.dpd.28"),
        ])
    func distinctive(number: String, carrier: String, format: String) {
        let result = detector.check(number)
        #expect(result.valid)
        #expect(result.carrier == carrier)
        #expect(result.format == format)
        #expect(result.candidates[0].confidence >= 0.75)
        #expect(!result.warnings.contains(.ambiguousCarrier))
        #expect(result.trackingURL?.contains(number) == true)
    }

    @Test("12 digits with a matching mod 7 fit CJ, Hanjin and Lotte: ambiguous until the context decides")
    func koreanTwelveDigits() throws {
        // setup
        let number = firstNumber(digits: 12) { passesMod7($0) && !passesFedEx12($0) }
        // MUT
        let bare = detector.check(number)
        let withLotte = detector.check(number, context: try context("carrier=kr.lotte"))
        // validate
        let valid = Set(bare.candidates.filter(\.valid).compactMap(\.carrier))
        #expect(valid.isSuperset(of: ["kr.cjlogistics", "kr.hanjin", "kr.lotte"]))
        #expect(bare.carrier == "kr.cjlogistics")
        #expect(bare.warnings.contains(.ambiguousCarrier))
        #expect(withLotte.carrier == "kr.lotte")
        #expect(!withLotte.warnings.contains(.ambiguousCarrier))
        #expect(withLotte.candidates[0].reasons.contains(.chosenBySeller))
    }

    @Test("a failed mod 7 rules Lotte out but only lowers CJ and Hanjin")
    func failedMod7() {
        let number = firstNumber(digits: 12) { !passesMod7($0) && !passesFedEx12($0) }
        let result = detector.check(number)
        let lotte = result.candidates.first { $0.carrier == "kr.lotte" }
        #expect(lotte?.valid == false)
        #expect(lotte?.check == .failed)
        #expect(result.valid)
        #expect(result.carrier == "kr.cjlogistics")
        #expect(result.warnings.contains(.checkDigitUnverified))
        let passing = detector.check(firstNumber(digits: 12) { passesMod7($0) && !passesFedEx12($0) })
        #expect(result.candidates[0].confidence < passing.candidates[0].confidence)
    }

    @Test("the destination re-ranks: domestic carriers drop outside their country")
    func destination() throws {
        // A 10-digit number whose mod 7 check passes fits CJ, Hanjin and DHL Express.
        let number = firstNumber(digits: 10, where: passesMod7)
        let korea = detector.check(number, context: try context("destination=KR"))
        let germany = detector.check(number, context: try context("destination=DE"))
        #expect(korea.carrier == "kr.cjlogistics")
        #expect(germany.carrier == "de.dhl")
        let cjInGermany = germany.candidates.first { $0.carrier == "kr.cjlogistics" }
        #expect(cjInGermany?.reasons.contains(.destinationForeign("DE")) == true)
    }

    @Test("the marketplace re-ranks: coupang orders favour Coupang's own carrier")
    func marketplace() throws {
        let number = firstNumber(digits: 14) { !passesMod7($0) }
        let bare = detector.check(number)
        let coupang = detector.check(number, context: try context("marketplace=쿠팡"))
        #expect(bare.carrier != "kr.coupangls")
        #expect(coupang.carrier == "kr.coupangls")
        #expect(coupang.candidates[0].reasons.contains(.marketplaceHabit("coupang")))
    }

    @Test("the seller's carrier wins among valid candidates but never makes an invalid one valid")
    func chosenCarrier() throws {
        let number = firstNumber(digits: 12) { !passesMod7($0) && !passesFedEx12($0) }
        let result = detector.check(number, context: try context("carrier=kr.lotte"))
        #expect(result.candidates.first { $0.carrier == "kr.lotte" }?.valid == false)
        #expect(result.carrier != "kr.lotte")
        #expect(result.warnings.contains(.carrierMismatch))
    }

    @Test("the fast verdict agrees with the full report on a mixed corpus")
    func verdictMatchesReport() {
        let registry = detector.registry
        for contextText in ["", "destination=KR", "carrier=kr.lotte,marketplace=aliexpress"] {
            let prepared = detector.prepare(try! DetectionContext.parse(contextText))
            for line in NumberCorpus().lines(count: 1_000, seed: 11) {
                let verdict = detector.verdict(line, context: prepared)
                #expect(verdict.blank == NumberDetector.isBlank(line), "\(line)")
                guard !verdict.blank else { continue }
                let report = detector.check(line, context: prepared)
                #expect(verdict.valid == report.valid, "\(line)")
                #expect(
                    (verdict.carrier >= 0 ? registry.carriers[Int(verdict.carrier)].id : nil) == report.carrier,
                    "\(line)")
            }
        }
    }

    @Test("summaries count lines exactly like one-by-one verdicts, across chunk boundaries")
    func summaryChunks() {
        let lines = NumberCorpus().lines(count: 2_000, seed: 5)
        let text = Array((lines.joined(separator: "\r\n") + "\n").utf8)
        let prepared = detector.prepare(.none)
        var expected = NumberDetector.Summary(carrierCount: detector.registry.carriers.count)
        for line in lines { expected.add(detector.verdict(line, context: prepared)) }
        // Feed the same bytes in uneven chunks, as standard input arrives.
        var summary = NumberDetector.Summary(carrierCount: detector.registry.carriers.count)
        var pending: [UInt8] = []
        var offset = 0
        var random = SeededRandom(seed: 1)
        while offset < text.count {
            let size = min(1 + random.below(700), text.count - offset)
            pending += text[offset..<(offset + size)]
            offset += size
            let final = offset == text.count
            let consumed = pending.withUnsafeBufferPointer {
                detector.summarize($0, context: prepared, final: final, into: &summary)
            }
            pending.removeFirst(consumed)
        }
        #expect(summary == expected)
        #expect(summary.total == lines.filter { !NumberDetector.isBlank($0) }.count)
    }

    @Test("context parsing names the bad field")
    func contextErrors() throws {
        #expect(
            throws: DetectionContext.ParseError(
                field: "destination", message: "'KOR' is not a two-letter country code such as KR")
        ) {
            try DetectionContext.parse("destination=KOR")
        }
        #expect((try? DetectionContext.parse("carrier=nowhere")) == nil)
        #expect((try? DetectionContext.parse("color=red")) == nil)
        #expect(try DetectionContext.parse("carrier=롯데택배, destination=kr").carrier == "kr.lotte")
        #expect(try DetectionContext.parse("marketplace=알리").marketplace == "aliexpress")
    }
}
