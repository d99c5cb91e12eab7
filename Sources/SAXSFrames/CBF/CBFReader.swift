#if canImport(Glibc)
import Glibc
#endif

/// Reads Pilatus mini-CBF frames in pure Swift: the Dectris header from `_array_data.header_contents` and the
/// pixels of the first binary section, byte-offset compressed integers, as every Pilatus writes them.
///
/// The compressed bytes must decode to exactly `X-Binary-Number-of-Elements` = columns × rows pixels and fill
/// exactly `X-Binary-Size`, and match `Content-MD5` when the file carries one; anything else is `.corrupt`.
public struct CBFReader: FrameReader {
    /// What a file may declare: the dimensions, element count, binary size and text length are checked against it
    /// before any allocation, so a corrupt dimension cannot take the service down by asking for terabytes.
    public var limits: FrameLimits

    public init(limits: FrameLimits = FrameLimits()) {
        self.limits = limits
    }

    public var format: String { "cbf" }

    public func recognizes(magic: [UInt8]) -> Bool {
        magic.starts(with: "###CBF".utf8)
    }

    public func readFrames(path: String) throws(FrameError) -> [Frame] {
        var file = try CBFFile(path: path)
        let section: CBFBinarySection
        do throws(CBFBinarySection.Failure) {
            section = try file.section(limits: limits)
        } catch {
            switch error {
            case .cutShort(let message): throw FrameError(.corrupt, path: path, message)
            case .invalid(let kind, let message): throw FrameError(kind, path: path, message)
            }
        }
        // A byte-offset pixel takes 1 to 15 bytes, so any other binary size cannot be honest; checked before the
        // pixels are allocated, which a binary size inside the file then bounds.
        let (largest, overflow) = section.shape.pixelCount.multipliedReportingOverflow(by: 15)
        guard overflow || section.binarySize <= largest else {
            throw FrameError(.corrupt, path: path,
                             "X-Binary-Size \(section.binarySize) is more than \(section.shape.pixelCount) pixels can take")
        }
        guard section.binarySize >= section.shape.pixelCount else {
            throw FrameError(.corrupt, path: path,
                             "X-Binary-Size \(section.binarySize) is less than the \(section.shape.pixelCount) pixels need")
        }
        let compressed = try file.bytes(at: section.dataOffset, count: section.binarySize)
        let decoded = compressed.withUnsafeBytes { bytes in
            Result { () throws(CBFByteOffset.Failure) in
                try CBFByteOffset.decode(bytes, count: section.shape.pixelCount, as: section.elementType)
            }
        }
        let pixels: [Double]
        switch decoded {
        case .success(let values):
            pixels = values
        case .failure(.tooShort(let count)):
            throw FrameError(.corrupt, path: path,
                             "X-Binary-Size \(section.binarySize) bytes hold \(count) of the \(section.shape.pixelCount) pixels")
        case .failure(.tooLong(let unused)):
            throw FrameError(.corrupt, path: path,
                             "\(unused) of the X-Binary-Size \(section.binarySize) bytes are left after the last pixel")
        }
        // Checked after decoding, which names the cut or surplus more precisely than a digest mismatch would.
        if let expected = section.md5, compressed.withUnsafeBytes({ MD5.digest($0) }) != expected {
            throw FrameError(.corrupt, path: path, "the binary section does not match its Content-MD5")
        }
        var header = FrameHeader()
        if let text = section.headerContents { header.appendPilatusHeader(text) }
        return [Frame(shape: section.shape, pixels: pixels, header: header)]
    }
}
