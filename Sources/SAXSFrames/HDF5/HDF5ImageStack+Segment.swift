import CHDF5

extension HDF5ImageStack {
    /// Checks an image dataset (2 or 3 dimensions, pixel samples, a frame size within the reader's limits)
    /// and describes it as a segment of the stack. Nothing is read but metadata; its attributes only when
    /// `metadata` asks for them.
    func describe(_ dataset: hid_t, name: String, reader: HDF5Reader,
                  metadata: Bool) throws(FrameError) -> (Segment, FrameShape, HDF5PixelType) {
        // A SWMR writer may have extended the dataset since its metadata entered our cache.
        if file.isSWMR, H5Drefresh(dataset) < 0 {
            throw FrameError.hdf5(.corrupt, path: path, "cannot refresh \(name) from its SWMR writer")
        }
        let space = H5Dget_space(dataset)
        guard space >= 0 else { throw FrameError.hdf5(.corrupt, path: path, "cannot read the extent of \(name)") }
        defer { H5Sclose(space) }
        let rank = Int(H5Sget_simple_extent_ndims(space))
        guard rank == 2 || rank == 3 else {
            throw FrameError(.unsupported, path: path,
                             "\(name) has \(rank) dimensions; a detector frame has 2, a stack of frames 3")
        }
        var extent = [hsize_t](repeating: 0, count: 3)
        var maximum = [hsize_t](repeating: 0, count: 3)
        H5Sget_simple_extent_dims(space, &extent, &maximum)
        guard extent.allSatisfy({ $0 <= hsize_t(Int.max) }) else {
            throw FrameError(.unsupported, path: path, "\(name) claims \(extent.prefix(rank)) elements, more than any file holds")
        }
        let shape = FrameShape(rows: Int(extent[rank - 2]), columns: Int(extent[rank - 1]))
        let frames = rank == 3 ? Int(extent[0]) : 1
        guard shape.rows > 0, shape.columns > 0 else {
            throw FrameError(.unsupported, path: path, "\(name) holds empty frames (\(shape) pixels)")
        }

        let type = H5Dget_type(dataset)
        guard type >= 0 else { throw FrameError.hdf5(.corrupt, path: path, "cannot read the type of \(name)") }
        defer { H5Tclose(type) }
        guard let pixelType = HDF5PixelType(datatype: type) else {
            throw FrameError(.unsupported, path: path,
                             "\(name) stores \(H5Tget_size(type))-byte \(Self.className(H5Tget_class(type))) samples; "
                             + "saxsd reads 8- to 64-bit integers and 32- or 64-bit floats")
        }
        do throws(FrameLimits.Violation) {
            _ = try reader.limits.pixelsPerFrame([("rows", shape.rows), ("columns", shape.columns)])
        } catch {
            throw FrameError(.unsupported, path: path, "\(name): \(error.message)")
        }

        let creation = H5Dget_create_plist(dataset)
        guard creation >= 0 else { throw FrameError.hdf5(.corrupt, path: path, "cannot read how \(name) is stored") }
        defer { H5Pclose(creation) }
        var chunk: [hsize_t]? = nil
        if H5Pget_layout(creation) == H5D_CHUNKED {
            var dimensions = [hsize_t](repeating: 0, count: rank)
            if H5Pget_chunk(creation, Int32(rank), &dimensions) == Int32(rank) { chunk = dimensions }
            // HDF5 refuses to create chunks larger than a fixed dimension, or of 4 GiB and more; a file that
            // claims such chunks is damaged, and HDF5 1.10 reading one copies out of bounds.
            let fixedExceeded = chunk.map { chunk in
                (0..<rank).contains { chunk[$0] == 0 || (maximum[$0] != hsize_t.max && chunk[$0] > maximum[$0]) }
            } ?? true
            let (chunkBytes, overflow) = (chunk ?? []).reduce((hsize_t(pixelType.byteCount), false)) { total, size in
                let (product, overflowed) = total.0.multipliedReportingOverflow(by: size)
                return (product, total.1 || overflowed)
            }
            if fixedExceeded || overflow || chunkBytes >= 1 << 32 {
                throw FrameError(.corrupt, path: path,
                                 "\(name) claims chunks of \((chunk ?? []).map(String.init).joined(separator: " x ")) "
                                 + "samples, beyond its extent of \(maximum.prefix(rank).map { $0 == hsize_t.max ? "unlimited" : String($0) }.joined(separator: " x ")) or 4 GiB")
            }
        }
        let wholeFrames = rank == 3 && chunk != nil
            ? storedFrames(dataset, frames: frames, shape: shape, chunk: chunk!) : frames
        let oneChunkPerFrame = chunk == (rank == 3 ? [1, hsize_t(shape.rows), hsize_t(shape.columns)]
                                                   : [hsize_t(shape.rows), hsize_t(shape.columns)])
        if let problem = Self.damagedBitshuffle(creation, elementSize: pixelType.byteCount) {
            throw FrameError(.corrupt, path: path, "\(name): \(problem)")
        }
        let direct = reader.decodesBitshuffleLZ4 && oneChunkPerFrame && H5Tequal(type, pixelType.nativeType) > 0
            ? Self.directChunk(creation, elementSize: pixelType.byteCount) : nil
        H5Eclear2(0)
        let segment = Segment(dataset: dataset, name: name, rank: rank, frames: wholeFrames, first: frameCount,
                              directChunk: direct,
                              attributes: metadata ? HDF5Value.attributes(of: dataset) : [])
        return (segment, shape, pixelType)
    }

