import CFITSIO

#if canImport(Glibc)
import Glibc
#endif

/// Reads FITS images through cfitsio: the primary HDU when it holds an image, else the first image
/// extension (tile-compressed images included, cfitsio expands them). A 2-D image is one frame; a 3-D cube
/// is a stack of frames along NAXIS3.
///
/// cfitsio applies BZERO/BSCALE and maps BLANK pixels to the null value we pass (NaN), so unsigned 16/32-bit
/// images arrive as exact doubles and invalid pixels arrive masked.
public struct FITSReader: FrameReader {
    /// What a file may declare: NAXIS1 × NAXIS2 (ZNAXISn and ZTILEn of a tile-compressed image), the planes of a
    /// cube, their decoded bytes and the header's length are checked against it before any allocation, so a
    /// corrupt NAXISn cannot take the service down by asking for terabytes.
    public var limits: FrameLimits

    public init(limits: FrameLimits = FrameLimits()) {
        self.limits = limits
    }

    public var format: String { "fits" }

    public func recognizes(magic: [UInt8]) -> Bool {
        let signature = Array("SIMPLE  =".utf8)
        return magic.count >= signature.count && Array(magic.prefix(signature.count)) == signature
    }

    public func readFrames(path: String) throws(FrameError) -> [Frame] {
        try checkHeaders(path: path)
        var file: UnsafeMutablePointer<fitsfile>?
        var status: Int32 = 0
        // The disk-file variant: no extended file-name syntax, so "run[1].fits" is a name, not a filter.
        ffdkopn(&file, path, READONLY, &status)
        guard status == 0, let file else {
            throw FrameError(.corrupt, path: path, "cfitsio cannot open the file: \(Self.message(status))")
        }
        defer {
            var closeStatus: Int32 = 0
            ffclos(file, &closeStatus)
        }

        let image = try locateImage(file, path: path)
        let shape = FrameShape(rows: image.axes[1], columns: image.axes[0])
        let depth = image.axes.count == 3 ? image.axes[2] : 1
        let header = try readHeader(file, path: path)

        var frames: [Frame] = []
        frames.reserveCapacity(depth)
        for plane in 0..<depth {
            var pixels = [Double](repeating: 0, count: shape.pixelCount)
            var null = Double.nan
            var anyNull: Int32 = 0
            let first = Int64(plane * shape.pixelCount + 1)
            pixels.withUnsafeMutableBufferPointer { buffer in
                _ = ffgpv(file, TDOUBLE, first, Int64(shape.pixelCount), &null, buffer.baseAddress, &anyNull, &status)
            }
            if status != 0 {
                throw FrameError(.corrupt, path: path, frame: depth > 1 ? plane : nil,
                                 "cannot read the pixels of \(image.hduDescription): \(Self.message(status))")
            }
            frames.append(Frame(shape: shape, pixels: pixels, header: header, index: plane))
        }
        return frames
    }

    struct ImageHDU {
        var axes: [Int]
        var hduDescription: String
    }

