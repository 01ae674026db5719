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

/// A node named on the command line: a pid or an `@handle`.
public enum LineageNodeName: Sendable, Equatable {
    case video(Pid)
    case character(Handle)

    /// Parses `s_…`/`video_…` or `@handle`.
    public init(parsing text: String) throws {
        if text.hasPrefix("@") {
            self = .character(try Handle(text))
        } else if text.hasPrefix("s_") || text.hasPrefix("video_") {
            self = .video(try Pid(text))
        } else {
            throw CatalogError("invalid node '\(text)': give a pid (s_…) or a character handle (@name)")
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
