import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeDomain

extension RequestFamily: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension CharacterForm: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension ImageInput: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension PriceUnit: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension PriceOverride: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

/// The options every `troupe model` command takes. `--provider` is not among them: there it
/// names whose rows are meant, with no default, and each command declares it with its own help.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Data directory (default: $TROUPE_HOME, $XDG_DATA_HOME/troupe or ~/.local/share/troupe).", valueName: "dir"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("The catalogue: a postgres:// URL or an SQLite file (default: $TROUPE_DATABASE_URL, else the home's).", valueName: "url"))
    var database: String?

    /// Accepted as on every command (a team's wrapper passes it); model commands keep no files.
    @Option(name: .long, help: ArgumentHelp("The vault folder (model commands use none).", valueName: "dir", visibility: .hidden))
    var vault: String?

    @Flag(name: .long, help: "Machine-readable JSON on stdout.")
    var json = false

    /// Accepted as on every command; model commands send nothing.
    @Flag(name: .long, help: ArgumentHelp("Show requests sent to a provider (model commands send none).", visibility: .hidden))
    var verbose = false

    func openCatalog() throws -> Catalog {
        try Catalog(home: TroupeHome.resolve(option: home, database: database, vault: nil))
    }
}

/// Comma-separated option values (`--durations 5,10`), each parsed as the domain parses one.
///
/// A value malformed, out of range or listed twice is a usage error (64), named in one line;
/// a value that does not fit the model's family or the table is refused when adding (1).
enum CommaList {
    /// A `transform:` reading `9:16,16:9` as a list; an empty item, a bad one or a repeat is a usage error.
    static func of<T: DomainArgument & RawRepresentable>(_ type: T.Type, option: String) -> @Sendable (String) throws -> [T]
    where T.RawValue == String {
        { text in
            let values = try text.split(separator: ",", omittingEmptySubsequences: false).map { try T(parsingArgument: String($0)) }
            try CommaList.once(values.map(\.rawValue), option: option)
            return values
        }
    }

    /// `--durations`: whole seconds, 1–600 each, each once.
    @Sendable static func seconds(_ text: String) throws -> [Int] {
        let values = try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            guard let seconds = Int(item), seconds > 0 else {
                throw DomainError("invalid duration '\(item)': give whole seconds separated by commas, e.g. 5,10")
            }
            guard seconds <= 600 else { throw DomainError("invalid duration '\(item)': give 1–600 s each, e.g. 5,10") }
            return seconds
        }
        try CommaList.once(values.map(String.init), option: "--durations")
        return values
    }

    /// `--duration` of a generation: whole seconds, more than 0.
    @Sendable static func duration(_ text: String) throws -> Int {
        guard let seconds = Int(text), seconds > 0 else {
            throw DomainError("invalid duration '\(text)': give whole seconds, e.g. 8 (`troupe model show NAME` lists the model's durations)")
        }
        return seconds
    }

    /// A count option (`--max-characters`, `--max-reference-images`): a whole number, 0 or more.
    static func count(_ option: String) -> @Sendable (String) throws -> Int {
        { text in
            guard let count = Int(text), count >= 0 else { throw DomainError("invalid \(option) '\(text)': give a whole number, 0 or more") }
            return count
        }
    }

    /// `--price`: an exact decimal.
    @Sendable static func amount(_ text: String) throws -> Decimal { try ModelPrice.amount(parsing: text) }

    /// Refuses a value listed twice.
    static func once(_ values: [String], option: String) throws {
        var seen: Set<String> = []
        for value in values where !seen.insert(value).inserted {
            throw DomainError("\(value) is listed twice in \(option): give each value once")
        }
    }
}
