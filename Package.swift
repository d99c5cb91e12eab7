// swift-tools-version:6.1
import PackageDescription

/// The physics lanes (`SpecialFunctions.Lanes`) spend their time in polynomial steps a·x + b. On x86-64 they are
/// built for x86-64-v3 (AVX2 and FMA: Intel since 2013, AMD since 2015, and what RHEL 10 requires), where each step
/// is one fused instruction: the cylinder's orientation average runs 1.7 times faster. `SAXSD_PORTABLE=1` at build
/// time gives plain x86-64 for older machines. Every arm64 CPU fuses multiply-adds.
#if arch(x86_64)
let physicsSettings: [SwiftSetting] = Context.environment["SAXSD_PORTABLE"] == nil
    ? [.unsafeFlags(["-target-cpu", "haswell"]), .define("SAXSD_FMA")] : []
#else
let physicsSettings: [SwiftSetting] = [.define("SAXSD_FMA")]
#endif

let package = Package(
    name: "saxsd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "saxsd", targets: ["saxsd"]),
        .library(name: "SAXSFrames", targets: ["SAXSFrames"]),
        .library(name: "SAXSIntegration", targets: ["SAXSIntegration"]),
        .library(name: "SAXSPhysics", targets: ["SAXSPhysics"]),
        .library(name: "SAXSLearning", targets: ["SAXSLearning"]),
        .library(name: "SAXSPipeline", targets: ["SAXSPipeline"]),
        .library(name: "SAXSDaemon", targets: ["SAXSDaemon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.12.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CFITSIO",
            pkgConfig: "cfitsio",
            providers: [.apt(["libcfitsio-dev"])]
        ),
        .systemLibrary(
            name: "CTIFF",
            pkgConfig: "libtiff-4",
            providers: [.apt(["libtiff-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libbz2-dev has no pkg-config file; the module map links "bz2" by name.
        .systemLibrary(
            name: "CBZip2",
            providers: [.apt(["libbz2-dev"])]
        ),
        .systemLibrary(
            name: "CHDF5",
            pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"])]
        ),
        .systemLibrary(
            name: "CLZ4",
            pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"])]
        ),
        .systemLibrary(
            name: "CFFTW",
            pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(name: "SAXSFrames", dependencies: ["CFITSIO", "CTIFF", "CHDF5", "CLZ4", "CZlib", "CBZip2", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "SAXSIntegration", dependencies: ["SAXSFrames"]),
        .target(name: "SAXSPhysics", dependencies: ["SAXSFrames", "SAXSIntegration", "CFFTW", "CZlib"],
                swiftSettings: physicsSettings),
        .target(name: "SAXSLearning", dependencies: ["SAXSFrames", "SAXSIntegration", "SAXSPhysics"]),
        .target(name: "SAXSPipeline", dependencies: ["SAXSFrames", "SAXSIntegration", "SAXSLearning"]),
        .target(
            name: "SAXSDaemon",
            dependencies: [
                "SAXSPipeline",
                "SAXSLearning",
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "saxsd",
            dependencies: [
                "SAXSDaemon",
                "SAXSPipeline",
                "SAXSPhysics",
                "SAXSLearning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SAXSTestSupport", path: "Tests/SAXSTestSupport"),
        .testTarget(name: "SAXSFramesTests", dependencies: ["SAXSFrames", "SAXSTestSupport", "CHDF5"]),
        .testTarget(name: "SAXSIntegrationTests", dependencies: ["SAXSIntegration", "SAXSFrames", "SAXSTestSupport"]),
        .testTarget(name: "SAXSPhysicsTests", dependencies: ["SAXSPhysics", "SAXSIntegration", "SAXSFrames", "SAXSTestSupport", "CZlib"]),
        .testTarget(
            name: "SAXSLearningTests",
            dependencies: ["SAXSLearning", "SAXSPhysics", "SAXSIntegration", "SAXSTestSupport"],
            // Model files read by path, as the user's would be.
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SAXSPipelineTests", dependencies: ["SAXSPipeline", "SAXSPhysics", "SAXSLearning", "SAXSTestSupport"]),
        .testTarget(name: "SAXSDaemonTests", dependencies: ["SAXSDaemon", "SAXSPhysics", "SAXSTestSupport"]),
        .testTarget(name: "saxsdTests", dependencies: ["saxsd", "SAXSFrames", "SAXSTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
