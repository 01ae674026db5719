// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "troupe",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "troupe", targets: ["troupe"]),
        .library(name: "TroupeCatalog", targets: ["TroupeCatalog"]),
        .library(name: "TroupeDomain", targets: ["TroupeDomain"]),
        .library(name: "TroupeHTTP", targets: ["TroupeHTTP"]),
        .library(name: "TroupePrompt", targets: ["TroupePrompt"]),
        .library(name: "TroupeProviders", targets: ["TroupeProviders"]),
        .library(name: "TroupeStudio", targets: ["TroupeStudio"]),
        .library(name: "TroupeSimulator", targets: ["TroupeSimulator"]),
        .library(name: "TroupeServer", targets: ["TroupeServer"]),
        .library(name: "TroupeDemo", targets: ["TroupeDemo"]),
        .library(name: "TroupeWeb", targets: ["TroupeWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "TroupeCatalog",
            dependencies: [
                "TroupeDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TroupeHTTP",
            dependencies: ["CCurl", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "TroupeDomain", swiftSettings: strict),
        .target(name: "TroupePrompt", dependencies: ["TroupeDomain"], swiftSettings: strict),
        .target(
            name: "TroupeProviders",
            dependencies: [
                "TroupeDomain",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TroupeServer",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TroupeSimulator",
            dependencies: [
                "TroupeDomain", "TroupeServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TroupeStudio",
            dependencies: [
                "TroupeCatalog", "TroupeDomain", "TroupeHTTP", "TroupePrompt", "TroupeProviders", "TroupeServer",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TroupeWeb",
            dependencies: [
                "TroupeStudio", "TroupeCatalog", "TroupeDomain", "TroupePrompt", "TroupeServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TroupeDemo", dependencies: ["TroupeStudio", "TroupeCatalog", "TroupeDomain", "TroupeSimulator"], swiftSettings: strict),
        .executableTarget(
            name: "troupe",
            dependencies: [
                "TroupeStudio", "TroupeCatalog", "TroupeDomain", "TroupePrompt", "TroupeSimulator", "TroupeDemo", "TroupeWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "troupe-sim", dependencies: ["TroupeSimulator"], swiftSettings: strict),
        // Test targets: one per module, plus end-to-end CLI tests.
        .testTarget(
            name: "TroupeCatalogTests",
            dependencies: ["TroupeCatalog", "TroupeDomain", "TroupePrompt", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "TroupeDomainTests", dependencies: ["TroupeDomain"], swiftSettings: strict),
        .testTarget(
            name: "TroupeCLITests",
            dependencies: [
                "troupe", "TroupeSimulator", "TroupeServer", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TroupeStudioTests",
            dependencies: ["TroupeStudio", "TroupeCatalog", "TroupeDomain", "TroupeSimulator", "TroupeHTTP", "TroupeProviders", "TroupePrompt",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TroupeWebTests",
            dependencies: [
                "TroupeWeb", "TroupeStudio", "TroupeCatalog", "TroupeDomain", "TroupeSimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "TroupePromptTests", dependencies: ["TroupePrompt", "TroupeDomain"], swiftSettings: strict),
        .testTarget(
            name: "TroupeHTTPTests",
            dependencies: ["TroupeHTTP", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TroupeProvidersTests",
            dependencies: ["TroupeProviders", "TroupeDomain"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TroupeServerTests",
            dependencies: [
                "TroupeServer", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TroupeSimulatorTests",
            dependencies: [
                "TroupeSimulator", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
