// swift-tools-version:6.0
import PackageDescription

// The hot path relies on raw pointers instead of arrays and on the absence of
// dynamic exclusivity checks (see docs/architecture.md, "The instruction loop").
// SwiftPM compiles with frame pointers (-Xcc -fno-omit-frame-pointer, added
// after these flags); the cc1 option below overrides it, which saves a
// push/mov/pop in every instruction handler. The tail-duplication limits let
// LLVM copy the instruction loop's dispatch (one jump table, 64 targets) to
// the end of every inline operation: threaded code, each with its own
// indirect jump to predict (12% on scripts/bench.sh). Note: -Xllvm options do
// not change the IR, so an incremental build may skip codegen; delete
// .build/*/release/SIE.build/*.o after changing them.
let hotPathFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-Xfrontend", "-disable-llvm-merge-functions-pass",
                  "-Xcc", "-Xclang", "-Xcc", "-mframe-pointer=none",
                  "-Xllvm", "-tail-dup-pred-size=128", "-Xllvm", "-tail-dup-succ-size=128"]),
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
