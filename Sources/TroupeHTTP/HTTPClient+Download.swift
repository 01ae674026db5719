import CCurl
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file downloaded and verified.
public struct DownloadResult: Sendable, Hashable {
    /// Where the file now is.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int64
    /// Its SHA-256, lowercase hex.
    public var sha256: String
    /// How many times the transfer was resumed after a broken connection.
    public var resumes: Int
}

extension HTTPClient {
    /// Downloads to `destination`, hashing on the fly.
    ///
    /// Bytes go to `destination + ".part"` and are moved into place atomically once the size
    /// matches `Content-Length` (and `expectedSHA256`, when given). A broken connection is
    /// resumed with `Range`; a `.part` left by an interrupted run is resumed too (give the same
    /// `destination` to resume). The partial file is locked while in use: a second download to
    /// it fails at once. It is removed when nothing was received or the server refuses the file
    /// for good (a 4xx); otherwise it stays for the next try.
    public func download(
        _ request: HTTPRequest, to destination: String, expectedSHA256: String? = nil
    ) async throws -> DownloadResult {
        let partial = destination + ".part"
        let fd = open(partial, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fileError("cannot create \(partial)", request) }
        defer { close(fd) }
        // Two writers on one partial file would mix their bytes: the second waits for no one.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw HTTPError(kind: .busy, message: "another process is downloading to \(partial); try again once it is done", url: request.url)
        }

        var state = DownloadState(fd: fd)
        try state.adoptExistingBytes(request)

        var attempt = 0
        var resumes = 0
        var restarted = false
        var waited = Duration.zero
        while true {
            attempt += 1
            let before = state.written
            let sink = DownloadSink(state: state)
            let transfer = try Transfer(request: request, sink: sink, resumeFrom: state.written, bufferSize: 256 * 1024)
            do {
                try await execute(transfer) { sink.continuation = $0 }
                state = sink.state
                break
            } catch let error as HTTPError {
                state = sink.state
                // libcurl reports a refusal of a `Range` request as a range error: it is a refusal.
                if let head = sink.rejectedHead ?? (transfer.status >= 400 ? transfer.head : nil), Self.refusesForGood(head) {
                    unlink(partial)
                    throw HTTPError(kind: .status, message: "HTTP \(head.status)", url: request.url, status: head.status)
                }
                if error.curlCode == Int(CURLE_RANGE_ERROR.rawValue) || sink.rejectedHead?.status == 416, !restarted, state.reset() {
                    // The server ignores Range, or the partial file is not a beginning of its
                    // file (416): start over from the first byte, once.
                    restarted = true
                    state.expectedTotal = nil
                    continue
                }
                var delay: Duration?
                if let head = sink.rejectedHead {
                    delay = retryPolicy.delay(after: head, request: request, attempt: attempt, waited: waited)
                } else {
                    if state.written > before {
                        attempt = 1
                        resumes += 1
                    }
                    delay = resumes <= 100 ? retryPolicy.delay(after: error, request: request, attempt: attempt, waited: waited) : nil
                }
                guard let delay else {
                    if state.written == 0 { unlink(partial) }
                    throw error
                }
                try await Task.sleep(for: delay)
                waited += delay
            }
        }

        if let total = state.expectedTotal, total != state.written {
            unlink(partial)
            throw HTTPError(kind: .sizeMismatch, message: "got \(state.written) bytes, expected \(total)", url: request.url)
        }
        let digest = state.hasher.finalize().hexadecimal
        if let expectedSHA256, expectedSHA256.lowercased() != digest {
            unlink(partial)
            throw HTTPError(kind: .checksumMismatch, message: "SHA-256 is \(digest), expected \(expectedSHA256.lowercased())", url: request.url)
        }
        guard fsync(fd) == 0, rename(partial, destination) == 0 else {
            throw fileError("cannot move \(partial) to \(destination)", request)
        }
        return DownloadResult(path: destination, bytes: state.written, sha256: digest, resumes: resumes)
    }

    /// A 4xx other than 408 (timeout), 416 (range) and 429 (rate limit): asking again will not
    /// help (an expired URL's 403 or 404), so the partial file is of no more use.
    static func refusesForGood(_ head: HTTPResponseHead) -> Bool {
        (400..<500).contains(head.status) && ![408, 416, 429].contains(head.status)
    }

    private func fileError(_ what: String, _ request: HTTPRequest) -> HTTPError {
        HTTPError(kind: .file, message: "\(what): \(String(cString: strerror(errno)))", url: request.url)
    }
}

