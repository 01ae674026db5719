import Foundation

/// Where troupe keeps its data: `catalog.sqlite` and `vault/`.
///
/// Chosen by `--home DIR`, else `$TROUPE_HOME`, else `$XDG_DATA_HOME/troupe`, else
/// `~/.local/share/troupe`. A team's catalogue is elsewhere: `--database URL` (else
/// `$TROUPE_DATABASE_URL`) puts it in PostgreSQL, and `--vault DIR` (else `$TROUPE_VAULT`) puts
/// the files on shared storage.
public struct TroupeHome: Sendable, Equatable {
    public let directory: String
    /// The catalogue when it is not the home's SQLite file.
    public let database: CatalogLocation?
    /// The vault when it is not the home's `vault/`.
    public let vault: String?

    public init(directory: String, database: CatalogLocation? = nil, vault: String? = nil) {
        self.directory = directory
        self.database = database
        self.vault = vault
    }

    /// Resolves the home from an explicit option and the environment.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> TroupeHome {
        if let option, !option.isEmpty { return TroupeHome(directory: absolute(option)) }
        if let home = environment["TROUPE_HOME"], !home.isEmpty { return TroupeHome(directory: absolute(home)) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return TroupeHome(directory: absolute(xdg) + "/troupe") }
        let user = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return TroupeHome(directory: user + "/.local/share/troupe")
    }

    /// `resolve(option:)` with the catalogue and the vault placed by options or the environment.
    public static func resolve(option: String?, database: String?, vault: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TroupeHome {
        let home = resolve(option: option, environment: environment)
        func given(_ value: String?, _ variable: String) -> String? {
            if let value, !value.isEmpty { return value }
            if let value = environment[variable], !value.isEmpty { return value }
            return nil
        }
        let location = try given(database, "TROUPE_DATABASE_URL").map { try CatalogLocation(parsing: $0) }.map { location -> CatalogLocation in
            if case .sqlite(let path) = location { return .sqlite(path: absolute(path)) }
            return location
        }
        return TroupeHome(directory: home.directory, database: location, vault: given(vault, "TROUPE_VAULT").map(absolute))
    }

    public var catalogPath: String { directory + "/catalog.sqlite" }
    public var vaultPath: String { vault ?? directory + "/vault" }
    /// The catalogue this home uses.
    public var catalogLocation: CatalogLocation { database ?? .sqlite(path: catalogPath) }

    /// Creates the home and vault folders when missing.
    public func create() throws {
        for (folder, what) in [(directory, "the home"), (vaultPath, "the vault")] {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw CatalogError("\(what) \(folder) is a file, not a folder: give a folder") }
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw CatalogError("cannot create \(what) at \(folder): \(Self.reason(error))")
            }
        }
    }

    /// Foundation's error in a few words (its description is a dump of its user info).
    static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain, let text = strerror(Int32(code)) {
            return String(cString: text).lowercased()
        }
        return (error as NSError).localizedFailureReason ?? "it cannot be written here"
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return FileManager.default.currentDirectoryPath + "/" + expanded
    }
}
