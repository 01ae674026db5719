import Foundation
import TroupeCatalog

/// The workflows over one troupe home: its catalogue and its vault.
public final class Studio: Sendable {
    public let home: TroupeHome
    public let catalog: Catalog

    /// Opens the home (creating it when missing) and its catalogue.
    public init(home: TroupeHome) throws {
        self.home = home
        catalog = try Catalog(home: home)
    }

    /// The provider called `name`, or the default one when `name` is nil.
    public func provider(named name: String?) throws -> Provider {
        if let name { return try catalog.provider(named: name) }
        return try catalog.defaultProvider()
    }
}
