#if canImport(Glibc)
import Glibc
#endif

extension FITSReader {
    /// Whether the file holds every byte its headers announce: each HDU's header (2880-byte blocks up to the
    /// END card) and its data (|BITPIX|/8 × GCOUNT × (PCOUNT + NAXIS1 × … × NAXISn), padded to 2880). Reads only
    /// the headers, so a watcher can afford to ask on every close: a complete frame need not wait for
    /// quiet time, an incomplete one is still being written.
    public func isComplete(path: String) -> Bool? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var offset = 0
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        for _ in 0..<Self.maximumHDUs {
            var cards = FITSCardValues()
            var ended = false
            while !ended {
                guard offset + Self.blockSize <= size,
                      pread(fd, &block, Self.blockSize, off_t(offset)) == Self.blockSize else { return false }
                offset += Self.blockSize
                ended = cards.read(block)
            }
            guard let dataBytes = cards.dataBytes else { return nil }
            let padded = (dataBytes + Self.blockSize - 1) / Self.blockSize * Self.blockSize
            // The standard pads the last block; a writer that stops at the data's end is complete too.
            if offset + dataBytes >= size { return offset + dataBytes == size || offset + padded == size }
            offset += padded
            if offset == size { return true }
        }
        return nil
    }

    static let blockSize = 2880
    static let maximumHDUs = 10_000
}

/// The header keywords that decide an HDU's data size.
struct FITSCardValues {
    var bitpix: Int?
    var naxis: Int?
    var axes: [Int: Int] = [:]
    var pcount = 0
    var gcount = 1

    /// Reads the 36 cards of one header block; true once the END card is seen.
    mutating func read(_ block: [UInt8]) -> Bool {
        for card in 0..<36 {
            let bytes = block[(card * 80)..<(card * 80 + 80)]
            let keyword = String(decoding: bytes.prefix(8), as: UTF8.self).trimmingTrailingSpaces()
            if keyword == "END" { return true }
            guard bytes.dropFirst(8).prefix(2).elementsEqual("= ".utf8) else { continue }
            let text = String(decoding: bytes.dropFirst(10), as: UTF8.self)
            let valueText = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            guard let value = Int(valueText.filter { $0 != " " }) else { continue }
            switch keyword {
            case "BITPIX": bitpix = value
            case "NAXIS": naxis = value
            case "PCOUNT": pcount = value
            case "GCOUNT": gcount = value
            default:
                if keyword.hasPrefix("NAXIS"), let n = Int(keyword.dropFirst(5)) { axes[n] = value }
            }
        }
        return false
    }

    var dataBytes: Int? {
        guard let bitpix, [8, 16, 32, 64, -32, -64].contains(bitpix), let naxis, (0...999).contains(naxis) else { return nil }
        if naxis == 0 { return 0 }
        var elements = 1
        for n in 1...naxis {
            guard let length = axes[n], length >= 0 else { return nil }
            let (product, overflow) = elements.multipliedReportingOverflow(by: length)
            if overflow { return nil }
            elements = product
        }
        let (total, overflow) = (abs(bitpix) / 8).multipliedReportingOverflow(by: gcount * (pcount + elements))
        return overflow ? nil : total
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
