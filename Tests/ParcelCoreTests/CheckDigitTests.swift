import Testing

@testable import ParcelCore

/// Each algorithm against numbers published by the carriers' documentation or
/// by public tracking-number references, plus the same numbers with one
/// character changed. The serial/check split follows the registry's rules.
@Suite("Check digit algorithms")
struct CheckDigitTests {
    /// Splits `number` by a rule and reports whether its check symbol is the expected one.
    func passes(_ number: String, _ rule: CheckDigitRule) throws -> Bool {
        let symbols = try #require(Symbol.symbols(of: number))
        let serial = Array(symbols[rule.serialStart..<(symbols.count - rule.serialEndFromEnd)])
        let expected: UInt8?
        switch rule.algorithm {
        case .s10: expected = CheckDigits.s10(serial)
        case .mod7: expected = CheckDigits.mod7(serial)
        case .ups: expected = CheckDigits.ups(serial)
        case .iso7064Mod37_36: expected = CheckDigits.iso7064Mod37_36(serial)
        case .gs1Mod10(let prefix): expected = CheckDigits.gs1Mod10(serial, prefix: prefix)
        case .weightedMod11Mod10(let weights): expected = CheckDigits.weightedMod11Mod10(serial, weights: weights)
        }
        return expected == symbols[symbols.count - rule.checkFromEnd]
    }

    static let s10Rule = CheckDigitRule(.s10, serialStart: 2, serialEndFromEnd: 3, checkFromEnd: 3)

    @Test("S10: weights 8 6 4 2 3 5 9 7, 11 − r, 10 → 0, 11 → 5")
    func s10() throws {
        // setup: UPU examples, and serials chosen so that r = 0 (check 5) and r = 1 (check 0).
        let valid = ["RB123456785GB", "AA473124829GB", "EE000000005KR", "RR000040000CN"]
        let invalid = ["RB123456786US", "AA473124828GB", "EE000000000KR", "RR000040005CN"]
        // validate
        for number in valid { #expect(try passes(number, Self.s10Rule), "\(number)") }
        for number in invalid { #expect(try !passes(number, Self.s10Rule), "\(number)") }
        #expect(CheckDigits.s10([0, 0, 0, 0, 0, 0, 0, 0]) == 5)  // r = 0
        #expect(CheckDigits.s10([0, 0, 0, 0, 0, 0, 0, 1]) == 4)  // sum 7 → 11 − 7
        #expect(CheckDigits.s10([0, 0, 0, 0, 0, 0, 0]) == nil)  // 7 digits is not a serial
    }

    @Test("mod 7: DHL Express and Korean waybills")
    func mod7() throws {
        let rule = CheckDigitRule(.mod7)
        for number in ["3318810025", "8487135506", "1099255990", "3821724944", "3318810036", "73891051146"] {
            #expect(try passes(number, rule), "\(number)")
        }
        for number in ["3318810010", "3318810034", "3318810011", "3318810027"] {
            #expect(try !passes(number, rule), "\(number)")
        }
        // A check digit of 7, 8 or 9 can never pass.
        #expect(CheckDigits.mod7([9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9])! < 7)
        // Serials longer than an Int does not overflow: 10^30 − 1 ≡ 0 (mod 7) since 10^6 ≡ 1.
        #expect(CheckDigits.mod7(Array(repeating: 9, count: 30)) == 0)
    }

    @Test("UPS 1Z: letters as (ASCII − 3) mod 10, odd positions doubled")
    func ups() throws {
        let rule = CheckDigitRule(.ups, serialStart: 2)
        for number in ["1Z5R89390357567127", "1Z879E930346834440", "1Z410E7W0392751591", "1Z8V92A70367203024"] {
            #expect(try passes(number, rule), "\(number)")
        }
        for number in ["1Z5R89390357567128", "1Z1111111111111111", "1Z879E930346834441"] {
            #expect(try !passes(number, rule), "\(number)")
        }
    }

    @Test("FedEx Express 12 and 34: weights 1-3-7, mod 11, mod 10")
    func fedExWeighted() throws {
        let twelve = CheckDigitRule(.weightedMod11Mod10(weights: [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]))
        for number in ["986578788855", "477179081230", "799531274483", "790535312317", "974367662710"] {
            #expect(try passes(number, twelve), "\(number)")
        }
        #expect(try !passes("996578788855", twelve))
        let thirtyFour = CheckDigitRule(
            .weightedMod11Mod10(weights: [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]), serialStart: 20)
        for number in [
            "1001921334250001000300779017972697", "1001921380360001000300639585804382",
            "1002297871540001000300790695517286", "9622001900000000000000776632517510",
            "9632001560123456789900794808390594",
        ] {
            #expect(try passes(number, thirtyFour), "\(number)")
        }
        #expect(try !passes("1001901781990001000300617767839438", thirtyFour))
        #expect(try !passes("9622001560001234567100794808390595", thirtyFour))
    }

    @Test("GS1 mod 10: USPS IMpb, FedEx Ground, SSCC, Canada Post")
    func gs1() throws {
        let plain = CheckDigitRule(.gs1Mod10(prefix: []))
        let valid = [
            "03071790000523483741", "71123456789123456787",  // USPS 20
            "9400111201080805483016", "9361289878700317633795", "9405803699300124287899",  // USPS 22
            "92748931507708513018050063",  // USPS 26
            "041441760228964", "568283610012000", "568283610012734",  // FedEx Ground 15
            "000123450000000027",  // SSCC-18
            "0073938000549297",  // Canada Post
            "9261292700768711948021",  // FedEx SmartPost 22
        ]
        for number in valid { #expect(try passes(number, plain), "\(number)") }
        for number in ["03071790000523483742", "568283610012732", "000000000000000001", "0073938000549292"] {
            #expect(try !passes(number, plain), "\(number)")
        }
        // Routing prefixes (420 + ZIP) are not part of the checked serial.
        #expect(try passes("420221539101026837331000039521", CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 8)))
        #expect(
            try passes("4201002334249200190132607600833457", CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 12)))
        #expect(
            try !passes("4201028200009261290113185417468511", CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 12)))
        // FedEx Ground 96: serial starts after 96 + SCNC + service type.
        #expect(try passes("9611020987654312345672", CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 7)))
        // SmartPost printed without its 92 application identifier.
        #expect(try passes("61299998820821171811", CheckDigitRule(.gs1Mod10(prefix: [9, 2]))))
        #expect(try !passes("61299998820821171812", CheckDigitRule(.gs1Mod10(prefix: [9, 2]))))
    }

    @Test("ISO 7064 MOD 37,36: DPD parcel label numbers")
    func iso7064() throws {
        let rule = CheckDigitRule(.iso7064Mod37_36)
        #expect(try passes("008182709980000020033350276C", rule))
        #expect(try passes("008182709980000020045327276N", rule))
        #expect(try !passes("008182709980000020033350276A", rule))
        #expect(try !passes("008182709980000020045000000N", rule))
    }
}
