extension HDF5Trial {
    /// A trial as a trial server (`HDF5TrialServer`) receives it: the calls, the file, and the reader settings
    /// that shape them. Sent over a local socket between two processes of the same executable, so the encoding
    /// only has to be unambiguous, not portable: fixed-width integers in this machine's order, the path as its
    /// bytes with their count.
    struct Request: Equatable, Sendable {
        var path: String
        var calls: Calls
        var limits: FrameLimits
        var decodesBitshuffleLZ4: Bool
        var timeoutSeconds: UInt32

        /// Guards against a server from another build of saxsd (an upgrade replacing the executable while the
        /// service runs spawns servers of the new build).
        static let protocolVersion: Int64 = 1
        /// Longer paths than Linux allows are not a trial's business.
        static let maximumPathBytes = 4096

        var encoded: [UInt8] {
            var body: [Int64] = [Self.protocolVersion]
            switch calls {
            case .locate: body += [1, 0, -1]
            case .read(let from, let upTo): body += [2, Int64(from), Int64(upTo ?? -1)]
            }
            body += [Int64(limits.maximumPixelsPerFrame), Int64(limits.maximumDecodedBytes),
                     Int64(limits.maximumFrames), Int64(limits.maximumHeaderBytes),
                     decodesBitshuffleLZ4 ? 1 : 0, Int64(timeoutSeconds), Int64(path.utf8.count)]
            var bytes = body.withUnsafeBytes { Array($0) }
            bytes += path.utf8
            return bytes
        }

        /// Fixed part of the encoding: the integers before the path.
        static let headerBytes = 11 * MemoryLayout<Int64>.size

        /// nil when `header` is not a request of this protocol; else the request (path still empty) and how
        /// many path bytes follow.
        static func decodeHeader(_ header: [UInt8]) -> (request: Request, pathBytes: Int)? {
            guard header.count == headerBytes else { return nil }
            let fields = header.withUnsafeBytes { raw in (0..<11).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self) } }
            guard fields[0] == protocolVersion, fields[10] >= 0, fields[10] <= maximumPathBytes,
                  fields[8] == 0 || fields[8] == 1, fields[9] >= 0, fields[9] <= Int64(UInt32.max) else { return nil }
            let calls: Calls
            switch fields[1] {
            case 1: calls = .locate
            case 2:
                guard fields[2] >= 0, fields[3] >= -1 else { return nil }
                calls = .read(from: Int(fields[2]), upTo: fields[3] < 0 ? nil : Int(fields[3]))
            default: return nil
            }
            let limits = FrameLimits(maximumPixelsPerFrame: Int(fields[4]), maximumDecodedBytes: Int(fields[5]),
                                     maximumFrames: Int(fields[6]), maximumHeaderBytes: Int(fields[7]))
            let request = Request(path: "", calls: calls, limits: limits, decodesBitshuffleLZ4: fields[8] == 1,
                                  timeoutSeconds: UInt32(fields[9]))
            return (request, Int(fields[10]))
        }
    }

    /// The server's answer: the verdict as two 32-bit integers (kind, signal).
    static func encode(_ verdict: Verdict) -> [UInt8] {
        let fields: [Int32]
        switch verdict {
        case .survived: fields = [0, 0]
        case .crashed(let signal): fields = [1, signal]
        case .timedOut: fields = [2, 0]
        case .unavailable: fields = [3, 0]
        }
        return fields.withUnsafeBytes { Array($0) }
    }

    static let verdictBytes = 2 * MemoryLayout<Int32>.size

    static func decodeVerdict(_ bytes: [UInt8]) -> Verdict? {
        guard bytes.count == verdictBytes else { return nil }
        let kind = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: Int32.self) }
        let signal = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: Int32.self) }
        switch kind {
        case 0: return .survived
        case 1: return .crashed(signal: signal)
        case 2: return .timedOut
        case 3: return .unavailable
        default: return nil
        }
    }
}
