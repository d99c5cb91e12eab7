/// Reads HDF5 / NeXus frames through libhdf5: Dectris Eiger data and master files, and the NeXus files other
/// beamline software writes. A 2-D image dataset is one frame; a 3-D one is a stack (frames, rows, columns);
/// an Eiger master's data files form one stack, frame indices running across them. Where the image is looked
/// for, and in what order, is `HDF5ImageStack.locate`.
///
/// - Pixels: unsigned all-ones values (Dectris' invalid-pixel mark) and the pixels the detector's
///   `pixel_mask` flags become NaN; see `HDF5PixelType.decode`.
/// - Header: the detector's NXdetector fields, the wavelength and the data set's attributes, keys as named in
///   the file; see `HDF5ImageStack.readHeader`.
/// - Beside a running detector: read-only, without file locks, SWMR reading where the file allows it; a
///   stack counts the frames stored whole so far (see `HDF5File`).
/// - Filters: bitshuffle-LZ4 frames (every Eiger's) are decoded by saxsd itself; others go through HDF5's
///   filter plugins, a missing one being `.unsupported` with its filter id.
/// - Damaged files: libhdf5's calls on a file are tried first in a child process (`HDF5Trial`); a file that
///   crashes the library there is `.corrupt`, and the library never reads it in this process.
public struct HDF5Reader: FrameReader {
    /// Sizes a file may declare: pixels per frame, frames, decoded bytes of the frames read at once.
    public var limits: FrameLimits
    /// Frames stored as one bitshuffle-LZ4 chunk each are decoded by saxsd (`BitshuffleLZ4`) rather than by
    /// HDF5's bitshuffle plugin: same pixels, in a fraction of the time. False reads them through the plugin,
    /// to compare or to rule the decoder out.
    public var decodesBitshuffleLZ4: Bool
    /// Whether libhdf5's calls on a file are tried in a child process before they are made in this one
    /// (`HDF5Trial`). Off only to measure what the trial costs.
    public var triesInChild: Bool
    /// Seconds a trial may take before the file is given up as one libhdf5 cannot finish reading.
    public var trialTimeoutSeconds: UInt32
    /// Where trials run: in children of this trial server, or, when nil or the server cannot answer, in children
    /// forked from this process.
    public var trialServer: HDF5TrialServer?

    public init(limits: FrameLimits = FrameLimits(), decodesBitshuffleLZ4: Bool = true, triesInChild: Bool = true,
                trialTimeoutSeconds: UInt32 = 60, trialServer: HDF5TrialServer? = HDF5TrialServer.installed) {
        self.limits = limits
        self.decodesBitshuffleLZ4 = decodesBitshuffleLZ4
        self.triesInChild = triesInChild
        self.trialTimeoutSeconds = trialTimeoutSeconds
        self.trialServer = trialServer
    }

    public var format: String { "hdf5" }

    /// Frames are chunks of their own, and a stack being written only grows (SWMR appends, never rewrites).
    public var readsFramesSeparately: Bool { true }

    /// The 8-byte HDF5 signature at the start, or at least its first 4 bytes when the file is shorter: a file the
    /// detector has only begun to write is an HDF5 file cut short, not an unknown format.
    public func recognizes(magic: [UInt8]) -> Bool {
        if magic.count >= HDF5Superblock.signature.count { return magic.starts(with: HDF5Superblock.signature) }
        return magic.count >= 4 && HDF5Superblock.signature.starts(with: magic)
    }

    public func readFrames(path: String) throws(FrameError) -> [Frame] {
        try read(path: path, range: nil)
    }

    public func readFrames(path: String, range: Range<Int>) throws(FrameError) -> [Frame] {
        try read(path: path, range: range)
    }

    /// A 3-D image dataset, or an Eiger master's links: a stack even while it holds one frame.
    public func isStack(path: String) -> Bool {
        (try? located(path) { $0.segments.count > 1 || $0.segments.first?.rank == 3 }) ?? false
    }

