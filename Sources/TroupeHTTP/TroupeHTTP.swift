/// libcurl transport: requests, streamed bodies, downloads, retries.
public enum TroupeHTTPModule {
    /// The module name, for diagnostics.
    public static let name = "TroupeHTTP"
}
