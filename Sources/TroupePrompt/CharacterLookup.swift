/// How the compiler asks the catalogue about characters.
///
/// The compiler reads `knownHandles` once per compile (the longest-known-match rule asks
/// "is X a handle?" for a few prefixes) and calls `character(handle:)` once per distinct
/// handle that the prompt mentions.
public protocol CharacterLookup {
    /// The character with this handle, or `nil`.
    func character(handle: String) -> PromptCharacter?
    /// Every handle the catalogue knows.
    var knownHandles: Set<String> { get }
}

/// An in-memory `CharacterLookup`: load the catalogue's characters into it once.
public struct CharacterTable: CharacterLookup, Sendable, Hashable {
    /// The characters by handle.
    public private(set) var characters: [String: PromptCharacter]
    /// Every handle in the table.
    public private(set) var knownHandles: Set<String>

    /// Creates a table; a later character with the same handle replaces an earlier one.
    public init(_ characters: [PromptCharacter] = []) {
        var byHandle: [String: PromptCharacter] = [:]
        for character in characters { byHandle[character.handle] = character }
        self.characters = byHandle
        self.knownHandles = Set(byHandle.keys)
    }

    /// The character with this handle, or `nil`.
    public func character(handle: String) -> PromptCharacter? {
        characters[handle]
    }

    /// Adds or replaces a character.
    public mutating func insert(_ character: PromptCharacter) {
        characters[character.handle] = character
        knownHandles.insert(character.handle)
    }
}
