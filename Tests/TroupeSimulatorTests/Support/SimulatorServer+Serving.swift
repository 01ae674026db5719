import TroupeSimulator

extension SimulatorServer {
    /// Runs `body` with a simulator serving `configuration` on a loopback port, stopped when
    /// `body` ends however it ends: a failing expectation cannot leak the server.
    @discardableResult
    static func serving<T>(_ configuration: SimulatorConfiguration, _ body: (SimulatorServer) async throws -> T) async throws -> T {
        let server = try await start(configuration)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(server))
        } catch {
            outcome = .failure(error)
        }
        await server.stop()
        return try outcome.get()
    }
}
