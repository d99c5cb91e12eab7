#if canImport(Glibc)
import Glibc
#endif

extension FITSReader {
    /// Walks every HDU's header before cfitsio opens the file, for what cfitsio 4.2 (Debian 12) must not see.
    ///
    /// - A keyword the standard defines as an integer (BITPIX, NAXISn, PCOUNT, ZNAXISn, ZTILEn, …) holding anything
    ///   else is corrupt. cfitsio's conversion to a 64-bit integer writes its error message into a fixed 81-byte
    ///   buffer with the value appended, and a value of 30 characters or more overruns it: glibc's fortify check
    ///   then aborts the whole service (found by the fuzz test, a ZBITPIX card overwritten with garbage). An
    ///   integer is one run of digits: cfitsio reads `ZTILE2 = 0   1` as 0.
    /// - A tile size (ZTILEn) below 1 is corrupt: cfitsio divides by it (SIGFPE, found by the fuzz test).
    /// - A negative size (NAXISn, PCOUNT, GCOUNT), or sizes whose data no file can hold, are corrupt: cfitsio steps
    ///   back to an earlier HDU for the next one and counts HDUs without end, its memory growing (found by the fuzz
    ///   test).
    /// - A header longer than `limits.maximumHeaderBytes` is refused before anything reads its cards.
    ///
    /// The walk stops quietly where the file ends (cfitsio then reports the file as cut short on its own) or where
    /// the blocks after an HDU do not open with XTENSION: cfitsio ignores such trailing bytes, and so does the walk.
    func checkHeaders(path: String) throws(FrameError) {
        guard var walk = FITSHeaderWalk(path: path) else { return }
        for hdu in 1...Self.maximumHDUs {
            var cards = FITSCardValues()
            var headerBytes = 0
            var ended = false
            while !ended {
                guard let block = walk.nextBlock() else { return }
                if hdu > 1 && headerBytes == 0 && !block.starts(with: "XTENSION".utf8) { return }
                headerBytes += FITSHeaderWalk.blockSize
                ended = cards.read(block)
                if let problem = cards.problem {
                    throw FrameError(.corrupt, path: path, "the header of HDU \(hdu) gives \(problem)")
                }
                do {
                    try limits.checkHeaderBytes(headerBytes, of: "the header of HDU \(hdu)")
                } catch {
                    throw error.frameError(path: path)
                }
            }
            // cfitsio finds the next HDU after the data the header declares; when that cannot be computed it steps to
            // places no writer put one.
            guard let dataBytes = cards.dataBytes else {
                throw FrameError(.corrupt, path: path, "the header of HDU \(hdu) declares no data size a file can hold "
                    + "(BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT)")
            }
            guard let data = walk.dataExtent(dataBytes), data.next < walk.size else { return }
            walk.offset = data.next
        }
    }
}
