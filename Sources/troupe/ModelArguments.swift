import ArgumentParser
import Foundation
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

/// Comma-separated option values (`--durations 5,10`), each parsed as the domain parses one.
enum CommaList {
    /// A `transform:` reading `5,10` as `[5, 10]`; an empty item or a bad one is a usage error.
    static func of<T: DomainArgument>(_ type: T.Type) -> @Sendable (String) throws -> [T] {
        { text in try text.split(separator: ",", omittingEmptySubsequences: false).map { try T(parsingArgument: String($0)) } }
    }

    /// `--durations`: whole seconds.
    @Sendable static func seconds(_ text: String) throws -> [Int] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            guard let seconds = Int(item), seconds > 0 else {
                throw DomainError("invalid duration '\(item)': give whole seconds separated by commas, e.g. 5,10")
            }
            return seconds
        }
    }

    /// `--price`: an exact decimal.
    @Sendable static func amount(_ text: String) throws -> Decimal { try ModelPrice.amount(parsing: text) }
}
