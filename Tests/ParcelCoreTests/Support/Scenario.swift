import Foundation
import ParcelTestSupport

@testable import ParcelCore

/// Reads a file under `Tests/ParcelCoreTests/Fixtures`.
func fixtureData(_ name: String) throws -> Data {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    return try Data(contentsOf: directory.appendingPathComponent("Fixtures").appendingPathComponent(name))
}

/// A shipment built step by step, the way its carriers would report it.
/// Times are hours after `start` unless given in full.
struct Scenario {
    static let lp = "LP00123456789012"
    static let cj = "123456789013"

    let start: Timestamp
    var order: OrderInfo
    var shipment: ShipmentInfo
    var events: [RawTrackingEvent] = []
    var otherOrders: [OtherOrder] = []

    /// AliExpress Standard Shipping, China → Korea, shipped at `start`.
    static func crossBorder(start: String = "2026-11-02T09:00:00+08:00") -> Scenario {
        let shipped = time(start)
        return Scenario(
            start: shipped,
            order: OrderInfo(
                id: "A-1001", marketplace: "aliexpress", placedAt: shipped.adding(hours: -30),
                confirmedAt: shipped.adding(hours: -20), buyerName: "김민지"),
            shipment: ShipmentInfo(
                carrier: "cn.cainiao", trackingNumber: lp, shippingOption: "AliExpress Standard Shipping",
                shippedAt: shipped, origin: "CN", destination: "KR"))
    }

    /// A CJ parcel inside Korea, shipped at `start`.
    static func domestic(start: String = "2026-11-02T09:00:00+09:00") -> Scenario {
        let shipped = time(start)
        return Scenario(
            start: shipped,
            order: OrderInfo(id: "S-2001", marketplace: "smartstore", placedAt: shipped.adding(hours: -20)),
            shipment: ShipmentInfo(
                carrier: "kr.cjlogistics", trackingNumber: cj, shippingOption: "택배", shippedAt: shipped,
                origin: "KR", destination: "KR"))
    }

    func at(_ hours: Double) -> Timestamp { start.adding(hours: hours) }

    mutating func add(
        _ hours: Double, source: String, carrier: String, number: String? = nil, code: String? = nil, text: String,
        location: String? = nil
    ) {
        events.append(
            RawTrackingEvent(
                source: source, carrier: carrier, trackingNumber: number ?? shipment.trackingNumber, time: at(hours),
                code: code, text: text, location: location))
    }

    mutating func cainiao(_ hours: Double, _ code: String, _ text: String, location: String? = nil) {
        add(hours, source: "cainiao", carrier: "cn.cainiao", code: code, text: text, location: location)
    }

    mutating func mirror(_ hours: Double, _ code: String, _ text: String) {
        add(hours, source: "17track", carrier: "cn.cainiao", code: code, text: text)
    }

    mutating func customs(_ hours: Double, _ stage: String) {
        add(hours, source: "unipass", carrier: "kr.customs", text: stage, location: "인천공항 특송물류센터")
    }

    mutating func cjScan(_ hours: Double, _ code: String, _ text: String, number: String? = nil) {
        add(hours, source: "cjlogistics", carrier: "kr.cjlogistics", number: number, code: code, text: text)
    }

    /// Cainiao's origin scans up to the flight out (about 40 hours).
    mutating func leavesChina() {
        cainiao(0.5, "GWMS_ACCEPT", "Order information received by warehouse")
        cainiao(6, "PU_PICKUP_SUCCESS", "已揽收 Picked up by carrier", location: "Shenzhen")
        cainiao(12, "SC_INBOUND_SUCCESS", "Arrived at sorting center", location: "Shenzhen Sorting Center")
        cainiao(20, "SC_OUTBOUND_SUCCESS", "Departed from sorting center")
        cainiao(26, "CC_EX_START", "Export customs clearance started")
        cainiao(30, "CC_EX_SUCCESS", "Export customs clearance success")
        cainiao(40, "LH_DEPART", "航班起飞 Departed from departure country/region")
    }

    /// Arrival in Incheon and list clearance through release (hours 60–80).
    mutating func clearsKoreanCustoms() {
        cainiao(60, "LH_ARRIVE", "Arrived at destination country/region", location: "Incheon")
        customs(62, "입항보고 수리")
        customs(64, "하기신고 수리")
        customs(68, "반입신고")
        customs(70, "통관목록 접수")
        customs(78, "통관목록 심사완료")
        customs(80, "반출신고")
    }

    /// CJ takes over with its own number and delivers (hours 84–110).
    mutating func deliveredByCJ() {
        cainiao(84, "GTMS_ACCEPT", "Handed over to kr.cjlogistics \(Self.cj)")
        cjScan(86, "11", "집화처리", number: Self.cj)
        cjScan(92, "44", "간선하차", number: Self.cj)
        cjScan(104, "82", "배송출발", number: Self.cj)
        cjScan(110, "91", "배달완료", number: Self.cj)
    }

    var document: ShipmentDocument {
        ShipmentDocument(order: order, shipment: shipment, events: events, otherOrders: otherOrders)
    }

    func analyze(_ diagnoser: Diagnoser = Diagnoser(), hoursAfterStart hours: Double) -> ShipmentAnalysis {
        diagnoser.analyze(document, now: at(hours))
    }

    func codes(hoursAfterStart hours: Double) -> [DiagnosisCode] {
        analyze(hoursAfterStart: hours).diagnoses.map(\.code)
    }

    func finding(_ code: DiagnosisCode, hoursAfterStart hours: Double) -> Diagnosis? {
        analyze(hoursAfterStart: hours).diagnoses.first { $0.code == code }
    }
}
