/// FITS data units: big-endian IEEE values, zero-padded to a whole block.
enum FITSData {
    static let blockSize = 2880

    static func padding(_ count: Int) -> Int { (blockSize - count % blockSize) % blockSize }

    static func float32(_ values: [Double]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4 + blockSize)
        for value in values {
            withUnsafeBytes(of: Float(value).bitPattern.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + [UInt8](repeating: 0, count: padding(bytes.count))
    }

    static func float64(_ values: [Double]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8 + blockSize)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + [UInt8](repeating: 0, count: padding(bytes.count))
    }
}
