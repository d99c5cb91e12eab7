// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that saxsd itself does not depend on the benchmark harness and its
// malloc interposer. Run from this folder:
//   swift package --scratch-path ../.build-bench benchmark --target Integration

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(name: "saxsd", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.12.0"),
    ],
    targets: []
)

/// One executable target per benchmark suite, in `Benchmarks/<name>/`.
func benchmark(_ name: String, dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")] + dependencies,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

package.targets += [
    benchmark("Integration", dependencies: [
        .product(name: "SAXSFrames", package: "saxsd"),
        .product(name: "SAXSIntegration", package: "saxsd"),
    ]),
    benchmark("FrameReading", dependencies: [
        .product(name: "SAXSFrames", package: "saxsd"),
    ]),
    benchmark("Models", dependencies: [
        .product(name: "SAXSPhysics", package: "saxsd"),
    ]),
    benchmark("Trees", dependencies: [
        .product(name: "SAXSLearning", package: "saxsd"),
        .product(name: "SAXSPhysics", package: "saxsd"),
        .product(name: "SAXSIntegration", package: "saxsd"),
    ]),
    benchmark("Training", dependencies: [
        .product(name: "SAXSLearning", package: "saxsd"),
        .product(name: "SAXSPhysics", package: "saxsd"),
    ]),
    // Not a benchmark: trains saxsd's regressors on the split scripts/gbdt_compare.py writes, to set them beside XGBoost's.
    .executableTarget(
        name: "TrainingComparison",
        dependencies: [
            .product(name: "SAXSLearning", package: "saxsd"),
            .product(name: "SAXSPhysics", package: "saxsd"),
        ],
        path: "Tools/TrainingComparison"
    ),
    benchmark("Latency", dependencies: [
        .product(name: "SAXSDaemon", package: "saxsd"),
        .product(name: "SAXSPipeline", package: "saxsd"),
        .product(name: "SAXSIntegration", package: "saxsd"),
        .product(name: "SAXSFrames", package: "saxsd"),
        .product(name: "Logging", package: "swift-log"),
    ]),
]
