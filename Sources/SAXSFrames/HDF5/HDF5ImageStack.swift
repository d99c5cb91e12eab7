import CHDF5

/// The frames of an open HDF5 file: one image dataset, or the datasets of the data files an Eiger master links
/// to, in order, as one stack. Open, read stored frames and close holding the library lock; turn stored
/// frames into pixels (`StoredFrame.pixels`) without it.
struct HDF5ImageStack {
    /// One dataset of the stack.
    struct Segment {
        var dataset: hid_t
        /// Where the dataset was found, for messages ("/entry/data/data", or "/entry/data/data_000002 ->
        /// series_data_000002.h5:/entry/data/data").
        var name: String
        /// 2 (one frame) or 3 (frames, rows, columns).
        var rank: Int
        var frames: Int
        /// Index of this segment's first frame in the stack.
        var first: Int
        /// How a frame stored as one chunk is read past HDF5's filter pipeline; nil to read through it.
        var directChunk: HDF5DirectChunk?
        /// The dataset's single-valued attributes (an Eiger data file's image_nr_low, image_nr_high).
        var attributes: [(key: String, value: FrameHeader.Value)]
    }

    let file: HDF5File
    private(set) var segments: [Segment] = []
    var shape = FrameShape(rows: 0, columns: 0)
    var pixelType = HDF5PixelType.uint8
    /// What the file says about the detector, common to every frame.
    var header = FrameHeader()
    /// The detector's pixel mask (non-zero: bad), when the file has one of the frames' shape.
    var pixelMask: [UInt32]?

    var frameCount: Int { segments.last.map { $0.first + $0.frames } ?? 0 }
    var path: String { file.path }

    /// Opens `path` and finds its frames; `metadata` also reads the header and pixel mask.
    static func open(path: String, reader: HDF5Reader, metadata: Bool) throws(FrameError) -> HDF5ImageStack {
        var stack = HDF5ImageStack(file: try HDF5File.open(path: path))
        do {
            try stack.locate(reader: reader, metadata: metadata)
            if metadata {
                stack.header = stack.readHeader()
                stack.pixelMask = stack.readPixelMask()
            }
        } catch {
            stack.close()
            throw error
        }
        return stack
    }

    private init(file: HDF5File) {
        self.file = file
    }

    func close() {
        for segment in segments { H5Dclose(segment.dataset) }
        file.close()
    }

    /// Adds a dataset found by `locate` to the stack after checking it against the others.
    mutating func append(_ dataset: hid_t, name: String, reader: HDF5Reader, metadata: Bool) throws(FrameError) {
        let segment: Segment
        let shape: FrameShape
        let pixelType: HDF5PixelType
        do {
            (segment, shape, pixelType) = try describe(dataset, name: name, reader: reader, metadata: metadata)
        } catch {
            H5Dclose(dataset)
            throw error
        }
        if !segments.isEmpty, shape != self.shape || pixelType != self.pixelType {
            H5Dclose(dataset)
            throw FrameError(.unsupported, path: path,
                             "\(name) holds \(shape) \(pixelType) frames, \(segments[0].name) \(self.shape) \(self.pixelType): "
                             + "one stack cannot mix them")
        }
        do throws(FrameLimits.Violation) {
            try reader.limits.checkFrames(frameCount + segment.frames, declaredBy: "the extent of \(name)")
        } catch {
            H5Dclose(dataset)
            throw error.frameError(path: path)
        }
        self.shape = shape
        self.pixelType = pixelType
        segments.append(segment)
    }

    /// The segment holding stack frame `index` and the frame's index within it.
    func segment(holding index: Int) -> (segment: Segment, local: Int) {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].first <= index { low = middle } else { high = middle - 1 }
        }
        return (segments[low], index - segments[low].first)
    }
}
