import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension HDF5Trial {
    /// Call sequences that survived their trial, by the version of the file they were made on. The pipeline asks
    /// one file whether it is complete, a stack and how many frames it has before reading it, and reads a stack
    /// in ranges: without the record the same opens and lookups would be tried again for each question. A file
    /// that changes (size, modification or change time, or a new file at the path) is a new version, tried again;
    /// and since those times are only as fine as the kernel's clock tick, a survivor is forgotten after
    /// `lifetime`, long before a detector could rewrite a file in place unnoticed twice.
    final class Record: Sendable {
        struct Version: Hashable, Sendable {
            var device: UInt64
            var inode: UInt64
            var size: Int64
            var modified: Int64
            var changed: Int64

            /// nil when the file cannot be examined (the trial then runs every time).
            init?(path: String) {
                var status = stat()
                guard stat(path, &status) == 0 else { return nil }
                device = UInt64(status.st_dev)
                inode = UInt64(status.st_ino)
                size = Int64(status.st_size)
                modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
                changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
            }
        }

        private struct Survivors {
            var since: ContinuousClock.Instant
            var calls: [Calls] = []
        }

        /// Kept small and short: the record only spares the repeated trials of files while they are processed.
        private static let capacity = 1024
        private static let lifetime = Duration.seconds(5)
        private let versions = Mutex<[Version: Survivors]>([:])

        func survived(_ calls: Calls, on version: Version) -> Bool {
            versions.withLock { versions in
                guard let survivors = versions[version], ContinuousClock.now - survivors.since < Self.lifetime else {
                    return false
                }
                return survivors.calls.contains { $0.covers(calls) }
            }
        }

        func add(_ calls: Calls, on version: Version) {
            let now = ContinuousClock.now
            versions.withLock { versions in
                if versions.count >= Self.capacity, versions[version] == nil { versions.removeAll(keepingCapacity: true) }
                if let survivors = versions[version], now - survivors.since < Self.lifetime {
                    versions[version]?.calls.append(calls)
                } else {
                    versions[version] = Survivors(since: now, calls: [calls])
                }
            }
        }
    }

    static let record = Record()
}

extension HDF5Trial.Calls {
    /// Whether surviving these calls proves `other` safe on the same version of the file: reading frames finds
    /// them first, and a span of frames includes the spans within it.
    func covers(_ other: Self) -> Bool {
        switch (self, other) {
        case (.locate, .locate), (.read, .locate):
            return true
        case let (.read(from, upTo), .read(otherFrom, otherUpTo)):
            guard otherFrom >= from else { return false }
            guard let upTo else { return true }
            return otherUpTo.map { $0 <= upTo } ?? false
        default:
            return false
        }
    }
}
