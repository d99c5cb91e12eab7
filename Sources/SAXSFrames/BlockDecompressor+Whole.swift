extension BlockDecompressor {
    /// How a stream held whole in memory ends, decoded into a scratch buffer of at most `limit` bytes that is then
    /// thrown away: the bytes it decompresses to (up to `limit` + 1, one more telling a stream that holds too
    /// much), and whether its end (and checksum) lies within `input`. For checking a stream before a library that
    /// trusts it decodes it.
    static func measure(_ input: [UInt8], _ codec: Codec, limit: Int) throws(Failure) -> (bytes: Int, ended: Bool) {
        let decompressor = try BlockDecompressor(codec)
        var scratch = [UInt8](repeating: 0, count: min(limit + 1, 1 << 16))
        var consumed = 0
        var produced = 0
        while produced <= limit {
            // The scratch buffer is reused: only the count of bytes matters here.
            let room = min(scratch.count, limit + 1 - produced)
            let step = try input.withUnsafeBufferPointer { (source) throws(Failure) in
                try scratch.withUnsafeMutableBufferPointer { (destination) throws(Failure) in
                    try decompressor.step(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: source[consumed...])),
                                          into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: destination[..<room])))
                }
            }
            consumed += step.consumed
            produced += step.produced
            if step.ended { return (produced, true) }
            // Input used up, or stuck with room on both sides: the stream ends (if ever) beyond `input`.
            if step.consumed == 0 && step.produced == 0 { return (produced, false) }
        }
        return (produced, false)
    }
}
