import ArgumentParser
import TroupeCatalog

struct LineageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Draw the lineage of a video or a character: remixes, extractions, appearances.",
        discussion: """
            Without --up or --down, draws the whole tree the node belongs to. Edges point from \
            the newer node to the older one: remix (video → parent), extract (character → source \
            video), features (video → character).

            Example:
              troupe lineage s_68f1a2
              troupe lineage @hero --down --format mermaid
              troupe lineage 'video#23'
              troupe lineage s_77aa01 --up --format json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("A pid (or a unique start of it), video#ID (a video without a pid) or an @handle.", valueName: "node")) var node: String
    @Flag(help: "Walk towards older nodes only.") var up = false
    @Flag(help: "Walk towards newer nodes only.") var down = false
    @Option(help: ArgumentHelp("tree, json, dot or mermaid (--json implies json).", valueName: "format")) var format: String?
    @Option(help: "Stop after this many steps.") var depth: Int = Catalog.defaultLineageDepth

    func validate() throws {
        if up && down { throw ValidationError("choose --up or --down, not both (neither draws the whole tree)") }
        if let format, LineageFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)': use tree, json, dot or mermaid")
        }
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
    }

    func run() throws {
        let catalog = try global.openCatalog()
        // A pid, a unique start of one or video#ID names a video (a Veo or Seedance one has no pid).
        let isVideo = node.hasPrefix("s_") || node.hasPrefix("video_") || node.hasPrefix("#") || node.hasPrefix("video#")
        let name = isVideo ? .videoId(try catalog.resolveVideo(node).id!) : try LineageNodeName(parsing: node)
        let direction: LineageDirection = up ? .up : down ? .down : .whole
        let graph = try catalog.lineage(of: name, direction: direction, maxDepth: depth)
        let chosen = format.flatMap(LineageFormat.init(rawValue:)) ?? (global.json ? .json : .tree)
        print(graph.rendered(as: chosen))
    }
}
