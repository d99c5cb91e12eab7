import Foundation
import SAXSTestSupport
import Testing

/// The service as systemd runs it: a child process, NOTIFY_SOCKET, signals, frames written while it runs.
@Suite(.serialized) struct WatchServiceTests {
    @Test func watchesProcessesReloadsAndStopsCleanly() throws {
        let folder = try TemporaryFolder("watch")
        let data = try folder.folder("data")
        try TestDetector.write(seed: 0, to: "\(data)/before.fits")
        let config = try TestDetector.configure(folder, roots: [data])
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        let service = try SaxsdProcess(["watch", "--config", config],
                                       environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"])
        defer { if service.process.isRunning { service.signal(SIGKILL); service.wait() } }

        let ready = socket.waitFor { $0.contains("READY=1") }
        #expect(ready != nil, "no READY=1; stderr: \(service.stderr)")
        #expect(socket.waitFor(timeout: 3) { $0.contains("WATCHDOG=1") } != nil, "no watchdog ping at half of 1 s")

        // Catch-up: the frame that was there before the start.
        #expect(TestDetector.waitForFiles([TestDetector.sidecarJSON(for: "\(data)/before.fits")]).isEmpty)

        var frames: [String] = []
        try TestDetector.write(seed: 1, to: "\(data)/direct.fits")
        frames.append("\(data)/direct.fits")
        try TestDetector.writeThenRename(seed: 2, to: "\(data)/renamed.fits")
        frames.append("\(data)/renamed.fits")
        // A frame written the instant its (nested) folder appears.
        let nested = try folder.folder("data/new/deeper/still")
        try TestDetector.write(seed: 3, to: "\(nested)/first.fits")
        frames.append("\(nested)/first.fits")
        let burst = try folder.folder("data/burst")
        for i in 0..<25 {
            let path = "\(burst)/b_\(String(format: "%03d", i)).fits"
            if i % 2 == 0 { try TestDetector.write(seed: 10 + i, to: path) } else { try TestDetector.writeThenRename(seed: 10 + i, to: path) }
            frames.append(path)
        }
        // Corrupt files: error sidecars, the service goes on.
        try "not a frame\n".write(toFile: "\(data)/text.fits", atomically: false, encoding: .utf8)
        try Data().write(to: URL(fileURLWithPath: "\(data)/empty.fits"))
        let original = try Data(contentsOf: URL(fileURLWithPath: "\(data)/direct.fits"))
        try original.prefix(4000).write(to: URL(fileURLWithPath: "\(data)/truncated.fits"))

        let expected = (frames + ["\(data)/before.fits"]).flatMap { [TestDetector.sidecarJSON(for: $0), TestDetector.sidecarDat(for: $0)] }
        let errors = ["text", "empty", "truncated"].map { TestDetector.sidecarJSON(for: "\(data)/\($0).fits") }
        let missing = TestDetector.waitForFiles(expected + errors)
        #expect(missing.isEmpty, "missing sidecars: \(missing)\nstderr: \(service.stderr)")

        for frame in frames {
            let sidecar = try #require(TestDetector.json(TestDetector.sidecarJSON(for: frame)))
            #expect(sidecar["status"] as? String == "ok", "\(frame)")
            let source = try #require(sidecar["source"] as? [String: Any])
            #expect(source["path"] as? String == frame)
            let size = try FileManager.default.attributesOfItem(atPath: frame)[.size] as? Int
            #expect(source["size"] as? Int == size)
        }
        for (name, kind) in [("text", "unknown_format"), ("empty", "empty"), ("truncated", "incomplete")] {
            let sidecar = try #require(TestDetector.json(TestDetector.sidecarJSON(for: "\(data)/\(name).fits")))
            #expect(sidecar["status"] as? String == "error")
            #expect((sidecar["error"] as? [String: Any])?["kind"] as? String == kind, "\(name)")
            #expect(!FileManager.default.fileExists(atPath: TestDetector.sidecarDat(for: "\(data)/\(name).fits")))
        }
        #expect(socket.waitFor(timeout: 5) { $0.contains("STATUS=") && $0.contains("done") } != nil)

        // SIGHUP with a valid file: RELOADING=1, then READY=1 again.
        socket.skipReceived()
        service.signal(SIGHUP)
        #expect(socket.waitFor { $0.contains("RELOADING=1") && $0.contains("MONOTONIC_USEC=") } != nil)
        #expect(socket.waitFor { $0.contains("READY=1") } != nil)

        // SIGHUP with a broken file: the old configuration stays and frames keep coming out.
        try "[integration]\nnpt = \"lots\"\n".write(toFile: config, atomically: false, encoding: .utf8)
        service.signal(SIGHUP)
        #expect(socket.waitFor { $0.contains("RELOADING=1") } != nil)
        #expect(socket.waitFor { $0.contains("READY=1") } != nil)
        try TestDetector.writeThenRename(seed: 99, to: "\(data)/after_bad_reload.fits")
        #expect(TestDetector.waitForFiles([TestDetector.sidecarJSON(for: "\(data)/after_bad_reload.fits")]).isEmpty)
        #expect(service.process.isRunning)
        #expect(service.stderr.contains("npt"), "the rejected reload is logged with its key")

        service.signal(SIGTERM)
        #expect(socket.waitFor { $0.contains("STOPPING=1") } != nil)
        #expect(service.wait() == 0, "stderr: \(service.stderr)")

        let listing = folder.listing()
        #expect(!listing.contains { $0.contains("saxsd-tmp") }, "temporary files left: \(listing)")
        let jsons = listing.filter { $0.hasSuffix(".saxs.json") }.map { folder.file($0) }
        #expect(jsons.count == frames.count + 1 + errors.count + 1)
        #expect(SchemaValidator.problems(in: jsons) == [])
    }

    @Test func killedServiceCatchesUpOnRestartWithoutDuplicates() throws {
        let folder = try TemporaryFolder("kill")
        let data = try folder.folder("data")
        let config = try TestDetector.configure(folder, roots: [data])
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        let first = try SaxsdProcess(["watch", "--config", config], environment: ["NOTIFY_SOCKET": socket.path])
        #expect(socket.waitFor { $0.contains("READY=1") } != nil)
        var frames: [String] = []
        for i in 0..<40 {
            let path = "\(data)/k_\(String(format: "%03d", i)).fits"
            try TestDetector.writeThenRename(seed: i, to: path)
            frames.append(path)
            if i == 20 { first.signal(SIGKILL) }
        }
        first.wait()
        let processedBefore = frames.filter { FileManager.default.fileExists(atPath: TestDetector.sidecarJSON(for: $0)) }
        let stamps = Dictionary(uniqueKeysWithValues: processedBefore.map {
            ($0, TestDetector.json(TestDetector.sidecarJSON(for: $0))?["processed_at"] as? String)
        })

        let second = try SaxsdProcess(["watch", "--config", config], environment: ["NOTIFY_SOCKET": socket.path])
        defer { if second.process.isRunning { second.signal(SIGKILL); second.wait() } }
        #expect(socket.waitFor { $0.contains("READY=1") } != nil)
        let expected = frames.flatMap { [TestDetector.sidecarJSON(for: $0), TestDetector.sidecarDat(for: $0)] }
        #expect(TestDetector.waitForFiles(expected).isEmpty, "stderr: \(second.stderr)")
        usleep(300_000)
        // What the first run finished is not done again.
        for (frame, stamp) in stamps {
            #expect(TestDetector.json(TestDetector.sidecarJSON(for: frame))?["processed_at"] as? String == stamp, "\(frame) processed twice")
        }
        second.signal(SIGTERM)
        #expect(second.wait() == 0)
        let listing = folder.listing()
        #expect(!listing.contains { $0.contains("saxsd-tmp") }, "temporary files of the killed run remain: \(listing)")
        #expect(listing.filter { $0.hasSuffix(".saxs.json") }.count == frames.count)
        #expect(SchemaValidator.problems(in: frames.map(TestDetector.sidecarJSON)) == [])
    }

    @Test func aFullWorkQueueLosesNothing() throws {
        let folder = try TemporaryFolder("full")
        let data = try folder.folder("data")
        let config = try TestDetector.configure(folder, roots: [data])
        // Two places in the queue, one worker: most of a burst is refused and must come back by a rescan.
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "workers = 2", with: "workers = 1\nqueue = 2")
            .write(toFile: config, atomically: false, encoding: .utf8)
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        let service = try SaxsdProcess(["watch", "--config", config], environment: ["NOTIFY_SOCKET": socket.path])
        defer { if service.process.isRunning { service.signal(SIGKILL); service.wait() } }
        #expect(socket.waitFor { $0.contains("READY=1") } != nil)
        let frames = try (0..<30).map { i in
            let path = "\(data)/q_\(String(format: "%03d", i)).fits"
            try TestDetector.writeThenRename(seed: i, to: path)
            return path
        }
        #expect(TestDetector.waitForFiles(frames.map(TestDetector.sidecarJSON)).isEmpty, "stderr: \(service.stderr)")
        #expect(service.stderr.contains("queue is full"))
        service.signal(SIGTERM)
        #expect(service.wait() == 0, "stderr: \(service.stderr)")
    }

    @Test func invalidConfigurationRefusesToStartWithExitCode78() throws {
        let folder = try TemporaryFolder("badcfg")
        let config = folder.file("saxsd.toml")
        try "[watch]\nroots = [\"/tmp\"]\n\n[integration]\nsplit = \"sideways\"\n".write(toFile: config, atomically: false, encoding: .utf8)
        let run = try SaxsdProcess.run(["watch", "--config", config])
        #expect(run.status == 78)
        #expect(run.stderr.contains("\(config):5: integration.split:"), "stderr: \(run.stderr)")
    }
}
