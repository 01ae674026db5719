import Foundation
import TroupeCatalog

/// What `Studio.export` did.
public struct ExportResult: Sendable, Equatable {
    /// Every video the query matched, as the manifest lists it.
    public var manifest: ExportManifest
    /// Videos listed without a file, each with why (no file in the vault, a damaged copy…).
    public var missing: [Missing]
    /// How many files were copied.
    public var copied: Int

    /// A video listed without a file: its pid (or `video#ID`) and why.
    public struct Missing: Sendable, Equatable {
        public var name: String
        public var reason: String
    }
}

extension Studio {
    /// Copies the vault files of the videos `query` matches into `directory` under readable
    /// names (`<date>_<pid or video-ID>_<prompt-slug>.mp4`), checking each copy's SHA-256, and
    /// writes `manifest.json` and `manifest.csv` listing every matched video (one without a
    /// file is listed with an empty file). Vault files are copied, never moved. `directory`
    /// must be missing or empty unless `force`, which writes into it anyway: files of the same
    /// names are replaced, others are left alone.
    public func export(_ query: VideoQuery, to directory: String, force: Bool = false) throws -> ExportResult {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StudioError("\(directory) is a file: give a directory to export into") }
            guard let present = try? files.contentsOfDirectory(atPath: directory) else {
                throw StudioError("cannot read the directory \(directory): give one you can write to")
            }
            if !present.isEmpty && !force {
                throw StudioError("\(directory) already holds \(present.count) file(s): give a new or empty directory, or --force to write into it (files of the same names are replaced)")
            }
        } else {
            do {
                try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StudioError("cannot create the directory \(directory): \(error.localizedDescription)")
            }
        }
        let page = try catalog.videos(matching: query)
        let reports = try catalog.reports(for: page.videos, vaultPath: home.vaultPath)
        var result = ExportResult(manifest: ExportManifest(entries: []), missing: [], copied: 0)
        for report in reports {
            var entry = ExportManifest.Entry(
                file: "", pid: report.pid, id: report.id, prompt: report.prompt, compiledPrompt: report.compiledPrompt,
                model: report.model, provider: report.provider, characters: report.features, parent: report.parentPid,
                sha256: report.asset?.sha256, createdAt: report.createdAt)
            let name = report.pid ?? "video#\(report.id)"
            if let asset = report.asset {
                let file = Self.exportName(report)
                do {
                    try Self.copyChecked(asset.path, sha256: asset.sha256, to: directory + "/" + file)
                    entry.file = file
                    result.copied += 1
                } catch let error as StudioError {
                    result.missing.append(.init(name: name, reason: error.message))
                }
            } else {
                result.missing.append(.init(name: name, reason: "no file in the vault (\(report.status))"))
            }
            result.manifest.entries.append(entry)
        }
        try Self.writeAtomically(try result.manifest.json(), to: directory + "/manifest.json")
        try Self.writeAtomically(Data(result.manifest.csv().utf8), to: directory + "/manifest.csv")
        return result
    }

    /// `2026-11-30_s_68f1a2_a-cat-on-a-skateboard.mp4`; a video without a pid is `video-ID`.
    static func exportName(_ report: VideoReport) -> String {
        let date = String(report.createdAt.prefix(10))
        let name = report.pid ?? "video-\(report.id)"
        let slug = ExportManifest.slug(report.prompt ?? report.compiledPrompt ?? "")
        let ext = report.asset.map { ($0.path as NSString).pathExtension } ?? ""
        return [date, name, slug].filter { !$0.isEmpty }.joined(separator: "_") + (ext.isEmpty ? "" : "." + ext)
    }

    /// Copies `source` to `destination` through a temporary file beside it, and keeps the copy
    /// only when its SHA-256 is `sha256`.
    static func copyChecked(_ source: String, sha256: String, to destination: String) throws {
        let files = FileManager.default
        guard files.fileExists(atPath: source) else {
            throw StudioError("its file is missing from the vault (\(source))")
        }
        let temporary = destination + ".part-" + UUID().uuidString
        defer { try? files.removeItem(atPath: temporary) }
        do {
            try files.copyItem(atPath: source, toPath: temporary)
        } catch {
            throw StudioError("cannot copy \(source): \(error.localizedDescription)")
        }
        guard let copy = try hash(fileAt: temporary), copy.sha256 == sha256 else {
            throw StudioError("its vault file does not have the SHA-256 it was saved with (the vault copy is damaged): not exported")
        }
        if files.fileExists(atPath: destination) { try files.removeItem(atPath: destination) }
        try files.moveItem(atPath: temporary, toPath: destination)
    }

    static func writeAtomically(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw StudioError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
