import Foundation
import Testing

@testable import ParcelCore

@Suite("Evidence: types read from the first bytes, and what each claim needs")
struct EvidenceTests {
    static func bytes(_ head: [UInt8], padding: Int = 64) -> [UInt8] {
        head + [UInt8](repeating: 0x41, count: padding)
    }

    static func box(_ brand: String) -> [UInt8] {
        [0, 0, 0, 24] + Array("ftyp".utf8) + Array(brand.utf8) + [0, 0, 0, 0]
    }

    @Test(
        "photos, videos, PDFs and text are known by their content",
        arguments: [
            (bytes([0xFF, 0xD8, 0xFF, 0xE1]), "image/jpeg"),
            (bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "image/png"),
            (bytes(Array("GIF89a".utf8)), "image/gif"),
            (bytes(Array("RIFF".utf8) + [1, 2, 3, 4] + Array("WEBP".utf8)), "image/webp"),
            (bytes(box("heic")), "image/heic"),
            (bytes(box("isom")), "video/mp4"),
            (bytes(box("qt  ")), "video/quicktime"),
            (bytes(Array("%PDF-1.7\n".utf8)), "application/pdf"),
            (Array("[10:01] 구매자: 색이 사진과 달라요\r\n[10:03] 판매자: 확인해 볼게요\n".utf8), "text/plain; charset=utf-8"),
        ])
    func known(bytes: [UInt8], mediaType: String) {
        #expect(EvidenceFileType.sniff(bytes)?.mediaType == mediaType)
    }

    @Test(
        "anything else is refused, whatever its name would say",
        arguments: [
            bytes([0x50, 0x4B, 0x03, 0x04]),  // a ZIP
            bytes([0x7F, 0x45, 0x4C, 0x46]),  // an executable
            bytes(box("xxxx")),  // an unknown ISO box brand
            [0x00, 0x01, 0x02, 0x03],  // binary noise
            Array("text with a NUL\u{0} inside".utf8),
            [0xC3, 0x28, 0x41, 0x41],  // broken UTF-8
            [],
        ])
    func refused(bytes: [UInt8]) {
        #expect(EvidenceFileType.sniff(bytes) == nil)
    }

    @Test("a long text cut through a Korean character at the sample's end is still text")
    func longText() {
        let text = Array(String(repeating: "가나다라마바사 ", count: 2000).utf8)
        #expect(text.count > 8192)
        #expect(EvidenceFileType.sniff(text)?.fileExtension == "txt")
    }

    @Test("each claim asks for what proves it; ParcelDesk makes the order record and tracking history itself")
    func checklist() {
        let notAsDescribed = EvidenceChecklist.items(for: .disputeNotAsDescribed, reason: .notAsDescribed)
        #expect(notAsDescribed.starts(with: [.itemPhotos, .listing, .comparison, .chatLog]))
        #expect(EvidenceChecklist.items(for: .return, reason: .damaged).contains(.packagingPhotos))
        #expect(EvidenceChecklist.items(for: .return, reason: .changeOfMind).contains(.returnReceipt))
        #expect(EvidenceChecklist.items(for: .disputeNonDelivery, reason: .notReceived).first == .trackingHistory)
        let status = EvidenceChecklist.status(for: .refund, reason: .defective, uploaded: [.itemPhotos])
        #expect(status.first { $0.kind == .itemPhotos }?.provided == true)
        #expect(status.first { $0.kind == .defectVideo }?.provided == false)
        #expect(status.first { $0.kind == .orderRecord }?.provided == true)
    }
}
