import Foundation
import Testing
@testable import SAXSFrames
import CHDF5
import SAXSTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// libhdf5 runs each file's calls in a child process first, so that a file that crashes the library is reported
/// as damaged instead of ending the process (which here would end the test run).
@Suite struct HDF5TrialTests {
    @Test func aChildThatFinishesSurvives() {
        #expect(HDF5Trial.run(timeoutSeconds: 10) { _ = (0..<1000).reduce(0, +) } == .survived)
    }

    @Test func aChildKilledBySignalIsACrash() {
        #expect(HDF5Trial.run(timeoutSeconds: 10) { raise(SIGSEGV) } == .crashed(signal: SIGSEGV))
        #expect(HDF5Trial.run(timeoutSeconds: 10) { abort() } == .crashed(signal: SIGABRT))
    }

    @Test func aChildThatHangsIsStoppedAtTheTimeLimit() {
        let started = ContinuousClock.now
        #expect(HDF5Trial.run(timeoutSeconds: 1) { sleep(30) } == .timedOut)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    /// A trial holds the library lock only to fork: other workers read while a slow child runs.
    @Test func otherReadersAreNotHeldUpWhileAChildRuns() async throws {
        let folder = try TemporaryFolder("hdf5-trial-lock")
        let path = folder.file("slow.h5")
        try Data([0]).write(to: URL(fileURLWithPath: path))
        let trial = Task.detached {
            try HDF5Reader(trialTimeoutSeconds: 10).tryInChild(path: path, .locate) { () throws(FrameError) in sleep(3) }
        }
        try await Task.sleep(for: .milliseconds(500))
        let started = ContinuousClock.now
        HDF5Library.withLock {}
        #expect(ContinuousClock.now - started < .seconds(1), "the lock waited for the child")
        try await trial.value
    }

    /// A child that hangs once (as one that inherited a lock held at the fork would) is tried again before the
    /// file is blamed; one that hangs every time is not forgiven.
    @Test func aChildThatHangsOnceIsTriedAgainAndOneThatAlwaysHangsIsAnError() throws {
        let folder = try TemporaryFolder("hdf5-trial-retry")
        let path = folder.file("file.h5")
        try Data([0]).write(to: URL(fileURLWithPath: path))
        let marker = folder.file("first-child-was-here")
        let reader = HDF5Reader(trialTimeoutSeconds: 1)
        try reader.tryInChild(path: path, .locate) { () throws(FrameError) in
            if !FileManager.default.fileExists(atPath: marker) {
                FileManager.default.createFile(atPath: marker, contents: nil)
                sleep(30)
            }
        }
        #expect(FileManager.default.fileExists(atPath: marker))
        let error = try #require(throws: FrameError.self) {
            try reader.tryInChild(path: path, .read(from: 0, upTo: nil)) { () throws(FrameError) in sleep(30) }
        }
        #expect(error.kind == .corrupt && error.message.contains("did not finish"))
    }

    @Test func aFileThatCrashesLibhdf5IsCorruptThroughEveryEntryPoint() throws {
        let folder = try TemporaryFolder("hdf5-trial")
        let path = folder.file("damaged.h5")
        try DamagedHDF5Files.groupBTreeCopiesFromNull.write(to: URL(fileURLWithPath: path))
        let reader = HDF5Reader()
        for call in [{ _ = try reader.readFrames(path: path) }, { _ = try reader.frameCount(path: path) },
                     { _ = try reader.readFrames(path: path, range: 0..<1) }] as [() throws -> Void] {
            let error = try #require(throws: FrameError.self) { try call() }
            #expect(error.kind == .corrupt)
            #expect(error.message.contains("libhdf5 crashed"), "\(error.message)")
        }
        #expect(!reader.isStack(path: path))
        // Complete as far as waiting goes: the read is what reports the damage.
        #expect(reader.isComplete(path: path) == true)
        // The file is left as it was.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == DamagedHDF5Files.groupBTreeCopiesFromNull)
    }

