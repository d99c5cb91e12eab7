import Foundation

/// Reference material lives in `../shared` beside the checkout, as in CI.
enum SharedFiles {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    static func pyfai(_ name: String) -> String {
        root.appendingPathComponent("reference/pyfai").appendingPathComponent(name).path
    }
}
