import CTIFF

/// Reads TIFF frames through libtiff: Pilatus and Eiger frames from Dectris, SAXSLAB lab frames, and any
/// single-channel TIFF or BigTIFF of integers (8 to 64 bits, signed or not) or floats, in strips or tiles,
/// compressed with any codec libtiff was built with. Every page (directory) of a multi-page file is one frame.
///
/// Rows stay in file order, row 0 being the first row stored, whatever the Orientation tag says: that is how
/// fabio and pyFAI index a TIFF frame, so PONI files made with them fit the frame as read.
public struct TIFFReader: FrameReader {
    /// What a file may declare: each page's ImageWidth × ImageLength × SamplesPerPixel, the pages' decoded bytes and
    /// their number are checked against it before any allocation, so a corrupt ImageWidth cannot take the service
    /// down by asking for terabytes.
    public var limits: FrameLimits

    public init(limits: FrameLimits = FrameLimits()) {
        self.limits = limits
    }

    public var format: String { "tiff" }

    /// Classic TIFF (version 42) and BigTIFF (43), in either byte order.
    public func recognizes(magic: [UInt8]) -> Bool {
        [[0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A], [0x49, 0x49, 0x2B, 0x00], [0x4D, 0x4D, 0x00, 0x2B]]
            .contains { magic.starts(with: $0) }
    }

    public func readFrames(path: String) throws(FrameError) -> [Frame] {
        let file = try TIFFFile(path: path, mode: .read, maximumAllocation: maximumAllocation)
        var frames: [Frame] = []
        var decodedBytes = 0
        while true {
            let index = frames.count
            // Errors name the frame only when there is more than one to tell apart.
            let label: Int? = index == 0 && TIFFLastDirectory(file.handle) != 0 ? nil : index
            let image = try image(in: file, frame: label)
            do {
                try limits.addDecoded(pixels: image.shape.pixelCount, to: &decodedBytes)
            } catch {
                throw error.frameError(path: path, frame: label)
            }
            let pixels = try readPixels(of: image, in: file, frame: label)
            frames.append(Frame(shape: image.shape, pixels: pixels, header: header(of: file), index: index))

            if TIFFLastDirectory(file.handle) != 0 { return frames }
            if frames.count >= limits.maximumFrames {
                throw FrameError(.unsupported, path: path, "the file holds more than \(limits.maximumFrames) pages, the "
                    + "limit of frames per file (FrameLimits.maximumFrames)")
            }
            file.clearDiagnostics()
            guard TIFFReadDirectory(file.handle) == 1 else {
                throw FrameError(.corrupt, path: path, frame: index + 1,
                                 "cannot read the directory of page \(index + 1): \(file.libtiffMessage)")
            }
        }
    }

    /// The largest single allocation libtiff may make for a file: room for the biggest frame saxsd accepts in the
    /// widest sample type (within the decoded bytes of a file), and at least 64 MiB for directories and codec state.
    var maximumAllocation: Int {
        let (bytes, overflow) = limits.maximumPixelsPerFrame.multipliedReportingOverflow(by: 8)
        return max(min(overflow ? .max : bytes, limits.maximumDecodedBytes), 64 << 20)
    }

    /// What the current directory says about its pixels, checked before anything is allocated for them.
    struct Image {
        /// How the pixels are cut into the chunks libtiff decodes one at a time.
        enum Chunks {
            /// Bands of this many rows (at most the image's height); the last band may be shorter.
            case strips(rows: Int)
            case tiles(width: Int, length: Int)
        }

        var shape: FrameShape
        var sampleType: TIFFSampleType
        var chunks: Chunks
    }

    private func image(in file: borrowing TIFFFile, frame: Int?) throws(FrameError) -> Image {
        let path = file.path
        guard let width = file.uint32(TIFFTAG_IMAGEWIDTH), let height = file.uint32(TIFFTAG_IMAGELENGTH) else {
            throw FrameError(.corrupt, path: path, frame: frame, "the directory has no ImageWidth or ImageLength")
        }
        let shape = FrameShape(rows: Int(height), columns: Int(width))
        guard shape.rows > 0, shape.columns > 0 else {
            throw FrameError(.unsupported, path: path, frame: frame, "the image is empty (\(shape) pixels)")
        }
        let samples = file.uint16(TIFFTAG_SAMPLESPERPIXEL) ?? 1
        do {
            _ = try limits.pixelsPerFrame([("ImageWidth", shape.columns), ("ImageLength", shape.rows),
                                           ("SamplesPerPixel", Int(samples))])
        } catch {
            throw error.frameError(path: path, frame: frame)
        }
        guard samples == 1 else {
            throw FrameError(.unsupported, path: path, frame: frame,
                             "\(samples) samples per pixel (colour or multi-channel image); a detector frame has one")
        }
        let bits = file.uint16(TIFFTAG_BITSPERSAMPLE) ?? 1
        let format = file.uint16(TIFFTAG_SAMPLEFORMAT) ?? UInt16(SAMPLEFORMAT_UINT)
        guard let sampleType = TIFFSampleType(bitsPerSample: bits, sampleFormat: format) else {
            throw FrameError(.unsupported, path: path, frame: frame,
                             "\(bits)-bit samples of SampleFormat \(format); saxsd reads 8/16/32/64-bit integers and 32/64-bit floats")
        }
        let compression = file.uint16(TIFFTAG_COMPRESSION) ?? UInt16(COMPRESSION_NONE)
        guard TIFFIsCODECConfigured(compression) == 1 else {
            throw FrameError(.unsupported, path: path, frame: frame, "compression scheme \(compression) is not built into libtiff")
        }

        if TIFFIsTiled(file.handle) != 0 {
            let tileWidth = Int(file.uint32(TIFFTAG_TILEWIDTH) ?? 0)
            let tileLength = Int(file.uint32(TIFFTAG_TILELENGTH) ?? 0)
            let (tilePixels, tileOverflow) = tileWidth.multipliedReportingOverflow(by: tileLength)
            // A tile may overhang a small image, so a tiny limit still lets ordinary 256x256 tiles through.
            guard tilePixels > 0, !tileOverflow, tilePixels <= max(limits.maximumPixelsPerFrame, 1 << 16) else {
                throw FrameError(.corrupt, path: path, frame: frame, "impossible tile size \(tileWidth)x\(tileLength)")
            }
            return Image(shape: shape, sampleType: sampleType, chunks: .tiles(width: tileWidth, length: tileLength))
        }
        // RowsPerStrip defaults to 2^32-1 (one strip); 0 is not allowed by TIFF and read as one strip too.
        let rowsPerStrip = Int(file.uint32(TIFFTAG_ROWSPERSTRIP) ?? 0)
        return Image(shape: shape, sampleType: sampleType,
                     chunks: .strips(rows: rowsPerStrip == 0 ? shape.rows : min(rowsPerStrip, shape.rows)))
    }
}