    private func locateImage(_ file: UnsafeMutablePointer<fitsfile>, path: String) throws(FrameError) -> ImageHDU {
        var status: Int32 = 0
        var hduCount: Int32 = 0
        ffthdu(file, &hduCount, &status)
        if status != 0 {
            throw FrameError(.corrupt, path: path, "cannot count the HDUs: \(Self.message(status))")
        }
        var sawImage: [Int] = []
        for hdu in 1...max(1, Int(hduCount)) {
            var type: Int32 = 0
            ffmahd(file, Int32(hdu), &type, &status)
            if status != 0 {
                throw FrameError(.corrupt, path: path, "cannot move to HDU \(hdu): \(Self.message(status))")
            }
            guard type == IMAGE_HDU else { continue }
            var bitpix: Int32 = 0
            var naxis: Int32 = 0
            var naxes = [Int64](repeating: 0, count: 9)
            ffgiprll(file, 9, &bitpix, &naxis, &naxes, &status)
            if status != 0 {
                throw FrameError(.corrupt, path: path, "cannot read the image size of HDU \(hdu): \(Self.message(status))")
            }
            let axes = naxes.prefix(Int(max(0, min(naxis, 9)))).map { Int($0) }
            // An empty primary HDU in front of extensions is the common layout; keep looking.
            if axes.isEmpty || axes.contains(0) { continue }
            sawImage = axes
            let description = hdu == 1 ? "the primary HDU" : "image extension \(hdu - 1)"
            guard axes.count == 2 || (axes.count == 3) else {
                throw FrameError(.unsupported, path: path,
                                 "\(description) has \(axes.count) axes (\(axes.map(String.init).joined(separator: "x"))); a detector frame has 2, a stack 3")
            }
            let image = ImageHDU(axes: axes, hduDescription: description)
            try checkDeclaredSizes(of: image, bitpix: Int(bitpix), in: file, path: path)
            return image
        }
        let detail = sawImage.isEmpty ? "no HDU holds an image" : "no HDU holds a 2-D image"
        throw FrameError(.unsupported, path: path, "\(detail) (\(hduCount) HDU(s); tables are not detector frames)")
    }

    private func readHeader(_ file: UnsafeMutablePointer<fitsfile>, path: String) throws(FrameError) -> FrameHeader {
        var status: Int32 = 0
        var count: Int32 = 0
        var more: Int32 = 0
        ffghsp(file, &count, &more, &status)
        var header = FrameHeader()
        guard status == 0, count > 0 else { return header }
        var name = [CChar](repeating: 0, count: Int(FLEN_KEYWORD))
        var value = [CChar](repeating: 0, count: Int(FLEN_VALUE))
        var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT))
        for index in 1...count {
            ffgkyn(file, index, &name, &value, &comment, &status)
            if status != 0 { break }
            let key = String(cChars: name)
            let raw = String(cChars: value)
            if key.isEmpty || raw.isEmpty || key == "COMMENT" || key == "HISTORY" { continue }
            header.append(key, Self.parse(raw))
        }
        return header
    }

    private static func parse(_ raw: String) -> FrameHeader.Value {
        var type: CChar = 0
        var status: Int32 = 0
        ffdtyp(raw, &type, &status)
        switch UInt8(bitPattern: type) {
        case UInt8(ascii: "C"):
            return .string(unquote(raw))
        case UInt8(ascii: "L"):
            return .logical(raw.hasPrefix("T"))
        case UInt8(ascii: "I"):
            if let i = Int(raw.filter { $0 != " " }) { return .integer(i) }
            return .real(Double(raw.filter { $0 != " " }) ?? .nan)
        case UInt8(ascii: "F"):
            let normalized = raw.filter { $0 != " " }.replacingDExponent()
            return Double(normalized).map(FrameHeader.Value.real) ?? .string(raw)
        default:
            return .string(raw)
        }
    }

    /// FITS strings are single-quoted, with '' for a quote inside and trailing blanks not significant.
    private static func unquote(_ raw: String) -> String {
        var body = Substring(raw)
        if body.first == "'" { body = body.dropFirst() }
        if body.last == "'" { body = body.dropLast() }
        var text = String(body.replacing("''", with: "'"))
        while text.last == " " { text.removeLast() }
        return text
    }

    static func message(_ status: Int32) -> String {
        var text = [CChar](repeating: 0, count: Int(FLEN_ERRMSG))
        ffgerr(status, &text)
        return "\(String(cChars: text)) (cfitsio status \(status))"
    }
}

extension String {
    /// FITS allows Fortran's `1.5D3` for double-precision values.
    fileprivate func replacingDExponent() -> String {
        String(map { $0 == "D" || $0 == "d" ? "E" : $0 })
    }
}

extension String {
    /// A NUL-terminated C buffer filled by cfitsio.
    init(cChars buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
