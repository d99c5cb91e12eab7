#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running checksum over the words of a matrix file. Four independent lanes, so the multiplications overlap
/// and checking a 30 MB file costs a couple of milliseconds.
struct MatrixChecksum {
    private var lanes: SIMD4<UInt64> = [0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f, 0x1656_67b1_9e37_79f9, 0x27d4_eb2f_1656_67c5]

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let words = bytes.count / 8
        var k = 0
        while k + 4 <= words {
            let block = SIMD4(bytes.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self),
                              bytes.loadUnaligned(fromByteOffset: k * 8 + 8, as: UInt64.self),
                              bytes.loadUnaligned(fromByteOffset: k * 8 + 16, as: UInt64.self),
                              bytes.loadUnaligned(fromByteOffset: k * 8 + 24, as: UInt64.self))
            mix(block)
            k += 4
        }
        var tail = SIMD4<UInt64>(repeating: UInt64(bytes.count))
        for (lane, offset) in stride(from: k * 8, to: bytes.count, by: 8).enumerated() {
            var word: UInt64 = 0
            withUnsafeMutableBytes(of: &word) { out in
                out.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<min(offset + 8, bytes.count)]))
            }
            tail[lane] ^= word
        }
        mix(tail)
    }

    private mutating func mix(_ block: SIMD4<UInt64>) {
        lanes ^= block
        lanes &*= 0xff51_afd7_ed55_8ccd
        lanes ^= lanes &>> 33
    }

    var value: UInt64 {
        (lanes[0] &* 3) ^ (lanes[1] &* 5) ^ (lanes[2] &* 7) ^ (lanes[3] &* 11)
    }
}

/// Writes the matrix file: magic, key text, axis, sizes, then the arrays as stored in memory, then the checksum.
struct MatrixFileWriter {
    let fd: Int32
    private(set) var ok = true
    private var checksum = MatrixChecksum()

    init(fd: Int32) {
        self.fd = fd
    }

    mutating func write(key: String, radial: BinAxis, matrix: IntegrationMatrix) {
        let keyBytes = Array(key.utf8)
        let spacing: UInt64 = radial.spacing == .linear ? 0 : 1
        scalars([MatrixCache.magic, UInt64(keyBytes.count)])
        array(keyBytes)
        scalars([UInt64(radial.count), spacing, radial.lower.bitPattern, radial.upper.bitPattern,
                 radial.width.bitPattern, UInt64(matrix.pixelCount), UInt64(matrix.binCount),
                 UInt64(matrix.bandWidth), UInt64(matrix.irregularPixels.count), UInt64(matrix.irregularBins.count)])
        array(matrix.firstBin)
        array(matrix.band)
        array(matrix.irregularPixels)
        array(matrix.irregularStart)
        array(matrix.irregularBins)
        array(matrix.irregularWeights)
        array(matrix.normalization)
        array(matrix.binNorm)
        array(matrix.binWeight)
        array(matrix.binEntries)
        var sum = checksum.value
        withUnsafeBytes(of: &sum) { raw($0) }
    }

    private mutating func scalars(_ values: [UInt64]) {
        array(values)
    }

    private mutating func array<T>(_ values: [T]) {
        values.withUnsafeBytes { bytes in
            checksum.add(bytes)
            raw(bytes)
        }
    }

    private mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while ok, offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 { offset += n } else if !(n < 0 && errno == EINTR) { ok = false }
        }
    }
}

/// Reads what `MatrixFileWriter` wrote, checking every size against the file and the checksum at the end.
struct MatrixFileReader {
    let fd: Int32
    private var checksum = MatrixChecksum()
    private var failed = false

    init(fd: Int32) {
        self.fd = fd
    }

