import Foundation
import HTTPTypes
import Hummingbird
import TroupeCatalog

/// Serves vault files at `/files/{sha256}`: only a hash the catalogue holds, from a path built
/// from that hash (never from the request), with its media type and HTTP `Range` so that players
/// can seek.
struct VaultFiles: Sendable {
    /// How much of a file is read into memory at once.
    static let chunk = 256 * 1024

    let catalog: Catalog
    let vaultPath: String

    /// A byte range of a file of `size` bytes, or why it cannot be served.
    enum RangeAnswer: Equatable {
        case whole
        case part(ClosedRange<Int64>)
        case unsatisfiable
    }

    func answer(sha256: String, range: String?) throws -> Response {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw HTTPError(.notFound, message: "no such file: a file is named by the lowercase hex SHA-256 of a catalogued asset")
        }
        guard let asset = try catalog.asset(sha256: sha256) else {
            throw HTTPError(.notFound, message: "no file \(sha256) in the catalogue")
        }
        let path = Vault.path(forSHA256: asset.sha256, in: vaultPath, mediaType: asset.mediaType)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.int64Value else {
            throw HTTPError(.notFound, message: "file \(sha256) is catalogued but missing from the vault (`troupe asset verify` checks them)")
        }
        var headers: HTTPFields = [
            .contentType: asset.mediaType, .acceptRanges: "bytes",
            .cacheControl: "private, max-age=31536000, immutable", .eTag: "\"\(asset.sha256)\"",
        ]
        let bytes: ClosedRange<Int64>
        let status: HTTPResponse.Status
        switch Self.parse(range, size: size) {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentType] = "application/json; charset=utf-8"
            let body = "{\"error\":\"the Range asked for is not within the file's \(size) bytes (give bytes=START-END)\"}"
            return Response(status: .rangeNotSatisfiable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        case .whole:
            status = .ok
            bytes = 0...max(size - 1, 0)
        case .part(let part):
            status = .partialContent
            bytes = part
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(size)"
        }
        let length = size == 0 ? 0 : Int(bytes.upperBound - bytes.lowerBound + 1)
        headers[.contentLength] = String(length)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HTTPError(.notFound, message: "file \(sha256) cannot be read from the vault")
        }
        let start = bytes.lowerBound
        let body = ResponseBody(contentLength: length) { writer in
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(start))
            var left = length
            while left > 0 {
                let data = handle.readData(ofLength: min(Self.chunk, left))
                guard !data.isEmpty else { break }
                left -= data.count
                try await writer.write(ByteBuffer(bytes: data))
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// Reads a `Range` header (one `bytes=` range: `a-b`, `a-` or `-n`) for a file of `size` bytes;
    /// several ranges (`bytes=0-1,5-6`) get the whole file, as RFC 9110 allows.
    static func parse(_ header: String?, size: Int64) -> RangeAnswer {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return .whole }
        guard header.lowercased().hasPrefix("bytes=") else { return .unsatisfiable }
        let spec = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        if spec.contains(",") { return .whole }
        guard let dash = spec.firstIndex(of: "-") else { return .unsatisfiable }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        guard first.allSatisfy(\.isASCII), last.allSatisfy(\.isASCII) else { return .unsatisfiable }
        if first.isEmpty {
            // The last n bytes.
            guard let count = Int64(last), count > 0, size > 0 else { return .unsatisfiable }
            return .part(max(0, size - count)...(size - 1))
        }
        guard let start = Int64(first), start >= 0, start < size else { return .unsatisfiable }
        if last.isEmpty { return .part(start...(size - 1)) }
        guard let end = Int64(last), end >= start else { return .unsatisfiable }
        return .part(start...min(end, size - 1))
    }
}
