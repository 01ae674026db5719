import Foundation

/// A CSV file as a header and rows (RFC 4180: quoted fields may hold commas, quotes and newlines).
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    /// Each row's fields, by column name; row numbers in messages count the header as line 1.
    public var rows: [[String: String]]

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
        var rows: [[String: String]] = []
        for (index, fields) in records.dropFirst().enumerated() {
            guard fields.count == header.count else {
                problems.append("line \(index + 2): \(fields.count) fields, the header has \(header.count)")
                continue
            }
            rows.append(Dictionary(zip(self.header, fields), uniquingKeysWith: { a, _ in a }))
        }
        if !problems.isEmpty { throw StudioError(problems.joined(separator: "; ")) }
        self.rows = rows
    }
}
