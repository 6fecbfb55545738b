import Foundation

/// The order exports ParcelDesk reads.
public enum ImportFormat: String, Sendable, CaseIterable, Codable {
    case aliexpress, smartstore, generic
}

/// What a column can hold.
public enum ImportField: String, Sendable, CaseIterable, Codable {
    case externalId, marketplace, placedAt, confirmedAt, promisedBy
    case buyerName, buyerPhone, buyerEmail
    case itemName, quantity, price
    case carrier, trackingNumber, shippingOption, shippedAt, origin, destination
}

/// How one export names its columns. Columns are found by header name (any
/// order, case, spacing and punctuation aside); unknown columns are ignored.
public struct ImportLayout: Sendable {
    public let format: ImportFormat
    /// Header names per field, the export's own first.
    public let headers: [ImportField: [String]]
    /// Values the export does not carry (its marketplace, its route).
    public let defaults: [ImportField: String]

    public static func standard(_ format: ImportFormat) -> ImportLayout {
        switch format {
        case .smartstore: smartstore
        case .aliexpress: aliexpress
        case .generic: generic
        }
    }

    /// Naver Smartstore "발주/발송관리" export: one row per product order.
    public static let smartstore = ImportLayout(
        format: .smartstore,
        headers: [
            .externalId: ["주문번호"],
            .placedAt: ["주문일시", "결제일"],
            .confirmedAt: ["발주확인일"],
            .buyerName: ["구매자명", "수취인명"],
            .buyerPhone: ["구매자연락처", "수취인연락처1"],
            .itemName: ["상품명"],
            .quantity: ["수량"],
            .price: ["최종 상품별 총 주문금액", "상품별 총 주문금액", "상품가격"],
            .carrier: ["택배사"],
            .trackingNumber: ["송장번호"],
            .shippingOption: ["배송방법"],
            .shippedAt: ["발송일", "발송처리일"],
        ],
        defaults: [.marketplace: "smartstore", .origin: "KR", .destination: "KR"])

    /// AliExpress seller order export (English, Korean or Chinese headers).
    public static let aliexpress = ImportLayout(
        format: .aliexpress,
        headers: [
            .externalId: ["Order ID", "Order Number", "Order No.", "주문번호", "订单号"],
            .placedAt: ["Order Time", "Order Date", "Created Time", "주문 시간", "주문일", "下单时间"],
            .confirmedAt: ["Payment Time", "Paid Time", "결제 시간", "付款时间"],
            .buyerName: ["Buyer Name", "Buyer", "Contact Name", "Receiver", "구매자", "수령인", "买家名称"],
            .buyerPhone: ["Phone", "Mobile", "Phone Number", "전화번호", "联系电话"],
            .buyerEmail: ["Email", "이메일"],
            .itemName: ["Product Name", "Product", "Item", "상품명", "商品名称"],
            .quantity: ["Quantity", "Qty", "수량", "数量"],
            .price: ["Order Amount", "Amount", "Total", "금액", "订单金额"],
            .carrier: ["Logistics Company", "Carrier", "Shipping Company", "택배사", "物流公司"],
            .trackingNumber: ["Tracking Number", "Tracking No.", "Logistics Number", "운송장 번호", "运单号"],
            .shippingOption: ["Shipping Method", "Logistics Service", "Shipping Service", "배송 방법", "物流服务"],
            .shippedAt: ["Ship Time", "Shipped Time", "발송 시간", "发货时间"],
            .destination: ["Ship to Country", "Country", "국가"],
        ],
        defaults: [.marketplace: "aliexpress", .origin: "CN", .destination: "KR"])

    /// Columns named after the fields themselves (`externalId`, `trackingNumber`…),
    /// or mapped with `column=field`.
    public static let generic = ImportLayout(
        format: .generic, headers: Dictionary(uniqueKeysWithValues: ImportField.allCases.map { ($0, [$0.rawValue]) }),
        defaults: [:])

    static func key(_ header: String) -> String {
        header.lowercased().filter { !$0.isWhitespace && !"._-()/:".contains($0) }
            .replacingOccurrences(of: "\u{FEFF}", with: "")
    }
}

/// A problem with one line of an import (line 1 is the header).
public struct ImportProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public let line: Int
    public let column: String?
    public let message: String

    public init(line: Int, column: String?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "line \(line)\(column.map { ", column \($0)" } ?? ""): \(message)"
    }
}

