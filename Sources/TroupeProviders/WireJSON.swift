import Foundation
import TroupeDomain

/// A JSON body under construction: members keep their order, and strings may be local files
/// that the transport streams as Base64.
indirect enum WireJSON: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([WireJSON])
    case object([(String, WireJSON)])
    /// A string whose content is the Base64 of the file at this path.
    case base64File(String)

    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(WireJSON.init))
        case .object(let members):
            self = .object(members.keys.sorted().map { ($0, WireJSON(members[$0]!)) })
        }
    }

    /// The body: plain JSON, or JSON split around each Base64 file string.
    func body() -> WireBody {
        var writer = Writer()
        writer.write(self)
        var segments: [Data] = []
        var start = 0
        for split in writer.splits {
            segments.append(Data(writer.bytes[start..<split.offset]))
            start = split.offset
        }
        segments.append(Data(writer.bytes[start...]))
        return .json(segments: segments, filePaths: writer.splits.map(\.path))
    }

    func serialized() -> Data {
        var writer = Writer()
        writer.write(self)
        return Data(writer.bytes)
    }

    private struct Writer {
        var bytes: [UInt8] = []
        var splits: [(offset: Int, path: String)] = []

        mutating func write(_ value: WireJSON) {
            switch value {
            case .null: append("null")
            case .bool(let flag): append(flag ? "true" : "false")
            case .int(let number): append(String(number))
            case .double(let number): append(number.isFinite ? PlainNumber.text(number) : "null")
            case .string(let text): writeString(text)
            case .array(let items):
                bytes.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    write(item)
                }
                bytes.append(UInt8(ascii: "]"))
            case .object(let members):
                bytes.append(UInt8(ascii: "{"))
                for (index, member) in members.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    writeString(member.0)
                    bytes.append(UInt8(ascii: ":"))
                    write(member.1)
                }
                bytes.append(UInt8(ascii: "}"))
            case .base64File(let path):
                bytes.append(UInt8(ascii: "\""))
                splits.append((bytes.count, path))
                bytes.append(UInt8(ascii: "\""))
            }
        }

        mutating func append(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        mutating func writeString(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
