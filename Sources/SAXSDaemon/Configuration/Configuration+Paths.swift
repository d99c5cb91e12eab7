import Foundation

extension Configuration {
    /// `path` with `~` expanded, made absolute against `folder` when relative, and normalised: sidecars,
    /// logs and the ledger always name one spelling of a file.
    public static func absolutePath(_ path: String, relativeTo folder: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : (folder as NSString).appendingPathComponent(expanded)
        return (absolute as NSString).standardizingPath
    }
}
