import Foundation

/// A CSV file as a header and rows (RFC 4180: quoted fields may hold commas, quotes and newlines).
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    /// Each row's fields, in the header's order; row numbers in messages count the header as line 1.
    public var records: [[String]]
    /// Each row's fields, by column name (built on each use: `records` is what is kept).
    public var rows: [[String: String]] {
        records.map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
    }

    /// Parses a CSV file's bytes, which must be UTF-8 text (a leading byte-order mark is
    /// dropped): bytes that are not UTF-8 are refused with their line, never replaced.
    public init(parsing data: Data) throws {
        try self.init(parsing: try Self.utf8Text(data))
    }

    /// The text of UTF-8 bytes; throws naming the first line holding bytes that are not UTF-8.
    static func utf8Text(_ data: Data) throws -> String {
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                throw StudioError("line \(line): the CSV is not valid UTF-8 text (nothing was sent); save it as UTF-8, e.g. `iconv -f latin1 -t utf-8 in.csv > out.csv`")
            }
        }
    }

    /// Parses CSV text; every row must have as many fields as the header.
    public init(parsing text: String) throws {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true; pending = following }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                record.append(field)
                records.append(record)
                field = ""
                record = []
                afterQuote = false
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw StudioError("the CSV ends inside a quoted field: a closing \" is missing") }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        records.removeAll { $0 == [""] }
        guard let header = records.first else { throw StudioError("the CSV is empty: the first line names the columns") }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var problems: [String] = []
        for (index, fields) in records.dropFirst().enumerated() where fields.count != header.count {
            problems.append("line \(index + 2): \(fields.count) fields, the header has \(header.count)")
        }
        if !problems.isEmpty { throw StudioError(problems.joined(separator: "; ")) }
        records.removeFirst()
        self.records = records
    }
}
