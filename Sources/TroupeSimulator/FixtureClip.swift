import Foundation

/// A real H.264 clip the simulator serves as a video result (made by scripts/make-fixture-clips).
public struct FixtureClip: Sendable {
    /// Its file name under fixtures/clips/, e.g. `mandelbrot-landscape.mp4`.
    public var name: String
    /// Taller than wide (180×320); else 320×180.
    public var portrait: Bool
    /// The MP4 as committed.
    public var data: Data
    /// Its real length in seconds, from its `mvhd`.
    public var seconds: Double
}
