#if canImport(Glibc)
import Glibc
#endif

/// Runs libhdf5's calls on a file first in a throwaway child process, so that a file that crashes the library
/// crashes the child and not saxsd.
///
/// libhdf5 trusts the structures it finds in a file: a damaged group B-tree or heap sends it copying from wild
/// addresses (the fuzz test found `H5G__node_sumup` reading through a null pointer), and no check saxsd could
/// make before opening foresees all of them. A SIGSEGV in a worker would end the service, and after a restart
/// the same file would end it again. The child is a fork() that makes the same calls on the same read-only file;
/// libhdf5 is deterministic, so when the child exits normally the calls are safe to make here, and when it dies
/// the file is reported as damaged without ever reaching the library in this process.
///
/// saxsd forks its children from a trial server (`HDF5TrialServer`), which never holds the library lock. A process
/// without a server forks them itself, holding the lock across the fork so that no other thread is inside libhdf5
/// and the child inherits the library at rest; that child must not take the lock again (its forking thread holds
/// it for good), and the parent waits without it. The child only reads, keeps what it read to itself and leaves by
/// `_exit`, without running exit handlers or flushing buffers that belong to the parent.
enum HDF5Trial {
    /// Which of the reader's call sequences a trial makes (`HDF5Reader.makeCalls`).
    enum Calls: Hashable, Sendable {
        /// Open the file and find the frames (completeness, count, stack or not).
        case locate
        /// Open, find, read the metadata and look up the stored frames from `from` on, up to `upTo` or, when nil,
        /// to the last frame stored.
        case read(from: Int, upTo: Int?)
    }

    enum Verdict: Equatable, Sendable {
        /// The child ran the calls to the end (whether they succeeded or reported an error).
        case survived
        /// The child was killed by this signal while making the calls.
        case crashed(signal: Int32)
        /// The child did not finish within the time allowed: libhdf5 looping on a damaged structure (or, on a
        /// healthy file, storage slower than any beamline's).
        case timedOut
        /// No child could be made (the service is at its task or memory limit): the calls run unguarded, as they
        /// would without trials.
        case unavailable
    }

    /// Runs `calls` in a child process and says how it ended. `calls` must not take `HDF5Library`'s lock.
    static func run(timeoutSeconds: UInt32, _ calls: () -> Void) -> Verdict {
        guard let child = start(timeoutSeconds: timeoutSeconds, calls) else { return .unavailable }
        return wait(for: child)
    }

    /// Forks the child that makes `calls`; nil when no child could be made. Only this needs `HDF5Library`'s lock
    /// held (the child must inherit the library at rest); waiting for the child does not, and must not hold up
    /// the other workers' reads.
    static func start(timeoutSeconds: UInt32, _ calls: () -> Void) -> pid_t? {
        let child = fork()
        if child < 0 { return nil }
        if child == 0 {
            prepareChild(timeoutSeconds: timeoutSeconds)
            calls()
            _exit(0)
        }
        return child
    }

    /// How the child `start` made ended.
    static func wait(for child: pid_t) -> Verdict {
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            guard errno == EINTR else { return .unavailable }
        }
        // The <sys/wait.h> macros are not importable: the low 7 bits are the terminating signal (0 for a normal
        // exit, 0x7f for a stopped child, which waitpid without WUNTRACED does not report).
        let signal = status & 0x7f
        if signal == 0 { return (status >> 8) & 0xff == 0 ? .survived : .crashed(signal: 0) }
        return signal == SIGALRM ? .timedOut : .crashed(signal: signal)
    }

    /// A crash must kill the child quickly and quietly: the default actions for the fatal signals (the parent's
    /// crash reporter would otherwise spend seconds writing a backtrace per damaged file), no core dump (systemd-coredump
    /// would keep one per damaged file), and SIGALRM, unblocked, as the time limit.
    private static func prepareChild(timeoutSeconds: UInt32) {
        let fatal = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGALRM]
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signalNumber in fatal {
            signal(signalNumber, SIG_DFL)
            sigaddset(&unblock, signalNumber)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        alarm(timeoutSeconds)
    }
}
