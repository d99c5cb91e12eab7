import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work split over the machine's cores for building integration matrices: every pixel is independent, so the
/// build scales with the cores while a frame's integration stays on one (the service runs frames in parallel).
enum Parallel {
    static let coreCount = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// Runs `body` on consecutive pieces of `0..<count` concurrently and returns its results in order.
    static func chunks<T>(_ count: Int, minimumChunk: Int = 16_384, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let pieces = max(1, min(coreCount * 4, count / max(minimumChunk, 1)))
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: pieces)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = count * piece / pieces
            let end = count * (piece + 1) / pieces
            slots[piece] = body(start..<end)
        }
        return results.map { $0! }
    }
}
