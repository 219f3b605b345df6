// swift-tools-version:6.0
import PackageDescription

// The hot path relies on raw pointers instead of arrays and on the absence of
// dynamic exclusivity checks (see docs/architecture.md, "Speed").
// SwiftPM compiles with frame pointers (-Xcc -fno-omit-frame-pointer, added
// after these flags); the cc1 option below overrides it, which saves a
// push/mov/pop in every instruction handler.
let hotPathFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-Xfrontend", "-disable-llvm-merge-functions-pass",
                  "-Xcc", "-Xclang", "-Xcc", "-mframe-pointer=none"]),
]

let package = Package(
    name: "s390host",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SIE", targets: ["SIE"]),
        .library(name: "Monitor", targets: ["Monitor"]),
        .executable(name: "s390host", targets: ["s390host"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CGuestAtomics", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "SIE", dependencies: ["CGuestAtomics"], swiftSettings: hotPathFlags),
        .target(name: "Monitor", dependencies: ["SIE"]),
        .executableTarget(name: "s390host", dependencies: [
            "Monitor", "SIE",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "SIETests", dependencies: ["SIE", "Monitor"]),
    ],
    swiftLanguageModes: [.v5]
)