/// Several problems at once: an import names every bad line.
public struct ImportProblems: Error, Sendable, Hashable {
    public let problems: [ImportProblem]

    public init(_ problems: [ImportProblem]) {
        self.problems = problems
    }
}

/// An order read from a file, with the line it starts on.
public struct ImportedOrder: Sendable {
    public let line: Int
    public let draft: OrderDraft
}

/// Turns an export's rows into checked orders. Rows of one order (one per
/// product) become one order with several items.
public struct OrderImporter: Sendable {
    public let layout: ImportLayout
    public let validator: OrderValidator
    /// `column=field` mappings given by the user, applied over the layout.
    public let mappings: [String: ImportField]

    public init(
        layout: ImportLayout, validator: OrderValidator = OrderValidator(), mappings: [String: ImportField] = [:]
    ) {
        self.layout = layout
        self.validator = validator
        self.mappings = mappings
    }

    /// Parses `column=field` arguments, naming the bad ones.
    public static func mappings(_ arguments: [String]) -> Result<[String: ImportField], ImportProblem> {
        var result: [String: ImportField] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let field = ImportField(rawValue: parts[1].trimmed)
            else {
                let fields = ImportField.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(
                    ImportProblem(
                        line: 0, column: nil,
                        message: "--map \"\(argument)\": expected column=field, field one of \(fields)"))
            }
            result[parts[0].trimmed] = field
        }
        return .success(result)
    }

    /// Which column holds which field; every field needed but missing is a problem on line 1.
    public func columns(header: [String]) -> Result<[ImportField: Int], ImportProblems> {
        var found: [ImportField: Int] = [:]
        let keys = header.map(ImportLayout.key)
        for (column, field) in mappings {
            guard let index = keys.firstIndex(of: ImportLayout.key(column)) else {
                return .failure(
                    ImportProblems([ImportProblem(line: 1, column: column, message: "no such column in the header")]))
            }
            found[field] = index
        }
        for (field, names) in layout.headers where found[field] == nil {
            for name in names {
                if let index = keys.firstIndex(of: ImportLayout.key(name)) {
                    found[field] = index
                    break
                }
            }
        }
        let missing = [ImportField.externalId, .placedAt].filter { found[$0] == nil }
        guard missing.isEmpty else {
            return .failure(
                ImportProblems(
                    missing.map { field in
                        let names = (layout.headers[field] ?? [field.rawValue]).joined(separator: " / ")
                        return ImportProblem(
                            line: 1, column: names, message: "required column missing (\(field.rawValue))")
                    }))
        }
        return .success(found)
    }

    /// Reads data rows (`line` is the file line, the header being 1).
    public func orders(_ rows: [(line: Int, cells: [String])], columns: [ImportField: Int])
        -> (orders: [ImportedOrder], problems: [ImportProblem])
    {
        let names = columnNames(columns)
        func cell(_ field: ImportField, _ cells: [String]) -> String? {
            if let index = columns[field], index < cells.count {
                let value = cells[index].trimmed
                if !value.isEmpty { return Self.unquoted(value) }
            }
            return layout.defaults[field]
        }
        // Group rows by order number, keeping the file's order.
        var groups: [(id: String, rows: [(line: Int, cells: [String])])] = []
        var position: [String: Int] = [:]
        var problems: [ImportProblem] = []
        for row in rows {
            guard let id = cell(.externalId, row.cells) else {
                problems.append(ImportProblem(line: row.line, column: names[.externalId], message: "is empty"))
                continue
            }
            if let index = position[id] {
                groups[index].rows.append(row)
            } else {
                position[id] = groups.count
                groups.append((id, [row]))
            }
        }
        var orders: [ImportedOrder] = []
        var memo = ValidationMemo()
        for group in groups {
            let first = group.rows[0]
            var raw = RawOrder()
            raw.externalID = group.id
            raw.marketplace = cell(.marketplace, first.cells)
            raw.placedAt = cell(.placedAt, first.cells)
            raw.confirmedAt = cell(.confirmedAt, first.cells)
            raw.promisedBy = cell(.promisedBy, first.cells)
            raw.buyerName = cell(.buyerName, first.cells)
            raw.buyerPhone = cell(.buyerPhone, first.cells)
            raw.buyerEmail = cell(.buyerEmail, first.cells)
            var number: (line: Int, value: String)?
            var conflict = false
            for row in group.rows {
                if let name = cell(.itemName, row.cells) {
                    raw.items.append(
                        RawOrder.RawItem(
                            name: name, quantity: cell(.quantity, row.cells), price: cell(.price, row.cells)))
                }
                if let value = cell(.trackingNumber, row.cells) {
                    if let known = number, canonicalNumber(known.value) != canonicalNumber(value) {
                        problems.append(
                            ImportProblem(
                                line: row.line, column: names[.trackingNumber],
                                message:
                                    "order \(group.id) already has tracking number \(known.value) (line \(known.line)); one parcel per order"
                            ))
                        conflict = true
                    } else if number == nil {
                        number = (row.line, value)
                    }
                }
            }
            if let number {
                let source = group.rows.first { $0.line == number.line } ?? first
                raw.shipment = RawOrder.RawShipment(
                    carrier: cell(.carrier, source.cells), trackingNumber: number.value,
                    shippingOption: cell(.shippingOption, source.cells), shippedAt: cell(.shippedAt, source.cells),
                    origin: cell(.origin, source.cells), destination: cell(.destination, source.cells))
            }
            switch validator.validate(raw, memo: &memo) {
            case .success(let draft) where !conflict:
                orders.append(ImportedOrder(line: first.line, draft: draft))
            case .success:
                break
            case .failure(let failure):
                for error in failure.errors {
                    let (field, item) = Self.field(of: error.field)
                    let line =
                        item.map { group.rows.indices.contains($0) ? group.rows[$0].line : first.line } ?? first.line
                    problems.append(
                        ImportProblem(line: line, column: field.flatMap { names[$0] }, message: error.message))
                }
            }
        }
        problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        return (orders, problems)
    }

    /// The header text of each mapped column, for messages.
    public func columnNames(_ columns: [ImportField: Int]) -> [ImportField: String] {
        var names: [ImportField: String] = [:]
        for field in ImportField.allCases {
            if let mapped = mappings.first(where: { $0.value == field }) {
                names[field] = mapped.key
            } else if columns[field] != nil {
                names[field] = layout.headers[field]?.first ?? field.rawValue
            } else {
                names[field] = field.rawValue
            }
        }
        return names
    }

    /// `shipment.trackingNumber` → `.trackingNumber`; `items[2].price` → (`.price`, row 2).
    static func field(of path: String) -> (ImportField?, Int?) {
        switch path {
        case "externalId": return (.externalId, nil)
        case "marketplace": return (.marketplace, nil)
        case "buyer.name": return (.buyerName, nil)
        case "buyer.phone": return (.buyerPhone, nil)
        case "shipment.shippingOption": return (.shippingOption, nil)
        case "placedAt": return (.placedAt, nil)
        case "confirmedAt": return (.confirmedAt, nil)
        case "promisedBy": return (.promisedBy, nil)
        case "buyer.email": return (.buyerEmail, nil)
        case "shipment.trackingNumber": return (.trackingNumber, nil)
        case "shipment.carrier": return (.carrier, nil)
        case "shipment.shippedAt": return (.shippedAt, nil)
        case "shipment.origin": return (.origin, nil)
        case "shipment.destination": return (.destination, nil)
        default:
            guard path.hasPrefix("items["), let close = path.firstIndex(of: "]"),
                let index = Int(path[path.index(path.startIndex, offsetBy: 6)..<close])
            else { return (nil, nil) }
            let rest = path[path.index(after: close)...]
            let field: ImportField =
                rest.hasSuffix("quantity") ? .quantity : rest.hasSuffix("price") ? .price : .itemName
            return (field, index)
        }
    }

    /// Spreadsheets export long numbers as `'000123` or `="000123"` to keep their zeros.
    static func unquoted(_ value: String) -> String {
        let bytes = value.utf8
        guard let first = bytes.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "'") else { return value }
        if first == UInt8(ascii: "="), bytes.count >= 3, bytes.dropFirst().first == UInt8(ascii: "\""),
            bytes.last == UInt8(ascii: "\"")
        {
            return String(value.dropFirst(2).dropLast())
        }
        if first == UInt8(ascii: "'"), bytes.count > 1 { return String(value.dropFirst()) }
        return value
    }
}
