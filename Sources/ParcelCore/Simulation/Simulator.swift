import Foundation

/// The ways a simulated shipment can go wrong, from the sellers' documents.
public enum SimulatedFault: String, Sendable, Hashable, CaseIterable {
    case lateFirstScan = "late_first_scan"
    case originStall = "origin_stall"
    case customsLoop = "customs_loop"
    case dutiesDue = "duties_due"
    case missingHandoff = "missing_handoff"
    case lost
    case returned
    case untrackedOption = "untracked_option"
    /// The seller typed the number with a slip; the carrier never reports on it.
    case numberTypo = "number_typo"
    /// The same number was pasted on another order.
    case duplicateNumber = "duplicate_number"
    /// An aggregator stops mirroring the carrier (the buyer's screen lags).
    case sourceLag = "source_lag"
    /// A stray scan after delivery.
    case eventAfterDelivery = "event_after_delivery"
}

/// How the simulated population looks. Rates are percents per shipment.
public struct SimulationConfig: Sendable, Hashable {
    /// Orders are placed over this many days before `now`.
    public var days = 45
    public var crossBorderPercent = 60
    /// Shipments whose scans a tracking aggregator (17TRACK) also reports.
    public var aggregatorPercent = 50
    public var faultPercents: [SimulatedFault: Int] = [
        .lateFirstScan: 6, .originStall: 5, .customsLoop: 4, .dutiesDue: 3, .missingHandoff: 4, .lost: 3,
        .returned: 2, .untrackedOption: 4, .numberTypo: 2, .duplicateNumber: 1, .sourceLag: 8,
        .eventAfterDelivery: 1,
    ]

    public init() {}

    /// Every fault at `percent`, for tests that need many of each.
    public static func uniform(_ percent: Int) -> SimulationConfig {
        var config = SimulationConfig()
        for fault in SimulatedFault.allCases { config.faultPercents[fault] = percent }
        return config
    }
}

/// A simulated shipment and the faults it was given.
public struct SimulatedShipment: Sendable {
    public let document: ShipmentDocument
    public let faults: Set<SimulatedFault>
    public let crossBorder: Bool
}

/// A deterministic model of cross-border (China → Korean customs → Korean
/// carrier) and domestic Korean routes. Shipment `i` of seed `s` depends on
/// nothing else, so any slice of a population can be regenerated exactly.
public struct Simulator: Sendable {
    public let seed: UInt64
    public let now: Timestamp
    public let config: SimulationConfig
    let corpus = NumberCorpus()

    public init(seed: UInt64, now: Timestamp, config: SimulationConfig = SimulationConfig()) {
        self.seed = seed
        self.now = now
        self.config = config
    }

    public func shipments(count: Int) -> [SimulatedShipment] {
        (0..<count).map(shipment)
    }

    public func documents(count: Int) -> [ShipmentDocument] {
        (0..<count).map { shipment($0).document }
    }

    public func shipment(_ index: Int) -> SimulatedShipment {
        // Each shipment has its own stream, so shipment i never depends on shipment i − 1.
        let random = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        var builder = ShipmentBuilder(index: index, now: now, random: random, config: config, corpus: corpus)
        return builder.build()
    }
}

/// Builds one shipment's order, number, route and events.
struct ShipmentBuilder {
    let index: Int
    let now: Timestamp
    var random: SeededRandom
    let config: SimulationConfig
    let corpus: NumberCorpus
    var events: [RawTrackingEvent] = []
    var faults: Set<SimulatedFault> = []

    init(index: Int, now: Timestamp, random: SeededRandom, config: SimulationConfig, corpus: NumberCorpus) {
        self.index = index
        self.now = now
        self.random = random
        self.config = config
        self.corpus = corpus
    }

    static let buyers = ["김민지", "이서준", "박지우", "최하은", "정도윤", "강서연", "조민준", "윤지아", "장예준", "임수아"]

    /// `AE-000042` for AliExpress orders, `SS-000042` for Korean marketplaces.
    static func orderID(_ crossBorder: Bool, _ number: Int) -> String {
        var id = crossBorder ? "AE-" : "SS-"
        Timestamp.appendPadded(number, width: 6, to: &id)
        return id
    }

    mutating func chance(_ percent: Int) -> Bool { random.chance(percent) }
    mutating func hours(_ low: Double, _ high: Double) -> Double {
        low + Double(random.below(Int((high - low) * 60) + 1)) / 60
    }
    mutating func fault(_ fault: SimulatedFault) -> Bool {
        guard chance(config.faultPercents[fault] ?? 0) else { return false }
        faults.insert(fault)
        return true
    }

