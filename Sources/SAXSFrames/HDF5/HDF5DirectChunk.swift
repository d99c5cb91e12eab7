/// How saxsd reads a frame that is one chunk of its dataset, past HDF5's filter pipeline (see
/// `HDF5ImageStack.directChunk`).
enum HDF5DirectChunk: Sendable, Hashable {
    /// No filter: the chunk is the samples.
    case stored
    /// zlib deflate, HDF5's filter 1.
    case deflate
    /// Bitshuffle with LZ4, filter 32008 (every Eiger's).
    case bitshuffleLZ4
}
