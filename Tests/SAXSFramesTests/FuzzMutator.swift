import Foundation
import SAXSFrames
import SAXSTestSupport

/// Makes hostile variants of valid seed files: cut at random lengths and at structural boundaries, bits flipped, byte
/// runs overwritten, header numbers replaced with huge, negative or zero ones, header lines duplicated or removed,
/// TIFF directory fields and chains rewired, garbage after a valid magic, seeds spliced and appended. One to three
/// mutations per variant, each chosen and placed by the caller's seeded generator.
struct FuzzMutator {
    let format: FuzzFormat
    let seeds: [FuzzSeed]
    private let anatomies: [FuzzAnatomy]

    init(format: FuzzFormat, seeds: [FuzzSeed]) {
        self.format = format
        self.seeds = seeds
        anatomies = seeds.map { FuzzAnatomy($0.bytes, format: format) }
    }

    enum Mutation: String, CaseIterable {
        case truncate, truncateAtBoundary, flipBits, overwrite, replaceNumber, duplicateLine, removeLine, tiffField,
             garbageAfterMagic, splice, insert, append
    }

    /// How often each mutation is drawn, by format: numbers and lines where the header is text, directory fields
    /// where it is TIFF's binary directory.
    private func weight(_ mutation: Mutation) -> Int {
        let textHeader = format != .tiff && format != .hdf5
        switch mutation {
        case .truncate, .truncateAtBoundary: return 12
        case .flipBits: return 16
        case .overwrite: return 10
        case .replaceNumber: return textHeader ? 18 : 2
        case .duplicateLine, .removeLine: return textHeader ? 5 : 1
        case .tiffField: return textHeader ? 0 : 24
        case .garbageAfterMagic: return 5
        case .splice, .insert: return 4
        case .append: return 3
        }
    }

    /// A variant of one of the seeds, and how it was made (for the failure message).
    func variant(_ random: inout SeededGenerator) -> (bytes: [UInt8], recipe: String) {
        let index = Int.random(in: 0..<seeds.count, using: &random)
        var bytes = seeds[index].bytes
        var anatomy = anatomies[index]
        let roll = Int.random(in: 0..<10, using: &random)
        let rounds = roll < 6 ? 1 : roll < 9 ? 2 : 3
        var recipe = [seeds[index].name]
        for round in 0..<rounds {
            // Offsets move with every mutation that changes the length; a few kilobytes are quickly read again.
            if round > 0 { anatomy = FuzzAnatomy(bytes, format: format) }
            let mutation = pick(&random)
            recipe.append(apply(mutation, to: &bytes, anatomy, &random))
        }
        return (bytes, recipe.joined(separator: " > "))
    }

    private func pick(_ random: inout SeededGenerator) -> Mutation {
        let total = Mutation.allCases.map(weight).reduce(0, +)
        var roll = Int.random(in: 0..<total, using: &random)
        for mutation in Mutation.allCases {
            roll -= weight(mutation)
            if roll < 0 { return mutation }
        }
        return .flipBits
    }