    mutating func validNumber(_ formatID: String) -> String {
        corpus.validNumber(formatID: formatID, using: &random) ?? formatID
    }

    mutating func build() -> SimulatedShipment {
        let crossBorder = chance(config.crossBorderPercent)
        let placedAt = now.adding(hours: -hours(2, Double(config.days) * 24)).at(utcOffset: Timestamp.kst)
        let confirmedAt = placedAt.adding(hours: hours(1, 20))
        let shippedAt = confirmedAt.adding(hours: hours(2, 40))
        let orderID = Self.orderID(crossBorder, index + 1)
        let marketplace =
            crossBorder ? "aliexpress" : random.pick(["smartstore", "smartstore", "smartstore", "coupang", "gmarket"])
        let promisedBy = placedAt.adding(days: crossBorder ? 20 : 4)

        var shipment: ShipmentInfo
        if crossBorder {
            shipment = crossBorderRoute(shippedAt: shippedAt)
        } else {
            shipment = domesticRoute(shippedAt: shippedAt)
        }
        // Only what has happened by `now` can have been reported.
        events.removeAll { $0.time > now }
        if fault(.numberTypo) {
            // The seller's copy has a slip; the carrier reports on the real number only.
            var characters = Array(shipment.trackingNumber)
            let position = random.below(characters.count)
            let replacement = Character(String(random.below(10)))
            characters[position] = characters[position] == replacement ? "X" : replacement
            shipment.trackingNumber = String(characters)
            events.removeAll()
        }
        var others = (0..<2).map { offset in
            OtherOrder(
                id: Self.orderID(crossBorder, index + 1000 + offset), trackingNumber: nil)
        }
        if fault(.duplicateNumber) {
            others.append(
                OtherOrder(
                    id: Self.orderID(crossBorder, index + 2000),
                    trackingNumber: shipment.trackingNumber))
        }
        let order = OrderInfo(
            id: orderID, marketplace: marketplace, placedAt: placedAt, confirmedAt: confirmedAt,
            promisedBy: promisedBy, buyerName: random.pick(Self.buyers))
        return SimulatedShipment(
            document: ShipmentDocument(order: order, shipment: shipment, events: events, otherOrders: others),
            faults: faults, crossBorder: crossBorder)
    }

    // MARK: - Cross-border

