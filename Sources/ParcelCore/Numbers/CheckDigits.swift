/// Check-digit algorithms used by tracking numbers. Each takes the serial part
/// as alphabet symbols and returns the expected check symbol, or `nil` when the
/// serial holds something the algorithm cannot weigh.
///
/// Sources (verified against the published examples in our tests):
/// UPU S10 standard (via jkeen/tracking_number_data), GS1 General
/// Specifications §7.9 (USPS IMpb, FedEx Ground, SSCC, Canada Post), the FedEx
/// Express weights 1-3-7, the UPS 1Z scheme, ISO/IEC 7064 MOD 37,36 (DPD parcel
/// label specification), and the "serial mod 7" habit of DHL Express and
/// Korean parcel carriers.
public enum CheckDigits {
    /// UPU S10: weights 8 6 4 2 3 5 9 7 over the 8-digit serial; 11 − (sum mod 11),
    /// with 10 → 0 and 11 → 5.
    public static func s10<C: Collection>(_ serial: C) -> UInt8? where C.Element == UInt8 {
        guard serial.count == 8 else { return nil }
        let weights: (Int, Int, Int, Int, Int, Int, Int, Int) = (8, 6, 4, 2, 3, 5, 9, 7)
        var sum = 0
        var position = 0
        for symbol in serial {
            guard symbol < 10 else { return nil }
            let weight: Int
            switch position {
            case 0: weight = weights.0
            case 1: weight = weights.1
            case 2: weight = weights.2
            case 3: weight = weights.3
            case 4: weight = weights.4
            case 5: weight = weights.5
            case 6: weight = weights.6
            default: weight = weights.7
            }
            sum += Int(symbol) * weight
            position += 1
        }
        switch 11 - sum % 11 {
        case 10: return 0
        case 11: return 5
        case let check: return UInt8(check)
        }
    }

    /// The serial read as one decimal number, modulo 7 (check digits 0–6 only).
    public static func mod7<C: Collection>(_ serial: C) -> UInt8? where C.Element == UInt8 {
        var remainder = 0
        for symbol in serial {
            guard symbol < 10 else { return nil }
            remainder = (remainder * 10 + Int(symbol)) % 7
        }
        return UInt8(remainder)
    }

    /// GS1 mod 10: weights 3 and 1 alternating from the rightmost serial digit
    /// (which weighs 3); the check brings the sum to a multiple of 10.
    /// `prefix` digits are weighed as if printed before the serial (USPS and
    /// FedEx SmartPost numbers whose application identifier was left off).
    public static func gs1Mod10<C: BidirectionalCollection, P: BidirectionalCollection>(
        _ serial: C, prefix: P
    ) -> UInt8? where C.Element == UInt8, P.Element == UInt8 {
        var sum = 0
        var weightThree = true
        for symbol in serial.reversed() {
            guard symbol < 10 else { return nil }
            sum += Int(symbol) * (weightThree ? 3 : 1)
            weightThree.toggle()
        }
        for symbol in prefix.reversed() {
            sum += Int(symbol) * (weightThree ? 3 : 1)
            weightThree.toggle()
        }
        return UInt8((10 - sum % 10) % 10)
    }

    public static func gs1Mod10<C: BidirectionalCollection>(_ serial: C) -> UInt8? where C.Element == UInt8 {
        gs1Mod10(serial, prefix: EmptyCollection<UInt8>())
    }

    /// Sum of digit × weight, then mod 11, then mod 10 (FedEx Express 12 and 34).
    public static func weightedMod11Mod10<C: Collection, W: Collection>(_ serial: C, weights: W) -> UInt8?
    where C.Element == UInt8, W.Element == Int {
        guard serial.count == weights.count else { return nil }
        var sum = 0
        for (symbol, weight) in zip(serial, weights) {
            guard symbol < 10 else { return nil }
            sum += Int(symbol) * weight
        }
        return UInt8(sum % 11 % 10)
    }

    /// UPS 1Z: letters count as (ASCII − 3) mod 10, digits at odd positions
    /// (0-based) count double, and the check brings the sum to a multiple of 10.
    public static func ups<C: Collection>(_ serial: C) -> UInt8? where C.Element == UInt8 {
        var sum = 0
        var odd = false
        for symbol in serial {
            guard symbol < 36 else { return nil }
            // Letter symbol s is ASCII s + 55, so (ASCII − 3) mod 10 = (s + 52) mod 10.
            let value = symbol < 10 ? Int(symbol) : (Int(symbol) + 52) % 10
            sum += odd ? value * 2 : value
            odd.toggle()
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// ISO/IEC 7064 MOD 37,36 over digits and letters; the check is a digit or a letter.
    public static func iso7064Mod37_36<C: Collection>(_ serial: C) -> UInt8? where C.Element == UInt8 {
        var product = 36
        for symbol in serial {
            guard symbol < 36 else { return nil }
            var sum = (product + Int(symbol)) % 36
            if sum == 0 { sum = 36 }
            product = (sum * 2) % 37
        }
        return UInt8((37 - product) % 36)
    }
}

/// Which algorithm a format uses; data in the carrier registry.
public enum CheckDigitAlgorithm: Sendable, Hashable {
    case s10
    case mod7
    case gs1Mod10(prefix: [UInt8])
    case weightedMod11Mod10(weights: [Int])
    case ups
    case iso7064Mod37_36

    public var name: String {
        switch self {
        case .s10: "S10 mod 11"
        case .mod7: "mod 7"
        case .gs1Mod10: "GS1 mod 10"
        case .weightedMod11Mod10: "weighted mod 11"
        case .ups: "UPS mod 10"
        case .iso7064Mod37_36: "ISO 7064 mod 37,36"
        }
    }
}

/// How much a failed check digit means for a format.
public enum CheckStrength: String, Sendable, Hashable {
    /// The carrier always prints a correct check digit: a mismatch means the number is wrong.
    case required
    /// Public samples mostly carry this check digit but it is not documented:
    /// a match raises confidence, a mismatch lowers it, neither decides validity.
    case signal
}

/// Where a format's serial and check digit sit, counted so that one rule fits
/// every length the format allows.
public struct CheckDigitRule: Sendable, Hashable {
    public var algorithm: CheckDigitAlgorithm
    public var strength: CheckStrength
    /// Index of the first serial symbol.
    public var serialStart: Int
    /// The serial ends this many symbols before the end of the number.
    public var serialEndFromEnd: Int
    /// The check symbol is this many symbols before the end (1 = last).
    public var checkFromEnd: Int

    public init(
        _ algorithm: CheckDigitAlgorithm, _ strength: CheckStrength = .required,
        serialStart: Int = 0, serialEndFromEnd: Int = 1, checkFromEnd: Int = 1
    ) {
        self.algorithm = algorithm
        self.strength = strength
        self.serialStart = serialStart
        self.serialEndFromEnd = serialEndFromEnd
        self.checkFromEnd = checkFromEnd
    }
}
