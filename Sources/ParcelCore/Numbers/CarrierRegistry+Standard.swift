// The carriers, formats and marketplaces ParcelDesk knows out of the box.
// This file is data: adding a carrier means adding an entry here (and a test).

extension CarrierRegistry {
    /// The registry every part of ParcelDesk uses unless a test builds its own.
    public static let standard = CarrierRegistry(
        carriers: standardCarriers, s10: standardS10, marketplaces: standardMarketplaces,
        untrackedOptionKeywords: standardUntrackedOptionKeywords)

    /// Korean parcel waybills: the last digit is commonly the other digits mod 7.
    /// CJ numbers issued in a run grow by 11 (serial +1, check +1) and the
    /// check wraps from 6 to 0, which is that scheme; but the carriers do not
    /// document it, so for most of them it is evidence, not a rule.
    static func koreanMod7(_ strength: CheckStrength) -> CheckDigitRule {
        CheckDigitRule(.mod7, strength)
    }

    static func digits(_ count: String, note: String = "") -> LocalizedText {
        LocalizedText(
            ko: "숫자 \(count)자리\(note.isEmpty ? "" : " · \(note)")",
            en: "\(count) digits\(note.isEmpty ? "" : " · \(note)")")
    }

    static let standardCarriers: [Carrier] = [
        // Korean domestic parcel carriers.
        Carrier(
            id: "kr.cjlogistics", name: LocalizedText(ko: "CJ대한통운", en: "CJ Logistics"), country: "KR",
            domesticOnly: true, trackingURL: "https://trace.cjlogistics.com/next/tracking.html?wblNo={number}",
            formats: [
                CarrierFormat(
                    id: "kr.cjlogistics.12", patterns: ["\\d{12}"], check: koreanMod7(.signal), prior: 0.45,
                    description: digits("12", note: "mod 7")),
                CarrierFormat(
                    id: "kr.cjlogistics.10", patterns: ["\\d{10}"], check: koreanMod7(.signal), prior: 0.30,
                    description: digits("10", note: "mod 7")),
            ]),
        Carrier(
            id: "kr.hanjin", name: LocalizedText(ko: "한진택배", en: "Hanjin Express"), country: "KR", domesticOnly: true,
            trackingURL:
                "https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?mCode=MN038&schLang=KR&wblnumText2={number}",
            formats: [
                CarrierFormat(
                    id: "kr.hanjin.12", patterns: ["\\d{12}"], check: koreanMod7(.signal), prior: 0.38,
                    description: digits("12", note: "mod 7")),
                CarrierFormat(
                    id: "kr.hanjin.10", patterns: ["\\d{10}"], check: koreanMod7(.signal), prior: 0.28,
                    description: digits("10", note: "mod 7")),
                CarrierFormat(
                    id: "kr.hanjin.14", patterns: ["\\d{14}"], check: koreanMod7(.signal), prior: 0.30,
                    description: digits("14", note: "mod 7")),
            ]),
        Carrier(
            id: "kr.lotte", name: LocalizedText(ko: "롯데택배", en: "Lotte Global Logistics"), country: "KR",
            domesticOnly: true,
            trackingURL: "https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo={number}",
            formats: [
                CarrierFormat(
                    id: "kr.lotte.12", patterns: ["\\d{12}"], check: koreanMod7(.required), prior: 0.36,
                    description: digits("12", note: "mod 7"))
            ]),
        Carrier(
            id: "kr.logen", name: LocalizedText(ko: "로젠택배", en: "Logen"), country: "KR", domesticOnly: true,
            trackingURL: "https://www.ilogen.com/web/personal/trace/{number}",
            formats: [
                CarrierFormat(
                    id: "kr.logen.11", patterns: ["\\d{11}"], check: koreanMod7(.signal), prior: 0.45,
                    description: digits("11", note: "mod 7"))
            ]),
        Carrier(
            id: "kr.epost", name: LocalizedText(ko: "우체국택배", en: "Korea Post"), country: "KR", domesticOnly: false,
            trackingURL: "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1={number}",
            formats: [
                CarrierFormat(id: "kr.epost.13", patterns: ["\\d{13}"], prior: 0.42, description: digits("13"))
            ]),
        Carrier(
            id: "kr.kdexp", name: LocalizedText(ko: "경동택배", en: "Kyungdong Express"), country: "KR", domesticOnly: true,
            trackingURL: "https://kdexp.com/service/delivery/etc/delivery.do?barcode={number}",
            formats: [
                CarrierFormat(id: "kr.kdexp.13", patterns: ["\\d{13}"], prior: 0.22, description: digits("13"))
            ]),
        Carrier(
            id: "kr.ilyanglogis", name: LocalizedText(ko: "일양로지스", en: "Ilyang Logis"), country: "KR",
            domesticOnly: true,
            trackingURL: "https://www.ilyanglogis.com/functionality/card_form_waybill.asp?hawb_no={number}",
            formats: [
                CarrierFormat(id: "kr.ilyanglogis.10", patterns: ["\\d{10}"], prior: 0.18, description: digits("10"))
            ]),
        Carrier(
            id: "kr.chunilps", name: LocalizedText(ko: "천일택배", en: "Chunil Express"), country: "KR", domesticOnly: true,
            trackingURL: "https://www.chunil.co.kr/HTrace/HTrace.jsp?transNo={number}",
            formats: [
                CarrierFormat(id: "kr.chunilps.11", patterns: ["\\d{11}"], prior: 0.18, description: digits("11"))
            ]),
        Carrier(
            id: "kr.daesin", name: LocalizedText(ko: "대신택배", en: "Daesin Express"), country: "KR", domesticOnly: true,
            trackingURL: "https://www.ds3211.co.kr/freight/internalFreightSearch.ht?billno={number}",
            formats: [
                CarrierFormat(
                    id: "kr.daesin.numeric", patterns: ["\\d{12,13}"], prior: 0.18, description: digits("12–13"))
            ]),
        Carrier(
            id: "kr.cvsnet", name: LocalizedText(ko: "GS Postbox 편의점택배", en: "GS Postbox (CVSnet)"), country: "KR",
            domesticOnly: true, trackingURL: "https://www.cvsnet.co.kr/invoice/tracking.do?invoice_no={number}",
            formats: [
                CarrierFormat(
                    id: "kr.cvsnet.numeric", patterns: ["\\d{10,12}"], prior: 0.14, description: digits("10–12"))
            ]),
        Carrier(
            id: "kr.cupost", name: LocalizedText(ko: "CU 편의점택배", en: "CU Post"), country: "KR", domesticOnly: true,
            trackingURL: "https://www.cupost.co.kr/postbox/delivery/localResult.cupost?invoice_no={number}",
            formats: [
                CarrierFormat(
                    id: "kr.cupost.numeric", patterns: ["\\d{10,12}"], prior: 0.14, description: digits("10–12"))
            ]),
        Carrier(
            id: "kr.coupangls", name: LocalizedText(ko: "쿠팡로지스틱스서비스", en: "Coupang Logistics Services"),
            country: "KR", domesticOnly: true, trackingURL: "https://tracker.delivery/#/kr.coupangls/{number}",
            formats: [
                CarrierFormat(
                    id: "kr.coupangls.numeric", patterns: ["\\d{12,14}"], prior: 0.10, description: digits("12–14"))
            ]),

        // Cross-border consolidators from China.
        Carrier(
            id: "cn.cainiao", name: LocalizedText(ko: "차이냐오(Cainiao)", en: "Cainiao"), country: "CN",
            trackingURL: "https://global.cainiao.com/newDetail.htm?mailNoList={number}",
            formats: [
                CarrierFormat(
                    id: "cn.cainiao.lp", patterns: ["LP\\d{14}"], prior: 0.85,
                    description: LocalizedText(ko: "LP + 숫자 14자리", en: "LP + 14 digits")),
                CarrierFormat(
                    id: "cn.cainiao.numeric", patterns: ["\\d{16,18}"], prior: 0.12,
                    description: digits("16–18")),
            ]),
        Carrier(
            id: "cn.yunexpress", name: LocalizedText(ko: "윈익스프레스(YunExpress)", en: "YunExpress"), country: "CN",
            trackingURL: "https://www.yuntrack.com/parcelTracking?id={number}",
            formats: [
                CarrierFormat(
                    id: "cn.yunexpress.yt", patterns: ["YT\\d{16}"], prior: 0.85,
                    description: LocalizedText(ko: "YT + 숫자 16자리", en: "YT + 16 digits"))
            ]),
        Carrier(
            id: "cn.4px", name: LocalizedText(ko: "4PX", en: "4PX"), country: "CN",
            trackingURL: "https://track.4px.com/#/result/0/{number}",
            formats: [
                CarrierFormat(
                    id: "cn.4px", patterns: ["4PX[0-9A-Z]{13,16}"], prior: 0.85,
                    description: LocalizedText(ko: "4PX + 영숫자 13–16자리", en: "4PX + 13–16 letters or digits"))
            ]),
        Carrier(
            id: "cn.yanwen", name: LocalizedText(ko: "옌원(Yanwen)", en: "Yanwen"), country: "CN",
            trackingURL: "https://track.yw56.com.cn/en/querydel?nums={number}"),
        Carrier(
            id: "cn.chinapost", name: LocalizedText(ko: "중국우정", en: "China Post"), country: "CN",
            trackingURL: "https://t.17track.net/en#nums={number}"),

        // Global carriers.
        Carrier(
            id: "us.ups", name: LocalizedText("UPS"), country: "US",
            trackingURL: "https://www.ups.com/track?tracknum={number}",
            formats: [
                CarrierFormat(
                    id: "us.ups.1z", patterns: ["1Z[0-9A-Z]{16}"], check: CheckDigitRule(.ups, serialStart: 2),
                    prior: 0.80, description: LocalizedText(ko: "1Z + 영숫자 16자리", en: "1Z + 16 letters or digits"))
            ]),
        Carrier(
            id: "us.fedex", name: LocalizedText(ko: "페덱스(FedEx)", en: "FedEx"), country: "US",
            trackingURL: "https://www.fedex.com/fedextrack/?trknbr={number}",
            formats: [
                CarrierFormat(
                    id: "us.fedex.express12", patterns: ["\\d{12}"],
                    check: CheckDigitRule(.weightedMod11Mod10(weights: [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1])),
                    prior: 0.22, description: digits("12", note: "FedEx Express")),
                CarrierFormat(
                    id: "us.fedex.ground15", patterns: ["\\d{15}"], check: CheckDigitRule(.gs1Mod10(prefix: [])),
                    prior: 0.35, description: digits("15", note: "FedEx Ground")),
                CarrierFormat(
                    id: "us.fedex.sscc18", patterns: ["0[0124]\\d{16}"], check: CheckDigitRule(.gs1Mod10(prefix: [])),
                    prior: 0.35, description: digits("18", note: "SSCC")),
                CarrierFormat(
                    id: "us.fedex.ground96", patterns: ["96\\d{20}"],
                    check: CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 7), prior: 0.50,
                    description: digits("22", note: "96…")),
                CarrierFormat(
                    id: "us.fedex.smartpost22", patterns: ["92\\d{20}"], check: CheckDigitRule(.gs1Mod10(prefix: [])),
                    prior: 0.25, description: digits("22", note: "SmartPost 92…")),
                CarrierFormat(
                    id: "us.fedex.smartpost20", patterns: ["\\d{20}"],
                    check: CheckDigitRule(.gs1Mod10(prefix: [9, 2])),
                    prior: 0.18, description: digits("20", note: "SmartPost")),
                CarrierFormat(
                    id: "us.fedex.express34", patterns: ["100\\d{31}"],
                    check: CheckDigitRule(
                        .weightedMod11Mod10(weights: [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]), serialStart: 20),
                    prior: 0.55, description: digits("34", note: "100…")),
                CarrierFormat(
                    id: "us.fedex.gsn34", patterns: ["96\\d{32}"],
                    check: CheckDigitRule(
                        .weightedMod11Mod10(weights: [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]), serialStart: 20),
                    prior: 0.50, description: digits("34", note: "96…")),
            ]),
        Carrier(
            id: "us.usps", name: LocalizedText(ko: "미국우정청(USPS)", en: "USPS"), country: "US", domesticOnly: true,
            trackingURL: "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
            formats: [
                CarrierFormat(
                    id: "us.usps.20", patterns: ["03\\d{18}", "71\\d{18}", "73\\d{18}", "77\\d{18}", "81\\d{18}"],
                    check: CheckDigitRule(.gs1Mod10(prefix: [])), prior: 0.45, description: digits("20")),
                CarrierFormat(
                    id: "us.usps.impb22", patterns: ["9[1-5]\\d{20}"], check: CheckDigitRule(.gs1Mod10(prefix: [])),
                    prior: 0.55, description: digits("22", note: "IMpb")),
                CarrierFormat(
                    id: "us.usps.impb26", patterns: ["9[1-5]\\d{24}"], check: CheckDigitRule(.gs1Mod10(prefix: [])),
                    prior: 0.50, description: digits("26", note: "IMpb")),
                CarrierFormat(
                    id: "us.usps.impb30", patterns: ["420\\d{5}9[1-5]\\d{20}"],
                    check: CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 8), prior: 0.55,
                    description: digits("30", note: "420 + ZIP")),
                CarrierFormat(
                    id: "us.usps.impb34", patterns: ["420\\d{5}9[1-5]\\d{24}"],
                    check: CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 8), prior: 0.50,
                    description: digits("34", note: "420 + ZIP")),
                CarrierFormat(
                    id: "us.usps.impb34zip9", patterns: ["420\\d{9}9[2-5]\\d{20}"],
                    check: CheckDigitRule(.gs1Mod10(prefix: []), serialStart: 12), prior: 0.50,
                    description: digits("34", note: "420 + ZIP+4")),
            ]),
        Carrier(
            id: "de.dhl", name: LocalizedText(ko: "DHL", en: "DHL"), country: "DE",
            trackingURL:
                "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}",
            formats: [
                CarrierFormat(
                    id: "de.dhl.express10", patterns: ["\\d{10}"], check: CheckDigitRule(.mod7), prior: 0.24,
                    description: digits("10", note: "DHL Express mod 7")),
                CarrierFormat(
                    id: "de.dhl.express11", patterns: ["\\d{11}"], check: CheckDigitRule(.mod7), prior: 0.14,
                    description: digits("11", note: "DHL Express mod 7")),
                CarrierFormat(
                    id: "de.dhl.ecommerce", patterns: ["GM\\d{16,18}"], prior: 0.80,
                    description: LocalizedText(ko: "GM + 숫자 16–18자리", en: "GM + 16–18 digits")),
                CarrierFormat(
                    id: "de.dhl.piece", patterns: ["JJD\\d{10,20}", "JVGL\\d{10,20}"], prior: 0.75,
                    description: LocalizedText(ko: "JJD/JVGL + 숫자", en: "JJD/JVGL + digits")),
            ]),
        Carrier(
            id: "us.amazon", name: LocalizedText(ko: "아마존 로지스틱스", en: "Amazon Logistics"), country: "US",
            domesticOnly: true, trackingURL: "https://track.amazon.com/tracking/{number}",
            formats: [
                CarrierFormat(
                    id: "us.amazon.tba", patterns: ["TBA\\d{12}"], prior: 0.85,
                    description: LocalizedText(ko: "TBA + 숫자 12자리", en: "TBA + 12 digits"))
            ]),
        Carrier(
            id: "ca.canadapost", name: LocalizedText(ko: "캐나다포스트", en: "Canada Post"), country: "CA",
            domesticOnly: true,
            trackingURL: "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={number}",
            formats: [
                CarrierFormat(
                    id: "ca.canadapost.16", patterns: ["\\d{16}"], check: CheckDigitRule(.gs1Mod10(prefix: [])),
                    prior: 0.30, description: digits("16"))
            ]),
        Carrier(
            id: "de.dpd", name: LocalizedText("DPD"), country: "DE",
            trackingURL: "https://tracking.dpd.de/status/en_US/parcel/{number}",
            formats: [
                CarrierFormat(id: "de.dpd.14", patterns: ["\\d{14}"], prior: 0.16, description: digits("14")),
                CarrierFormat(
                    id: "de.dpd.28", patterns: ["\\d{27}[0-9A-Z]"], check: CheckDigitRule(.iso7064Mod37_36),
                    prior: 0.60, description: LocalizedText(ko: "28자리 라벨 번호", en: "28-character label number")),
            ]),
        Carrier(
            id: "gb.royalmail", name: LocalizedText(ko: "로열메일", en: "Royal Mail"), country: "GB",
            trackingURL: "https://www.royalmail.com/track-your-item#/tracking-results/{number}"),
        Carrier(
            id: "de.deutschepost", name: LocalizedText(ko: "도이치포스트", en: "Deutsche Post"), country: "DE",
            trackingURL: "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={number}"),
    ]

    /// Every country's postal operator issues S10 numbers; the format is shared.
    static let standardS10 = S10Format(
        format: CarrierFormat(
            id: "s10", patterns: ["[A-Z]{2}\\d{9}[A-Z]{2}"],
            check: CheckDigitRule(.s10, serialStart: 2, serialEndFromEnd: 3, checkFromEnd: 3), prior: 0.62,
            description: LocalizedText(ko: "UPU S10 (영문 2 + 숫자 9 + 국가코드)", en: "UPU S10 (2 letters, 9 digits, country)")
        ),
        trackingURLOverrides: [
            "kr.epost": "https://service.epost.go.kr/trace.RetrieveEmsRigiTraceList.comm?POST_CODE={number}",
            "us.usps": "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
            "ca.canadapost":
                "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={number}",
        ],
        defaultTrackingURL: "https://t.17track.net/en#nums={number}")

    static let standardMarketplaces: [Marketplace] = [
        Marketplace(
            id: "aliexpress", aliases: ["aliexpress", "알리익스프레스", "알리", "ali"],
            affinity: [
                "cn.cainiao": 0.20, "cn.yanwen": 0.12, "cn.yunexpress": 0.10, "cn.4px": 0.10, "cn.chinapost": 0.12,
                "kr.cjlogistics": 0.05, "kr.epost": 0.03,
            ]),
        Marketplace(
            id: "temu", aliases: ["temu", "테무"],
            affinity: ["cn.yunexpress": 0.12, "cn.4px": 0.08, "cn.cainiao": 0.05, "kr.hanjin": 0.03]),
        Marketplace(
            id: "smartstore", aliases: ["smartstore", "naver", "스마트스토어", "네이버"],
            affinity: domesticKoreanAffinity(0.05)),
        Marketplace(
            id: "gmarket", aliases: ["gmarket", "지마켓", "auction", "옥션"], affinity: domesticKoreanAffinity(0.05)),
        Marketplace(id: "11st", aliases: ["11st", "11번가", "elevenst"], affinity: domesticKoreanAffinity(0.05)),
        Marketplace(
            id: "coupang", aliases: ["coupang", "쿠팡"],
            affinity: domesticKoreanAffinity(0.03).merging(["kr.coupangls": 0.25]) { $1 }),
        Marketplace(
            id: "amazon", aliases: ["amazon", "아마존"],
            affinity: ["us.amazon": 0.25, "us.ups": 0.05, "us.usps": 0.05, "us.fedex": 0.05]),
        Marketplace(
            id: "ebay", aliases: ["ebay", "이베이"], affinity: ["us.usps": 0.08, "us.ups": 0.04, "us.fedex": 0.04]),
    ]

    static func domesticKoreanAffinity(_ boost: Double) -> [String: Double] {
        Dictionary(
            uniqueKeysWithValues: standardCarriers.filter { $0.country == "KR" }.map { ($0.id, boost) })
    }

    /// Shipping options that are not tracked end to end, matched as lower-case substrings.
    static let standardUntrackedOptionKeywords = [
        "super economy", "unregistered", "ordinary small packet", "untracked", "economy air mail",
        "비등기", "일반우편", "추적불가",
    ]
}
