#if canImport(Glibc)
import Glibc
#endif
import SAXSPipeline

/// Decides which file names are frames: they match an include pattern and are none of the files that
/// writers and saxsd itself leave around (dot-files, temporaries, sidecars).
public struct WatchFilter: Sendable {
    public let include: [String]

    private var lowerInclude: [String]

    public init(include: [String]) {
        self.include = include
        self.lowerInclude = include.map { $0.lowercased() }
    }

    static let temporarySuffixes = [".tmp", ".temp", ".part", ".partial", ".crdownload", ".swp", "~"]

    public func accepts(name: String) -> Bool {
        if name.hasPrefix(".") || SidecarLocation.isSidecar(name: name) { return false }
        let lower = name.lowercased()
        if Self.temporarySuffixes.contains(where: { lower.hasSuffix($0) }) { return false }
        // fnmatch gives operators the shell patterns they already write; both sides lower-cased because
        // detectors disagree on ".FITS" versus ".fits".
        return lowerInclude.contains { fnmatch($0, lower, 0) == 0 }
    }
}
