import Foundation
import ParcelCore

/// The bundle's `index.html`: the claim on one page, in Korean, with no
/// script and no outside resource, readable offline by whoever receives it.
extension ClaimService {
    static func index(
        _ view: View, order: StoredOrder, analysis: ShipmentAnalysis?, entries: [BundleEntry], now: Timestamp
    ) -> String {
        let claim = view.claim.claim
        let standing = view.standing
        var html = """
            <!doctype html>
            <html lang="ko"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>클레임 증빙 자료 · \(HTMLText.escaped(view.claim.label))</title>
            <style>
            body{font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d1d1f;line-height:1.5}
            h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
            table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
            th{background:#f5f5f7}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#555}
            .ok{color:#1a7f37}.missing{color:#b42318}code{font-size:.8rem;word-break:break-all}
            </style></head><body>
            <h1>클레임 증빙 자료 · \(HTMLText.escaped(view.claim.label))</h1>
            <p>\(HTMLText.escaped(view.report.profile.name.ko)) 주문 \(HTMLText.escaped(order.info.id))의 \(HTMLText.escaped(claim.type.label.ko)) 건입니다. \
            \(HTMLText.escaped(now.display())) 기준으로 만들었습니다.</p>

            """
        html += "<h2>주문</h2><dl>"
        html += row("주문번호", order.info.id)
        html += row("판매처", view.report.profile.name.ko)
        html += row("주문일", order.info.placedAt.display())
        if let buyer = order.info.buyerName { html += row("구매자", Masking.name(buyer)) }
        html += row("상품", order.items.map { "\($0.name) × \($0.quantity)" }.joined(separator: ", "))
        if let shipment = order.shipment {
            html += row("운송장", "\(shipment.carrier ?? "") \(shipment.trackingNumber)")
            if let shipped = shipment.shippedAt { html += row("발송일", shipped.display()) }
        }
        html += row("주문 단계", view.report.standing.stage.label.ko)
        html += "</dl>"

        html += "<h2>클레임</h2><dl>"
        html += row("종류", claim.type.label.ko)
        html += row("사유", claim.reason.label.ko)
        html += row("상태", standing.state.label.ko)
        html += row("신청일", standing.openedAt.display())
        if let detail = view.claim.detail { html += row("내용", detail) }
        if let amount = standing.amount ?? claim.amount { html += row("금액", "\(amount)") }
        if let payer = view.payer { html += row("반품 배송비", "\(payer.label.ko) 부담") }
        if let (_, range) = view.refundDays {
            html += row("예상 환불 기간", range.businessDays ? "\(range.max)영업일 이내" : "\(range.min)~\(range.max)일")
        }
        html += "</dl>"

        html += "<h2>처리 기록</h2><table><tr><th>일시</th><th>처리</th><th>주체</th><th>메모</th><th>운송장</th></tr>"
        for step in claim.history {
            html +=
                "<tr><td>\(HTMLText.escaped(step.at.display()))</td><td>\(HTMLText.escaped(step.action.label.ko))</td>"
            html += "<td>\(HTMLText.escaped(step.by.label.ko))</td><td>\(HTMLText.escaped(step.note ?? ""))</td>"
            html +=
                "<td>\(HTMLText.escaped([step.carrier, step.trackingNumber].compactMap { $0 }.joined(separator: " ")))</td></tr>"
        }
        html += "</table>"

        if !view.deadlines.isEmpty {
            html += "<h2>남은 기한</h2><table><tr><th>기한</th><th>일시</th><th>누가</th></tr>"
            for deadline in view.deadlines {
                html +=
                    "<tr><td>\(HTMLText.escaped(deadline.kind.label.ko))</td><td>\(HTMLText.escaped(LegalCalendar.display(deadline.due)))</td>"
                html += "<td>\(HTMLText.escaped(deadline.who.label.ko))</td></tr>"
            }
            html += "</table>"
        }

        html += "<h2>증빙 점검</h2><ul>"
        for item in view.checklist {
            let mark = item.provided ? "<span class=ok>✓ 있음</span>" : "<span class=missing>✗ 없음</span>"
            html += "<li>\(mark) \(HTMLText.escaped(item.kind.label.ko))</li>"
        }
        html += "</ul>"

        html += "<h2>파일</h2><table><tr><th>파일</th><th>종류</th><th>크기</th><th>SHA-256</th></tr>"
        for entry in entries {
            html += "<tr><td><a href=\"\(HTMLText.escaped(entry.path))\">\(HTMLText.escaped(entry.path))</a></td>"
            html += "<td>\(HTMLText.escaped(EvidenceKind(rawValue: entry.kind)?.label.ko ?? entry.kind))</td>"
            html += "<td>\(entry.size) 바이트</td><td><code>\(entry.sha256)</code></td></tr>"
        }
        html += "</table><p>manifest.json에 모든 파일의 크기와 SHA-256이 있습니다. 받은 파일의 해시를 다시 계산해 같은지 확인할 수 있습니다.</p>"

        html += "<h2>배송 조회 기록</h2>"
        if let timeline = analysis?.timeline, !timeline.entries.isEmpty {
            html += "<table><tr><th>일시</th><th>상태</th><th>위치</th><th>내용</th><th>출처</th></tr>"
            for entry in timeline.entries {
                html += "<tr><td>\(HTMLText.escaped(entry.time.display()))</td>"
                html += "<td>\(HTMLText.escaped(entry.milestone?.name.ko ?? entry.status?.name.ko ?? ""))</td>"
                html +=
                    "<td>\(HTMLText.escaped(timeline.location(entry) ?? ""))</td><td>\(HTMLText.escaped(timeline.text(entry)))</td>"
                html += "<td>\(HTMLText.escaped(timeline.sources(entry).joined(separator: ", ")))</td></tr>"
            }
            html += "</table>"
        } else {
            html += "<p>배송 조회 기록이 없습니다.</p>"
        }
        html += "</body></html>\n"
        return html
    }

    static func row(_ label: String, _ value: String) -> String {
        "<dt>\(HTMLText.escaped(label))</dt><dd>\(HTMLText.escaped(value))</dd>"
    }
}
