// swift-tools-version:6.2
import PackageDescription

// Benchmarks for troupe, kept out of the main package so `swift build` there stays lean.
// Build and run in release: see each target's header comment.
let package = Package(
    name: "troupe-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "troupe", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "PromptBenchmark",
            dependencies: [.product(name: "TroupePrompt", package: "troupe")],
            path: "PromptBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
