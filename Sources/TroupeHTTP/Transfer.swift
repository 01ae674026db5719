import CCurl
import Foundation

/// Receives the events of one transfer. Called only on the event-loop thread.
protocol TransferSink: AnyObject {
    /// Body bytes; return false to abort the transfer (set `transfer.failure` first).
    func receive(_ bytes: UnsafeRawBufferPointer, from transfer: Transfer) -> Bool
    /// Called exactly once, when the transfer ends, fails or is cancelled.
    func finish(_ transfer: Transfer, error: (any Error)?)
}

/// One easy handle with its context. Owned by the event loop once submitted.
final class Transfer: @unchecked Sendable {
    let id: Int
    let easy: UnsafeMutableRawPointer
    let sink: any TransferSink
    let redactedURL: String
    private let secret: String?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var upload: Base64FileReader?
    /// The status of the latest response head (after redirects and 100-continue).
    private(set) var status = 0
    /// The headers of the latest response head.
    private(set) var headers: [HTTPHeader] = []
    /// Set by a sink that aborts the transfer, to report why.
    var failure: (any Error)?
    private var redirects = 0

    private static let counter = IDCounter()

    init(request: HTTPRequest, sink: any TransferSink, resumeFrom: Int64 = 0, bufferSize: Int? = nil) throws {
        _ = Curl.initialized
        let url = request.url
        guard let scheme = URLComponents(string: url)?.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw HTTPError(kind: .badURL, message: "only http and https URLs are allowed", url: url)
        }
        guard let easy = curl_easy_init() else {
            throw HTTPError(kind: .other, message: "curl_easy_init failed", url: url)
        }
        self.id = Transfer.counter.next()
        self.easy = easy
        self.sink = sink
        self.redactedURL = Redaction.url(url)
        self.secret = request.bearerToken
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure(request, resumeFrom: resumeFrom, bufferSize: bufferSize)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// The error for a finished transfer, or nil on success.
    func error(for code: CURLcode) -> (any Error)? {
        if let failure { return failure }
        var detail = String(cString: errorBuffer)
        if let secret, !secret.isEmpty { detail = detail.replacingOccurrences(of: secret, with: "<redacted>") }
        let redirected = redirects > 0 || (300..<400).contains(status)
        return Curl.error(code, detail: detail, url: redactedURL, redirected: redirected)
    }

    var head: HTTPResponseHead { HTTPResponseHead(status: status, headers: headers) }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try Curl.check(troupe_easy_setopt_long(easy, option, value), "option \(option.rawValue)", url: redactedURL)
    }

    private func set(_ option: CURLoption, _ value: String) throws {
        try Curl.check(troupe_easy_setopt_string(easy, option, value), "option \(option.rawValue)", url: redactedURL)
    }

    private func configure(_ request: HTTPRequest, resumeFrom: Int64, bufferSize: Int?) throws {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, request.maxRedirects > 0 ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, request.maxRedirects)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try Curl.check(troupe_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer", url: redactedURL)
        if let connect = request.timeouts.connect { try set(CURLOPT_CONNECTTIMEOUT_MS, connect.milliseconds) }
        if let total = request.timeouts.total { try set(CURLOPT_TIMEOUT_MS, total.milliseconds) }
        if let window = request.timeouts.lowSpeedWindow {
            try set(CURLOPT_LOW_SPEED_LIMIT, request.timeouts.lowSpeedBytesPerSecond)
            try set(CURLOPT_LOW_SPEED_TIME, max(1, window.milliseconds / 1000))
        }
        if let bufferSize { try set(CURLOPT_BUFFERSIZE, bufferSize) }

        try Curl.check(troupe_easy_setopt_pointer(easy, CURLOPT_PRIVATE, me), "private", url: redactedURL)
        try Curl.check(troupe_easy_setopt_write_callback(easy, transferWrite), "write callback", url: redactedURL)
        try Curl.check(troupe_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "write data", url: redactedURL)
        try Curl.check(troupe_easy_setopt_header_callback(easy, transferHeader), "header callback", url: redactedURL)
        try Curl.check(troupe_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), "header data", url: redactedURL)

        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if let token = request.bearerToken { lines.append("Authorization: Bearer \(token)") }

        switch request.method {
        case "GET": try set(CURLOPT_HTTPGET, 1)
        case "HEAD": try set(CURLOPT_NOBODY, 1)
        case "POST": try set(CURLOPT_POST, 1)
        default:
            try set(CURLOPT_CUSTOMREQUEST, request.method)
            if case .empty = request.body {} else { try set(CURLOPT_POST, 1) }
        }
        switch request.body {
        case .empty:
            if request.method == "POST" {
                try Curl.check(troupe_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, 0), "body size", url: redactedURL)
                try set(CURLOPT_COPYPOSTFIELDS, "")
            }
        case .bytes(let data):
            try Curl.check(troupe_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count)), "body size", url: redactedURL)
            let code = data.withUnsafeBytes { raw -> CURLcode in
                // COPYPOSTFIELDS copies the bytes; a pointer is needed even for an empty body.
                var zero: UInt8 = 0
                return raw.baseAddress.map { troupe_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0)) }
                    ?? troupe_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, &zero)
            }
            try Curl.check(code, "body", url: redactedURL)
            lines.append("Expect:")
        case .base64File(let prefix, let path, let suffix):
            let reader = try Base64FileReader(prefix: prefix, path: path, suffix: suffix, url: redactedURL)
            upload = reader
            try Curl.check(troupe_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(reader.contentLength)), "body size", url: redactedURL)
            try Curl.check(troupe_easy_setopt_read_callback(easy, transferRead), "read callback", url: redactedURL)
            try Curl.check(troupe_easy_setopt_pointer(easy, CURLOPT_READDATA, me), "read data", url: redactedURL)
            try set(CURLOPT_UPLOAD_BUFFERSIZE, 512 * 1024)
            lines.append("Expect:")
        }
        if resumeFrom > 0 {
            try Curl.check(troupe_easy_setopt_off_t(easy, CURLOPT_RESUME_FROM_LARGE, curl_off_t(resumeFrom)), "resume", url: redactedURL)
        }
        for line in lines { headerList = curl_slist_append(headerList, line) }
        if headerList != nil {
            try Curl.check(troupe_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "headers", url: redactedURL)
        }
    }

    fileprivate func headerLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            if status >= 300 && status < 400 { redirects += 1 }
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = []
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(HTTPHeader(name, value))
        }
    }

    fileprivate func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let upload else { return 0 }
        do {
            return try upload.read(into: buffer)
        } catch {
            failure = error
            return Int(CURL_READFUNC_ABORT)
        }
    }
}

private let transferWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    pointer, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    let total = size * count
    return transfer.sink.receive(UnsafeRawBufferPointer(start: pointer, count: total), from: transfer) ? total : 0
}

private let transferHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    pointer, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    transfer.headerLine(UnsafeRawBufferPointer(start: pointer, count: size * count))
    return size * count
}

private let transferRead: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    pointer, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    return transfer.read(into: UnsafeMutableRawBufferPointer(start: pointer, count: size * count))
}

/// Hands out transfer ids.
final class IDCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

extension Duration {
    /// Whole milliseconds, rounded up, at least 1 for a positive duration.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        return max(ms, (seconds > 0 || attoseconds > 0) ? 1 : 0)
    }
}
