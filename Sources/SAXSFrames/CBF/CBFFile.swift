#if canImport(Glibc)
import Glibc
#endif

/// An open CBF file, read with pread: its text head first, then only the compressed bytes it announces, so a
/// huge or garbage file is never read whole.
struct CBFFile: ~Copyable {
    let path: String
    private let file: RawFile
    var size: Int { file.size }
    /// The file's first bytes: at first `firstHeadBytes`, far more than a Pilatus header and MIME header need,
    /// and more as `section(limits:)` finds the text going on.
    private(set) var leadingBytes: [UInt8]

    static let firstHeadBytes = 1 << 16

    init(path: String) throws(FrameError) {
        let file = try RawFile(opening: path)
        leadingBytes = try Self.read(file, path: path, at: 0, count: min(file.size, Self.firstHeadBytes))
        self.path = path
        self.file = file
    }

    /// The binary section the file's text describes. While the text goes on past the bytes read so far, more of
    /// the file is read, four times as much each time, up to `limits.maximumHeaderBytes`: a CBF whose text never
    /// reaches a binary section is refused there instead of being read whole.
    mutating func section(limits: FrameLimits) throws(CBFBinarySection.Failure) -> CBFBinarySection {
        while true {
            do throws(CBFBinarySection.Failure) {
                return try CBFBinarySection(leadingBytes: leadingBytes, limits: limits)
            } catch {
                guard case .cutShort = error, leadingBytes.count < size else { throw error }
                guard leadingBytes.count < limits.maximumHeaderBytes else {
                    throw .invalid(.unsupported, "no whole binary section header within the first "
                        + "\(limits.maximumHeaderBytes) bytes, the limit of header bytes (FrameLimits.maximumHeaderBytes)")
                }
                let (grown, overflow) = leadingBytes.count.multipliedReportingOverflow(by: 4)
                let count = min(size, limits.maximumHeaderBytes, overflow ? Int.max : grown)
                do {
                    leadingBytes += try Self.read(file, path: path, at: leadingBytes.count, count: count - leadingBytes.count)
                } catch {
                    throw .invalid(error.kind, error.message)
                }
            }
        }
    }

    /// Exactly `count` bytes at `offset`; `.corrupt` when the file ends before them.
    func bytes(at offset: Int, count: Int) throws(FrameError) -> [UInt8] {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard offset >= 0, count >= 0, !overflow, end <= size else {
            throw FrameError(.corrupt, path: path,
                             "the file ends at byte \(size), before the \(count) compressed bytes from byte \(offset)")
        }
        return try Self.read(file, path: path, at: offset, count: count)
    }

    private static func read(_ file: borrowing RawFile, path: String, at offset: Int, count: Int) throws(FrameError) -> [UInt8] {
        do {
            return try file.read(at: offset, count: count)
        } catch {
            switch error {
            case .system(let reason): throw FrameError(.unreadable, path: path, "cannot read: \(reason)")
            case .endOfFile: throw FrameError(.corrupt, path: path, "the file shrank while it was read")
            }
        }
    }
}
