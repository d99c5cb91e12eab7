#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an HDF5 file's superblock says about the file, read from its bytes without the library: enough to
/// tell a file still being written (or cut short) from a whole one, and whether it can be opened for SWMR
/// reading.
///
/// HDF5 writes the superblock at the start and rewrites it when the file is flushed or closed; its
/// end-of-file address is where the file's last allocated byte ends. A file shorter than that has not been
/// written out yet, or was truncated.
struct HDF5Superblock: Equatable {
    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// 0 and 1: the original format; 2: HDF5 1.8's; 3: 1.10's, the only one that allows SWMR.
    var version: Int
    /// Bytes the file must hold: base address plus end-of-file address.
    var endOfFile: Int

    enum Problem: Error, Equatable {
        /// Not an HDF5 file at offset 0 (too short, or another format).
        case notHDF5
        /// The superblock itself is cut short.
        case truncated
        /// A version or field size this code does not know.
        case unknown(String)
    }

    /// Parses the superblock at the start of `bytes` (at least its first 96 bytes, fewer if the file is shorter).
    init(_ bytes: [UInt8]) throws(Problem) {
        guard bytes.count >= 9, Array(bytes[0..<8]) == Self.signature else {
            throw bytes.count < 9 && bytes.elementsEqual(Self.signature.prefix(bytes.count)) ? .truncated : .notHDF5
        }
        version = Int(bytes[8])
        // Versions 0 and 1: 8 one-byte fields (versions, sizes), group K values and flags, then the addresses
        // (base, free space, end of file, driver); version 1 has 4 more bytes before them. Versions 2 and 3:
        // sizes and flags in 3 bytes, then base, extension and end-of-file addresses.
        // Either way the end-of-file address is the third.
        let offsetSizeAt: Int
        let addressesAt: Int
        switch version {
        case 0, 1:
            offsetSizeAt = 13
            addressesAt = version == 0 ? 24 : 28
        case 2, 3:
            offsetSizeAt = 9
            addressesAt = 12
        default:
            throw .unknown("superblock version \(version)")
        }
        guard bytes.count > offsetSizeAt else { throw .truncated }
        let offsetSize = Int(bytes[offsetSizeAt])
        guard [2, 4, 8].contains(offsetSize) else { throw .unknown("\(offsetSize)-byte addresses") }
        let end = addressesAt + 3 * offsetSize
        guard bytes.count >= end else { throw .truncated }
        func address(_ index: Int) -> UInt64 {
            let start = addressesAt + index * offsetSize
            return bytes[start..<start + offsetSize].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        let base = address(0)
        let endAddress = address(2)
        let (sum, overflow) = base.addingReportingOverflow(endAddress)
        guard !overflow, sum <= UInt64(Int.max) else { throw .unknown("end-of-file address \(endAddress) beyond any file") }
        endOfFile = Int(sum)
    }

    /// The superblock of the file at `path` and the file's size now; nil when it cannot be read.
    static func read(path: String) -> (superblock: Result<HDF5Superblock, Problem>, size: Int)? {
        guard let file = RawFile(path: path), let bytes = try? file.read(at: 0, upTo: 96) else { return nil }
        let parsed = Result { () throws(Problem) in try HDF5Superblock(bytes) }
        return (parsed, file.size)
    }
}
