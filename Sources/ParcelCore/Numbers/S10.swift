/// UPU S10 item identifiers: two letters (service indicator), an 8-digit
/// serial, a check digit, and the ISO country code of the issuing postal
/// operator — `RR123456785CN`.
public enum S10 {
    /// A service indicator class, by its first letter (and for some, a range
    /// of second letters), from the UPU S10 standard.
    public struct Service: Sendable, Hashable {
        public let code: String
        public let name: LocalizedText
        /// Scanned from acceptance to delivery; unregistered letter post is
        /// usually scanned only until it leaves the origin country.
        public let tracked: Bool
    }

    /// The service of a two-letter indicator, or `nil` when the UPU has not
    /// allocated it (such a number is not a real S10 identifier).
    public static func service(first: UInt8, second: UInt8) -> Service? {
        guard first >= 10, first < 36, second >= 10, second < 36 else { return nil }
        let letter = Character(Unicode.Scalar(Symbol.ascii(first)))
        let secondLetter = Character(Unicode.Scalar(Symbol.ascii(second)))
        switch letter {
        case "E": return ems
        case "R": return registered
        case "L": return letterExpress
        case "V": return insured
        case "C": return parcel
        case "H": return ecommerceParcel
        case "U": return unregistered
        case "M": return mBag
        case "Q" where secondLetter <= "M": return businessReply
        case "B", "D", "N", "P", "Z": return domestic
        case "A" where secondLetter >= "V": return domestic
        case "G" where secondLetter == "A" || secondLetter == "D": return domestic
        default: return nil
        }
    }

    static let ems = Service(
        code: "E", name: LocalizedText(ko: "EMS 국제특급우편", en: "EMS express mail"), tracked: true)
    static let registered = Service(
        code: "R", name: LocalizedText(ko: "국제등기우편", en: "Registered letter post"), tracked: true)
    static let letterExpress = Service(
        code: "L", name: LocalizedText(ko: "국제특급 서장(추적 서신)", en: "Letter post express"), tracked: true)
    static let insured = Service(
        code: "V", name: LocalizedText(ko: "보험취급 우편", en: "Insured letter post"), tracked: true)
    static let parcel = Service(
        code: "C", name: LocalizedText(ko: "국제소포", en: "Parcel post"), tracked: true)
    static let ecommerceParcel = Service(
        code: "H", name: LocalizedText(ko: "전자상거래 소포", en: "E-commerce parcel"), tracked: true)
    static let unregistered = Service(
        code: "U",
        name: LocalizedText(ko: "비등기 소형포장물(일반 우편)", en: "Unregistered letter post / small packet"),
        tracked: false)
    static let mBag = Service(
        code: "M", name: LocalizedText(ko: "인쇄물 자루(M-bag)", en: "M-bag (printed matter sack)"),
        tracked: false)
    static let businessReply = Service(
        code: "Q", name: LocalizedText(ko: "국제반신우편", en: "International business reply"), tracked: false)
    static let domestic = Service(
        code: "D", name: LocalizedText(ko: "국내·양자 협정용", en: "Domestic or bilateral use"), tracked: true)

    /// The postal operator that issues S10 numbers for a country code.
    public struct Operator: Sendable, Hashable {
        public let country: String
        public let countryName: String
        public let name: LocalizedText
        public let carrierID: String
    }

    /// Operators with a registry id of their own; every other operator gets `<cc>.post`.
    static let operatorOverrides: [String: (id: String, ko: String?)] = [
        "CN": ("cn.chinapost", "중국우정"), "KR": ("kr.epost", "우체국"), "GB": ("gb.royalmail", "로열메일"),
        "US": ("us.usps", "미국우정청(USPS)"), "CA": ("ca.canadapost", "캐나다포스트"),
        "DE": ("de.deutschepost", "도이치포스트"), "JP": ("jp.japanpost", "일본우정"),
        "FR": ("fr.laposte", "프랑스 라포스트"), "HK": ("hk.hongkongpost", "홍콩우정"),
        "TW": ("tw.chunghwapost", "대만 중화우정"), "SG": ("sg.singpost", "싱가포르포스트"),
        "AU": ("au.auspost", "호주우정"), "NL": ("nl.postnl", "포스트NL"), "CH": ("ch.swisspost", "스위스포스트"),
        "VN": ("vn.vnpost", "베트남우정"), "TH": ("th.thailandpost", "태국우정"),
        "MY": ("my.posmalaysia", "말레이시아우정"), "RU": ("ru.russianpost", "러시아우정"),
        "IT": ("it.posteitaliane", "이탈리아우정"), "ES": ("es.correos", "스페인우정(Correos)"),
        "IN": ("in.indiapost", "인도우정"), "NZ": ("nz.nzpost", "뉴질랜드우정"),
        "PH": ("ph.phlpost", "필리핀우정"), "ID": ("id.posindonesia", "인도네시아우정"),
        "MO": ("mo.macaupost", "마카오우정"), "YP": ("cn.yanwen", "옌원"),
    ]

