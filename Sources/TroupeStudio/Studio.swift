import Foundation
import TroupeCatalog
import TroupeHTTP

/// The workflows over one troupe home: its catalogue and its vault.
public final class Studio: Sendable {
    public let home: TroupeHome
    public let catalog: Catalog
    let http: HTTPClient
    /// The first wait between polls, growing by half each time up to `maxPollInterval`.
    let pollInterval: Double
    let maxPollInterval: Double
    let maxPollFailures = 8

    /// Opens the home (creating it when missing) and its catalogue. `pollInterval` is the first
    /// wait between polls (the GrsAI document waits 3 s).
    public init(home: TroupeHome, pollInterval: Double = 3, maxPollInterval: Double = 15) throws {
        self.home = home
        catalog = try Catalog(home: home)
        http = HTTPClient()
        self.pollInterval = pollInterval
        self.maxPollInterval = maxPollInterval
    }

    /// The provider called `name`, or the default one when `name` is nil.
    public func provider(named name: String?) throws -> Provider {
        if let name { return try catalog.provider(named: name) }
        return try catalog.defaultProvider()
    }
}
