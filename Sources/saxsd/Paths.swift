import Foundation
import SAXSDaemon

/// Command-line paths are taken relative to the working directory.
func absolutePath(_ path: String) -> String {
    Configuration.absolutePath(path, relativeTo: FileManager.default.currentDirectoryPath)
}
