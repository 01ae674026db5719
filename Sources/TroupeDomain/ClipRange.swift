import Foundation

/// A span of a clip, in seconds, from which a character is made.
public struct ClipRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public let start: Double
    public let end: Double

    /// A range with start ≥ 0 and end > start; no length limit (see `validate(for:)`).
    public init(start: Double, end: Double) throws(DomainError) {
        guard start.isFinite, end.isFinite, start >= 0 else {
            throw DomainError("invalid clip \(PlainNumber.text(start)),\(PlainNumber.text(end)): the start must be a number of seconds ≥ 0")
        }
        guard end > start else {
            throw DomainError("invalid clip \(PlainNumber.text(start)),\(PlainNumber.text(end)): the end must be after the start")
        }
        self.start = start
        self.end = end
    }

    /// Parses `START,END` in seconds, e.g. `0,3` or `1.5,4`.
    public init(parsing text: String) throws(DomainError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = Double(parts[0]), let end = Double(parts[1]) else {
            throw DomainError("invalid clip '\(text)': use START,END in seconds, e.g. 0,3")
        }
        try self.init(start: start, end: end)
    }

    public var length: Double { end - start }

    /// Checks the length against what `kind` accepts (GrsAI: at most 3 s; OpenAI: 2–4 s).
    public func validate(for kind: ProviderKind) throws(DomainError) {
        let maximum = kind.maximumClipSeconds
        let minimum = kind.minimumClipSeconds
        if length > maximum + 1e-9 || length < minimum - 1e-9 {
            let allowed = minimum > 0 ? "\(PlainNumber.text(minimum))–\(PlainNumber.text(maximum)) s" : "at most \(PlainNumber.text(maximum)) s"
            throw DomainError("clip \(description) is \(PlainNumber.text(length)) s long: \(kind.rawValue) accepts \(allowed)")
        }
    }

    /// Checks that the clip lies inside a video of `duration` seconds.
    public func validate(within duration: Double) throws(DomainError) {
        guard end <= duration + 1e-9 else {
            throw DomainError("clip \(description) ends after the video, which is \(PlainNumber.text(duration)) s long")
        }
    }

    /// `start,end` as GrsAI's `timestamps` field wants it.
    public var description: String { "\(PlainNumber.text(start)),\(PlainNumber.text(end))" }
}
