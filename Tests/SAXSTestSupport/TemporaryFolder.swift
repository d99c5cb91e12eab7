import Foundation

/// A fresh folder under /tmp for one test, removed when the value goes away.
public final class TemporaryFolder: Sendable {
    public let path: String

    public init(_ label: String = "test") throws {
        // Short: notify socket paths inside it must fit in sun_path (108 bytes).
        var template = Array("/tmp/saxsd-\(label)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        path = String(cString: made)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    public func file(_ relative: String) -> String { "\(path)/\(relative)" }

    @discardableResult
    public func folder(_ relative: String) throws -> String {
        let folder = file(relative)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Every file below the folder, relative to it, sorted.
    public func listing() -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: file($0), isDirectory: &isFolder)
            return !isFolder.boolValue
        }.sorted()
    }
}
