#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a detector file by what its bytes say it is, not by its extension.
public struct FrameFile: Sendable {
    public static let magicLength = 16
    public var readers: [any FrameReader]

    public init(readers: [any FrameReader] = [FITSReader(), TIFFReader(), EDFReader(), CBFReader(), HDF5Reader()]) {
        self.readers = readers
    }

    public func readFrames(path: String) throws(FrameError) -> [Frame] {
        try read(path: path).frames
    }

    /// The frames and the name of the format that held them.
    public func read(path: String) throws(FrameError) -> (format: String, frames: [Frame]) {
        let reader = try reader(path: path)
        return (reader.format, try reader.readFrames(path: path))
    }

    /// The reader that recognises the file's leading bytes.
    public func reader(path: String) throws(FrameError) -> any FrameReader {
        let magic = try Self.leadingBytes(path: path, count: Self.magicLength)
        if magic.isEmpty { throw FrameError(.empty, path: path, "file is empty (0 bytes)") }
        guard let reader = readers.first(where: { $0.recognizes(magic: magic) }) else {
            let known = readers.map(\.format).joined(separator: ", ")
            throw FrameError(.unknownFormat, path: path, "not a detector frame saxsd can read (known formats: \(known))")
        }
        return reader
    }

    /// Whether the file is complete by its format's own account (see `FrameReader.isComplete`); nil when
    /// no reader recognises it or its format cannot tell.
    public func isComplete(path: String) -> Bool? {
        guard let magic = try? Self.leadingBytes(path: path, count: Self.magicLength) else { return nil }
        return readers.first { $0.recognizes(magic: magic) }?.isComplete(path: path)
    }

    static func leadingBytes(path: String, count: Int) throws(FrameError) -> [UInt8] {
        let file = try RawFile(opening: path)
        do {
            return try file.read(at: 0, upTo: count)
        } catch {
            throw FrameError(.unreadable, path: path, "cannot read: \(error.reason)")
        }
    }
}
