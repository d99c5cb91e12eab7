import Foundation

/// Command-line paths are taken relative to the working directory and normalised, so sidecars and logs
/// always name absolute paths.
func absolutePath(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    let absolute = expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
    return (absolute as NSString).standardizingPath
}
