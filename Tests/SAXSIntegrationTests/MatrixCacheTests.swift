import Foundation
import SAXSFrames
import SAXSTestSupport
import Testing
@testable import SAXSIntegration

/// Integration matrices kept on disk: written once, loaded by the next integrator of the same set-up, and
/// rebuilt whenever the file cannot be trusted. The cache never changes a result.
@Suite struct MatrixCacheTests {
    static let settings = IntegrationSettings(npt: 60, split: .bbox)
    static let frame = Synthetic.frame(Synthetic.counts)

    static func integrator(_ cache: MatrixCache?, settings: IntegrationSettings = MatrixCacheTests.settings,
                           mask: DetectorMask = Synthetic.mask,
                           corrections: PixelCorrections = PixelCorrections()) throws -> RadialIntegrator {
        try RadialIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: mask, settings: settings,
                             corrections: corrections, cache: cache)
    }

    static func key(settings: IntegrationSettings = MatrixCacheTests.settings) -> String {
        MatrixCache.key(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask, settings: settings,
                        corrections: PixelCorrections(), radialBins: settings.npt, azimuth: nil)
    }

    /// The cache's files, without temporaries.
    static func files(_ folder: TemporaryFolder) -> [String] {
        folder.listing().filter { $0.hasPrefix("matrices/matrix-") && $0.hasSuffix(".bin") }
    }

    @Test func aSecondIntegratorLoadsTheFileTheFirstWrote() throws {
        let folder = try TemporaryFolder("matrix-cache")
        let cache = MatrixCache(directory: folder.file("matrices"))
        let expected = try Self.integrator(nil).integrate(Self.frame)

        let first = try Self.integrator(cache)
        #expect(try first.integrate(Self.frame) == expected)
        #expect(Self.files(folder).count == 1 && folder.listing().count == 1)
        let path = folder.file(try #require(Self.files(folder).first))
        let written = try Data(contentsOf: URL(fileURLWithPath: path))

        // What the second integrator finds under its key is the first one's matrix.
        let loaded = try #require(cache.load(key: Self.key()))
        #expect(loaded.0 == first.engine.radial)
        #expect(loaded.1.firstBin == first.engine.matrix.firstBin && loaded.1.band == first.engine.matrix.band)
        #expect(loaded.1.binNorm == first.engine.matrix.binNorm)
        let second = try Self.integrator(cache)
        #expect(second.radialPositions == first.radialPositions)
        #expect(try second.integrate(Self.frame) == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
        #expect(folder.listing().count == 1)
    }

    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case truncated, emptied, flippedInTheMiddle, flippedChecksum, flippedKey
        var testDescription: String { rawValue }

        func apply(to data: Data) -> Data {
            var bytes = [UInt8](data)
            switch self {
            case .truncated: bytes.removeLast(bytes.count / 3)
            case .emptied: bytes = []
            case .flippedInTheMiddle: bytes[bytes.count / 2] ^= 0x10
            case .flippedChecksum: bytes[bytes.count - 1] ^= 0x01
            case .flippedKey: bytes[20] ^= 0x04
            }
            return Data(bytes)
        }
    }

    /// A torn or damaged file is not loaded: the matrix is rebuilt, gives the same profile, and replaces it.
    @Test(arguments: Damage.allCases)
    func aDamagedFileIsRebuilt(damage: Damage) throws {
        let folder = try TemporaryFolder("matrix-cache")
        let cache = MatrixCache(directory: folder.file("matrices"))
        let expected = try Self.integrator(cache).integrate(Self.frame)
        let path = folder.file(try #require(Self.files(folder).first))
        let intact = try Data(contentsOf: URL(fileURLWithPath: path))
        try damage.apply(to: intact).write(to: URL(fileURLWithPath: path))

        #expect(cache.load(key: Self.key()) == nil)
        #expect(try Self.integrator(cache).integrate(Self.frame) == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == intact)
        #expect(folder.listing().count == 1)
    }

    /// Everything that shapes the matrix names its file: another mask, binning, sector, flat field, or another
    /// integrator over the same pixels, each gets a file of its own, and none disturbs the others.
    @Test func otherSetUpsGetOtherFiles() throws {
        let folder = try TemporaryFolder("matrix-cache")
        let cache = MatrixCache(directory: folder.file("matrices"))
        var masked = Synthetic.mask.isMasked
        masked[5000] = true
        var moreBins = Self.settings
        moreBins.npt = 61
        var sector = Self.settings
        sector.azimuthRange = AzimuthRange(lower: 0, upper: 90)
        var noSplit = Self.settings
        noSplit.split = .no
        let flat = (0..<Synthetic.shape.pixelCount).map { 0.9 + Double($0 % 7) / 30 }

        var expected: [Profile] = []
        var builds: [() throws -> Profile] = [
            { try Self.integrator(cache).integrate(Self.frame) },
            { try Self.integrator(cache, mask: DetectorMask(shape: Synthetic.shape, isMasked: masked)).integrate(Self.frame) },
            { try Self.integrator(cache, settings: moreBins).integrate(Self.frame) },
            { try Self.integrator(cache, settings: sector).integrate(Self.frame) },
            { try Self.integrator(cache, settings: noSplit).integrate(Self.frame) },
            { try Self.integrator(cache, corrections: PixelCorrections(flat: flat)).integrate(Self.frame) },
        ]
        builds.append {
            let cake = try CakeIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                                          settings: Self.settings, azimuthBins: 12, cache: cache).integrate(Self.frame)
            return Profile(unit: cake.unit, radial: [Double](repeating: 0, count: cake.intensity.count),
                           intensity: cake.intensity, sigma: cake.sigma, count: cake.count)
        }
        for (index, build) in builds.enumerated() {
            expected.append(try build())
            #expect(Self.files(folder).count == index + 1)
        }
        // A second round loads every one of them and writes nothing.
        let listing = folder.listing()
        for (index, build) in builds.enumerated() {
            #expect(try build() == expected[index])
        }
        #expect(folder.listing() == listing)
        // Settings that only act per frame share the matrix.
        var perFrame = Self.settings
        perFrame.errorModel = .azimuthal
        perFrame.dummy = -1
        perFrame.normalization = Normalization(factor: 3)
        _ = try Self.integrator(cache, settings: perFrame)
        #expect(folder.listing() == listing)
    }

    /// A dark with NaN pixels takes them out of the matrix (see CorrectionsTests), so the matrix depends on
    /// where the dark is not finite, and so does the cache key.
    @Test func aDarkWithDeadPixelsDoesNotLoadTheMatrixOfAnotherDark() throws {
        let folder = try TemporaryFolder("matrix-cache")
        let cache = MatrixCache(directory: folder.file("matrices"))
        let dark = [Double](repeating: 2, count: Synthetic.shape.pixelCount)
        var holed = dark
        for pixel in stride(from: 3, to: holed.count, by: 101) { holed[pixel] = .nan }
        _ = try Self.integrator(cache, corrections: PixelCorrections(dark: dark))
        let expected = try Self.integrator(nil, corrections: PixelCorrections(dark: holed)).integrate(Self.frame)
        let profile = try Self.integrator(cache, corrections: PixelCorrections(dark: holed)).integrate(Self.frame)
        #expect(profile.intensity.allSatisfy { $0.isFinite })
        #expect(profile == expected)
    }

    /// A cache that cannot be written (its folder would be inside a file) costs only the rebuild.
    @Test func anUnwritableCacheIsIgnored() throws {
        let folder = try TemporaryFolder("matrix-cache")
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: folder.file("blocker")))
        let cache = MatrixCache(directory: folder.file("blocker/matrices"))
        let expected = try Self.integrator(nil).integrate(Self.frame)
        #expect(try Self.integrator(cache).integrate(Self.frame) == expected)
        #expect(folder.listing() == ["blocker"])
    }
}