    /// `CC|country|operator` (an empty operator means the UPU lists none by name).
    /// Country codes from the UPU member list; `YP` is the code Yanwen prints in
    /// place of a country on its S10-shaped numbers.
    static let operatorTable = """
        AF|Afghanistan|Afghan Post
        AL|Albania|Posta Shqiptare
        DZ|Algeria|Algérie Poste
        AO|Angola|Correios de Angola
        AG|Antigua and Barbuda|
        AR|Argentina|Correo Argentino
        AM|Armenia|HayPost
        AU|Australia|Australia Post
        AT|Austria|Österreichische Post
        AZ|Azerbaijan|Azerpost
        BS|Bahamas|Bahamas Postal Service
        BH|Bahrain|Bahrain Post
        BD|Bangladesh|Bangladesh Post Office
        BB|Barbados|Barbados Postal Service
        BY|Belarus|Belpochta
        BE|Belgium|bpost
        BZ|Belize|Belize Postal Service
        BJ|Benin|La Poste du Bénin
        BT|Bhutan|Bhutan Post
        BO|Bolivia|Correos de Bolivia
        BA|Bosnia and Herzegovina|BH Pošta
        BW|Botswana|BotswanaPost
        BR|Brazil|Correios
        BN|Brunei Darussalam|Brunei Postal Services
        BG|Bulgaria|Bulgarian Posts
        BF|Burkina Faso|SONAPOST
        BI|Burundi|Régie nationale des postes
        KH|Cambodia|Cambodia Post
        CM|Cameroon|Campost
        CA|Canada|Canada Post
        CV|Cape Verde|Correios de Cabo Verde
        CF|Central African Republic|
        TD|Chad|
        CL|Chile|Correos de Chile
        CN|China|China Post
        CO|Colombia|4-72 La Red Postal de Colombia
        KM|Comoros|Société Nationale des Postes
        CG|Congo|
        CR|Costa Rica|Correos de Costa Rica
        HR|Croatia|Hrvatska pošta
        CU|Cuba|Correos de Cuba
        CY|Cyprus|Cyprus Post
        CZ|Czechia|Česká pošta
        CI|Côte d'Ivoire|La Poste de Côte d'Ivoire
        KP|Democratic People's Republic of Korea|
        CD|Democratic Republic of the Congo|
        DK|Denmark|PostNord Denmark
        DJ|Djibouti|
        DM|Dominica|General Post Office
        DO|Dominican Republic|INPOSDOM
        EC|Ecuador|Correos del Ecuador
        EG|Egypt|Egypt Post
        SV|El Salvador|Correos de El Salvador
        GQ|Equatorial Guinea|
        ER|Eritrea|Eritrean Postal Service
        EE|Estonia|Omniva
        ET|Ethiopia|Ethiopian Postal Service
        FJ|Fiji|Post Fiji
        FI|Finland|Posti
        FR|France|La Poste
        GA|Gabon|La Poste (Gabon)
        GM|Gambia|Gambia Postal Services
        GE|Georgia|Georgian Post
        DE|Germany|Deutsche Post
        GH|Ghana|Ghana Post
        GB|United Kingdom|Royal Mail
        GR|Greece|ELTA Hellenic Post
        GD|Grenada|Grenada Postal Corporation
        GT|Guatemala|El Correo
        GN|Guinea|
        GW|Guinea-Bissau|
        GY|Guyana|Guyana Post Office Corporation
        HT|Haiti|Office des Postes d'Haïti
        HN|Honduras|Honducor
        HK|Hong Kong|Hongkong Post
        HU|Hungary|Magyar Posta
        IS|Iceland|Íslandspóstur
        IN|India|India Post
        ID|Indonesia|Pos Indonesia
        IR|Iran|Iran Post
        IQ|Iraq|Iraqi Post
        IE|Ireland|An Post
        IL|Israel|Israel Post
        IT|Italy|Poste Italiane
        JM|Jamaica|Jamaica Post
        JP|Japan|Japan Post
        JO|Jordan|Jordan Post
        KZ|Kazakhstan|Kazpost
        KE|Kenya|Posta Kenya
        KI|Kiribati|
        KR|Republic of Korea|Korea Post
        KW|Kuwait|Kuwait Post
        KG|Kyrgyzstan|Kyrgyz Post
        LA|Laos|
        LV|Latvia|Latvijas Pasts
        LB|Lebanon|LibanPost
        LS|Lesotho|Lesotho Post
        LR|Liberia|Liberia Postal Service
        LY|Libya|Libya Post
        LI|Liechtenstein|Liechtensteinische Post
        LT|Lithuania|Lietuvos paštas
        LU|Luxembourg|POST Luxembourg
        MO|Macao|Macao Post
        MG|Madagascar|Paositra Malagasy
        MW|Malawi|Malawi Posts Corporation
        MY|Malaysia|Pos Malaysia
        MV|Maldives|Maldives Post
        ML|Mali|Office national des postes
        MT|Malta|MaltaPost
        MR|Mauritania|Mauripost
        MU|Mauritius|Mauritius Post
        MX|Mexico|Correos de México
        MD|Moldova|Poșta Moldovei
        MC|Monaco|La Poste Monaco
        MN|Mongolia|Mongol Post
        ME|Montenegro|Pošta Crne Gore
        MA|Morocco|Barid Al-Maghrib
        MZ|Mozambique|Correios de Moçambique
        MM|Myanmar|
        NA|Namibia|NamPost
        NR|Nauru|
        NP|Nepal|Nepal Postal Services
        NL|Netherlands|PostNL
        NZ|New Zealand|NZ Post
        NI|Nicaragua|Correos de Nicaragua
        NE|Niger|Niger Poste
        NG|Nigeria|Nigerian Postal Service
        MK|North Macedonia|Pošta na Severna Makedonija
        NO|Norway|Posten Norge
        OM|Oman|Oman Post
        PK|Pakistan|Pakistan Post
        PA|Panama|Correos de Panamá
        PG|Papua New Guinea|Post PNG
        PY|Paraguay|Correo Paraguayo
        PE|Peru|Serpost
        PH|Philippines|PHLPost
        PL|Poland|Poczta Polska
        PT|Portugal|CTT Correios de Portugal
        QA|Qatar|Qatar Post
        RO|Romania|Poșta Română
        RU|Russian Federation|Russian Post
        RW|Rwanda|Iposita
        KN|Saint Kitts and Nevis|St. Kitts & Nevis Postal Services
        LC|Saint Lucia|Saint Lucia Postal Service
        VC|Saint Vincent and the Grenadines|SVG Postal Corporation
        WS|Samoa|Samoa Post
        SM|San Marino|Poste San Marino
        ST|Sao Tome and Principe|Correios de São Tomé e Príncipe
        SA|Saudi Arabia|Saudi Post
        SN|Senegal|
        RS|Serbia|Pošta Srbije
        SC|Seychelles|Seychelles Postal Services
        SL|Sierra Leone|Sierra Leone Postal Services
        SG|Singapore|SingPost
        SK|Slovakia|Slovenská pošta
        SI|Slovenia|Pošta Slovenije
        SB|Solomon Islands|
        SO|Somalia|
        ZA|South Africa|South African Post Office
        SS|South Sudan|
        ES|Spain|Correos
        LK|Sri Lanka|Sri Lanka Post
        SD|Sudan|Sudapost
        SR|Suriname|Surpost
        SZ|Eswatini|Eswatini Posts and Telecommunications
        SE|Sweden|PostNord Sweden
        CH|Switzerland|Swiss Post
        SY|Syria|Syrian Post
        TW|Taiwan|Chunghwa Post
        TJ|Tajikistan|
        TZ|Tanzania|Tanzania Posts Corporation
        TH|Thailand|Thailand Post
        TL|Timor-Leste|
        TG|Togo|La Poste du Togo
        TO|Tonga|Tonga Post
        TT|Trinidad and Tobago|TTPost
        TN|Tunisia|La Poste Tunisienne
        TR|Türkiye|PTT
        TM|Turkmenistan|Turkmenpost
        TV|Tuvalu|
        UG|Uganda|Posta Uganda
        UA|Ukraine|Ukrposhta
        AE|United Arab Emirates|Emirates Post
        US|United States|United States Postal Service
        UY|Uruguay|Correo Uruguayo
        UZ|Uzbekistan|Uzbekiston Pochtasi
        VU|Vanuatu|Vanuatu Post
        VA|Vatican|Vatican Post
        VE|Venezuela|Ipostel
        VN|Viet Nam|Vietnam Post
        YE|Yemen|Yemen Post
        ZM|Zambia|Zampost
        ZW|Zimbabwe|Zimpost
        AW|Aruba|Post Aruba
        CW|Curaçao|Cpost International
        GI|Gibraltar|Royal Gibraltar Post Office
        FO|Faroe Islands|Posta
        GL|Greenland|Tusass
        NC|New Caledonia|OPT Nouvelle-Calédonie
        PF|French Polynesia|OPT Polynésie
        JE|Jersey|Jersey Post
        GG|Guernsey|Guernsey Post
        IM|Isle of Man|Isle of Man Post Office
        YP|Yanwen (China)|Yanwen Logistics
        """

    /// Every operator, parsed once from `operatorTable`.
    public static let operators: [Operator] = operatorTable.split(separator: "\n").map { line in
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let country = fields[0]
        let english = fields[2].isEmpty ? "\(fields[1]) postal service" : fields[2]
        let override = operatorOverrides[country]
        return Operator(
            country: country, countryName: fields[1],
            name: LocalizedText(ko: override?.ko ?? english, en: english),
            carrierID: override?.id ?? "\(country.lowercased()).post")
    }
}

/// The decoded parts of an S10 number, as `check --json` reports them.
public struct S10Details: Sendable, Hashable {
    public let service: String
    public let serviceName: LocalizedText
    public let serial: String
    public let checkDigit: String
    public let checkDigitValid: Bool
    public let country: String
    public let `operator`: String
    public let tracked: Bool
}
