// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "due",
    products: [
        .executable(name: "due", targets: ["due"]),
        .library(name: "DueKit", targets: ["DueKit"]),
    ],
    targets: [
        // All logic lives in the library; the executable only parses arguments and prints.
        .target(name: "DueKit"),
        .executableTarget(name: "due", dependencies: ["DueKit"]),
        .testTarget(
            name: "DueKitTests",
            dependencies: ["DueKit"],
            // Golden files are read from the source tree by path, not bundled.
            exclude: ["Goldens"]
        ),
    ]
)