    /// Reads only the extents of the image datasets (and, for a stack being written, which of its last frames'
    /// chunks are stored).
    public func frameCount(path: String) throws(FrameError) -> Int {
        try located(path) { $0.frameCount }
    }

    /// `answer` about the file's frames as found without their metadata, under the library lock, after a trial of
    /// the same open (`tryInChild`).
    private func located<Answer>(_ path: String, _ answer: (HDF5ImageStack) -> Answer) throws(FrameError) -> Answer {
        try tryInChild(path: path, .locate)
        return try HDF5Library.withLock { () throws(FrameError) -> Answer in
            let stack = try HDF5ImageStack.open(path: path, reader: self, metadata: false)
            defer { stack.close() }
            return answer(stack)
        }
    }

    /// Opens the file and reads its metadata under the library lock, then each frame: its stored samples
    /// under the lock, the conversion to pixels after releasing it.
    private func read(path: String, range wanted: Range<Int>?) throws(FrameError) -> [Frame] {
        try tryReading(path: path, wanted)
        let stack = try HDF5Library.withLock { () throws(FrameError) -> HDF5ImageStack in
            try HDF5ImageStack.open(path: path, reader: self, metadata: true)
        }
        defer { HDF5Library.withLock { stack.close() } }
        let count = stack.frameCount
        // Asked for every frame of a stack whose writer has stored none yet: nothing to give, and no frame to blame.
        if wanted == nil, count == 0 {
            throw FrameError(.incomplete, path: path, "holds no whole frame yet")
        }
        let range = wanted ?? 0..<count
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw FrameError(.unsupported, path: path, frame: range.upperBound - 1,
                             "frames \(range.lowerBound)..<\(range.upperBound) asked of a stack of \(count)")
        }
        // As the other readers: the frames of one call share one budget of decoded bytes, so a long stack of
        // large frames is read in ranges rather than all at once.
        var decodedBytes = 0
        do throws(FrameLimits.Violation) {
            try limits.addDecoded(pixels: stack.shape.pixelCount, frames: range.count, to: &decodedBytes)
        } catch {
            throw FrameError(.unsupported, path: path,
                             "frames \(range.lowerBound)..<\(range.upperBound) of \(stack.shape) pixels: \(error.message); "
                             + "read the stack in ranges")
        }

