import CCurl
import Foundation

/// Process-wide libcurl setup and the one place where CURLcode becomes a Swift error.
enum Curl {
    /// `curl_global_init`, run once before the first handle is made.
    /// Also ignores SIGPIPE: a peer closing a socket must fail the transfer, not kill the process.
    static let initialized: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    /// Converts a libcurl result into an `HTTPError` (nil for CURLE_OK).
    static func error(_ code: CURLcode, detail: String?, url: String, redirected: Bool = false) -> HTTPError? {
        guard code != CURLE_OK else { return nil }
        let summary = String(cString: curl_easy_strerror(code))
        var message = summary
        if let detail, !detail.isEmpty, detail != summary { message += ": " + detail }
        return HTTPError(kind: kind(code, redirected: redirected), message: message, url: url, curlCode: Int(code.rawValue))
    }

    /// Converts a failed `curl_easy_setopt`, which means a bug or a libcurl too old.
    static func check(_ code: CURLcode, _ what: @autoclosure () -> String, url: @autoclosure () -> String) throws {
        guard code != CURLE_OK else { return }
        if let error = error(code, detail: "setting \(what())", url: url()) { throw error }
    }

    private static func kind(_ code: CURLcode, redirected: Bool) -> HTTPError.Kind {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL: return redirected ? .redirect : .badURL
        case CURLE_URL_MALFORMAT: return .badURL
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT: return .connect
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_TOO_MANY_REDIRECTS: return .redirect
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE,
             CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP3:
            return .connection
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls
        case CURLE_FILESIZE_EXCEEDED: return .tooLarge
        case CURLE_WRITE_ERROR, CURLE_READ_ERROR: return .file
        default: return .other
        }
    }
}
