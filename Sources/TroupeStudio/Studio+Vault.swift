import Crypto
import Foundation
import TroupeCatalog
import TroupeHTTP
import TroupeProviders

extension Studio {
    /// Downloads a finished video into the vault (by SHA-256) and records the file.
    /// `transport`, when given, is the provider's (its key is used for an authenticated download).
    func downloadResult(_ entry: JournalEntry, environment: [String: String] = ProcessInfo.processInfo.environment,
                        transport: Transport? = nil, events: StudioEvents) async throws -> JournalEntry {
        var entry = entry
        guard var video = entry.video, video.assetSha256 == nil,
              let request = try resultRequest(entry, environment: environment, transport: transport) else { return entry }
        events(.downloading(taskId: entry.task.id!, url: request.url))
        let asset = try await fetchIntoVault(request, mediaType: "video/mp4")
        video.assetSha256 = asset.sha256
        entry.video = video
        try await catalog.save(entry, recording: asset)
        return entry
    }

    /// Where a finished video's file comes from: its result URL, or, from an OpenAI-style
    /// provider (which gives none), its authenticated `GET /videos/{id}/content`.
    func resultRequest(_ entry: JournalEntry, environment: [String: String], transport given: Transport? = nil) throws -> HTTPRequest? {
        if let url = entry.video?.remoteURL { return HTTPRequest(url: url) }
        guard let remoteId = entry.task.remoteId else { return nil }
        let transport: Transport
        if let given, given.provider.name == entry.task.providerName {
            transport = given
        } else {
            let provider = try catalog.provider(named: entry.task.providerName)
            guard provider.kind == .openai else { return nil }
            transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment))
        }
        guard transport.provider.kind == .openai else { return nil }
        return HTTPRequest(url: transport.url(for: OpenAIDialect().content(videoID: remoteId)), bearerToken: transport.key)
    }

    /// Fetches `url` into the vault and records the file.
    public func download(url: String, mediaType: String) async throws -> Asset {
        let asset = try await fetchIntoVault(HTTPRequest(url: url), mediaType: mediaType)
        try catalog.recordAsset(asset)
        return asset
    }

    /// Fetches a file into the vault: a temporary name first, then the path its hash gives.
    /// The caller records the file in the catalogue.
    func fetchIntoVault(_ request: HTTPRequest, mediaType: String) async throws -> Asset {
        let incoming = home.vaultPath + "/incoming"
        try Self.makeDirectory(incoming)
        let temporary = incoming + "/" + UUID().uuidString
        let result = try await http.download(request, to: temporary)
        let asset = Asset(sha256: result.sha256, bytes: result.bytes, mediaType: mediaType,
                          durationSeconds: MP4Reader.duration(atPath: temporary), originURL: request.url)
        try moveIntoVault(temporary, asset: asset)
        return asset
    }

    /// Copies a local file into the vault, hashing it on the way.
    public func importFile(_ path: String, mediaType: String) throws -> Asset {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StudioError("cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        let sha = hasher.finalize().hexadecimal
        let asset = Asset(sha256: sha, bytes: bytes, mediaType: mediaType, durationSeconds: MP4Reader.duration(atPath: path))
        let destination = Vault.path(forSHA256: sha, in: home.vaultPath, mediaType: mediaType)
        if !FileManager.default.fileExists(atPath: destination) {
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let temporary = destination + ".part-" + UUID().uuidString
            try FileManager.default.copyItem(atPath: path, toPath: temporary)
            try FileManager.default.moveItem(atPath: temporary, toPath: destination)
        }
        try catalog.recordAsset(asset)
        return asset
    }

    /// Moves a downloaded file to the path its hash gives. A file already there has the same
    /// bytes (the name is their hash), so replacing it, atomically, loses nothing.
    func moveIntoVault(_ temporary: String, asset: Asset) throws {
        let destination = Vault.path(forSHA256: asset.sha256, in: home.vaultPath, mediaType: asset.mediaType)
        try Self.makeDirectory((destination as NSString).deletingLastPathComponent)
        guard rename(temporary, destination) == 0 else {
            throw StudioError("cannot move the download into the vault at \(destination): \(String(cString: strerror(errno)))")
        }
    }

    /// `mkdir -p`, in one system call when the parent exists (the usual case, once per download).
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}

/// Reads an MP4's duration from its `moov/mvhd` box.
public enum MP4Reader {
    /// The duration in seconds, or nil when the file is not an MP4 this can read.
    public static func duration(atPath path: String) -> Double? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        return findMvhd(handle, from: 0, to: end, depth: 0)
    }

    static func findMvhd(_ handle: FileHandle, from start: UInt64, to end: UInt64, depth: Int) -> Double? {
        var offset = start
        while offset + 8 <= end {
            guard (try? handle.seek(toOffset: offset)) != nil, let header = try? handle.read(upToCount: 16), header.count >= 8 else { return nil }
            var size = UInt64(header.prefix(4).reduce(0) { $0 << 8 | UInt32($1) })
            let type = String(decoding: header[4..<8], as: UTF8.self)
            var headerSize: UInt64 = 8
            if size == 1, header.count >= 16 {
                size = header[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
                headerSize = 16
            } else if size == 0 {
                size = end - offset
            }
            guard size >= headerSize else { return nil }
            if type == "moov", depth == 0 {
                return findMvhd(handle, from: offset + headerSize, to: min(offset + size, end), depth: 1)
            }
            if type == "mvhd", depth == 1 {
                guard (try? handle.seek(toOffset: offset + headerSize)) != nil, let body = try? handle.read(upToCount: 32), body.count >= 20 else { return nil }
                func integer(_ range: Range<Int>) -> UInt64 { body[range].reduce(0) { $0 << 8 | UInt64($1) } }
                let (timescale, duration) = body[0] == 1 ? (integer(20..<24), body.count >= 32 ? integer(24..<32) : 0) : (integer(12..<16), integer(16..<20))
                return timescale > 0 ? Double(duration) / Double(timescale) : nil
            }
            offset += size
        }
        return nil
    }
}
