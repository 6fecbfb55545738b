import Foundation

/// A Smartstore "발주/발송관리" export as sellers download it, for the import
/// benchmark: the export's 24 columns, one row per product, about one order
/// in four with two products, Korean names and addresses, domestic carriers'
/// valid numbers, a few numbers pasted with spaces. Deterministic per seed.
public struct SampleExport: Sendable {
    public let seed: UInt64
    public let placedFrom: Timestamp
    /// Orders are placed over this many days from `placedFrom`.
    public let days: Int

    public init(seed: UInt64 = 7, placedFrom: Timestamp, days: Int = 30) {
        self.seed = seed
        self.placedFrom = placedFrom
        self.days = max(1, days)
    }

    static let header =
        "상품주문번호,주문번호,배송방법(구매자 요청),배송방법,택배사,송장번호,발송일,구매자명,구매자ID,수취인명,주문상태,주문세부상태,결제일,상품번호,상품명,옵션정보,수량,상품가격,최종 상품별 총 주문금액,발주확인일,발송기한,수취인연락처1,배송지,주문일시"
    static let carriers: [(name: String, format: String)] = [
        ("CJ대한통운", "kr.cjlogistics.12"), ("한진택배", "kr.hanjin.12"), ("롯데택배", "kr.lotte.12"),
        ("로젠택배", "kr.logen.11"),
    ]
    static let families = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
    static let givens = ["민지", "서준", "하은", "도윤", "지우", "예준", "수아", "시우", "지호", "서연"]
    static let products: [(name: String, option: String, price: Int)] = [
        ("스테인리스 텀블러 500ml", "색상: 실버", 15800), ("실리콘 주방 집게 2P", "", 6500),
        ("무선 충전기 15W 고속", "색상: 화이트", 21900), ("휴대폰 케이스 투명 젤리", "기종: 갤럭시 S25", 8900),
        ("극세사 수면 양말 5켤레", "사이즈: 230-250", 12000), ("LED 무드등 수면등", "", 17000),
    ]
    static let addresses = ["서울특별시 송파구", "경기도 성남시 분당구", "부산광역시 해운대구", "인천광역시 연수구", "대구광역시 수성구"]

    /// The header and `rows` data rows, each line ending in CRLF as Excel writes it.
    public func csv(rows: Int) -> Data {
        var random = SeededRandom(seed: seed)
        let corpus = NumberCorpus()
        var out = "\u{FEFF}" + Self.header + "\r\n"
        out.reserveCapacity(rows * 330)
        var written = 0
        var order = 0
        while written < rows {
            order += 1
            let orderNumber = "2026\(String(format: "%012d", 100_000_000 + order))"
            let placed = placedFrom.adding(seconds: Double(order * 37 % (days * 86_400)))
            let carrier = Self.carriers[Int(random.next() % UInt64(Self.carriers.count))]
            var number = corpus.validNumber(formatID: carrier.format, using: &random) ?? "123456789013"
            if random.next() % 50 == 0 {
                number = number.enumerated().map { $0.offset == 4 ? " \($0.element)" : "\($0.element)" }.joined()
            }
            let name =
                Self.families[Int(random.next() % 10)] + Self.givens[Int(random.next() % 10)]
            let phone = "010-\(1000 + random.next() % 9000)-\(1000 + random.next() % 9000)"
            let address = Self.addresses[Int(random.next() % UInt64(Self.addresses.count))]
            let lines = random.next() % 4 == 0 ? 2 : 1
            for line in 0..<min(lines, rows - written) {
                let product = Self.products[Int(random.next() % UInt64(Self.products.count))]
                let quantity = Int(1 + random.next() % 3)
                let cells = [
                    orderNumber + String(format: "%02d", line + 1), orderNumber, "택배·등기·소포", "택배·등기·소포",
                    carrier.name, "'" + number, Self.stamp(placed.adding(hours: 17)), name,
                    "user\(order % 9973)****", name, "배송중", "", Self.stamp(placed.adding(seconds: 12)),
                    "88\(12_345 + line)", product.name, product.option, "\(quantity)", "\(product.price)",
                    "\(product.price * quantity)", Self.stamp(placed.adding(hours: 12)),
                    String(Self.stamp(placed.adding(days: 2)).prefix(10)), phone, address, Self.stamp(placed),
                ]
                out += cells.map(Self.quoted).joined(separator: ",") + "\r\n"
                written += 1
            }
        }
        return Data(out.utf8)
    }

    /// `2026.11.19 21:09:51` in Korean time, as the export writes dates.
    static func stamp(_ moment: Timestamp) -> String {
        let local = moment.at(utcOffset: Timestamp.kst).description
        return String(local.prefix(19)).replacingOccurrences(of: "-", with: ".").replacingOccurrences(
            of: "T", with: " ")
    }

    static func quoted(_ cell: String) -> String {
        cell.contains(",") || cell.contains("\"")
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }
}
