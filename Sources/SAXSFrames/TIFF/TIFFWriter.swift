import CTIFF

#if canImport(Glibc)
import Glibc
#endif

/// Writes frames as a TIFF file through libtiff, one page per frame. Used by the demo's simulated detector and
/// by tests that need TIFFs of every sample type, layout and byte order; saxsd never writes into raw data.
public struct TIFFWriter: Sendable {
    /// How a page's pixels are cut into the chunks libtiff compresses and stores.
    public enum Layout: Sendable, Hashable {
        /// Bands of whole rows, at most the image's height; Pilatus detectors write the image as one strip.
        case strips(rowsPerStrip: Int)
        /// Rectangles of this size; TIFF requires both sides to be multiples of 16.
        case tiles(width: Int, length: Int)
    }

    public enum Compression: Sendable, CaseIterable {
        case none, packBits, lzw, deflate

        var tag: UInt16 {
            switch self {
            case .none: UInt16(COMPRESSION_NONE)
            case .packBits: UInt16(COMPRESSION_PACKBITS)
            case .lzw: UInt16(COMPRESSION_LZW)
            case .deflate: UInt16(COMPRESSION_ADOBE_DEFLATE)
            }
        }
    }

    public var sampleType: TIFFSampleType
    public var layout: Layout
    public var compression: Compression
    /// Motorola byte order ("MM"); the default is Intel order ("II"), which detectors write.
    public var bigEndian: Bool
    /// BigTIFF (version 43, 64-bit offsets), for files past 4 GiB.
    public var bigTIFF: Bool

    public init(sampleType: TIFFSampleType = .int32, layout: Layout = .strips(rowsPerStrip: .max),
                compression: Compression = .none, bigEndian: Bool = false, bigTIFF: Bool = false) {
        self.sampleType = sampleType
        self.layout = layout
        self.compression = compression
        self.bigEndian = bigEndian
        self.bigTIFF = bigTIFF
    }

    /// Writes `frames` to `path`, one page each, replacing any file there; `tags` go into every page.
    /// Integer sample types store each pixel rounded to the nearest integer; a pixel the type cannot hold
    /// (NaN or out of range for integers, beyond Float's range for float32) is refused, not clipped.
    public func write(_ frames: [Frame], to path: String, tags: [(TIFFTextTag, String)] = []) throws(FrameError) {
        try check(frames, path: path)
        unlink(path)
        do {
            try writePages(frames, to: path, tags: tags)
        } catch {
            unlink(path)
            throw error
        }
    }

    private func check(_ frames: [Frame], path: String) throws(FrameError) {
        guard !frames.isEmpty else { throw FrameError(.unsupported, path: path, "no frames to write") }
        if case .tiles(let width, let length) = layout, width <= 0 || length <= 0 || width % 16 != 0 || length % 16 != 0 {
            throw FrameError(.unsupported, path: path, "tiles of \(width)x\(length): TIFF wants positive multiples of 16")
        }
        for (index, frame) in frames.enumerated() {
            guard frame.shape.rows > 0, frame.shape.columns > 0,
                  frame.shape.rows <= UInt32.max, frame.shape.columns <= UInt32.max else {
                throw FrameError(.unsupported, path: path, frame: index, "a TIFF page cannot hold \(frame.shape) pixels")
            }
            if let pixel = frame.pixels.firstIndex(where: { !sampleType.represents($0) }) {
                throw FrameError(.unsupported, path: path, frame: index,
                                 "pixel (\(pixel / frame.shape.columns), \(pixel % frame.shape.columns)) = \(frame.pixels[pixel]) does not fit in \(sampleType)")
            }
        }
    }

    private func writePages(_ frames: [Frame], to path: String, tags: [(TIFFTextTag, String)]) throws(FrameError) {
        let file = try TIFFFile(path: path, mode: .write(bigTIFF: bigTIFF, bigEndian: bigEndian), maximumAllocation: 1 << 30)
        for (index, frame) in frames.enumerated() {
            let label = frames.count > 1 ? index : nil
            file.clearDiagnostics()
            guard describe(frame, pageOf: frames.count, in: file, tags: tags) else {
                throw FrameError(.unsupported, path: path, frame: label, "libtiff refuses the page's tags: \(file.libtiffMessage)")
            }
            try writePixels(of: frame, to: file, frame: label)
            guard TIFFWriteDirectory(file.handle) == 1 else {
                throw FrameError(.corrupt, path: path, frame: label, "cannot write the page's directory: \(file.libtiffMessage)")
            }
        }
    }

