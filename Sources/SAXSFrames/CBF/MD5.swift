import Crypto

/// MD5, only to check a CBF's `Content-MD5`: the detector's own proof that the compressed bytes are the ones it
/// wrote. Not for anything where collisions matter.
enum MD5 {
    /// The 16-byte digest of `bytes`.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Array(Insecure.MD5.hash(data: bytes))
    }
}
