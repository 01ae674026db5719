/// Domain types, the SQLite catalogue and lineage graph queries.
public enum TroupeCatalogModule {
    /// The module name, for diagnostics.
    public static let name = "TroupeCatalog"
}
