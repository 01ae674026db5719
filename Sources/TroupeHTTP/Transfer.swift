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
    private let url: String
    /// The URL without credentials, for errors.
    var redactedURL: String { Redaction.url(url) }
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
        guard Self.isHTTP(url) else {
            throw HTTPError(kind: .badURL, message: "only http and https URLs are allowed", url: url)
        }
        // libcurl refuses a new receive buffer size (CURLE_BAD_FUNCTION_ARGUMENT) on a handle that
        // kept the buffer of an earlier transfer: a transfer that sets one gets a handle of its own.
        guard let easy = bufferSize == nil ? EasyHandlePool.shared.take() : curl_easy_init() else {
            throw HTTPError(kind: .other, message: "curl_easy_init failed", url: url)
        }
        self.id = Transfer.counter.next()
        self.easy = easy
        self.sink = sink
        self.url = url
        self.secret = request.bearerToken
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure(request, resumeFrom: resumeFrom, bufferSize: bufferSize)
    }

    /// True when `url` starts with `http://` or `https://` (any case).
    static func isHTTP(_ url: String) -> Bool {
        var scheme = ""
        for character in url.utf8.prefix(8) {
            scheme.append(Character(UnicodeScalar(character)).lowercased())
        }
        return scheme.hasPrefix("http://") || scheme.hasPrefix("https://")
    }

    deinit {
        EasyHandlePool.shared.give(easy)
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
        // A request that must not be repeated (a paid POST) never follows a redirect: following
        // would send it again, elsewhere. Its 3xx answer is returned as it is.
        let follows = request.idempotent && request.maxRedirects > 0
        try set(CURLOPT_FOLLOWLOCATION, follows ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, follows ? request.maxRedirects : 0)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if !request.idempotent {
            // libcurl silently sends a request again when a reused connection turns out dead before
            // any answer. For a paid call that is paying twice: use a connection of its own.
            try set(CURLOPT_FRESH_CONNECT, 1)
            try set(CURLOPT_FORBID_REUSE, 1)
        }
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
        case .base64File, .base64Files:
            let (segments, paths) = request.body.fileSegments!
            let reader = try Base64FileReader(segments: segments, paths: paths, url: redactedURL)
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
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
        var end = bytes.count
        while end > 0 && isSpace(bytes[end - 1]) { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        if line.starts(with: "HTTP/".utf8) {
            if status >= 300 && status < 400 { redirects += 1 }
            var code = 0
            var index = (line.firstIndex(of: 32) ?? end) + 1
            while index < end, line[index] >= 48, line[index] <= 57 {
                code = code * 10 + Int(line[index] - 48)
                index += 1
            }
            status = code
            headers = []
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            var start = colon + 1
            while start < end && isSpace(line[start]) { start += 1 }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<colon]), as: UTF8.self)
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
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

/// Reuses easy handles (reset between transfers) instead of creating one per request.
final class EasyHandlePool: @unchecked Sendable {
    static let shared = EasyHandlePool()
    private let lock = NSLock()
    private var handles: [UnsafeMutableRawPointer] = []
    private let capacity = 256

    /// A handle with default options.
    func take() -> UnsafeMutableRawPointer? {
        lock.lock()
        let handle = handles.popLast()
        lock.unlock()
        return handle ?? curl_easy_init()
    }

    /// Returns a handle that is no longer in any multi handle.
    func give(_ handle: UnsafeMutableRawPointer) {
        curl_easy_reset(handle)
        lock.lock()
        let kept = handles.count < capacity
        if kept { handles.append(handle) }
        lock.unlock()
        if !kept { curl_easy_cleanup(handle) }
    }
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
