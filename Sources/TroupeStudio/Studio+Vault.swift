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
        do {
            return try await downloadResultOnce(entry, environment: environment, transport: transport, events: events)
        } catch let error as HTTPError where error.kind == .busy {
            // Another troupe process (a second run of the same batch, say) is downloading this
            // task's file: wait for it, then take what it recorded, or download it ourselves.
            return try await afterOtherDownload(entry, environment: environment, transport: transport, events: events)
        }
    }

    /// One try of `downloadResult`: throws an `HTTPError` of kind `.busy` when another process
    /// is downloading the same task's file.
    func downloadResultOnce(_ entry: JournalEntry, environment: [String: String], transport: Transport?,
                            events: StudioEvents) async throws -> JournalEntry {
        var entry = entry
        guard var video = entry.video, video.assetSha256 == nil,
              let request = try resultRequest(entry, environment: environment, transport: transport) else {
            noteRefusedResult(entry, events: events)
            return entry
        }
        events(.downloading(taskId: entry.task.id!, url: request.url))
        let asset = try await fetchIntoVault(request, mediaType: "video/mp4", name: Self.incomingName(taskId: entry.task.id!))
        video.assetSha256 = asset.sha256
        entry.video = video
        try await catalog.saveGrouped(entry, recording: asset)
        return entry
    }

    /// Waits while another process downloads `entry`'s file (its partial file is locked), up to
    /// `otherDownloadWait` seconds, then returns the entry as that process recorded it, or
    /// downloads the file itself when the other process stopped without it.
    func afterOtherDownload(_ entry: JournalEntry, environment: [String: String], transport: Transport?,
                            events: StudioEvents) async throws -> JournalEntry {
        let taskId = entry.task.id!
        events(.note("task \(taskId): another troupe process is downloading its file; waiting for it"))
        var waited = 0.0
        var pause = 0.05
        while true {
            try await Task.sleep(for: .seconds(pause))
            waited += pause
            pause = min(pause * 2, 1)
            let now = try catalog.journalEntry(taskId: taskId)
            if now.video?.assetSha256 != nil { return now }
            do {
                return try await downloadResultOnce(now, environment: environment, transport: transport, events: events)
            } catch let error as HTTPError where error.kind == .busy && waited < Self.otherDownloadWait {
                continue
            }
        }
    }

    /// How long a download waits for another process downloading the same task's file.
    static let otherDownloadWait = 600.0

    /// Says so when a finished video has no file to download because the provider's result URL
    /// is not http(s) (the task stays `succeeded`, without a file).
    func noteRefusedResult(_ entry: JournalEntry, events: StudioEvents) {
        guard let video = entry.video, video.status == .succeeded, video.assetSha256 == nil, video.remoteURL == nil,
              let error = video.errorText, error.hasPrefix(Self.refusedURLPrefix) else { return }
        events(.note("task \(entry.task.id!): succeeded, but no file was downloaded: \(error)"))
    }

    /// How `errorText` begins for a video whose result URL was refused.
    static let refusedURLPrefix = "the result URL is not http(s)"

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

    /// Fetches a file into the vault: under `vault/incoming/NAME` first (a try interrupted there
    /// is resumed by the next one with the same name; by default the URL's), then at the path
    /// its hash gives. Only http(s) URLs are fetched. The caller records the file in the catalogue.
    func fetchIntoVault(_ request: HTTPRequest, mediaType: String, name: String? = nil) async throws -> Asset {
        let scheme = URLComponents(string: request.url)?.scheme?.lowercased()
        guard let scheme, ["http", "https"].contains(scheme) else {
            throw StudioError("will not download a URL with scheme \(scheme.map { "`\($0)`" } ?? "(none)"): only http and https URLs are fetched")
        }
        let incoming = incomingPath
        try Self.makeDirectory(incoming)
        let temporary = incoming + "/" + (name ?? Self.incomingName(url: request.url))
        let result = try await http.download(request, to: temporary)
        let asset = Asset(sha256: result.sha256, bytes: result.bytes, mediaType: mediaType,
                          durationSeconds: MP4Reader.duration(atPath: temporary), originURL: request.url)
        try moveIntoVault(temporary, asset: asset)
        return asset
    }

    /// Copies a local file into the vault, hashing it on the way.
    public func importFile(_ path: String, mediaType: String) throws -> Asset {
        guard let (sha, bytes) = try Self.hash(fileAt: path) else { throw StudioError("cannot read \(path)") }
        let asset = Asset(sha256: sha, bytes: bytes, mediaType: mediaType, durationSeconds: MP4Reader.duration(atPath: path))
        let destination = Vault.path(forSHA256: sha, in: home.vaultPath, mediaType: mediaType)
        if !FileManager.default.fileExists(atPath: destination) {
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // A temporary name of this process's own, then rename(2): several machines importing
            // the same file into a shared vault at once each replace it with the same bytes.
            let temporary = destination + ".part-" + UUID().uuidString
            try FileManager.default.copyItem(atPath: path, toPath: temporary)
            guard rename(temporary, destination) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporary)
                throw StudioError("cannot move the file into the vault at \(destination): \(reason)")
            }
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

    /// The SHA-256 (hex) and size of a file, read in 1 MiB chunks; nil when it cannot be opened.
    static func hash(fileAt path: String) throws -> (sha256: String, bytes: Int64)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        return (hasher.finalize().hexadecimal, bytes)
    }

    /// `mkdir -p`, in one system call when the parent exists (the usual case, once per download).
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
