import Foundation
import SAXSTestSupport
import Testing
@testable import SAXSFrames

/// Tile-compressed FITS (the image in a binary-table extension, as archives and some detectors write it) and
/// cubes whose third axis counts frames.
@Suite struct FITSCompressionTests {
    static let shape = FrameShape(rows: 37, columns: 53)

    /// Detector-like counts: a smooth peak plus seeded noise, with a few zeros and large values.
    static func counts(seed: UInt64, maximum: Double) -> [Double] {
        var state = seed
        return (0..<shape.pixelCount).map { pixel in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Double(state >> 40) / Double(1 << 24)
            let r2 = Double((pixel / shape.columns - 18) * (pixel / shape.columns - 18) + (pixel % shape.columns - 26) * (pixel % shape.columns - 26))
            return min(maximum, (maximum / 4 / (1 + r2 / 30) + 40 * noise).rounded())
        }
    }

    @Test(arguments: FITSWriter.Compression.allCases)
    func compressedIntegerFramesReadBackExactly(compression: FITSWriter.Compression) throws {
        let folder = try TemporaryFolder("fits-tile")
        let maximum: Double = 2_000_000_000
        for type in [FITSWriter.SampleType.int16, .int32] {
            let top = type == .int16 ? 32_000 : maximum
            let pixels = Self.counts(seed: 7, maximum: top)
            let path = folder.file("\(compression)-\(type).fits")
            try FITSWriter(sampleType: type, compression: compression)
                .write([Frame(shape: Self.shape, pixels: pixels)], to: path, keywords: [("EXPTIME", .real(0.5))])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(String(decoding: bytes.prefix(28_800), as: UTF8.self).contains("ZIMAGE"), "written tile-compressed")
            let frames = try FrameFile().readFrames(path: path)
            #expect(frames.count == 1)
            let frame = try #require(frames.first)
            #expect(frame.shape == Self.shape)
            #expect(frame.pixels == pixels, "\(compression) \(type)")
            #expect(frame.header.exposureTime == 0.5)
            #expect(FITSReader().isComplete(path: path) == true)
        }
    }

    @Test func aCompressedCubeIsAStackAndCanBeReadInParts() throws {
        let folder = try TemporaryFolder("fits-tile-cube")
        let planes = (0..<5).map { Frame(shape: Self.shape, pixels: Self.counts(seed: UInt64($0 + 1), maximum: 60_000), index: $0) }
        let path = folder.file("cube.fits")
        try FITSWriter(sampleType: .int32, compression: .rice).write(planes, to: path)
        let reader = FITSReader()
        #expect(try reader.frameCount(path: path) == 5)
        let middle = try reader.readFrames(path: path, range: 1..<4)
        #expect(middle.map(\.index) == [1, 2, 3])
        #expect(middle.map(\.pixels) == planes[1..<4].map(\.pixels))
        #expect(throws: FrameError.self) { try reader.readFrames(path: path, range: 3..<6) }
    }

    @Test func aCompressedFileCutShortIsNotCompleteAndDoesNotRead() throws {
        let folder = try TemporaryFolder("fits-tile-cut")
        let path = folder.file("whole.fits")
        try FITSWriter(sampleType: .int32, compression: .gzip)
            .write([Frame(shape: Self.shape, pixels: Self.counts(seed: 3, maximum: 1e6))], to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = folder.file("cut.fits")
        try bytes.prefix(bytes.count - 2880).write(to: URL(fileURLWithPath: cut))
        #expect(FITSReader().isComplete(path: cut) == false)
        #expect(throws: FrameError.self) { try FrameFile().readFrames(path: cut) }
    }
}