        var frames: [Frame] = []
        frames.reserveCapacity(range.count)
        for index in range {
            // Errors name the frame only when there is more than one to tell apart.
            let label = count > 1 ? index : nil
            let stored = try HDF5Library.withLock { () throws(FrameError) -> HDF5StoredFrame in
                try stack.readStored(frame: index, label: label)
            }
            let pixels: [Double]
            do {
                pixels = try stored.pixels(stack.pixelType, count: stack.shape.pixelCount, mask: stack.pixelMask)
            } catch {
                throw FrameError(.corrupt, path: path, frame: label,
                                 "the bitshuffle-LZ4 chunk of frame \(index) cannot be decoded: \(error.reason)")
            }
            var header = stack.header
            for (key, value) in stack.segment(holding: index).segment.attributes { header.append(key, value) }
            frames.append(Frame(shape: stack.shape, pixels: pixels, header: header, index: index))
        }
        return frames
    }

    /// Makes `calls` in a trial process first (`HDF5Trial`) and throws when they crash it there. Call without the
    /// library lock, before making the same calls here; errors the calls meet in the trial are the caller's to
    /// meet again, so only a crash or a hang counts. Calls that survived on this version of the file are not tried
    /// again (`HDF5Trial.Record`).
    ///
    /// `make`, when given, replaces the calls in a child forked from here: for tests that need a child to crash or
    /// hang on cue.
    func tryInChild(path: String, _ calls: HDF5Trial.Calls,
                    _ make: (() throws(FrameError) -> Void)? = nil) throws(FrameError) {
        try check(trial(path: path, calls, make), path: path)
    }

    /// Tries the frames from the first one wanted to the end of the stack, so that the later ranges of a stack
    /// read in pieces, and the frames a growing stack already had, need no trial of their own; only when that
    /// crashes is the range wanted tried alone, so that a frame is not blamed for damage around a later one.
    private func tryReading(path: String, _ wanted: Range<Int>?) throws(FrameError) {
        var verdict = trial(path: path, .read(from: wanted?.lowerBound ?? 0, upTo: nil))
        if case .crashed = verdict, let wanted {
            verdict = trial(path: path, .read(from: wanted.lowerBound, upTo: wanted.upperBound))
        }
        try check(verdict, path: path)
    }

    /// How `calls` end in a trial process, or `.survived` when they need none. Through the trial server when
    /// there is one; else forked from here, the library lock held for the fork only.
    ///
    /// A trial that does not finish is run once more before the file is blamed: a child forked from a process
    /// with many threads can inherit a lock that another thread held at that instant (in the Swift runtime, say)
    /// and wait on it for ever, which a second child, forked at another instant, does not; a file libhdf5 loops
    /// on stops both.
    private func trial(path: String, _ calls: HDF5Trial.Calls,
                       _ make: (() throws(FrameError) -> Void)? = nil) -> HDF5Trial.Verdict {
        guard triesInChild else { return .survived }
        let version = HDF5Trial.Record.Version(path: path)
        if let version, HDF5Trial.record.survived(calls, on: version) { return .survived }
        let request = HDF5Trial.Request(path: path, calls: calls, limits: limits,
                                        decodesBitshuffleLZ4: decodesBitshuffleLZ4, timeoutSeconds: trialTimeoutSeconds)
        let attempt: () -> HDF5Trial.Verdict = make.map { make in { forkedTrial(make) } } ?? {
            trialServer?.run(request) ?? forkedTrial { () throws(FrameError) in try makeCalls(calls, path: path) }
        }
        var verdict = HDF5Trial.Verdict.timedOut
        for _ in 0..<2 where verdict == .timedOut { verdict = attempt() }
        if verdict == .survived, let version { HDF5Trial.record.add(calls, on: version) }
        return verdict
    }

    /// A trial in a child forked from this process.
    private func forkedTrial(_ make: () throws(FrameError) -> Void) -> HDF5Trial.Verdict {
        let child = HDF5Library.withLock { HDF5Trial.start(timeoutSeconds: trialTimeoutSeconds, { _ = try? make() }) }
        return child.map(HDF5Trial.wait) ?? .unavailable
    }

    private func check(_ verdict: HDF5Trial.Verdict, path: String) throws(FrameError) {
        switch verdict {
        case .survived, .unavailable:
            return
        case .crashed(let signal):
            throw FrameError(.corrupt, path: path,
                             "libhdf5 crashed (signal \(signal)) reading this file in a trial process: its HDF5 "
                             + "structures are damaged")
        case .timedOut:
            throw FrameError(.corrupt, path: path,
                             "libhdf5 did not finish reading this file within \(trialTimeoutSeconds) s in a trial "
                             + "process: its HDF5 structures loop or the storage does not answer")
        }
    }

    /// The library calls a trial of `calls` makes: those the reader is about to make itself, without reading
    /// frames' pixels (`HDF5ImageStack.tryStored`). The library lock must be held (in a child forked with it held,
    /// it is, for good).
    func makeCalls(_ calls: HDF5Trial.Calls, path: String) throws(FrameError) {
        switch calls {
        case .locate:
            try HDF5ImageStack.open(path: path, reader: self, metadata: false).close()
        case .read(let from, let upTo):
            let stack = try HDF5ImageStack.open(path: path, reader: self, metadata: true)
            defer { stack.close() }
            let count = stack.frameCount
            for index in (from..<max(from, upTo ?? count)).clamped(to: 0..<count) { try stack.tryStored(frame: index) }
        }
    }
}