    mutating func read(key: String) -> (BinAxis, IntegrationMatrix)? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var remaining = Int(info.st_size)
        let head = array(UInt64.self, count: 2, remaining: &remaining)
        guard head.count == 2, head[0] == MatrixCache.magic, Int(head[1]) == key.utf8.count else { return nil }
        let keyBytes = array(UInt8.self, count: Int(head[1]), remaining: &remaining)
        guard keyBytes.elementsEqual(key.utf8) else { return nil }
        let sizes = array(UInt64.self, count: 10, remaining: &remaining)
        guard sizes.count == 10, sizes[1] <= 1 else { return nil }
        let limit = UInt64(remaining)
        guard sizes[0] <= limit, sizes[5] <= limit, sizes[6] <= limit, sizes[7] <= 16,
              sizes[8] <= limit, sizes[9] <= limit else { return nil }
        let radialCount = Int(sizes[0]), pixelCount = Int(sizes[5]), binCount = Int(sizes[6])
        let width = Int(sizes[7]), irregularCount = Int(sizes[8]), irregularEntries = Int(sizes[9])
        let radial = BinAxis(lower: Double(bitPattern: sizes[2]), upper: Double(bitPattern: sizes[3]),
                             count: radialCount, spacing: sizes[1] == 0 ? .linear : .log,
                             width: Double(bitPattern: sizes[4]))
        let firstBin = array(UInt32.self, count: pixelCount, remaining: &remaining)
        let band = array(Float.self, count: pixelCount * width, remaining: &remaining)
        let irregularPixels = array(UInt32.self, count: irregularCount, remaining: &remaining)
        let irregularStart = array(UInt32.self, count: irregularCount + 1, remaining: &remaining)
        let irregularBins = array(UInt32.self, count: irregularEntries, remaining: &remaining)
        let irregularWeights = array(Float.self, count: irregularEntries, remaining: &remaining)
        let normalization = array(Double.self, count: pixelCount, remaining: &remaining)
        let binNorm = array(Double.self, count: binCount, remaining: &remaining)
        let binWeight = array(Double.self, count: binCount, remaining: &remaining)
        let binEntries = array(Int32.self, count: binCount, remaining: &remaining)
        let expected = checksum.value
        var stored: UInt64 = 0
        guard !failed, remaining == 8,
              withUnsafeMutableBytes(of: &stored, { Glibc.read(fd, $0.baseAddress!, 8) }) == 8,
              stored == expected else { return nil }
        // The packing rules hold for anything this version wrote; checking them keeps a matrix from another
        // build from indexing out of bounds.
        guard irregularStart.last.map(Int.init) == irregularEntries,
              firstBin.allSatisfy({ $0 >= IntegrationMatrix.irregular || Int($0) < binCount }),
              irregularBins.allSatisfy({ Int($0) < binCount }),
              irregularPixels.allSatisfy({ Int($0) < pixelCount }) else { return nil }
        let matrix = IntegrationMatrix(pixelCount: pixelCount, binCount: binCount, bandWidth: width, firstBin: firstBin,
                                       band: band, irregularPixels: irregularPixels, irregularStart: irregularStart,
                                       irregularBins: irregularBins, irregularWeights: irregularWeights,
                                       normalization: normalization, binNorm: binNorm, binWeight: binWeight,
                                       binEntries: binEntries)
        return (radial, matrix)
    }

    /// `count` values read straight into a new array; empty (and `failed` set) when the file is too short.
    private mutating func array<T>(_ type: T.Type, count: Int, remaining: inout Int) -> [T] {
        let bytes = count * MemoryLayout<T>.stride
        guard !failed, count >= 0, bytes <= remaining else {
            failed = true
            return []
        }
        remaining -= bytes
        let fd = fd
        var complete = true
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var offset = 0
            while offset < bytes {
                let n = Glibc.read(fd, raw.baseAddress! + offset, bytes - offset)
                if n > 0 { offset += n } else if !(n < 0 && errno == EINTR) { break }
            }
            complete = offset == bytes
            // Uninitialized memory must not escape when the read came up short.
            if !complete { raw.initializeMemory(as: UInt8.self, repeating: 0) }
            initialized = count
        }
        if !complete { failed = true }
        values.withUnsafeBytes { checksum.add($0) }
        return values
    }
}
