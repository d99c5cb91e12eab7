import Foundation

/// NumPy's `.npy` format, version 1.0 (numpy.org/neps/nep-0001-npy-format.html): the magic "\x93NUMPY", the
/// version bytes 1 0, a little-endian UInt16 header length, an ASCII Python dict literal giving `descr`,
/// `fortran_order` and `shape`, padded with spaces and a final newline so the data starts at a multiple of 64
/// bytes, then the raw array in C order. `numpy.load` reads it without pickle; so does any language with a few
/// lines of code, which is why the data sets use it rather than a text format 20 times larger.
public struct NPYFile: Sendable, Equatable {
    public enum ElementType: String, Sendable {
        case float32 = "<f4"
        case float64 = "<f8"

        var size: Int { self == .float32 ? 4 : 8 }
    }

    public var type: ElementType
    public var shape: [Int]
    /// Little-endian element bytes, C order.
    public var data: [UInt8]

    public init(float32 values: [Float], shape: [Int]) {
        self.init(.float32, shape: shape, bits: values.map(\.bitPattern))
    }

    public init(float64 values: [Double], shape: [Int]) {
        self.init(.float64, shape: shape, bits: values.map(\.bitPattern))
    }

    /// The elements' bit patterns, stored little-endian whatever the host's order.
    private init(_ type: ElementType, shape: [Int], bits: [some FixedWidthInteger]) {
        precondition(shape.reduce(1, *) == bits.count)
        self.type = type
        self.shape = shape
        data = bits.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    /// The header dict as numpy writes it: `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
    var headerText: String {
        let dimensions = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        return "{'descr': '\(type.rawValue)', 'fortran_order': False, 'shape': \(dimensions), }"
    }

    public var bytes: [UInt8] {
        var header = Array(headerText.utf8)
        let preamble = 10
        let padded = (preamble + header.count + 1 + 63) / 64 * 64
        header += [UInt8](repeating: 0x20, count: padded - preamble - header.count - 1)
        header.append(0x0A)
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        out.append(UInt8(header.count & 0xFF))
        out.append(UInt8(header.count >> 8))
        out += header
        out += data
        return out
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses a version 1.0 file of `<f4` or `<f8` in C order.
    public init(parsing bytes: [UInt8]) throws {
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw FormatError(description: "not an .npy file (no \\x93NUMPY magic)")
        }
        guard bytes[6] == 1, bytes[7] == 0 else { throw FormatError(description: "npy version \(bytes[6]).\(bytes[7]) is not 1.0") }
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        guard bytes.count >= 10 + headerLength else { throw FormatError(description: "header runs past the end") }
        guard (10 + headerLength) % 16 == 0 else { throw FormatError(description: "data not aligned") }
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        guard header.hasSuffix("\n") else { throw FormatError(description: "header does not end in a newline") }
        func value(of key: String) throws -> Substring {
            guard let keyRange = header.range(of: "'\(key)': ") else { throw FormatError(description: "no \(key) in header") }
            let rest = header[keyRange.upperBound...]
            if rest.hasPrefix("(") {
                guard let close = rest.firstIndex(of: ")") else { throw FormatError(description: "unclosed shape") }
                return rest[rest.index(after: rest.startIndex)..<close]
            }
            guard let end = rest.firstIndex(where: { $0 == "," || $0 == "}" }) else { throw FormatError(description: "bad \(key)") }
            return rest[..<end]
        }
        let descr = try value(of: "descr").trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        guard let type = ElementType(rawValue: descr) else { throw FormatError(description: "unsupported descr \(descr)") }
        guard try value(of: "fortran_order") == "False" else { throw FormatError(description: "Fortran order not supported") }
        let shape = try value(of: "shape").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { text -> Int in
                guard let n = Int(text), n >= 0 else { throw FormatError(description: "bad shape entry \(text)") }
                return n
            }
        let count = shape.reduce(1, *) * type.size
        guard bytes.count == 10 + headerLength + count else {
            throw FormatError(description: "\(bytes.count - 10 - headerLength) data bytes, shape needs \(count)")
        }
        self.type = type
        self.shape = shape
        data = Array(bytes[(10 + headerLength)...])
    }

    /// The elements as Doubles.
    public var values: [Double] {
        let count = data.count / type.size
        return (0..<count).map { i in
            var bits: UInt64 = 0
            for byte in 0..<type.size { bits |= UInt64(data[i * type.size + byte]) << (8 * byte) }
            return type == .float32 ? Double(Float(bitPattern: UInt32(bits))) : Double(bitPattern: bits)
        }
    }
}
