// swift-tools-version:6.2
// Benchmarks, kept out of `make test`'s build. Run with `make bench` or
// `cd Benchmarks && swift package --disable-sandbox benchmark`.
import PackageDescription

let package = Package(
    name: "troupe-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "troupe", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "LineageBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TroupeCatalog", package: "troupe"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Benchmarks/LineageBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Plain release executables, run by scripts/bench-http and scripts/bench-prompt.
        .executableTarget(
            name: "HTTPBench",
            dependencies: [.product(name: "TroupeHTTP", package: "troupe")],
            path: "HTTPBench"
        ),
        // A plain release executable: `scripts/bench-stream` (see its header comment).
        .executableTarget(
            name: "StreamBench",
            dependencies: [
                .product(name: "TroupeHTTP", package: "troupe"),
                .product(name: "TroupeProviders", package: "troupe"),
            ],
            path: "StreamBench"
        ),
        // A plain release executable: `scripts/bench-web` seeds its catalogue with it (see its header comment).
        .executableTarget(
            name: "WebSeed",
            dependencies: [
                .product(name: "TroupeCatalog", package: "troupe"),
                .product(name: "TroupeDomain", package: "troupe"),
                .product(name: "TroupeStudio", package: "troupe"),
            ],
            path: "WebSeed"
        ),
        // A plain release executable: `scripts/bench-prompt` (see its header comment).
        .executableTarget(
            name: "PromptBenchmark",
            dependencies: [.product(name: "TroupePrompt", package: "troupe"), .product(name: "TroupeDomain", package: "troupe")],
            path: "PromptBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
