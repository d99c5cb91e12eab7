import Foundation
import Testing

/// Checks `systemd/saxsd.service` with systemd's own offline tools. systemd need not run as PID 1 for these.
@Suite struct ServiceUnitTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let unit = repository.appendingPathComponent("systemd/saxsd.service")
    static let sysusers = repository.appendingPathComponent("systemd/saxsd.sysusers")
    static let installedCommand = "/usr/local/bin/saxsd watch --config /etc/saxsd/saxsd.toml"

    @Test func hardeningExposureIsAtMostTwo() throws {
        let result = try SystemdAnalyze.run(["security", "--offline=true", Self.unit.path])
        #expect(result.status == 0, "\(result.standardError)")
        let overall = try #require(
            result.standardOutput.firstMatch(of: /Overall exposure level for saxsd\.service: ([0-9]+\.[0-9]+)/),
            "no overall exposure in:\n\(result.standardOutput)\(result.standardError)"
        )
        let exposure = try #require(Double(overall.1))
        #expect(exposure <= 2.0, "exposure \(exposure):\n\(result.standardOutput)")
    }

    /// `verify` fails on an ExecStart= binary that does not exist, and `/usr/local/bin/saxsd` exists only once
    /// installed. So it checks a copy in a temporary folder whose ExecStart= runs the saxsd just built by this
    /// `swift test` (same arguments); every other line is the shipped unit's. Warnings (unknown keys, bad values)
    /// do not change the exit status, so any output at all fails the test.
    @Test func verifyPrintsNothing() throws {
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        let execStart = "ExecStart=\(Self.installedCommand)"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0 == execStart }.count == 1, "the unit must run \(Self.installedCommand)")

        let binary = try #require(
            BuiltProducts.saxsd,
            "the saxsd executable is not next to the test bundle; build the whole package (swift build) first"
        )
        // Unit files treat % as a specifier; quoting protects spaces in the build path.
        let escaped = binary.path.replacingOccurrences(of: "%", with: "%%")
        let builtCommand = Self.installedCommand
            .replacingOccurrences(of: "/usr/local/bin/saxsd", with: "\"\(escaped)\"")
        let copy = text.replacingOccurrences(of: execStart, with: "ExecStart=\(builtCommand)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("saxsd-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copiedUnit = folder.appendingPathComponent("saxsd.service")
        try copy.write(to: copiedUnit, atomically: false, encoding: .utf8)

        let result = try SystemdAnalyze.run(["verify", copiedUnit.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }

    @Test func unitHasTheServiceContract() throws {
        let service = try UnitFile(contentsOf: Self.unit).section("Service")
        #expect(service["Type"] == ["notify"])
        #expect(service["NotifyAccess"] == ["main"])
        #expect(service["ExecStart"] == [Self.installedCommand])
        #expect(service["ExecReload"] == ["/bin/kill -HUP $MAINPID"])
        #expect(service["Restart"] == ["on-failure"])
        #expect(service["RestartPreventExitStatus"]?.contains { $0.split(separator: " ").contains("78") } == true)
        let watchdog = try #require(service["WatchdogSec"]?.last)
        #expect(!["", "0", "infinity"].contains(watchdog))
        #expect(service["TimeoutStopSec"] != nil)
        #expect(service["User"] == ["saxsd"])
        #expect(service["Group"] == ["saxsd"])
        #expect(service["UMask"] == ["0022"])
        #expect(service["ProtectSystem"] == ["strict"])
        #expect(service["ReadWritePaths"]?.isEmpty == false)
        #expect(service["PrivateNetwork"] == ["yes"])
        #expect(service["RestrictAddressFamilies"] == ["AF_UNIX"])
    }

    @Test func sysusersCreatesTheServiceUser() throws {
        let entries = try String(contentsOf: Self.sysusers, encoding: .utf8)
            .split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: " ", maxSplits: 2).map(String.init) }
        #expect(entries.contains { $0.count >= 2 && $0[0] == "u" && $0[1] == "saxsd" })
    }
}

/// Runs `systemd-analyze`; its absence is a failure, not a skip, since these checks are the unit's only test.
private enum SystemdAnalyze {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/bin"
        let executable = try #require(
            searchPath.split(separator: ":")
                .map { URL(fileURLWithPath: String($0)).appendingPathComponent("systemd-analyze") }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "systemd-analyze not found: install the systemd package (apt-get install -y systemd)"
        )
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // A pager or colours would end up in the captured text.
        var environment = ProcessInfo.processInfo.environment
        environment["SYSTEMD_PAGER"] = "cat"
        environment["SYSTEMD_COLORS"] = "0"
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Both outputs are a few kilobytes, far below a pipe's buffer, so reading one after the other cannot stall.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }
}

/// Products that `swift test` built beside the test bundle.
private enum BuiltProducts {
    static var saxsd: URL? {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let binary = bundle.deletingLastPathComponent().appendingPathComponent("saxsd")
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }
}

/// The `[Section]` / `Key=value` structure of a systemd unit file, enough to check which keys are set.
private struct UnitFile {
    private var sections: [String: [String: [String]]] = [:]

    init(contentsOf url: URL) throws {
        var current = ""
        for rawLine in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") {
                continue
            }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[current, default: [:]][key, default: []].append(value)
        }
    }

    func section(_ name: String) -> [String: [String]] {
        sections[name] ?? [:]
    }
}
