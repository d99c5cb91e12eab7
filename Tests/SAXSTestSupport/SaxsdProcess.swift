import Foundation

/// The saxsd executable that `swift test` built, run as a child process the way systemd or an operator would.
public final class SaxsdProcess: @unchecked Sendable {
    /// `swift test` builds the executable beside the test bundle.
    public static let executable: String = {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("saxsd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return "saxsd"
    }()

    public let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let collected = NSLock()
    nonisolated(unsafe) private var standardErrorText = Data()
    nonisolated(unsafe) private var standardOutputText = Data()

    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "JOURNAL_STREAM")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.collected.lock(); self.standardOutputText.append(data); self.collected.unlock()
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.collected.lock(); self.standardErrorText.append(data); self.collected.unlock()
        }
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for exit; nil when it did not exit within `timeout` seconds (then it is killed).
    @discardableResult
    public func wait(timeout: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    public var stdout: String {
        collected.lock(); defer { collected.unlock() }
        return String(decoding: standardOutputText, as: UTF8.self)
    }

    public var stderr: String {
        collected.lock(); defer { collected.unlock() }
        return String(decoding: standardErrorText, as: UTF8.self)
    }

    /// Runs to completion and returns (status, stdout, stderr).
    public static func run(_ arguments: [String], timeout: Double = 120) throws -> (status: Int32?, stdout: String, stderr: String) {
        let child = try SaxsdProcess(arguments)
        let status = child.wait(timeout: timeout)
        usleep(20_000)
        return (status, child.stdout, child.stderr)
    }
}
