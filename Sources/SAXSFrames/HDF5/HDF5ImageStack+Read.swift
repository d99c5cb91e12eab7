import CHDF5

extension HDF5ImageStack {
    /// The stored samples of stack frame `index`, copied out of the file: the one step of reading a frame
    /// that needs the library (and its lock). `label` is the frame number errors carry.
    ///
    /// A frame stored as one chunk saxsd can decode (`HDF5DirectChunk`) comes as the chunk's bytes, read with
    /// H5Dread_chunk (no filter plugin involved); any other comes from H5Dread as samples in this machine's
    /// byte order, the library decompressing through its filters.
    func readStored(frame index: Int, label: Int?) throws(FrameError) -> HDF5StoredFrame {
        let (segment, local) = segment(holding: index)
        if let direct = segment.directChunk,
           let chunk = try readChunk(segment, local: local, index: index, label: label, direct) {
            return chunk
        }
        return .samples(try readSamples(segment, local: local, index: index, label: label))
    }

    /// Makes the library calls `readStored` would make, for a trial (`HDF5Trial`): all of them, except that a
    /// frame saxsd reads as one chunk is only looked up. Finding the chunk is where damage (to the chunk index)
    /// can mislead libhdf5; the read that follows copies `size` bytes from the address found into a buffer of
    /// that size, and the trial spares itself copying megabytes.
    func tryStored(frame index: Int) throws(FrameError) {
        let (segment, local) = segment(holding: index)
        if segment.directChunk != nil, storedChunk(segment, local: local) != nil { return }
        _ = try readStored(frame: index, label: nil)
    }

    private var frameBytes: Int { shape.pixelCount * pixelType.byteCount }

    /// Where the chunk holding frame `local` of `segment` starts and its stored size; nil when the writer has not
    /// stored it.
    private func storedChunk(_ segment: Segment, local: Int) -> (offset: [hsize_t], size: hsize_t)? {
        var offset: [hsize_t] = segment.rank == 3 ? [hsize_t(local), 0, 0] : [0, 0]
        var filters: UInt32 = 0
        var address: haddr_t = 0
        var size: hsize_t = 0
        guard H5Dget_chunk_info_by_coord(segment.dataset, &offset, &filters, &address, &size) >= 0,
              address != haddr_t.max, size > 0 else {
            H5Eclear2(0)
            return nil
        }
        return (offset, size)
    }

    /// The frame's chunk as stored; nil when the writer has not stored it (the general read then gives
    /// the dataset's fill value, as HDF5 defines).
    private func readChunk(_ segment: Segment, local: Int, index: Int, label: Int?,
                           _ direct: HDF5DirectChunk) throws(FrameError) -> HDF5StoredFrame? {
        guard let (storedOffset, size) = storedChunk(segment, local: local) else { return nil }
        var offset = storedOffset
        var filters: UInt32 = 0
        // LZ4 and deflate grow incompressible data by well under this; a larger chunk is not this frame's.
        let limit = 2 * frameBytes + 4096
        guard size <= hsize_t(limit) else {
            throw FrameError(.corrupt, path: path, frame: label,
                             "the chunk of frame \(index) in \(segment.name) holds \(size) bytes, more than "
                             + "\(frameBytes) bytes of pixels compress to")
        }
        var status: herr_t = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, initialized in
            status = H5Dread_chunk(segment.dataset, saxs_h5p_default(), &offset, &filters, buffer.baseAddress)
            initialized = status >= 0 ? buffer.count : 0
        }
        guard status >= 0 else {
            throw FrameError.hdf5(.corrupt, path: path, frame: label, "cannot read the chunk of frame \(index) in \(segment.name)")
        }
        // Bit 0 set: the writer skipped the (optional) filter for this chunk, which holds the samples as they are.
        if filters & 1 != 0 || direct == .stored {
            guard bytes.count == frameBytes else {
                throw FrameError(.corrupt, path: path, frame: label,
                                 "the unfiltered chunk of frame \(index) in \(segment.name) holds \(bytes.count) bytes, "
                                 + "not the \(frameBytes) of its pixels")
            }
            return .samples(bytes)
        }
        return direct == .deflate ? .deflate(bytes) : .bitshuffleLZ4(bytes)
    }

    private func readSamples(_ segment: Segment, local: Int, index: Int, label: Int?) throws(FrameError) -> [UInt8] {
        let fileSpace = H5Dget_space(segment.dataset)
        guard fileSpace >= 0 else { throw FrameError.hdf5(.corrupt, path: path, frame: label, "cannot read the extent of \(segment.name)") }
        defer { H5Sclose(fileSpace) }
        var start: [hsize_t] = segment.rank == 3 ? [hsize_t(local), 0, 0] : [0, 0]
        var count: [hsize_t] = (segment.rank == 3 ? [1] : []) + [hsize_t(shape.rows), hsize_t(shape.columns)]
        // The memory space has the selection's shape: HDF5 copies a 1-D one element run by element run, six
        // times slower for an Eiger frame.
        let memorySpace = H5Screate_simple(Int32(count.count), &count, nil)
        guard memorySpace >= 0 else { throw FrameError.hdf5(.corrupt, path: path, frame: label, "cannot describe a frame in memory") }
        defer { H5Sclose(memorySpace) }
        guard H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &start, nil, &count, nil) >= 0 else {
            throw FrameError.hdf5(.corrupt, path: path, frame: label, "cannot select frame \(index) of \(segment.name)")
        }
        var status: herr_t = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: frameBytes) { buffer, initialized in
            status = H5Dread(segment.dataset, pixelType.nativeType, memorySpace, fileSpace, saxs_h5p_default(), buffer.baseAddress)
            initialized = status >= 0 ? buffer.count : 0
        }
        guard status >= 0 else {
            let failure = FrameError.hdf5(.corrupt, path: path, frame: label, "cannot read frame \(index) of \(segment.name)")
            if let missing = missingFilter(segment.dataset) {
                throw FrameError(.unsupported, path: path, frame: label,
                                 "\(segment.name) is compressed with HDF5 filter \(missing), which is not available: "
                                 + "no plugin for it was found (\(HDF5Plugins.searchDescription))")
            }
            throw failure
        }
        return bytes
    }

    /// The first filter of the dataset's pipeline that HDF5 can neither find registered nor load as a plugin,
    /// as "id (name)".
    private func missingFilter(_ dataset: hid_t) -> String? {
        let creation = H5Dget_create_plist(dataset)
        guard creation >= 0 else { return nil }
        defer {
            H5Pclose(creation)
            H5Eclear2(0)
        }
        for index in 0..<max(0, H5Pget_nfilters(creation)) {
            var flags: UInt32 = 0
            var count = 0
            var name = [CChar](repeating: 0, count: 256)
            var configuration: UInt32 = 0
            let filter = H5Pget_filter2(creation, UInt32(index), &flags, &count, nil, name.count, &name, &configuration)
            guard filter >= 0, H5Zfilter_avail(filter) <= 0 else { continue }
            let stored = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let known = HDF5Plugins.name(of: filter)
            let label = [known, stored.isEmpty || stored == known ? nil : "\"\(stored)\""].compactMap { $0 }
            return label.isEmpty ? "\(filter)" : "\(filter) (\(label.joined(separator: ", ")))"
        }
        return nil
    }
}
