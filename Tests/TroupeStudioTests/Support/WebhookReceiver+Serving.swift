import Foundation
@testable import TroupeStudio

extension WebhookReceiver {
    /// Runs `body` with a receiver started as `start` does, stopped when `body` ends.
    @discardableResult
    static func serving<T>(studio: Studio, record: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
                           limits: WebhookLimits = WebhookLimits(),
                           _ body: (WebhookReceiver) async throws -> T) async throws -> T {
        try await TroupeStudioTests.serving({ try await start(studio: studio, record: record, environment: environment, limits: limits) },
                                            stop: { await $0.stop() }, body)
    }
}
