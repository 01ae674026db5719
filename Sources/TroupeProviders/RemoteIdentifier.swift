import Foundation

/// Ids read from a provider's answer (task ids, pids, character ids, video ids). No provider id
/// holds a NUL or another control character: such an id would be stored cut short at the NUL, or
/// polled under another name, so the answer is unreadable (a paid call's outcome is unknown).
enum RemoteIdentifier {
    /// Throws `.malformed` when `value` holds a control character; `what` names the id.
    static func check(_ value: String, _ what: String) throws(ProviderError) {
        guard value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return }
        let shown = value.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
        throw .malformed("the \(what) \"\(shown)\" holds a control character, which no provider id has")
    }

    /// The first non-empty `key` among `items`, checked.
    static func first(_ key: String, in items: [JSONValue], _ what: String) throws(ProviderError) -> String? {
        for item in items {
            if let value = try item[key]?.identifier(what) { return value }
        }
        return nil
    }
}

extension JSONValue {
    /// A non-empty id (trimmed), else `nil`; throws `.malformed` when it holds a control character.
    func identifier(_ what: String) throws(ProviderError) -> String? {
        guard let value = nonEmptyText else { return nil }
        try RemoteIdentifier.check(value, what)
        return value
    }
}
