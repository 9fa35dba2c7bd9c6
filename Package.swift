// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "SupportCal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "supportcal", targets: ["supportcal"]),
        .library(name: "ICal", targets: ["ICal"]),
        .library(name: "Curl", targets: ["Curl"]),
        .library(name: "CalDAV", targets: ["CalDAV"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "Store", targets: ["Store"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // C libraries, each reached only through its Swift wrapper (architecture.md).
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "ICal", dependencies: ["CLibical"]),
        // Atomic file writes, EINTR retries and flock, for the Maildir, vdirs and key files.
        .target(name: "FileSystem"),
        .target(
            name: "Curl",
            dependencies: [
                "CCurl",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CalDAV",
            dependencies: ["Curl", "ICal", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Scheduling"),
        .target(
            name: "Store",
            dependencies: [
                "Scheduling",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Mail",
            dependencies: [
                "ICal", "Curl", "FileSystem",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Operations",
            dependencies: ["Store", "Scheduling", "ICal", "Mail"]
        ),
        .target(
            name: "Sync",
            dependencies: [
                "Store", "Operations", "CalDAV", "ICal", "Scheduling", "FileSystem", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The one application layer: every use case, for the command line and the service.
        .target(
            name: "UseCases",
            dependencies: [
                "Operations", "Sync", "Config", "Store", "Scheduling", "Mail", "CalDAV", "Curl", "ICal", "FileSystem",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SupportServer",
            dependencies: [
                "UseCases", "Operations", "Store", "Scheduling", "Mail", "ICal",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Config",
            dependencies: ["Scheduling", "Mail", "Curl", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Not part of the product: the HTTP ceiling `supportcal bench serve` compares against.
        .executableTarget(
            name: "supportcal-bench-ceiling",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/HelloCeiling"
        ),
        .executableTarget(
            name: "supportcal",
            dependencies: [
                "ICal", "Curl", "CalDAV", "Scheduling", "Config", "Store", "Sync", "Operations", "Mail", "UseCases", "SupportServer",
                "FileSystem",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "TestSupport", dependencies: ["ICal", "Curl", "Scheduling", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"),
        .testTarget(name: "ICalTests", dependencies: ["ICal", "TestSupport"]),
        .testTarget(name: "CurlTests", dependencies: ["Curl", "ICal", "TestSupport"]),
        .testTarget(name: "CalDAVTests", dependencies: ["CalDAV", "Curl", "ICal", "TestSupport"]),
        .testTarget(
            name: "SchedulingTests",
            dependencies: [
                "Scheduling", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Scheduling", "Mail", "TestSupport"]),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "Store", "Scheduling", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "TestSupport"]),
        .testTarget(
            name: "SyncTests",
            dependencies: ["Sync", "ICal", "CalDAV", "Curl", "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "FileSystemTests", dependencies: ["FileSystem"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Scheduling", "TestSupport"]),
        .testTarget(
            name: "SupportServerTests",
            dependencies: [
                "SupportServer", "UseCases", "Sync", "Operations", "Store", "Scheduling", "Mail", "ICal", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "UseCasesTests", dependencies: ["UseCases", "Operations", "Sync", "Store", "Scheduling", "TestSupport"]),
        .testTarget(name: "SupportCalCLITests", dependencies: ["TestSupport", "Curl", "ICal", "Store", "Scheduling", "UseCases"]),
    ],
    swiftLanguageModes: [.v6]
)
