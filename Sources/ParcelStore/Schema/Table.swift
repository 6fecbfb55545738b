import Foundation
import ParcelCore
import SQLKit

/// The types a column holds, as both engines name them.
enum ColumnType: Sendable {
    case uuid, text, double, int

    /// For `json_to_recordset`'s column definitions.
    var postgres: String {
        switch self {
        case .uuid: "uuid"
        case .text: "text"
        case .double: "float8"
        case .int: "int8"
        }
    }
}

/// One value as it is written.
enum Cell: Sendable {
    case null, text(String), double(Double), int(Int), uuid(UUID)

    init(_ value: String?) { self = value.map(Cell.text) ?? .null }
    init(_ value: Double?) { self = value.map(Cell.double) ?? .null }
    init(_ value: Int?) { self = value.map(Cell.int) ?? .null }

    /// As a JSON member of a `json_to_recordset` row.
    var json: JSONValue {
        switch self {
        case .null: .null
        case .text(let text): .string(text)
        case .double(let value): .double(value)
        case .int(let value): .int(value)
        case .uuid(let id): .string(id.text)
        }
    }

    /// As an SQLKit parameter of a column of `type`: PostgreSQL wants even a NULL typed.
    func bind(as type: ColumnType) -> SQLBind {
        switch self {
        case .null:
            switch type {
            case .uuid: SQLBind(UUID?.none)
            case .text: SQLBind(String?.none)
            case .double: SQLBind(Double?.none)
            case .int: SQLBind(Int?.none)
            }
        case .text(let text): SQLBind(text)
        case .double(let value): SQLBind(value)
        case .int(let value): SQLBind(value)
        case .uuid(let id): SQLBind(id)
        }
    }
}

/// A column written from a `Row`; `now` is the moment of the write.
struct Column<Row>: Sendable {
    let name: String
    let type: ColumnType
    let nullable: Bool
    let value: @Sendable (_ row: Row, _ now: Double) -> Cell

    init(
        _ name: String, _ type: ColumnType, nullable: Bool = false,
        _ value: @escaping @Sendable (_ row: Row, _ now: Double) -> Cell
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.value = value
    }
}

/// One table as the busy paths write it: the one list its insert
/// statements, binds and PostgreSQL types come from. The migrations create
/// it; `SchemaTests` holds the two to each other on both engines.
struct Table<Row>: Sendable {
    let name: String
    let columns: [Column<Row>]

    var columnNames: [String] { columns.map(\.name) }

    /// The columns named, in the order given; a name the table lacks is a programming error.
    func columns(_ names: [String]) -> [Column<Row>] {
        names.map { name in
            guard let column = columns.first(where: { $0.name == name }) else {
                preconditionFailure("table \(self.name) has no column \(name)")
            }
            return column
        }
    }

    /// `INSERT INTO name (…) VALUES (?1, …)` with numbered parameters, for SQLite's prepared statements.
    func sqliteInsert(suffix: String = "") -> String {
        let places = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(name) (\(columnNames.joined(separator: ", "))) VALUES (\(places))\(suffix)"
    }

    /// `(name, type)` pairs for `json_to_recordset`.
    func postgresTypes(_ columns: [Column<Row>]? = nil) -> [(String, String)] {
        (columns ?? self.columns).map { ($0.name, $0.type.postgres) }
    }

    /// The row's values as SQLKit parameters, for the rare writes.
    func binds(_ row: Row, now: Double) -> [SQLBind] {
        columns.map { $0.value(row, now).bind(as: $0.type) }
    }

    func cells(_ row: Row, now: Double, _ columns: [Column<Row>]? = nil) -> [Cell] {
        (columns ?? self.columns).map { $0.value(row, now) }
    }
}
