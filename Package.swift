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
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2")
    ],
    targets: [
        // Domain logic: Foundation only, so rules never reach for HTTP or SQL.
        .target(name: "ParcelCore", swiftSettings: swiftSettings),
        .executableTarget(
            name: "parceldesk",
            dependencies: [
                "ParcelCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParcelCoreTests",
            dependencies: ["ParcelCore"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "parceldeskTests",
            dependencies: ["parceldesk", "ParcelCore"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
