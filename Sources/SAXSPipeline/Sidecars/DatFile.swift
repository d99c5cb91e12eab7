#if canImport(Glibc)
import Glibc
#endif

/// The `.saxs.dat` text: `#` comment lines, a `# columns:` line, then one `%.8e` triple per non-empty bin.
/// ATSAS, BioXTAS RAW, SasView and numpy.loadtxt all read this layout.
public struct DatFile: Sendable {
    public var comments: [String]
    public var columns: String
    public var radial: [Double]
    public var intensity: [Double]
    public var sigma: [Double]

    public init(comments: [String], columns: String, radial: [Double], intensity: [Double], sigma: [Double]) {
        precondition(radial.count == intensity.count && radial.count == sigma.count)
        self.comments = comments
        self.columns = columns
        self.radial = radial
        self.intensity = intensity
        self.sigma = sigma
    }

    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (comments.count + 1) + 48 * radial.count)
        for line in comments {
            out += Array("# \(line.replacing("\n", with: " "))\n".utf8)
        }
        out += Array("# columns: \(columns)\n".utf8)
        // vsnprintf keeps C's exact %.8e rounding; Foundation's String(format:) costs ~10x more per number.
        var buffer = [CChar](repeating: 0, count: 96)
        for i in radial.indices {
            let length = withVaList([radial[i], intensity[i], sigma[i]]) { arguments in
                buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.8e %.8e %.8e\n", arguments) }
            }
            buffer.withUnsafeBufferPointer { chars in
                chars.prefix(Int(length)).withMemoryRebound(to: UInt8.self) { out.append(contentsOf: $0) }
            }
        }
        return out
    }
}
