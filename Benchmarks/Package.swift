// swift-tools-version:6.2
import PackageDescription

// Benchmarks live outside the root package so that `make test` never builds or runs them.
let package = Package(
    name: "troupe-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "troupe", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "HTTPBench",
            dependencies: [.product(name: "TroupeHTTP", package: "troupe")],
            path: "HTTPBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
