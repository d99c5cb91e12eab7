import Foundation
import SAXSFrames
import SAXSTestSupport

/// The shared small detector (see `SmallDetector`), as the service tests write it into configurations.
enum TestDetector {
    static let shape = FrameShape(rows: SmallDetector.rows, columns: SmallDetector.columns)
    static let poni = SmallDetector.poni

    /// Writes `saxsd.toml` and `detector.poni` into `folder` and returns the configuration's path.
    static func configure(_ folder: TemporaryFolder, roots: [String], extra: String = "") throws -> String {
        try poni.write(toFile: folder.file("detector.poni"), atomically: false, encoding: .utf8)
        let rootList = roots.map { "\"\($0)\"" }.joined(separator: ", ")
        let text = """
            [watch]
            roots = [\(rootList)]
            settle_ms = 50
            incomplete_timeout_s = 1

            [integration]
            poni = "detector.poni"
            npt = 100
            split = "no"
            polarization = 0.99
            \(extra)
            [service]
            workers = 2

            """
        let path = folder.file("saxsd.toml")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// A frame with counts that fall off from the beam centre, seeded so every run writes the same bytes.
    static func frame(seed: Int) -> Frame {
        var pixels = [Double](repeating: 0, count: shape.pixelCount)
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let r2 = Double((row - 48) * (row - 48) + (column - 64) * (column - 64))
                pixels[row * shape.columns + column] = (5000 / (1 + r2 / 50)).rounded() + Double((row * 31 + column * 17 + seed) % 7)
            }
        }
        return Frame(shape: shape, pixels: pixels)
    }

    /// Writes a frame in place (one open, one close: the watcher sees IN_CLOSE_WRITE).
    static func write(seed: Int, to path: String) throws {
        try FITSWriter(sampleType: .int32).write([frame(seed: seed)], to: path)
    }

    /// Writes a frame under a temporary dot-name and renames it into place, as detector writers do.
    static func writeThenRename(seed: Int, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = "\(folder)/.\((path as NSString).lastPathComponent).tmp"
        try write(seed: seed, to: temporary)
        guard rename(temporary, path) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    static func sidecarJSON(for frame: String) -> String {
        (frame as NSString).deletingPathExtension + ".saxs.json"
    }

    static func sidecarDat(for frame: String) -> String {
        (frame as NSString).deletingPathExtension + ".saxs.dat"
    }

    /// Waits until every path exists; returns the ones still missing after `timeout` seconds.
    static func waitForFiles(_ paths: [String], timeout: Double = 30) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var missing = paths
        while !missing.isEmpty && Date() < deadline {
            missing = missing.filter { !FileManager.default.fileExists(atPath: $0) }
            if !missing.isEmpty { usleep(20_000) }
        }
        return missing
    }

    static func json(_ path: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
