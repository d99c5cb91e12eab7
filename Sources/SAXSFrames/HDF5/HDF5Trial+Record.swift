import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension HDF5Trial {
    /// Which of the reader's call sequences a trial made.
    enum Calls: Hashable, Sendable {
        /// Open the file only (the completeness check).
        case open
        /// Open and find the frames (count, stack or not).
        case locate
        /// Open, find, read the metadata and the stored frames of a range (nil: all).
        case read(Range<Int>?)
    }

    /// Call sequences that survived their trial, by the version of the file they were made on. The pipeline asks
    /// one file whether it is complete, a stack and how many frames it has before reading it: without the record
    /// the same open would be tried three times. A file that changes (size, modification or change time, or a new
    /// file at the path) is a new version, tried again; and since those times are only as fine as the kernel's
    /// clock tick, a survivor is forgotten after `lifetime`, long before a detector could rewrite a file in place
    /// unnoticed twice.
    final class Record: Sendable {
        struct Key: Hashable, Sendable {
            var device: UInt64
            var inode: UInt64
            var size: Int64
            var modified: Int64
            var changed: Int64
            var calls: Calls

            /// nil when the file cannot be examined (the trial then runs every time).
            init?(path: String, calls: Calls) {
                var status = stat()
                guard stat(path, &status) == 0 else { return nil }
                device = UInt64(status.st_dev)
                inode = UInt64(status.st_ino)
                size = Int64(status.st_size)
                modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
                changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
                self.calls = calls
            }
        }

        /// Kept small and short: the record only spares the few trials of one file while it is being processed.
        private static let capacity = 1024
        private static let lifetime = Duration.seconds(5)
        private let survivors = Mutex<[Key: ContinuousClock.Instant]>([:])

        func survived(_ key: Key) -> Bool {
            survivors.withLock { survivors in
                guard let since = survivors[key] else { return false }
                return ContinuousClock.now - since < Self.lifetime
            }
        }

        func add(_ key: Key) {
            let now = ContinuousClock.now
            survivors.withLock { survivors in
                if survivors.count >= Self.capacity { survivors.removeAll(keepingCapacity: true) }
                survivors[key] = now
                // Reading frames opens and finds them: those calls need no trial of their own on this version.
                if case .read = key.calls {
                    for calls in [Calls.open, .locate] {
                        var lesser = key
                        lesser.calls = calls
                        survivors[lesser] = now
                    }
                }
            }
        }
    }

    static let record = Record()
}
