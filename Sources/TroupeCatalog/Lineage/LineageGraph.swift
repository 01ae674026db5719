import TroupeDomain
/// Which way `troupe lineage` walks from its node.
public enum LineageDirection: String, Sendable, CaseIterable {
    /// Towards older nodes: parents, featured characters, source videos.
    case up
    /// Towards newer nodes: remixes, extracted characters, videos featuring a character.
    case down
    /// The whole tree the node belongs to: up to its roots, then down from them.
    case whole
}

/// A node named on the command line: a pid, a video's local id or an `@handle`.
public enum LineageNodeName: Sendable, Equatable {
    case video(Pid)
    /// A video by its local id (`video#12`): how a video without a pid (Veo, Seedance) is named.
    case videoId(Int64)
    case character(Handle)

    /// Parses `s_…`/`video_…`, `video#ID`/`#ID` or `@handle`.
    public init(parsing text: String) throws {
        if text.hasPrefix("@") {
            self = .character(try Handle(text))
        } else if let id = Catalog.localId(text) {
            self = .videoId(id)
        } else if text.hasPrefix("s_") || text.hasPrefix("video_") {
            self = .video(try Pid(text))
        } else {
            throw CatalogError("invalid node '\(text)': give a video (a pid such as s_68f1a2 or video_abc123, a unique start of one, or video#ID) or a character handle (@name)")
        }
    }
}

/// A lineage node: a video or a character.
public struct LineageNode: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case video
        case character
    }

    /// The pid (or `video#ID` while it has none), or `@handle`.
    public var id: String
    public var kind: Kind
    public var label: String
    /// The model that made a video, when known; `nil` for a character.
    public var model: String? = nil
}

/// A lineage edge, from the newer node to the older one.
public struct LineageEdge: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case remix
        case extract
        case features
    }

    public var from: String
    public var to: String
    public var kind: Kind
}

/// A walked part of the lineage graph.
public struct LineageGraph: Sendable, Equatable {
    /// The node the walk started from.
    public var root: String
    public var direction: LineageDirection
    /// Nodes in the order the walk reached them (the root first).
    public var nodes: [LineageNode]
    public var edges: [LineageEdge]
}
