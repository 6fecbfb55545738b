/// What a claim's evidence is: the kinds sellers and buyers gather, what
/// each claim needs, and what a file really is, read from its first bytes
/// (a name or a declared type proves nothing).
public enum EvidenceKind: String, Sendable, Hashable, CaseIterable {
    /// Photos of the item as it arrived.
    case itemPhotos = "item_photos"
    /// A video of the defect, or of the unboxing.
    case defectVideo = "defect_video"
    case packagingPhotos = "packaging_photos"
    /// The listing as the buyer saw it (a screenshot or a PDF).
    case listing
    /// The listing and the received item side by side.
    case comparison
    /// The conversation with the buyer or the seller, exported.
    case chatLog = "chat_log"
    /// Proof that the return was sent: a receipt or the return label.
    case returnReceipt = "return_receipt"
    case other
    /// Made by ParcelDesk for every bundle: the order as stored.
    case orderRecord = "order_record"
    /// Made by ParcelDesk for every bundle: the tracking history at export time.
    case trackingHistory = "tracking_history"

    /// Generated for every bundle rather than uploaded.
    public var isGenerated: Bool { self == .orderRecord || self == .trackingHistory }

    public var label: LocalizedText {
        switch self {
        case .itemPhotos: LocalizedText(ko: "받은 상품 사진", en: "Photos of the item received")
        case .defectVideo: LocalizedText(ko: "불량 부분·개봉 영상", en: "Video of the defect or the unboxing")
        case .packagingPhotos: LocalizedText(ko: "포장·송장 사진", en: "Photos of the packaging and label")
        case .listing: LocalizedText(ko: "판매 페이지 화면", en: "The listing as shown")
        case .comparison: LocalizedText(ko: "판매 페이지와 받은 상품 비교", en: "Listing and item side by side")
        case .chatLog: LocalizedText(ko: "대화 기록", en: "Chat log")
        case .returnReceipt: LocalizedText(ko: "반품 발송 영수증", en: "Return shipping receipt")
        case .other: LocalizedText(ko: "기타 자료", en: "Other")
        case .orderRecord: LocalizedText(ko: "주문 기록", en: "Order record")
        case .trackingHistory: LocalizedText(ko: "배송 조회 기록", en: "Tracking history")
        }
    }
}

/// The evidence a claim should carry, by its type and reason.
public enum EvidenceChecklist {
    public static func items(for type: ClaimType, reason: ClaimReason) -> [EvidenceKind] {
        var items: [EvidenceKind]
        switch (type, reason) {
        case (.cancel, _):
            items = []
        case (.disputeNotAsDescribed, _), (_, .notAsDescribed), (_, .wrongItem):
            items = [.itemPhotos, .listing, .comparison, .chatLog]
        case (_, .defective):
            items = [.itemPhotos, .defectVideo]
        case (_, .damaged):
            items = [.itemPhotos, .packagingPhotos]
        case (.disputeNonDelivery, _), (_, .late), (_, .notReceived):
            items = [.trackingHistory, .chatLog]
        default:
            items = []
        }
        if type.takesGoodsBack, !items.contains(.returnReceipt) { items.append(.returnReceipt) }
        for generated in [EvidenceKind.orderRecord, .trackingHistory] where !items.contains(generated) {
            items.append(generated)
        }
        return items
    }

    /// Each item, and whether the uploads (or ParcelDesk itself) provide it.
    public static func status(for type: ClaimType, reason: ClaimReason, uploaded: some Sequence<EvidenceKind>)
        -> [(kind: EvidenceKind, provided: Bool)]
    {
        let have = Set(uploaded)
        return items(for: type, reason: reason).map { ($0, $0.isGenerated || have.contains($0)) }
    }
}

/// A file's real type, from its first bytes.
public struct EvidenceFileType: Sendable, Hashable {
    public let mediaType: String
    public let fileExtension: String

    /// The types a claim accepts: photos, video, PDF, and plain text (chat exports).
    public static func sniff(_ bytes: some Collection<UInt8>) -> EvidenceFileType? {
        let head = Array(bytes.prefix(64))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<(offset + prefix.count)]) == prefix
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }
        if starts([0xFF, 0xD8, 0xFF]) { return EvidenceFileType(mediaType: "image/jpeg", fileExtension: "jpg") }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return EvidenceFileType(mediaType: "image/png", fileExtension: "png")
        }
        if ascii("GIF87a") || ascii("GIF89a") { return EvidenceFileType(mediaType: "image/gif", fileExtension: "gif") }
        if ascii("RIFF"), ascii("WEBP", at: 8) {
            return EvidenceFileType(mediaType: "image/webp", fileExtension: "webp")
        }
        if ascii("%PDF-") { return EvidenceFileType(mediaType: "application/pdf", fileExtension: "pdf") }
        if ascii("ftyp", at: 4), head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            switch brand {
            case "heic", "heix", "hevc", "hevx", "mif1", "msf1":
                return EvidenceFileType(mediaType: "image/heic", fileExtension: "heic")
            case "qt  ":
                return EvidenceFileType(mediaType: "video/quicktime", fileExtension: "mov")
            case "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "MSNV", "3gp4", "3gp5":
                return EvidenceFileType(mediaType: "video/mp4", fileExtension: "mp4")
            default:
                return nil
            }
        }
        if isText(bytes) { return EvidenceFileType(mediaType: "text/plain; charset=utf-8", fileExtension: "txt") }
        return nil
    }

    /// UTF-8 text without control characters (tabs and line breaks aside), judged on its first 8 KB.
    static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        var sample = Array(bytes.prefix(8192))
        guard !sample.isEmpty else { return false }
        // A cut through the middle of a character at the end of the sample is not an error.
        if bytes.count > sample.count {
            var trim = 0
            while trim < 3, let last = sample.last, last & 0xC0 == 0x80 {
                sample.removeLast()
                trim += 1
            }
            if let last = sample.last, last >= 0xC0 { sample.removeLast() }
        }
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { sample.removeFirst(3) }
        guard sample.allSatisfy({ $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }), !sample.contains(0x7F) else {
            return false
        }
        return String(validating: sample, as: UTF8.self) != nil
    }
}