    /// Sets the tags of the page about to be written; false when libtiff refuses one.
    private func describe(_ frame: Frame, pageOf pages: Int, in file: borrowing TIFFFile, tags: [(TIFFTextTag, String)]) -> Bool {
        var accepted = file.set(TIFFTAG_IMAGEWIDTH, UInt32(frame.shape.columns))
            && file.set(TIFFTAG_IMAGELENGTH, UInt32(frame.shape.rows))
            && file.set(TIFFTAG_BITSPERSAMPLE, sampleType.bitsPerSample)
            && file.set(TIFFTAG_SAMPLESPERPIXEL, UInt16(1))
            && file.set(TIFFTAG_SAMPLEFORMAT, sampleType.sampleFormat)
            && file.set(TIFFTAG_PHOTOMETRIC, UInt16(PHOTOMETRIC_MINISBLACK))
            && file.set(TIFFTAG_PLANARCONFIG, UInt16(PLANARCONFIG_CONTIG))
            && file.set(TIFFTAG_COMPRESSION, compression.tag)
        if pages > 1 { accepted = accepted && file.set(TIFFTAG_SUBFILETYPE, UInt32(FILETYPE_PAGE)) }
        switch layout {
        case .strips(let rowsPerStrip):
            accepted = accepted && file.set(TIFFTAG_ROWSPERSTRIP, UInt32(min(max(rowsPerStrip, 1), frame.shape.rows)))
        case .tiles(let width, let length):
            accepted = accepted && file.set(TIFFTAG_TILEWIDTH, UInt32(width)) && file.set(TIFFTAG_TILELENGTH, UInt32(length))
        }
        for (tag, text) in tags {
            accepted = accepted && file.set(tag, text)
        }
        return accepted
    }

    private func writePixels(of frame: Frame, to file: borrowing TIFFFile, frame label: Int?) throws(FrameError) {
        let bytes = sampleType.byteCount
        let columns = frame.shape.columns
        let chunks: [(number: UInt32, rows: Range<Int>, columns: Range<Int>, width: Int, length: Int)]
        switch layout {
        case .strips(let rowsPerStrip):
            let rows = min(max(rowsPerStrip, 1), frame.shape.rows)
            chunks = stride(from: 0, to: frame.shape.rows, by: rows).enumerated().map { strip, top in
                let bottom = min(top + rows, frame.shape.rows)
                return (UInt32(strip), top..<bottom, 0..<columns, columns, bottom - top)
            }
        case .tiles(let width, let length):
            chunks = stride(from: 0, to: frame.shape.rows, by: length).flatMap { top in
                stride(from: 0, to: columns, by: width).map { left in
                    (TIFFComputeTile(file.handle, UInt32(left), UInt32(top), 0, 0),
                     top..<min(top + length, frame.shape.rows), left..<min(left + width, columns), width, length)
                }
            }
        }
        for chunk in chunks {
            // Edge tiles reach past the image; TIFF stores them whole, the part outside as zeros.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk.width * chunk.length * bytes, alignment: 16)
            defer { buffer.deallocate() }
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            frame.pixels.withUnsafeBufferPointer { pixels in
                for (offset, row) in chunk.rows.enumerated() {
                    let source = UnsafeBufferPointer(rebasing: pixels[(row * columns + chunk.columns.lowerBound)..<(row * columns + chunk.columns.upperBound)])
                    sampleType.encode(source, into: buffer.baseAddress! + offset * chunk.width * bytes)
                }
            }
            file.clearDiagnostics()
            let written = if case .tiles = layout {
                TIFFWriteEncodedTile(file.handle, chunk.number, buffer.baseAddress, tmsize_t(buffer.count))
            } else {
                TIFFWriteEncodedStrip(file.handle, chunk.number, buffer.baseAddress, tmsize_t(buffer.count))
            }
            guard written >= 0 else {
                throw FrameError(.corrupt, path: file.path, frame: label, "cannot write chunk \(chunk.number): \(file.libtiffMessage)")
            }
        }
    }
}
