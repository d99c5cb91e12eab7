import CTIFF

#if canImport(Glibc)
import Glibc
#endif

extension TIFFReader {
    /// The current directory's pixels, row-major in file order. libtiff decodes one strip or tile at a time
    /// (decompressing and swapping to native byte order) into a buffer reused for all of them.
    func readPixels(of image: Image, in file: borrowing TIFFFile, frame: Int?) throws(FrameError) -> [Double] {
        let chunkBytes: Int
        switch image.chunks {
        case .strips: chunkBytes = Int(TIFFStripSize(file.handle))
        case .tiles: chunkBytes = Int(TIFFTileSize(file.handle))
        }
        guard chunkBytes > 0 else {
            throw FrameError(.corrupt, path: file.path, frame: frame,
                             "the directory gives no valid strip or tile size: \(file.libtiffMessage)")
        }
        // Zeroed (by the kernel's fresh pages for a large buffer, not by a pass over it): libtiff can report a corrupt
        // chunk as decoded while leaving bytes of it unwritten (found by the fuzz test), and those must read the same
        // on every read of the file, not as whatever the allocator left there. calloc aligns to 16 bytes.
        guard let memory = calloc(chunkBytes, 1) else {
            throw FrameError(.unsupported, path: file.path, frame: frame, "cannot allocate a chunk of \(chunkBytes) bytes")
        }
        defer { free(memory) }
        let buffer = UnsafeMutableRawBufferPointer(start: memory, count: chunkBytes)
        // Straight from the decode buffer into the frame's storage, no intermediate array per strip. The storage
        // starts uninitialized, not zeroed: its pages are only touched as strips decode into them, so a hostile
        // directory that declares a huge image and fails on its first strip costs address space, not memory.
        // Strips and tiles cover every pixel, so all of it is initialized when no read fails.
        var failure: FrameError?
        let pixels = [Double](unsafeUninitializedCapacity: image.shape.pixelCount) { destination, initialized in
            do throws(FrameError) {
                switch image.chunks {
                case .strips(let rows):
                    try readStrips(image, rowsPerStrip: rows, file: file, frame: frame, buffer: buffer, into: destination.baseAddress!)
                case .tiles(let width, let length):
                    try readTiles(image, tile: (width, length), file: file, frame: frame, buffer: buffer, into: destination.baseAddress!)
                }
                initialized = destination.count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return pixels
    }

    private func readStrips(_ image: Image, rowsPerStrip: Int, file: borrowing TIFFFile, frame: Int?,
                            buffer: UnsafeMutableRawBufferPointer, into destination: UnsafeMutablePointer<Double>) throws(FrameError) {
        let columns = image.shape.columns
        let strips = (image.shape.rows + rowsPerStrip - 1) / rowsPerStrip
        guard Int(TIFFNumberOfStrips(file.handle)) >= strips else {
            throw FrameError(.corrupt, path: file.path, frame: frame,
                             "\(TIFFNumberOfStrips(file.handle)) strips listed, \(strips) needed for \(image.shape) pixels")
        }
        for strip in 0..<strips {
            let firstRow = strip * rowsPerStrip
            let rows = min(rowsPerStrip, image.shape.rows - firstRow)
            let needed = rows * columns * image.sampleType.byteCount
            file.clearDiagnostics()
            let got = TIFFReadEncodedStrip(file.handle, UInt32(strip), buffer.baseAddress, -1)
            guard got >= needed else {
                let reason = got < 0 ? file.libtiffMessage : "it decodes to \(got) bytes, \(needed) expected"
                throw FrameError(.corrupt, path: file.path, frame: frame,
                                 "cannot read strip \(strip) of \(strips) (rows \(firstRow)..<\(firstRow + rows)): \(reason)")
            }
            image.sampleType.decode(buffer.baseAddress!, count: rows * columns, into: destination + firstRow * columns)
        }
    }

    /// Tiles cover the image in rows of tiles; those on the right and bottom edges reach past it, and only their
    /// part inside the image is copied.
    private func readTiles(_ image: Image, tile: (width: Int, length: Int), file: borrowing TIFFFile, frame: Int?,
                           buffer: UnsafeMutableRawBufferPointer, into destination: UnsafeMutablePointer<Double>) throws(FrameError) {
        let bytes = image.sampleType.byteCount
        let columns = image.shape.columns
        for top in stride(from: 0, to: image.shape.rows, by: tile.length) {
            for left in stride(from: 0, to: columns, by: tile.width) {
                let rows = min(tile.length, image.shape.rows - top)
                let width = min(tile.width, columns - left)
                let number = TIFFComputeTile(file.handle, UInt32(left), UInt32(top), 0, 0)
                let needed = ((rows - 1) * tile.width + width) * bytes
                file.clearDiagnostics()
                let got = TIFFReadEncodedTile(file.handle, number, buffer.baseAddress, -1)
                guard got >= needed else {
                    let reason = got < 0 ? file.libtiffMessage : "it decodes to \(got) bytes, \(needed) expected"
                    throw FrameError(.corrupt, path: file.path, frame: frame,
                                     "cannot read tile \(number) (rows \(top)..<\(top + rows), columns \(left)..<\(left + width)): \(reason)")
                }
                for row in 0..<rows {
                    image.sampleType.decode(buffer.baseAddress! + row * tile.width * bytes, count: width,
                                            into: destination + (top + row) * columns + left)
                }
            }
        }
    }
}
