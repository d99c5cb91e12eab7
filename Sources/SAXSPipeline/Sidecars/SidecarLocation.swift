/// Where the sidecars of a raw file go: beside it, or at the same relative path under an output root.
public struct SidecarLocation: Sendable, Hashable {
    /// Folder that receives the sidecars.
    public var folder: String
    /// File name without its extension (`run_0001` for `run_0001.fits`).
    public var stem: String

    public static let jsonSuffix = ".saxs.json"
    public static let datSuffix = ".saxs.dat"
    /// The cake I(q, chi), when `[anisotropy] cake` asks for it.
    public static let cakeSuffix = ".saxs.cake.fits"

    /// The profile of the `number`-th sector of `[anisotropy] sectors`, counted from 1 as in the configuration.
    public static func sectorSuffix(_ number: Int) -> String {
        ".saxs.sector\(number).dat"
    }

    /// - Parameters:
    ///   - source: absolute path of the raw file.
    ///   - root: the watched or processed folder the file was found under; decides the mirrored part of the path.
    ///   - outputRoot: empty for sidecars beside the raw data.
    public init(source: String, root: String?, outputRoot: String) {
        let slash = source.lastIndex(of: "/")
        let sourceFolder = slash.map { String(source[..<$0]) } ?? "."
        let name = slash.map { String(source[source.index(after: $0)...]) } ?? source
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = String(name[..<dot])
        } else {
            stem = name
        }
        guard !outputRoot.isEmpty else {
            folder = sourceFolder.isEmpty ? "/" : sourceFolder
            return
        }
        var relative = sourceFolder
        if let root, let stripped = Self.relative(sourceFolder, to: root) {
            relative = stripped
        }
        let trimmed = relative.drop { $0 == "/" }
        folder = trimmed.isEmpty ? outputRoot : "\(outputRoot)/\(trimmed)"
    }

    /// Frames of a multi-frame file get a five-digit index so that the names sort in acquisition order.
    public func name(frame: Int?, suffix: String) -> String {
        guard let frame else { return stem + suffix }
        let digits = String(frame)
        return stem + "_" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + suffix
    }

    public func path(frame: Int?, suffix: String) -> String {
        "\(folder)/\(name(frame: frame, suffix: suffix))"
    }

    /// True for file names saxsd writes itself, which watchers must never take for frames: the cake is a FITS
    /// file that `*.fits` patterns would otherwise pick up.
    public static func isSidecar(name: String) -> Bool {
        if name.hasSuffix(jsonSuffix) || name.hasSuffix(datSuffix) || name.hasSuffix(cakeSuffix) { return true }
        guard name.hasSuffix(".dat"), let marker = name.range(of: ".saxs.sector", options: .backwards) else {
            return false
        }
        let number = name[marker.upperBound...].dropLast(4)
        return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func relative(_ path: String, to root: String) -> String? {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        if path == base { return "" }
        guard path.hasPrefix(base + "/") else { return nil }
        return String(path.dropFirst(base.count + 1))
    }
}
