// swift-tools-version: 6.1
import PackageDescription

/// Upcoming features every target opts into, in one place.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ParcelDesk",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ParcelCore", targets: ["ParcelCore"]),
        .executable(name: "parceldesk", targets: ["parceldesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/swift-openapi-vapor.git", from: "1.2.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        // Exact: the SQLite fast path calls the C library this package builds, through a
        // module it does not publish (see docs/PERFORMANCE.md, "Why the C API").
        .package(url: "https://github.com/vapor/sqlite-nio.git", exact: "1.13.2"),
    ],
    targets: [
        // Domain logic: Foundation only, so rules never reach for HTTP or SQL.
        .target(name: "ParcelCore", swiftSettings: swiftSettings),
        // The use cases (orders, ingestion, imports, accounts) over repository protocols:
        // no HTTP, no SQL.
        .target(
            name: "ParcelApp",
            dependencies: [
                "ParcelCore",
                .product(name: "Crypto", package: "swift-crypto"),
                // Claim bundles are ZIP files.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The repositories on SQLite or PostgreSQL: migrations, table descriptions, both engines.
        .target(
            name: "ParcelStore",
            dependencies: [
                "ParcelCore", "ParcelApp",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Vapor application: API handlers, auth, ingestion, imports, metrics.
        .target(
            name: "ParcelServer",
            dependencies: [
                "ParcelCore", "ParcelApp", "ParcelStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIVapor", package: "swift-openapi-vapor"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // Pages as typed HTML: a Model plus a View that sees only the model.
                .product(name: "Plot", package: "Plot"),
            ],
            // The spec is the contract: the generator plugin makes the API's types and
            // protocol from it at build time, and the server serves the same file.
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "parceldesk",
            dependencies: [
                "ParcelCore", "ParcelApp", "ParcelStore", "ParcelServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // What more than one test target needs (test times), kept on ParcelCore alone for the quick loop.
        .target(
            name: "ParcelTestSupport", dependencies: ["ParcelCore"], path: "Tests/Support", swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParcelAppTests",
            dependencies: [
                "ParcelApp", "ParcelCore", "ParcelTestSupport",
                // The reference the byte-level CSV reader is compared against.
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParcelCoreTests",
            dependencies: ["ParcelCore", "ParcelTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParcelStoreTests",
            dependencies: [
                "ParcelStore", "ParcelApp", "ParcelCore", "ParcelTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                // To open claim bundles and check them.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParcelServerTests",
            dependencies: [
                "ParcelServer", "ParcelApp", "ParcelStore", "ParcelCore", "ParcelTestSupport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "parceldeskTests",
            dependencies: ["parceldesk", "ParcelCore", "ParcelApp", "ParcelStore", "ParcelTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
