import Foundation

/// Paths of the repository and of the reference material in `../shared` beside the checkout (as in CI).
public enum SharedFiles {
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let root: URL = repository.deletingLastPathComponent().appendingPathComponent("shared")

    public static func pyfai(_ name: String) -> String {
        root.appendingPathComponent("reference/pyfai").appendingPathComponent(name).path
    }

    public static func data(_ relative: String) -> String {
        root.appendingPathComponent("data").appendingPathComponent(relative).path
    }
}