    mutating func crossBorderRoute(shippedAt: Timestamp) -> ShipmentInfo {
        let untracked = fault(.untrackedOption)
        let number = validNumber("cn.cainiao.lp")
        let option = untracked ? "Cainiao Super Economy Global" : "AliExpress Standard Shipping"
        let info = ShipmentInfo(
            carrier: "cn.cainiao", trackingNumber: number, shippingOption: option, shippedAt: shippedAt, origin: "CN",
            destination: "KR")
        let mirrored = chance(config.aggregatorPercent)
        let lagAfter = fault(.sourceLag) ? 2 + random.below(3) : Int.max
        var mirroredCount = 0
        let cn = Timestamp.chinaStandard

        func emit(_ time: Timestamp, _ code: String, _ text: String, _ location: String? = nil, mirror: String? = nil) {
            events.append(
                RawTrackingEvent(
                    source: "cainiao", carrier: "cn.cainiao", trackingNumber: number, time: time.at(utcOffset: cn),
                    code: code, text: text, location: location))
            if mirrored, let mirror, mirroredCount < lagAfter {
                mirroredCount += 1
                events.append(
                    RawTrackingEvent(
                        source: "17track", carrier: "cn.cainiao", trackingNumber: number, time: time.at(utcOffset: cn),
                        code: mirror, text: text, location: location))
            }
        }

        var t = shippedAt.adding(hours: -hours(0.5, 3))
        emit(t, "GWMS_ACCEPT", "Order information received by warehouse", mirror: "InfoReceived")
        t = shippedAt.adding(hours: fault(.lateFirstScan) ? hours(80, 160) : hours(3, 30))
        let city = random.pick(["Shenzhen", "Guangzhou", "Yiwu", "Dongguan"])
        emit(t, "PU_PICKUP_SUCCESS", "已揽收 Picked up by carrier", city, mirror: "InTransit_PickedUp")
        t = t.adding(hours: hours(3, 12))
        emit(t, "SC_INBOUND_SUCCESS", "Arrived at sorting center", "\(city) Sorting Center", mirror: "InTransit_Other")
        if fault(.originStall) { return info }
        t = t.adding(hours: hours(4, 20))
        emit(
            t, "SC_OUTBOUND_SUCCESS", "Departed from sorting center", "\(city) Sorting Center",
            mirror: "InTransit_Other")
        t = t.adding(hours: hours(8, 30))
        emit(t, "LH_HO_IN_SUCCESS", "Arrived at departure transport hub", "Shenzhen Airport Hub")
        t = t.adding(hours: hours(2, 10))
        emit(t, "CC_EX_START", "Export customs clearance started", mirror: "InTransit_CustomsProcessing")
        t = t.adding(hours: hours(3, 12))
        emit(t, "CC_EX_SUCCESS", "Export customs clearance success", mirror: "InTransit_CustomsReleased")
        t = t.adding(hours: hours(4, 24))
        emit(t, "LH_HO_AIRLINE", "Handed over to airline", "Shenzhen Airport")
        t = t.adding(hours: hours(2, 10))
        emit(t, "LH_DEPART", "航班起飞 Departed from departure country/region", mirror: "InTransit_Departure")
        if untracked || fault(.lost) { return info }
        t = t.adding(hours: hours(20, 70))
        emit(t, "LH_ARRIVE", "Arrived at destination country/region", "Incheon", mirror: "InTransit_Arrival")

        // Korean customs progress, reported by UNI-PASS under the same number.
        func customs(_ time: Timestamp, _ stage: String, _ place: String = "인천공항 특송물류센터") {
            events.append(
                RawTrackingEvent(
                    source: "unipass", carrier: RawTrackingEvent.customsCarrier, trackingNumber: number,
                    time: time.at(utcOffset: Timestamp.kst), code: nil, text: stage, location: place))
        }
        t = t.adding(hours: hours(1, 5))
        customs(t, "입항보고 수리")
        t = t.adding(hours: hours(2, 8))
        customs(t, "하기신고 수리")
        t = t.adding(hours: hours(3, 10))
        customs(t, "반입신고")
        t = t.adding(hours: hours(1, 6))
        customs(t, "통관목록 접수")
        if fault(.customsLoop) {
            for _ in 0..<(2 + random.below(3)) {
                t = t.adding(hours: hours(20, 40))
                customs(t, "통관보류")
                t = t.adding(hours: hours(2, 10))
                customs(t, "통관목록 접수")
            }
            return info
        }
        if fault(.dutiesDue) {
            t = t.adding(hours: hours(4, 20))
            customs(t, "수입신고")
            t = t.adding(hours: hours(1, 4))
            customs(t, "관부가세 납부 대기(수입신고 건)")
            return info
        }
        t = t.adding(hours: hours(2, 20))
        customs(t, "통관목록 심사완료")
        emit(
            t.adding(hours: hours(0.2, 2)), "CC_IM_SUCCESS", "Import customs clearance complete",
            mirror: "InTransit_CustomsReleased")
        t = t.adding(hours: hours(2, 12))
        customs(t, "반출신고")
        if fault(.missingHandoff) { return info }

        // The Korean carrier takes over with its own number.
        let domestic = random.pick(["kr.cjlogistics", "kr.cjlogistics", "kr.cjlogistics", "kr.hanjin", "kr.lotte"])
        let domesticNumber = validNumber(domestic == "kr.lotte" ? "kr.lotte.12" : "\(domestic).12")
        t = t.adding(hours: hours(2, 10))
        emit(t, "GTMS_ACCEPT", "Handed over to \(domestic) \(domesticNumber)", "Incheon", mirror: "InTransit_Other")
        koreanLeg(carrier: domestic, number: domesticNumber, start: t.adding(hours: hours(1, 8)), pickupPlace: "인천GW")
        return info
    }

    // MARK: - Domestic

    mutating func domesticRoute(shippedAt: Timestamp) -> ShipmentInfo {
        let carrier = random.pick([
            "kr.cjlogistics", "kr.cjlogistics", "kr.cjlogistics", "kr.hanjin", "kr.hanjin", "kr.lotte", "kr.logen",
            "kr.epost",
        ])
        let format: String =
            switch carrier {
            case "kr.logen": "kr.logen.11"
            case "kr.epost": "kr.epost.13"
            default: "\(carrier).12"
            }
        let number = validNumber(format)
        var start = shippedAt.adding(hours: hours(2, 10))
        if fault(.lateFirstScan) { start = shippedAt.adding(hours: hours(60, 120)) }
        koreanLeg(carrier: carrier, number: number, start: start, pickupPlace: random.pick(["서울강남", "부천", "수원", "성남"]))
        return ShipmentInfo(
            carrier: carrier, trackingNumber: number, shippingOption: "택배", shippedAt: shippedAt, origin: "KR",
            destination: "KR")
    }

