import Foundation
@testable import SAXSFrames
import SAXSTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// HDF5 trials run in trial servers: the saxsd executable started afresh, with one thread and no descriptor of
/// the service's, forking each trial's child from itself.
@Suite struct HDF5TrialServerTests {
    private func stack(in folder: TemporaryFolder, _ name: String = "stack.h5") throws -> (path: String, frames: [Frame]) {
        let path = folder.file(name)
        let frames = (0..<3).map { index in
            Frame(shape: FrameShape(rows: 4, columns: 6), pixels: (0..<24).map { Double($0 + 10 * index) },
                  header: FrameHeader(), index: index)
        }
        try HDF5Writer(compression: .bitshuffleLZ4).write(frames, to: path)
        return (path, frames)
    }

    /// A new version of the file, so the trial record does not spare the next trial.
    private func touch(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: 1_500_000_000 + seconds, tv_nsec: 0), timespec(tv_sec: 1_500_000_000 + seconds, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    private func status(of process: pid_t, _ field: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix(field + ":") }
            .map { $0.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    @Test func aServerHasOneThreadAndOnlyTheStandardDescriptorsAndReadsTheSame() throws {
        let folder = try TemporaryFolder("trial-server")
        let (path, frames) = try stack(in: folder)
        let server = HDF5TrialServer(executable: SaxsdProcess.executable)
        let read = try HDF5Reader(trialServer: server).readFrames(path: path)
        #expect(read.map(\.pixels) == frames.map(\.pixels))
        let process = try #require(server.idleProcesses.first)
        #expect(status(of: process, "Threads") == "1")
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(process)/fd").compactMap { Int($0) }
        #expect(descriptors.sorted() == [0, 1, 2])
    }

    @Test func aFileThatCrashesLibhdf5IsCorruptAndTheServerLivesOn() throws {
        let folder = try TemporaryFolder("trial-server-crash")
        let damaged = folder.file("damaged.h5")
        try DamagedHDF5Files.groupBTreeCopiesFromNull.write(to: URL(fileURLWithPath: damaged))
        let (healthy, frames) = try stack(in: folder)
        let server = HDF5TrialServer(executable: SaxsdProcess.executable)
        let reader = HDF5Reader(trialServer: server)
        _ = try reader.readFrames(path: healthy)
        let process = try #require(server.idleProcesses.first)
        let error = try #require(throws: FrameError.self) { try reader.readFrames(path: damaged) }
        #expect(error.kind == .corrupt && error.message.contains("libhdf5 crashed"), "\(error.message)")
        // Only the server's child died: the same server answers the next trial.
        touch(healthy, seconds: 1)
        #expect(try reader.readFrames(path: healthy).map(\.pixels) == frames.map(\.pixels))
        #expect(server.idleProcesses == [process])
    }

    @Test func aServerKilledFromOutsideIsReplaced() throws {
        let folder = try TemporaryFolder("trial-server-killed")
        let (path, frames) = try stack(in: folder)
        let server = HDF5TrialServer(executable: SaxsdProcess.executable)
        let reader = HDF5Reader(trialServer: server)
        _ = try reader.readFrames(path: path)
        let first = try #require(server.idleProcesses.first)
        kill(first, SIGKILL)
        touch(path, seconds: 2)
        #expect(try reader.readFrames(path: path).map(\.pixels) == frames.map(\.pixels))
        let second = try #require(server.idleProcesses.first)
        #expect(second != first)
    }

    /// An executable that is no trial server (a wrong path in a packaging, say) costs a few failed starts, then
    /// trials fork from the reader as they would without servers: damage is still caught.
    @Test func anExecutableThatIsNoServerFallsBackToForking() throws {
        let folder = try TemporaryFolder("trial-server-none")
        let damaged = folder.file("damaged.h5")
        try DamagedHDF5Files.groupBTreeCopiesFromNull.write(to: URL(fileURLWithPath: damaged))
        let (healthy, frames) = try stack(in: folder)
        for executable in ["/bin/true", folder.file("missing")] {
            let reader = HDF5Reader(trialServer: HDF5TrialServer(executable: executable))
            let error = try #require(throws: FrameError.self) { try reader.readFrames(path: damaged) }
            #expect(error.message.contains("libhdf5 crashed"), "\(error.message)")
            touch(healthy, seconds: executable.count)
            #expect(try reader.readFrames(path: healthy).map(\.pixels) == frames.map(\.pixels))
            #expect(reader.trialServer?.idleProcesses == [])
        }
    }
}
