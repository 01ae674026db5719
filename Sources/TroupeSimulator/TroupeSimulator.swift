/// A local, stateful provider simulator speaking the GrsAI, AceData and OpenAI-style APIs.
public enum TroupeSimulatorModule {
    /// The module name, for diagnostics.
    public static let name = "TroupeSimulator"
}
