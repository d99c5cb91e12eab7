/// How an EDF data block is stored, by its header's `Compression` value.
///
/// fabio's reading of the value is the convention, since fabio is what beamlines check files with: case does not
/// matter; no keyword, `None` and anything starting with `NO` (`NoCompression`) mean uncompressed; a value
/// containing `GZIP` (`gzip`, `GzipCompression`) is a gzip stream (RFC 1952), one containing `BZ` (`bz2`,
/// `BZip2Compression`) a bzip2 stream, and any other containing `Z` (`Z`, `ZCompression`, `zlib`) a zlib stream
/// (RFC 1950). A compressed block's `Size` counts its compressed bytes in the file, and the stream must
/// decompress to exactly the Dim_1 × Dim_2 samples of DataType.
public enum EDFCompression: Sendable, CaseIterable {
    case none, gzip, zlib, bzip2

    /// The scheme a header's `Compression` value names; nil for one saxsd does not decode (the CBF byte-offset code
    /// some ESRF writers used, or a name that matches no scheme).
    init?(headerValue: String) {
        let value = headerValue.uppercased()
        if value.isEmpty || value == "NONE" || value.hasPrefix("NO") {
            self = .none
        } else if value.contains("OFFSET") {
            return nil
        } else if value.contains("GZIP") {
            self = .gzip
        } else if value.contains("BZ") {
            self = .bzip2
        } else if value.contains("Z") {
            self = .zlib
        } else {
            return nil
        }
    }

    /// The value `EDFWriter` writes: the ESRF names, which fabio and the ESRF SAXS programs both read. Nil for
    /// uncompressed blocks, which go without the keyword, as fabio writes them.
    var headerValue: String? {
        switch self {
        case .none: nil
        case .gzip: "GzipCompression"
        case .zlib: "ZCompression"
        case .bzip2: "BZip2Compression"
        }
    }
}
