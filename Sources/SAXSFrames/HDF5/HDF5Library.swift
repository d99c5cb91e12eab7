import CHDF5
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The HDF5 C library as saxsd uses it: one lock around every call, set up once on first use.
///
/// HDF5's default build keeps its state (open files, ids, the error stack, the metadata cache) in globals
/// without locks, and two threads inside it at once corrupt that state. Some distributions build it
/// thread-safe (Debian's 1.10.8 is), which only means one global mutex around every call. saxsd runs several
/// workers and must work with either build, so every HDF5 call in the process goes through `withLock`; with
/// a thread-safe build that costs nothing the library would not cost anyway. The lock is held for HDF5's own
/// work only: readers copy the stored samples out under it and convert them to Doubles after releasing it,
/// so one worker's conversion does not hold up another worker's read.
enum HDF5Library {
    private static let state = Mutex(false)
    /// The kernel thread id of the lock's holder, 0 when free: lets the pixel conversion check, in debug
    /// builds, that it really runs outside the lock.
    private static let holder = Atomic<Int>(0)
    /// Nanoseconds the lock has been held since the process started, for the benchmarks' account of how
    /// much of a read is serialised.
    static let heldNanoseconds = Atomic<Int>(0)

    /// Runs `body` holding the process-wide HDF5 lock, after setting the library up on first use.
    static func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> sending Result) throws(Failure) -> sending Result {
        try state.withLock { (ready: inout Bool) throws(Failure) -> sending Result in
            let started = monotonicNanoseconds()
            holder.store(currentThread(), ordering: .relaxed)
            // A filter plugin loaded by this call may switch the thread to flush denormals to zero (see the shim):
            // the worker's later arithmetic, model loading and tree walks must not inherit that.
            let floatingPointControl = saxs_fp_control()
            defer {
                saxs_set_fp_control(floatingPointControl)
                holder.store(0, ordering: .relaxed)
                heldNanoseconds.add(monotonicNanoseconds() - started, ordering: .relaxed)
            }
            if !ready {
                setUp()
                ready = true
            }
            // A thread-safe build keeps an error stack per thread, each printing to stderr until told not to.
            H5Eset_auto2(0, nil, nil)
            return try body()
        }
    }

    /// True when the calling thread holds the lock.
    static var isHeldByCurrentThread: Bool {
        holder.load(ordering: .relaxed) == currentThread()
    }

    /// Opens the library and makes the distribution's filter plugins findable. Error printing is switched off
    /// on every call (saxsd turns HDF5's error stacks into `FrameError`s, and a service must not write a trace
    /// to stderr per unreadable file).
    private static func setUp() {
        // HDF5's exit handler tears its structures down again at process exit, and after it has turned away
        // damaged files that teardown has been seen to crash (in H5P_close): a service must exit 0 on SIGTERM.
        // The kernel reclaims what the handler would free.
        H5dont_atexit()
        H5open()
        HDF5Plugins.addDistributionFolders()
    }

    /// Identifiers libhdf5 holds open in the file opened as `path`, the file's own included: 0 once every reader
    /// is done with it. One leaked identifier keeps the file open inside libhdf5, which then serves the next open
    /// of the same path (a file rewritten in place) from the old file's cached structures.
    static func openIdentifiers(path: String) -> Int {
        withLock { () -> Int in
            // H5F_OBJ_ALL is a macro of macros, which Swift does not import.
            let everyKind = UInt32(H5F_OBJ_FILE | H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR)
            let everyFile = hid_t(everyKind)
            let fileCount = H5Fget_obj_count(everyFile, UInt32(H5F_OBJ_FILE))
            guard fileCount > 0 else { return 0 }
            var files = [hid_t](repeating: 0, count: fileCount)
            let listed = H5Fget_obj_ids(everyFile, UInt32(H5F_OBJ_FILE), fileCount, &files)
            for file in files.prefix(max(0, listed)) {
                var name = [CChar](repeating: 0, count: 4096)
                guard H5Fget_name(file, &name, name.count) > 0 else { continue }
                if String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) == path {
                    return H5Fget_obj_count(file, everyKind)
                }
            }
            return 0
        }
    }

    /// What HDF5's error stack says about the call that just failed, and clears it. Call holding the lock,
    /// right after the failing call.
    static func lastError() -> String {
        var summary = saxs_h5_error_summary()
        saxs_h5_error_summarize(&summary)
        let innermost = withUnsafeBytes(of: &summary.innermost) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let function = withUnsafeBytes(of: &summary.outermost_function) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if innermost.isEmpty { return function.isEmpty ? "HDF5 gave no reason" : "\(function) failed" }
        return function.isEmpty ? innermost : "\(innermost) (in \(function))"
    }

    private static func currentThread() -> Int {
        #if os(Linux)
        Int(bitPattern: pthread_self())
        #else
        Int(bitPattern: UInt(bitPattern: pthread_self()))
        #endif
    }

    private static func monotonicNanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1_000_000_000 + now.tv_nsec
    }
}