    private func apply(_ mutation: Mutation, to bytes: inout [UInt8], _ anatomy: FuzzAnatomy,
                       _ random: inout SeededGenerator) -> String {
        let count = bytes.count
        switch mutation {
        case .truncate:
            let cut = count == 0 ? 0 : Int.random(in: 0..<count, using: &random)
            bytes.removeLast(count - cut)
            return "cut at \(cut)"
        case .truncateAtBoundary:
            let boundary = anatomy.boundaries.randomElement(using: &random) ?? 0
            let cut = min(max(boundary + [-1, 0, 0, 1].randomElement(using: &random)!, 0), count)
            bytes.removeLast(count - cut)
            return "cut at boundary \(cut)"
        case .flipBits:
            let flips = Int.random(in: 1...8, using: &random)
            var positions: [Int] = []
            for _ in 0..<flips {
                guard let position = position(in: anatomy, count: count, &random) else { break }
                bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                positions.append(position)
            }
            return "bits flipped at \(positions)"
        case .overwrite:
            guard let start = position(in: anatomy, count: count, &random) else { return "nothing to overwrite" }
            let roll = Int.random(in: 0..<20, using: &random)
            let length = min(count - start, roll < 10 ? Int.random(in: 1...8, using: &random)
                                : roll < 17 ? Int.random(in: 9...64, using: &random) : Int.random(in: 65...512, using: &random))
            let fill = Int.random(in: 0..<4, using: &random)
            for position in start..<(start + length) {
                bytes[position] = switch fill {
                case 0: 0x00
                case 1: 0xFF
                case 2: UInt8(ascii: "9")
                default: UInt8.random(in: 0...255, using: &random)
                }
            }
            return "\(length) bytes at \(start) overwritten (\(["0x00", "0xFF", "'9'", "random"][fill]))"
        case .replaceNumber:
            return replaceNumber(in: &bytes, anatomy, &random)
        case .duplicateLine, .removeLine:
            guard let line = anatomy.lines.randomElement(using: &random) else { return "no line" }
            if mutation == .duplicateLine {
                bytes.insert(contentsOf: bytes[line], at: line.upperBound)
                return "line \(line) duplicated"
            }
            // A FITS card blanked keeps the blocks aligned; one removed shifts every card after it.
            if format == .fits && Bool.random(using: &random) {
                bytes.replaceSubrange(line, with: repeatElement(UInt8(ascii: " "), count: line.count))
                return "card \(line) blanked"
            }
            bytes.removeSubrange(line)
            return "line \(line) removed"
        case .tiffField:
            return anatomy.tiff?.mutate(&bytes, &random) ?? "no TIFF directory"
        case .garbageAfterMagic:
            let kept = min(count, [4, 6, 8, 9, 10, 16, 80, Int.random(in: 1...100, using: &random)].randomElement(using: &random)!)
            let length = [0, 1, 16, 100, 1000, 6000, Int.random(in: 0...(2 * count + 1), using: &random)].randomElement(using: &random)!
            let patterns: [[UInt8]] = [[0], [0xFF], Array("9".utf8), Array("{".utf8), Array("= 99999999 ;\n".utf8),
                                       Array("END".utf8) + [UInt8](repeating: 0x20, count: 77), []]
            let pattern = patterns.randomElement(using: &random)!
            bytes.removeLast(count - kept)
            bytes += (0..<length).map { pattern.isEmpty ? UInt8.random(in: 0...255, using: &random) : pattern[$0 % pattern.count] }
            return "\(length) bytes of garbage after the first \(kept)"
        case .splice:
            let other = seeds.randomElement(using: &random)!.bytes
            let cut = Int.random(in: 0...count, using: &random)
            let from = Int.random(in: 0...other.count, using: &random)
            bytes = Array(bytes[..<cut]) + other[from...]
            return "spliced at \(cut) with another seed from \(from)"
        case .insert:
            let at = Int.random(in: 0...count, using: &random)
            let length = Int.random(in: 1...32, using: &random)
            bytes.insert(contentsOf: (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
            return "\(length) bytes inserted at \(at)"
        case .append:
            bytes += seeds.randomElement(using: &random)!.bytes
            return "another seed appended"
        }
    }

    /// A position to mutate: mostly inside the structure (header text, TIFF directories), where a change decides
    /// more than a pixel's value; otherwise anywhere.
    private func position(in anatomy: FuzzAnatomy, count: Int, _ random: inout SeededGenerator) -> Int? {
        guard count > 0 else { return nil }
        let structure = anatomy.structure.filter { $0.upperBound <= count && !$0.isEmpty }
        if !structure.isEmpty && Int.random(in: 0..<10, using: &random) < 7 {
            return Int.random(in: structure.randomElement(using: &random)!, using: &random)
        }
        return Int.random(in: 0..<count, using: &random)
    }

    /// Replaces a header number, mostly one of the size keys, with one of the values readers trip over.
    private func replaceNumber(in bytes: inout [UInt8], _ anatomy: FuzzAnatomy, _ random: inout SeededGenerator) -> String {
        let aimed = anatomy.numbers.filter { format.sizeKeys.contains($0.key) }
        let candidates = !aimed.isEmpty && Int.random(in: 0..<4, using: &random) > 0 ? aimed : anatomy.numbers
        guard let number = candidates.randomElement(using: &random) else { return "no number" }
        let old = Int(String(decoding: bytes[number.range], as: UTF8.self)) ?? 1
        let values = ["0", "-1", "1", "2", "-2147483648", "2147483647", "2147483648", "4294967295", "4294967296", "65535",
                      "65536", "268435456", "268435457", "9223372036854775807", "-9223372036854775808",
                      "9223372036854775808", "99999999999999999999999", "1e9", "", "NaN", "0x10", "3.5",
                      "\(old &+ 1)", "\(old &- 1)", "\(old &* 2)", "\(old / 2)", "\(old &* 1000)",
                      "\(Int.random(in: 0...100_000, using: &random))",
                      // Powers of two and fractions of Int.max: products of two or three of them land exactly on the
                      // edges where unchecked arithmetic traps.
                      "\(1 << Int.random(in: 8...62, using: &random))", "\((1 << Int.random(in: 8...62, using: &random)) - 1)",
                      "\(Int.max / [2, 3, 4, 8, 16, 2880].randomElement(using: &random)!)",
                      "-\(1 << Int.random(in: 8...62, using: &random))"]
        let value = values.randomElement(using: &random)!
        let card = number.range.lowerBound / 80 * 80
        if format == .fits, card + 30 <= bytes.count {
            // A card keeps its 80 bytes: the value goes right-justified into columns 11 to 30.
            let field = (card + 10)..<(card + 30)
            let text = Array(value.utf8.suffix(field.count))
            bytes.replaceSubrange(field, with: [UInt8](repeating: 0x20, count: field.count - text.count) + text)
        } else {
            bytes.replaceSubrange(number.range, with: Array(value.utf8))
        }
        return "\(number.key) \(old) -> \"\(value)\""
    }
}

/// Where a seed's structure lies: its header text, the numbers and lines in it, TIFF directories, and the offsets
/// where a cut is most telling.
struct FuzzAnatomy {
    struct Number {
        var range: Range<Int>
        /// The key on the number's line, upper-cased.
        var key: String
    }

    var textRegions: [Range<Int>] = []
    var numbers: [Number] = []
    /// Header lines with their line end, or FITS cards.
    var lines: [Range<Int>] = []
    var boundaries: [Int] = []
    var tiff: FuzzTIFFLayout?

    /// The regions where mutations decide the most.
    var structure: [Range<Int>] { textRegions + (tiff?.regions ?? []) }

    init(_ bytes: [UInt8], format: FuzzFormat) {
        textRegions = Self.textRegions(bytes)
        for region in textRegions {
            if format == .fits {
                let first = (region.lowerBound + 79) / 80 * 80
                lines += stride(from: first, to: region.upperBound - 79, by: 80).map { $0..<($0 + 80) }
            } else {
                var start = region.lowerBound
                for position in region where bytes[position] == 0x0A {
                    lines.append(start..<(position + 1))
                    start = position + 1
                }
            }
            var position = region.lowerBound
            while position < region.upperBound {
                guard Self.isDigit(bytes[position]) else { position += 1; continue }
                let sign = position > region.lowerBound && [UInt8(ascii: "-"), UInt8(ascii: "+")].contains(bytes[position - 1])
                let start = sign ? position - 1 : position
                while position < region.upperBound && Self.isDigit(bytes[position]) { position += 1 }
                numbers.append(Number(range: start..<position, key: Self.key(before: start, in: bytes, region: region, format: format)))
            }
        }
        tiff = format == .tiff ? FuzzTIFFLayout(bytes) : nil
        let count = bytes.count
        boundaries = [0, 1, 2, 3, 4, 8, 16, count - 2, count - 1, count]
            + stride(from: 512, to: count, by: 512) + stride(from: 2880, to: count, by: 2880)
            + textRegions.flatMap { [$0.lowerBound, $0.upperBound] } + lines.map(\.upperBound)
            + (tiff?.boundaries ?? [])
        if let marker = bytes.firstRange(of: [0x0C, 0x1A, 0x04, 0xD5]) { boundaries += [marker.lowerBound, marker.upperBound] }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// Runs of at least 24 printable or white-space bytes: header text, not pixels by chance.
    private static func textRegions(_ bytes: [UInt8]) -> [Range<Int>] {
        var regions: [Range<Int>] = []
        var start: Int?
        for (position, byte) in bytes.enumerated() {
            let text = (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if text, start == nil { start = position }
            if !text, let first = start {
                if position - first >= 24 { regions.append(first..<position) }
                start = nil
            }
        }
        if let first = start, bytes.count - first >= 24 { regions.append(first..<bytes.count) }
        return regions
    }

    /// The key of the line a number stands on: a FITS card's keyword, else the text before `=` or `:`.
    private static func key(before position: Int, in bytes: [UInt8], region: Range<Int>, format: FuzzFormat) -> String {
        let lineStart: Int
        if format == .fits {
            lineStart = position / 80 * 80
            return String(decoding: bytes[lineStart..<min(lineStart + 8, bytes.count)], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces).uppercased()
        }
        lineStart = (bytes[region.lowerBound..<position].lastIndex(of: 0x0A) ?? region.lowerBound - 1) + 1
        let line = bytes[lineStart..<position]
        let end = line.firstIndex { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") } ?? position
        return String(decoding: bytes[lineStart..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces).uppercased()
    }
}

/// The directory chain of a seed TIFF (classic or BigTIFF, either byte order), for mutations that rewire it.
struct FuzzTIFFLayout {
    struct Directory {
        var offset: Int
        var entryCount: Int
        var entries: [Int]
        var nextPointer: Int
    }

    let bigEndian: Bool
    let bigTIFF: Bool
    let size: Int
    var firstPointer: Int
    var directories: [Directory] = []

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 16 else { return nil }
        bigEndian = bytes[0] == 0x4D
        size = bytes.count
        let version = Self.integer(bytes, at: 2, width: 2, bigEndian: bigEndian) ?? 0
        bigTIFF = version == 43
        firstPointer = bigTIFF ? 8 : 4
        var offset = Self.integer(bytes, at: firstPointer, width: bigTIFF ? 8 : 4, bigEndian: bigEndian) ?? 0
        while offset != 0, directories.count < 64, !directories.contains(where: { $0.offset == offset }) {
            guard let count = Self.integer(bytes, at: offset, width: countWidth, bigEndian: bigEndian), count <= 4096 else { break }
            let entries = (0..<count).map { offset + countWidth + $0 * entryWidth }
            let next = offset + countWidth + count * entryWidth
            guard next + pointerWidth <= bytes.count else { break }
            directories.append(Directory(offset: offset, entryCount: count, entries: entries, nextPointer: next))
            offset = Self.integer(bytes, at: next, width: pointerWidth, bigEndian: bigEndian) ?? 0
        }
    }

    private var countWidth: Int { bigTIFF ? 8 : 2 }
    private var entryWidth: Int { bigTIFF ? 20 : 12 }
    private var pointerWidth: Int { bigTIFF ? 8 : 4 }

    var regions: [Range<Int>] {
        [0..<(firstPointer + pointerWidth)] + directories.map { $0.offset..<($0.nextPointer + pointerWidth) }
    }

    var boundaries: [Int] {
        directories.flatMap { [$0.offset, $0.nextPointer, $0.nextPointer + pointerWidth] + $0.entries }
    }

    /// Rewrites one field of the chain: an entry's value, count, type or tag, a directory's entry count, or a
    /// pointer to the next directory (to 0, back to an earlier one, to itself, past the end).
    func mutate(_ bytes: inout [UInt8], _ random: inout SeededGenerator) -> String {
        guard let directory = directories.randomElement(using: &random) else { return "no directory" }
        let values: [UInt64] = [0, 1, 2, 3, 7, 8, 15, 16, 17, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x7FFF_FFFF,
                                0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF, UInt64(size - 1), UInt64(size), UInt64(size + 1),
                                UInt64.random(in: 0...0xFFFF_FFFF, using: &random), UInt64.random(in: 0...64, using: &random)]
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 10 {
            let targets = [0, UInt64(directories[0].offset), UInt64(directory.offset), UInt64(size), 0xFFFF_FFFF, 8]
            let target = targets.randomElement(using: &random)!
            write(target, at: directory.nextPointer, width: pointerWidth, into: &bytes)
            return "next directory of \(directory.offset) -> \(target)"
        }
        if roll < 14 {
            let value = values.randomElement(using: &random)!
            write(value, at: firstPointer, width: pointerWidth, into: &bytes)
            return "first directory -> \(value)"
        }
        if roll < 20 {
            let value = [0, 1, UInt64(max(0, directory.entryCount - 1)), UInt64(directory.entryCount + 1), 0xFFFF]
                .randomElement(using: &random)!
            write(value, at: directory.offset, width: countWidth, into: &bytes)
            return "entry count of \(directory.offset) -> \(value)"
        }
        guard let entry = directory.entries.randomElement(using: &random) else { return "no entry" }
        let tag = FuzzTIFFLayout.integer(bytes, at: entry, width: 2, bigEndian: bigEndian) ?? 0
        let valueOffset = entry + (bigTIFF ? 12 : 8)
        switch roll {
        case 20..<30:
            let tags: [UInt64] = [256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 317, 322, 323, 324, 325, 339, 0, 0xFFFF]
            let value = tags.randomElement(using: &random)!
            write(value, at: entry, width: 2, into: &bytes)
            return "tag \(tag) -> \(value)"
        case 30..<40:
            let value = [0, 1, 2, 3, 4, 5, 7, 11, 12, 13, 16, 17, 18, 99, 0xFFFF].randomElement(using: &random)!
            write(UInt64(value), at: entry + 2, width: 2, into: &bytes)
            return "type of tag \(tag) -> \(value)"
        case 40..<55:
            let value = [0, 1, 2, 0xFFFF_FFFF, 0x7FFF_FFFF, 1_000_000, 64].randomElement(using: &random)!
            write(UInt64(value), at: entry + 4, width: bigTIFF ? 8 : 4, into: &bytes)
            return "count of tag \(tag) -> \(value)"
        default:
            // SHORT values sit in the field's first two bytes; a LONG or an offset fills it.
            let value = values.randomElement(using: &random)!
            let width = Bool.random(using: &random) ? 2 : pointerWidth
            write(value, at: valueOffset, width: width, into: &bytes)
            return "value of tag \(tag) -> \(value) (\(width) bytes)"
        }
    }

    private func write(_ value: UInt64, at offset: Int, width: Int, into bytes: inout [UInt8]) {
        guard offset >= 0, offset + width <= bytes.count else { return }
        for index in 0..<width {
            let shift = UInt64(8 * (bigEndian ? width - 1 - index : index))
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }

    static func integer(_ bytes: [UInt8], at offset: Int, width: Int, bigEndian: Bool) -> Int? {
        guard offset >= 0, offset + width <= bytes.count else { return nil }
        let field = bytes[offset..<(offset + width)]
        let value = (bigEndian ? Array(field) : field.reversed()).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return value < 1 << 40 ? Int(value) : nil
    }
}
