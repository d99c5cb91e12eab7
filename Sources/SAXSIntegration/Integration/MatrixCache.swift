#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SAXSFrames

/// Integration matrices kept on disk, so that a restarted service is ready without rebuilding them.
///
/// A file is named by the hash of everything that defines its matrix (geometry, frame shape, mask, flat field,
/// binning and corrections) and repeats that description inside, so a hash collision or a file from another
/// version is rebuilt rather than used. Files are written under a temporary name and renamed, and carry a
/// checksum of their content: a torn or damaged file is ignored and replaced. The cache never decides a
/// result, so every failure to read or write it is silent and costs only the rebuild.
public struct MatrixCache: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    static let magic: UInt64 = 0x3158_4d44_5358_4153 // "SAXSDMX1" little-endian

    static func key(geometry: Geometry, shape: FrameShape, mask: DetectorMask?, settings: IntegrationSettings,
                    corrections: PixelCorrections, radialBins: Int, azimuth: BinAxis?) -> String {
        key(setup: DetectorSetup.fingerprint(geometry: geometry, shape: shape, mask: mask, corrections: corrections),
            settings: settings, radialBins: radialBins, azimuth: azimuth)
    }

    /// `setup` is `DetectorSetup.fingerprint`.
    static func key(setup: String, settings: IntegrationSettings, radialBins: Int, azimuth: BinAxis?) -> String {
        let sector = azimuth.map { "\($0.lower)...\($0.upper)x\($0.count)" } ?? "rings"
        return "saxsd-matrix/2 \(setup) \(settings.matrixFingerprint) radial_bins=\(radialBins) azimuth=\(sector)"
    }

    func path(key: String) -> String {
        var hash = FNV1a()
        hash.add(key)
        return directory + "/" + hash.hex.replacingOccurrences(of: "fnv1a64:", with: "matrix-") + ".bin"
    }

    /// The matrix stored under `key`, or nil when there is none or it cannot be trusted.
    func load(key: String) -> (BinAxis, IntegrationMatrix)? {
        let fd = open(path(key: key), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var reader = MatrixFileReader(fd: fd)
        return reader.read(key: key)
    }

    func store(key: String, radial: BinAxis, matrix: IntegrationMatrix) {
        mkdir(directory, 0o755)
        let final = path(key: key)
        let temporary = "\(final).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var writer = MatrixFileWriter(fd: fd)
        writer.write(key: key, radial: radial, matrix: matrix)
        let written = writer.ok && fsync(fd) == 0
        close(fd)
        if !(written && rename(temporary, final) == 0) { unlink(temporary) }
    }
}
