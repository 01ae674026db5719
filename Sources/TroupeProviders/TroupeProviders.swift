/// Provider dialects: GrsAI, AceData, OpenAI-style wire types, request building and decoding.
public enum TroupeProvidersModule {
    /// The module name, for diagnostics.
    public static let name = "TroupeProviders"
}