/// The partial file: its descriptor, size so far, hash so far, announced total.
struct DownloadState: @unchecked Sendable {
    let fd: Int32
    var written: Int64 = 0
    var hasher = SHA256()
    var expectedTotal: Int64?

    init(fd: Int32) { self.fd = fd }

    /// Hashes what an earlier run left in the partial file, so it can be resumed.
    mutating func adoptExistingBytes(_ request: HTTPRequest) throws {
        var status = stat()
        if fstat(fd, &status) == 0, status.st_size == 0 { return }  // a fresh download: nothing to read
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw HTTPError(kind: .file, message: "cannot read partial download", url: request.url)
            }
            if n == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            written += Int64(n)
        }
    }

    /// Starts over: empty file, fresh hash.
    mutating func reset() -> Bool {
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { return false }
        written = 0
        hasher = SHA256()
        return true
    }

    /// Appends bytes to the file and the hash.
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        hasher.update(bufferPointer: bytes)
        written += Int64(bytes.count)
        return true
    }
}

/// Writes the body to the partial file, checking status and range on the first bytes.
final class DownloadSink: TransferSink, @unchecked Sendable {
    var state: DownloadState
    var continuation: CheckedContinuation<Void, any Error>?
    /// The head of a response refused for its status (for the retry decision).
    private(set) var rejectedHead: HTTPResponseHead?
    private var checked = false

    init(state: DownloadState) { self.state = state }

    func receive(_ bytes: UnsafeRawBufferPointer, from transfer: Transfer) -> Bool {
        if !checked {
            checked = true
            if let failure = check(transfer) {
                transfer.failure = failure
                return false
            }
        }
        guard state.append(bytes) else {
            transfer.failure = HTTPError(kind: .file, message: "cannot write download: \(String(cString: strerror(errno)))", url: transfer.redactedURL)
            return false
        }
        return true
    }

    func finish(_ transfer: Transfer, error: (any Error)?) {
        var error = error
        if error == nil && !checked {
            checked = true
            error = check(transfer)
        }
        guard let continuation else { return }
        self.continuation = nil
        if let error { continuation.resume(throwing: error) } else { continuation.resume() }
    }

    /// Validates the response head before the first byte is written.
    private func check(_ transfer: Transfer) -> HTTPError? {
        let head = transfer.head
        let url = transfer.redactedURL
        switch head.status {
        case 200:
            if state.written > 0 && !state.reset() {
                return HTTPError(kind: .file, message: "cannot truncate partial download", url: url)
            }
            state.expectedTotal = head.header("Content-Length").flatMap { Int64($0) }
            return nil
        case 206:
            guard let range = ContentRange(head.header("Content-Range")), range.first == state.written else {
                return HTTPError(kind: .sizeMismatch, message: "server resumed at the wrong offset", url: url)
            }
            if let known = state.expectedTotal, let total = range.total, known != total {
                return HTTPError(kind: .sizeMismatch, message: "file size changed from \(known) to \(total) bytes while resuming", url: url)
            }
            state.expectedTotal = range.total
            return nil
        case 416 where state.written > 0:
            // The partial file is already complete if the server says so.
            if let range = ContentRange(head.header("Content-Range")), range.total == state.written {
                state.expectedTotal = range.total
                return nil
            }
            rejectedHead = head
            return HTTPError(kind: .status, message: "HTTP 416", url: url, status: 416)
        default:
            rejectedHead = head
            return HTTPError(kind: .status, message: "HTTP \(head.status)", url: url, status: head.status)
        }
    }
}

/// `bytes first-last/total` or `bytes */total`.
struct ContentRange {
    var first: Int64?
    var total: Int64?

    init?(_ raw: String?) {
        guard let raw, raw.hasPrefix("bytes ") else { return nil }
        let spec = raw.dropFirst(6)
        let parts = spec.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        total = Int64(parts[1])
        if parts[0] != "*" {
            guard let dash = parts[0].firstIndex(of: "-"), let first = Int64(parts[0][..<dash]) else { return nil }
            self.first = first
        }
    }
}
