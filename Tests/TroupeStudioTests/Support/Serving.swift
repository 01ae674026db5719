/// Runs `body` with what `start` made and `stop`s it when `body` ends, however it ends: a test's
/// server lives inside the closure that uses it, so a failing expectation cannot leak it.
@discardableResult
func serving<Server, T>(_ start: () async throws -> Server, stop: (Server) async -> Void,
                        _ body: (Server) async throws -> T) async throws -> T {
    let server = try await start()
    do {
        let value = try await body(server)
        await stop(server)
        return value
    } catch {
        await stop(server)
        throw error
    }
}
