import ArgumentParser
import TroupeDomain
import TroupeStudio

/// A domain value parsed straight from the command line: a bad one is a usage error (64) with the domain's message.
protocol DomainArgument: ExpressibleByArgument {
    init(parsingArgument text: String) throws(DomainError)
}

extension DomainArgument {
    public init?(argument: String) { try? self.init(parsingArgument: argument) }

    /// The `transform:` of an option, so the usage error carries the domain's message.
    static func parse(_ text: String) throws -> Self { try Self(parsingArgument: text) }
}

extension Handle: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(text) }
}

extension ClipRange: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
}

extension ProviderKind: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension VideoModel: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension AspectRatio: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension VideoSize: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension DeliveryMode: ExpressibleByArgument, DomainArgument {
    init(parsingArgument text: String) throws(DomainError) { try self.init(parsing: text) }
    public init?(argument: String) { try? self.init(parsing: argument) }
}
