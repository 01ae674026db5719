import Foundation

/// Turns a flat `Encodable` record into its columns: each stored property a column, each value
/// one of `SQLValue`'s (an enum or a wrapper type encodes as the single value it wraps).
enum RecordEncoder {
    static func columns<R: Encodable>(of record: R) throws -> [(name: String, value: SQLValue)] {
        let encoder = ColumnsEncoder()
        try record.encode(to: encoder)
        return encoder.box.columns
    }
}

private final class ColumnsBox {
    var columns: [(name: String, value: SQLValue)] = []
}

private struct FlatRecordError: Error, CustomStringConvertible {
    let description: String
}

private struct ColumnsEncoder: Encoder {
    let box = ColumnsBox()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ColumnsContainer<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        fatalError("a catalogue record is a keyed container of columns")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        fatalError("a catalogue record is a keyed container of columns")
    }
}

private struct ColumnsContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ColumnsBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.columns.append((key.stringValue, .null)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.columns.append((key.stringValue, try ValueEncoder.value(of: value)))
    }

    // Every overload: the protocol's own would leave a nil out, and a saved row must set it NULL.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOptional(value, key) }

    private mutating func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        fatalError("a catalogue column holds a single value")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        fatalError("a catalogue column holds a single value")
    }

    mutating func superEncoder() -> any Encoder { fatalError("a catalogue column holds a single value") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { fatalError("a catalogue column holds a single value") }
}

/// Encodes one column's value.
private final class ValueEncoder: Encoder, SingleValueEncodingContainer {
    var result: SQLValue = .null
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func value<T: Encodable>(of value: T) throws -> SQLValue {
        if let direct = value as? any SQLValueConvertible { return direct.sqlValue }
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return encoder.result
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        fatalError("a catalogue column holds a single value")
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a catalogue column holds a single value") }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { result = .null }
    func encode(_ value: Bool) throws { result = value.sqlValue }
    func encode(_ value: String) throws { result = .text(value) }
    func encode(_ value: Double) throws { result = .real(value) }
    func encode(_ value: Float) throws { result = .real(Double(value)) }
    func encode(_ value: Int) throws { result = .integer(Int64(value)) }
    func encode(_ value: Int8) throws { result = .integer(Int64(value)) }
    func encode(_ value: Int16) throws { result = .integer(Int64(value)) }
    func encode(_ value: Int32) throws { result = .integer(Int64(value)) }
    func encode(_ value: Int64) throws { result = .integer(value) }
    func encode(_ value: UInt) throws { result = .integer(Int64(value)) }
    func encode(_ value: UInt8) throws { result = .integer(Int64(value)) }
    func encode(_ value: UInt16) throws { result = .integer(Int64(value)) }
    func encode(_ value: UInt32) throws { result = .integer(Int64(value)) }
    func encode(_ value: UInt64) throws { result = .integer(Int64(value)) }
    func encode<T: Encodable>(_ value: T) throws { result = try ValueEncoder.value(of: value) }
}

/// Reads a flat `Decodable` record from a row, column by column (names matched case-insensitively).
struct RowDecoder: Decoder {
    let row: SQLRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw FlatRecordError(description: "a catalogue record is a keyed container of columns")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw FlatRecordError(description: "a catalogue record is a keyed container of columns")
    }
}

private struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: SQLRow
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { row.has(key.stringValue) }
    func decodeNil(forKey key: Key) throws -> Bool { row.value(named: key.stringValue) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = row.value(named: key.stringValue)
        return try ValueDecoder.decode(T.self, from: value, column: key.stringValue)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw FlatRecordError(description: "a catalogue column holds a single value")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw FlatRecordError(description: "a catalogue column holds a single value")
    }

    func superDecoder() throws -> any Decoder { throw FlatRecordError(description: "a catalogue column holds a single value") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw FlatRecordError(description: "a catalogue column holds a single value") }
}

/// Decodes one column's value.
private struct ValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: SQLValue
    let column: String
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from value: SQLValue, column: String) throws -> T {
        if let convertible = T.self as? any SQLValueConvertible.Type {
            if let decoded = convertible.fromSQL(value) as? T { return decoded }
            throw FlatRecordError(description: "the catalogue's column \(column) holds \(value), not a \(T.self)")
        }
        return try T(from: ValueDecoder(value: value, column: column))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw FlatRecordError(description: "a catalogue column holds a single value")
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw FlatRecordError(description: "a catalogue column holds a single value")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value == .null }

    private func read<T: SQLValueConvertible>(_ type: T.Type) throws -> T {
        guard let decoded = T.fromSQL(value) else {
            throw FlatRecordError(description: "the catalogue's column \(column) holds \(value), not a \(T.self)")
        }
        return decoded
    }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let number = T(exactly: try read(Int64.self)) else {
            throw FlatRecordError(description: "the catalogue's column \(column) holds \(value), out of range")
        }
        return number
    }

    func decode(_ type: Bool.Type) throws -> Bool { try read(Bool.self) }
    func decode(_ type: String.Type) throws -> String { try read(String.self) }
    func decode(_ type: Double.Type) throws -> Double { try read(Double.self) }
    func decode(_ type: Float.Type) throws -> Float { Float(try read(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try read(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try ValueDecoder.decode(T.self, from: value, column: column) }
}
