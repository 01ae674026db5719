import Foundation
import TroupeDomain

/// Reads a task's state and file from an answer whose shape varies per service, as AceData's
/// official SDK does: any status word, any `*_url` field (never from the echoed request).
enum ForgivingRead {
    /// How deep the search goes.
    static let maximumDepth = 6
    /// Members that echo what was sent (its images are not the result).
    static let echoed: Set<String> = ["request", "input", "params"]
    /// Words in a member's name that say it is not the video (nothing under it is read as the file).
    static let notTheVideo = ["callback", "webhook", "image", "frame", "cover", "thumbnail", "poster", "audio"]

    /// The status the words anywhere in `json` say: a failure word wins, then a success word,
    /// then a running word; `nil` when there is none.
    static func status(in json: JSONValue) -> VideoStatus? {
        var found: [VideoStatus] = []
        visit(json) { key, value in
            if key == "status" || key == "state", case .string(let word) = value, let status = RemoteStatus.map(word) {
                found.append(status)
            }
        }
        for status in [VideoStatus.failed, .succeeded, .running] where found.contains(status) { return status }
        return nil
    }

    /// The result file's URL: a `video_url` first, else any other `*_url` or `url` field that is
    /// not a callback, an image or a frame; outermost first. An http(s) one is preferred; one of
    /// another scheme is returned only when there is no http(s) one (so that it is refused).
    static func fileURL(in json: JSONValue) -> String? {
        var video: [String] = []
        var other: [String] = []
        visit(json, skipping: { key in notTheVideo.contains(where: key.contains) }) { key, value in
            guard case .string(let text) = value, text.contains("://") else { return }
            let trimmed = text.trimmedWhitespace
            if key == "video_url" {
                video.append(trimmed)
            } else if key == "url" || key.hasSuffix("_url") {
                other.append(trimmed)
            }
        }
        let ordered = video + other
        return ordered.first(where: CommonChecks.isHTTPURL) ?? ordered.first
    }

    /// Calls `body` with every member of every object in `json`, level by level (keys sorted),
    /// except the echoed request and members `skipping` names (nor anything under them).
    static func visit(_ json: JSONValue, skipping: (String) -> Bool = { _ in false }, _ body: (String, JSONValue) -> Void) {
        var level = [json]
        for _ in 0...maximumDepth where !level.isEmpty {
            var next: [JSONValue] = []
            for node in level {
                switch node {
                case .object(let members):
                    for key in members.keys.sorted() where !echoed.contains(key) && !skipping(key) {
                        body(key, members[key]!)
                        next.append(members[key]!)
                    }
                case .array(let items):
                    next += items
                default:
                    break
                }
            }
            level = next
        }
    }
}