    /// A Korean carrier's scans from pickup to delivery, in that carrier's own vocabulary.
    mutating func koreanLeg(carrier: String, number: String, start: Timestamp, pickupPlace: String) {
        let hub = random.pick(["대전HUB", "곤지암Hub", "옥천HUB", "청원HUB"])
        let branch = random.pick(["서울송파", "경기분당", "부산해운대", "대구수성", "광주서구"])
        var t = start
        func scan(_ step: Step, _ place: String) {
            let (code, text, source) = Self.words(carrier: carrier, step: step, place: place)
            events.append(
                RawTrackingEvent(
                    source: source, carrier: carrier, trackingNumber: number, time: t.at(utcOffset: Timestamp.kst),
                    code: code, text: text, location: place))
        }
        scan(.pickedUp, pickupPlace)
        if fault(.originStall) { return }
        t = t.adding(hours: hours(1, 6))
        scan(.trunkLoaded, pickupPlace)
        t = t.adding(hours: hours(3, 10))
        scan(.trunkUnloaded, hub)
        if fault(.lost) { return }
        t = t.adding(hours: hours(8, 20))
        scan(.outForDelivery, branch)
        if fault(.returned) {
            t = t.adding(hours: hours(3, 8))
            scan(.failed, branch)
            t = t.adding(hours: hours(20, 30))
            scan(.failed, branch)
            t = t.adding(hours: hours(20, 40))
            scan(.returning, branch)
            return
        }
        t = t.adding(hours: hours(1, 8))
        scan(.delivered, branch)
        if fault(.eventAfterDelivery) {
            t = t.adding(hours: hours(2, 20))
            scan(.outForDelivery, branch)
        }
    }

    enum Step { case pickedUp, trunkLoaded, trunkUnloaded, outForDelivery, delivered, failed, returning }

    /// What each carrier calls each step: (code, text, source).
    static func words(carrier: String, step: Step, place: String) -> (String?, String, String) {
        switch carrier {
        case "kr.cjlogistics":
            switch step {
            case .pickedUp: return ("11", "집화처리", "cjlogistics")
            case .trunkLoaded: return ("41", "간선상차", "cjlogistics")
            case .trunkUnloaded: return ("44", "간선하차", "cjlogistics")
            case .outForDelivery: return ("82", "배송출발 (배달예정시간 :14∼16시)", "cjlogistics")
            case .delivered: return ("91", "배달완료", "cjlogistics")
            case .failed: return (nil, "미배달(수취인 부재)", "cjlogistics")
            case .returning: return (nil, "반품 집화", "cjlogistics")
            }
        case "kr.hanjin":
            switch step {
            case .pickedUp: return (nil, "고객님의 상품이 집하되었습니다.", "hanjin")
            case .trunkLoaded: return (nil, "\(place)에서 터미널로 이동중입니다.", "hanjin")
            case .trunkUnloaded: return (nil, "\(place)에 도착하였습니다.", "hanjin")
            case .outForDelivery: return (nil, "배송출발 하였습니다.", "hanjin")
            case .delivered: return (nil, "배송완료 하였습니다.", "hanjin")
            case .failed: return (nil, "고객님 부재로 미배송되었습니다.", "hanjin")
            case .returning: return (nil, "반송 처리되었습니다.", "hanjin")
            }
        case "kr.lotte":
            switch step {
            case .pickedUp: return ("10", "집하", "lotte")
            case .trunkLoaded: return ("20", "구간발송", "lotte")
            case .trunkUnloaded: return ("21", "구간도착", "lotte")
            case .outForDelivery: return ("40", "배달전", "lotte")
            case .delivered: return ("41", "배달완료", "lotte")
            case .failed: return (nil, "미배달", "lotte")
            case .returning: return (nil, "반품 접수", "lotte")
            }
        case "kr.logen":
            switch step {
            case .pickedUp: return (nil, "집하완료", "logen")
            case .trunkLoaded: return (nil, "터미널입고", "logen")
            case .trunkUnloaded: return (nil, "터미널출고", "logen")
            case .outForDelivery: return (nil, "배송출고", "logen")
            case .delivered: return (nil, "배송완료", "logen")
            case .failed: return (nil, "미배송(수하인 부재)", "logen")
            case .returning: return (nil, "반품 입고", "logen")
            }
        default:
            switch step {
            case .pickedUp: return (nil, "접수", "epost")
            case .trunkLoaded: return (nil, "발송", "epost")
            case .trunkUnloaded: return (nil, "도착", "epost")
            case .outForDelivery: return (nil, "배달준비", "epost")
            case .delivered: return (nil, "배달완료 (본인)", "epost")
            case .failed: return (nil, "미배달 (수취인부재)", "epost")
            case .returning: return (nil, "반송", "epost")
            }
        }
    }
}