    @Test func healthyFilesReadTheSameWithAndWithoutTheTrial() throws {
        let folder = try TemporaryFolder("hdf5-trial-healthy")
        let path = folder.file("stack.h5")
        let frames = (0..<3).map { index in
            Frame(shape: FrameShape(rows: 5, columns: 7), pixels: (0..<35).map { Double($0 * (index + 1)) },
                  header: FrameHeader(), index: index)
        }
        try HDF5Writer(compression: .bitshuffleLZ4).write(frames, to: path)
        let tried = try HDF5Reader().readFrames(path: path)
        let untried = try HDF5Reader(triesInChild: false).readFrames(path: path)
        #expect(tried.map(\.pixels) == frames.map(\.pixels))
        #expect(untried.map(\.pixels) == tried.map(\.pixels))
    }
}

/// Which trials prove which later calls safe on the same version of a file.
@Suite struct HDF5TrialRecordTests {
    @Test func readingFramesCoversOpeningLocatingAndTheSpansWithin() {
        let toEnd = HDF5Trial.Calls.read(from: 2, upTo: nil)
        #expect(toEnd.covers(.locate))
        #expect(toEnd.covers(.read(from: 2, upTo: 3)) && toEnd.covers(.read(from: 5, upTo: nil)))
        #expect(!toEnd.covers(.read(from: 1, upTo: 3)))
        let span = HDF5Trial.Calls.read(from: 2, upTo: 4)
        #expect(span.covers(.read(from: 3, upTo: 4)))
        #expect(!span.covers(.read(from: 3, upTo: 5)) && !span.covers(.read(from: 3, upTo: nil)))
        #expect(!HDF5Trial.Calls.locate.covers(.read(from: 0, upTo: 1)))
    }

    /// A stack read in ranges is tried once, from the first range to its end; a new version is tried again.
    @Test func aStackReadInRangesIsTriedFromTheFirstRangeToItsEnd() throws {
        let folder = try TemporaryFolder("hdf5-trial-ranges")
        let path = folder.file("stack.h5")
        let frames = (0..<4).map { index in
            Frame(shape: FrameShape(rows: 3, columns: 5), pixels: (0..<15).map { Double($0 + index) },
                  header: FrameHeader(), index: index)
        }
        try HDF5Writer(compression: .bitshuffleLZ4).write(frames, to: path)
        _ = try HDF5Reader(trialServer: nil).readFrames(path: path, range: 1..<2)
        let version = try #require(HDF5Trial.Record.Version(path: path))
        #expect(HDF5Trial.record.survived(.read(from: 2, upTo: 4), on: version))
        #expect(!HDF5Trial.record.survived(.read(from: 0, upTo: 1), on: version))
        var times = [timespec(tv_sec: 1_600_000_000, tv_nsec: 0), timespec(tv_sec: 1_600_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
        let changed = try #require(HDF5Trial.Record.Version(path: path))
        #expect(!HDF5Trial.record.survived(.read(from: 2, upTo: 4), on: changed))
    }
}

/// Debian's bitshuffle and LZF plugins are built with -ffast-math: loading one turns on flush-to-zero for the
/// loading thread. Every HDF5 call gives the thread its floating-point control back.
@Suite struct HDF5FloatingPointTests {
    @inline(never) private func half(_ value: Float) -> Float { value / 2 }

    #if arch(x86_64)
    @Test func theLockGivesBackTheThreadsFloatingPointControl() {
        let before = saxs_fp_control()
        // What the plugins' constructor does: flush-to-zero (bit 15) and denormals-are-zero (bit 6).
        HDF5Library.withLock { saxs_set_fp_control(saxs_fp_control() | 0x8040) }
        #expect(saxs_fp_control() == before)
        #expect(half(Float.leastNormalMagnitude) > 0, "denormals are flushed")
    }
    #endif
}
