import CZlib
import SAXSPhysics
import Testing

/// Images of the simulated cross-sections, read back as a PNG decoder would: chunk by chunk, each CRC checked by
/// a bitwise CRC-32 of the test's own, the pixel rows inflated.
@Suite struct GreyscaleImageTests {
    private static func crc32Bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func uint32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    @Test(arguments: [(1, 1), (7, 3), (96, 96), (300, 17)])
    func aPNGDecodesToThePixels(width: Int, height: Int) throws {
        var random = SeededGenerator(seed: 5, index: UInt64(width), stream: 0)
        let pixels = (0..<width * height).map { _ in UInt8(random.uniform(0, 4).rounded(.down) * 80) }
        let image = GreyscaleImage(width: width, height: height, pixels: pixels)
        let file = image.png()
        #expect(file.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        var chunks: [(type: String, data: [UInt8])] = []
        var at = 8
        while at < file.count {
            let length = Int(Self.uint32(file[at..<at + 4]))
            let typeAndData = Array(file[at + 4..<at + 8 + length])
            #expect(Self.uint32(file[at + 8 + length..<at + 12 + length]) == Self.crc32Bitwise(typeAndData))
            chunks.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4))))
            at += 12 + length
        }
        #expect(at == file.count)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let header = chunks[0].data
        #expect(Int(Self.uint32(header[0..<4])) == width && Int(Self.uint32(header[4..<8])) == height)
        #expect(Array(header[8...]) == [8, 0, 0, 0, 0])
        var inflated = [UInt8](repeating: 0, count: (width + 1) * height)
        var size = uLongf(inflated.count)
        let compressed = chunks[1].data
        let status = inflated.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { uncompress(out.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
        }
        #expect(status == Z_OK && Int(size) == inflated.count)
        for row in 0..<height {
            let line = inflated[row * (width + 1)..<(row + 1) * (width + 1)]
            #expect(line.first == 0)
            #expect(Array(line.dropFirst()) == Array(pixels[row * width..<(row + 1) * width]))
        }
    }

    @Test func aPGMIsItsHeaderAndThePixels() {
        let image = GreyscaleImage(width: 3, height: 2, pixels: [0, 1, 2, 3, 4, 255])
        #expect(image.pgm == Array("P5\n3 2\n255\n".utf8) + [0, 1, 2, 3, 4, 255])
    }
}
