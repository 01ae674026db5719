import Foundation

/// Where troupe keeps its data: `catalog.sqlite` and `vault/`.
///
/// Chosen by `--home DIR`, else `$TROUPE_HOME`, else `$XDG_DATA_HOME/troupe`, else
/// `~/.local/share/troupe`.
public struct TroupeHome: Sendable, Equatable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Resolves the home from an explicit option and the environment.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> TroupeHome {
        if let option, !option.isEmpty { return TroupeHome(directory: absolute(option)) }
        if let home = environment["TROUPE_HOME"], !home.isEmpty { return TroupeHome(directory: absolute(home)) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return TroupeHome(directory: absolute(xdg) + "/troupe") }
        let user = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return TroupeHome(directory: user + "/.local/share/troupe")
    }

    public var catalogPath: String { directory + "/catalog.sqlite" }
    public var vaultPath: String { directory + "/vault" }

    /// Creates the home and vault folders when missing.
    public func create() throws {
        try FileManager.default.createDirectory(atPath: vaultPath, withIntermediateDirectories: true)
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return FileManager.default.currentDirectoryPath + "/" + expanded
    }
}
