import Foundation

/// A value bound into, or read out of, either engine's SQL.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value the catalogue binds and reads: the same conversions on both engines.
public protocol SQLValueConvertible: Sendable {
    var sqlValue: SQLValue { get }
    static func fromSQL(_ value: SQLValue) -> Self?
    /// What a column that cannot hold NULL reads as if it ever did (never seen: the schema's
    /// NOT NULL and CHECKs keep it from happening).
    static var absent: Self { get }
}

extension SQLValue: SQLValueConvertible {
    public static var absent: SQLValue { .null }
    public var sqlValue: SQLValue { self }
    public static func fromSQL(_ value: SQLValue) -> SQLValue? { value }
}

extension String: SQLValueConvertible {
    public static var absent: String { "" }
    public var sqlValue: SQLValue { .text(self) }
    public static func fromSQL(_ value: SQLValue) -> String? {
        switch value {
        case .text(let text): text
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .blob(let data): String(data: data, encoding: .utf8)
        case .null: nil
        }
    }
}

extension Int64: SQLValueConvertible {
    public static var absent: Int64 { 0 }
    public var sqlValue: SQLValue { .integer(self) }
    public static func fromSQL(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let number): number
        case .real(let number): Int64(exactly: number.rounded(.towardZero))
        case .text(let text): Int64(text)
        default: nil
        }
    }
}

extension Int: SQLValueConvertible {
    public static var absent: Int { 0 }
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQL(_ value: SQLValue) -> Int? { Int64.fromSQL(value).map(Int.init) }
}

extension Double: SQLValueConvertible {
    public static var absent: Double { 0 }
    public var sqlValue: SQLValue { .real(self) }
    public static func fromSQL(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let number): number
        case .integer(let number): Double(number)
        case .text(let text): Double(text)
        default: nil
        }
    }
}

/// Booleans are 0/1 integers on both engines (the schema's CHECKs say so).
extension Bool: SQLValueConvertible {
    public static var absent: Bool { false }
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func fromSQL(_ value: SQLValue) -> Bool? { Int64.fromSQL(value).map { $0 != 0 } }
}

extension Data: SQLValueConvertible {
    public static var absent: Data { Data() }
    public var sqlValue: SQLValue { .blob(self) }
    public static func fromSQL(_ value: SQLValue) -> Data? {
        switch value {
        case .blob(let data): data
        case .text(let text): Data(text.utf8)
        default: nil
        }
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public static var absent: Wrapped? { nil }
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public static func fromSQL(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.fromSQL(value).map { .some($0) }
    }
}

/// A row read from either engine: its columns by position or (case-insensitively: PostgreSQL
/// folds unquoted names to lower case) by name.
public struct SQLRow: Sendable {
    /// A result's column names and their positions, shared by all its rows.
    final class Layout: Sendable {
        let names: [String]
        let positions: [String: Int]

        init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (position, name) in names.enumerated() where positions[name.lowercased()] == nil {
                positions[name.lowercased()] = position
            }
            self.positions = positions
        }
    }

    let layout: Layout
    public let values: [SQLValue]
    public var columns: [String] { layout.names }

    init(layout: Layout, values: [SQLValue]) {
        self.layout = layout
        self.values = values
    }

    init(columns: [String], values: [SQLValue]) {
        self.init(layout: Layout(columns), values: values)
    }

    /// The raw value of the column `name` (`.null` when there is no such column).
    public func value(named name: String) -> SQLValue {
        layout.positions[name.lowercased()].map { values[$0] } ?? .null
    }

    public func has(_ name: String) -> Bool { layout.positions[name.lowercased()] != nil }

    /// The value at `position` as `T` (an optional `T` reads NULL as nil).
    public subscript<T: SQLValueConvertible>(position: Int) -> T {
        position < values.count ? T.fromSQL(values[position]) ?? T.absent : T.absent
    }

    public subscript<T: SQLValueConvertible>(name: String) -> T {
        T.fromSQL(value(named: name)) ?? T.absent
    }

    /// A column that must hold a `T`.
    public func required<T: SQLValueConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let value = T.fromSQL(value(named: name)) else {
            throw CatalogError("the catalogue's column \(name) holds no readable value")
        }
        return value
    }
}
