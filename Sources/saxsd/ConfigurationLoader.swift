import ArgumentParser
import SAXSDaemon
import SAXSPipeline

#if canImport(Glibc)
import Glibc
#endif

/// Loads configurations for the subcommands; an invalid one ends the process with EX_CONFIG (78), which
/// the systemd unit lists in RestartPreventExitStatus so a broken file is not restarted in a loop.
enum ConfigurationLoader {
    static let invalidExitCode = ExitCode(78)

    /// A relative path is made absolute first: paths in the file are relative to its folder, and sidecars
    /// must name absolute ones.
    static func load(_ path: String) throws -> Configuration {
        do {
            return try Configuration.load(path: absolutePath(path))
        } catch {
            StandardError.line("saxsd: invalid configuration: \(error)")
            throw invalidExitCode
        }
    }

    /// The file given, else the default file when it exists, else the built-in defaults.
    static func loadOptional(_ path: String?) throws -> Configuration {
        if let path { return try load(path) }
        if access(Configuration.defaultPath, R_OK) == 0 { return try load(Configuration.defaultPath) }
        return Configuration()
    }

    static func pipelineSettings(_ configuration: Configuration) throws -> PipelineSettings {
        do {
            return try configuration.pipelineSettings()
        } catch {
            StandardError.line("saxsd: invalid configuration: \(error)")
            throw invalidExitCode
        }
    }
}

/// Unbuffered writes to fd 2; `print` goes to stdout and Glibc's `stderr` is not concurrency-safe in Swift 6.
enum StandardError {
    static func line(_ text: String) {
        write(text + "\n")
    }

    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }
}