    /// How many of the stack's frames are stored whole: frames whose last chunk the writer has not stored yet
    /// (a stack being written, a pre-sized dataset not yet filled) would read as fill values, not counts.
    /// Writers store frames in order, so the stored frames are a prefix, found by bisection.
    private func storedFrames(_ dataset: hid_t, frames: Int, shape: FrameShape, chunk: [hsize_t]) -> Int {
        guard frames > 0, chunk.allSatisfy({ $0 > 0 }) else { return frames }
        func isStored(_ frame: Int) -> Bool {
            // The chunk holding the frame's last pixel, which a writer going in order stores last.
            var offset = [hsize_t(frame) / chunk[0] * chunk[0],
                          hsize_t(shape.rows - 1) / chunk[1] * chunk[1],
                          hsize_t(shape.columns - 1) / chunk[2] * chunk[2]]
            var filters: UInt32 = 0
            var address: haddr_t = 0
            var bytes: hsize_t = 0
            // When the library cannot tell, count the frame rather than hide it. (H5Dget_chunk_storage_size fails
            // for chunks not stored in some indexes; this call answers with an undefined address.)
            guard H5Dget_chunk_info_by_coord(dataset, &offset, &filters, &address, &bytes) >= 0 else {
                H5Eclear2(0)
                return true
            }
            return address != haddr_t.max && bytes > 0
        }
        if isStored(frames - 1) { return frames }
        var low = 0
        var high = frames - 1
        while low < high {
            let middle = (low + high) / 2
            if isStored(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Frames saxsd decodes from their stored chunk: no filter, deflate alone, or bitshuffle with LZ4 for
    /// elements of `elementSize` bytes (cd_values: filter version, bitshuffle version, element size, block size,
    /// compression, 2 being LZ4). Besides speed, this keeps damaged chunks away from HDF5 1.10's filter
    /// pipeline, which copies out of bounds on some (the fuzz test found it): saxsd's decoders check every length.
    private static func directChunk(_ creation: hid_t, elementSize: Int) -> HDF5DirectChunk? {
        let filters = H5Pget_nfilters(creation)
        if filters == 0 { return .stored }
        guard filters == 1 else { return nil }
        var flags: UInt32 = 0
        var count = 8
        var values = [UInt32](repeating: 0, count: 8)
        var name = [CChar](repeating: 0, count: 64)
        var configuration: UInt32 = 0
        let filter = H5Pget_filter2(creation, 0, &flags, &count, &values, name.count, &name, &configuration)
        if filter == H5Z_FILTER_DEFLATE { return .deflate }
        let bitshuffleLZ4 = filter == 32008 && count >= 5 && values[4] == 2 && values[2] == UInt32(elementSize)
        return bitshuffleLZ4 ? .bitshuffleLZ4 : nil
    }

    /// Bitshuffle parameters that do not fit the dataset: Debian's plugin divides by the element size it is
    /// given without checking it, so such a file must not reach it.
    private static func damagedBitshuffle(_ creation: hid_t, elementSize: Int) -> String? {
        for index in 0..<max(0, H5Pget_nfilters(creation)) {
            var flags: UInt32 = 0
            var count = 8
            var values = [UInt32](repeating: 0, count: 8)
            var name = [CChar](repeating: 0, count: 64)
            var configuration: UInt32 = 0
            guard H5Pget_filter2(creation, UInt32(index), &flags, &count, &values, name.count, &name, &configuration) == 32008
            else { continue }
            if count >= 3 && values[2] != UInt32(elementSize) {
                return "its bitshuffle filter is set for \(values[2])-byte elements, its samples have \(elementSize)"
            }
            if count >= 4 && values[3] % 8 != 0 {
                return "its bitshuffle block size \(values[3]) is not a multiple of 8 elements"
            }
        }
        return nil
    }

    static func className(_ typeClass: H5T_class_t) -> String {
        switch typeClass {
        case H5T_INTEGER: "integer"
        case H5T_FLOAT: "float"
        case H5T_STRING: "string"
        case H5T_COMPOUND: "compound"
        case H5T_ENUM: "enum"
        case H5T_ARRAY: "array"
        case H5T_VLEN: "variable-length"
        case H5T_OPAQUE: "opaque"
        case H5T_BITFIELD: "bitfield"
        case H5T_REFERENCE: "reference"
        default: "unknown"
        }
    }
}
