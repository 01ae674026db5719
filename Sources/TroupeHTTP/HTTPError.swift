import Foundation

/// A failed transfer. Carries the URL without credentials, never a header value.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// The URL is malformed or its scheme is not http/https.
        case badURL
        /// Could not connect (the request was not sent).
        case connect
        /// The connection broke or the server answered garbage after the request was sent.
        case connection
        /// A time limit was reached.
        case timeout
        /// A redirect went to a forbidden scheme or past the redirect limit.
        case redirect
        /// TLS handshake or certificate verification failed.
        case tls
        /// The response was too large for memory.
        case tooLarge
        /// The server answered with a status the operation cannot use (downloads).
        case status
        /// The downloaded size differs from the announced one.
        case sizeMismatch
        /// The downloaded bytes do not have the expected SHA-256.
        case checksumMismatch
        /// A local file could not be read or written.
        case file
        /// Another process is downloading to the same partial file (nothing was sent).
        case busy
        /// Any other libcurl failure.
        case other
    }

    /// What went wrong.
    public var kind: Kind
    /// One readable line.
    public var message: String
    /// The URL, credentials and secret-looking query values removed.
    public var url: String
    /// The libcurl error code, when libcurl reported the failure.
    public var curlCode: Int?
    /// The HTTP status, for `.status` errors.
    public var status: Int?

    /// Creates an error; `url` is redacted here.
    public init(kind: Kind, message: String, url: String, curlCode: Int? = nil, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.url = Redaction.url(url)
        self.curlCode = curlCode
        self.status = status
    }

    /// False when the request certainly never reached the server (safe to send again).
    public var requestMayHaveBeenSent: Bool {
        switch kind {
        case .badURL, .connect, .file, .busy: return false
        case .tls: return false
        default: return true
        }
    }

    /// True for failures worth retrying for an idempotent request.
    public var isTransient: Bool {
        switch kind {
        case .connect, .connection, .timeout: return true
        default: return false
        }
    }

    /// The message and the redacted URL.
    public var description: String {
        "\(message) (\(url))"
    }
}
