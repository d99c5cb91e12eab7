import Foundation
import SAXSDaemon

/// Command-line paths are taken relative to the working directory.
func absolutePath(_ path: String) -> String {
    Configuration.absolutePath(path, relativeTo: FileManager.default.currentDirectoryPath)
}

/// The model folder saxsd ships (`models/` of the source tree, with its `manifest.json`), looked for in the working
/// directory and above the executable (`.build/release/saxsd` of a checkout), then where a package installs it.
func shippedModelFolder() -> String? {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let candidates = [
        absolutePath("models"),
        executable.appendingPathComponent("../../models").standardized.path,
        executable.appendingPathComponent("../../../models").standardized.path,
        "/usr/share/saxsd/models",
    ]
    return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("manifest.json")) }
}
