/// What a page needs from its request.
public struct PageContext: Sendable {
    /// The per-run CSRF token, put in `<meta name="csrf-token">` by the layout.
    public var csrfToken: String
    /// The URL's query items (the first value of each).
    public var query: [String: String]

    /// A context for one request.
    public init(csrfToken: String, query: [String: String]) {
        self.csrfToken = csrfToken
        self.query = query
    }

    /// The query item `name`, trimmed, or `nil` when absent or empty.
    func value(_ name: String) -> String? {
        guard let value = query[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
