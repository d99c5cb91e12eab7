import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Small helper processes that run HDF5 trials (`HDF5Trial`) for this one, each forking the trial's child from
/// itself rather than from saxsd.
///
/// A direct fork is slow and risky from a service: on Linux its cost grows with the memory of the parent (20 ms
/// from a process holding 100 MB of integration maps and frames, against about 1 ms from a small one), which
/// doubled the time to read an Eiger frame; and a child forked from a process with many threads can inherit a lock
/// some other thread held at that instant and wait on it for ever. A trial server is the same executable started
/// afresh (posix_spawn, then exec), with one thread and a few megabytes: it forks cheaply and its children inherit
/// no lock in use. It never makes libhdf5's calls on a file itself, only in its children, so a damaged file
/// cannot take it down; one that dies anyway (killed from outside) is replaced on the next trial.
///
/// One server answers one trial at a time, so the client keeps a small pool: a worker takes an idle server or
/// starts one, and gives it back after the answer. A server that cannot be started or does not answer sends the
/// trial back to the caller, who forks directly as before.
public final class HDF5TrialServer: Sendable {
    /// The subcommand that makes an executable a trial server (`serve`).
    public static let command = "hdf5-trial-server"

    public let executable: String
    public let arguments: [String]

    private struct Connection: Sendable {
        var process: pid_t
        var socket: Int32
    }

    private struct Pool: Sendable {
        var idle: [Connection] = []
        /// Servers started in a row that never answered: after a few the executable is taken not to be one.
        var failedStarts = 0
    }

    private let pool = Mutex(Pool())
    private static let maximumFailedStarts = 3
    /// Beyond the trial's own limit (which the server's child enforces): how long a server may take to answer
    /// before it is taken for stuck and replaced.
    private static let answerGraceSeconds: Int32 = 30

    /// `executable` run with `arguments` must call `serve()` (saxsd does for `saxsd hdf5-trial-server`).
    /// "/proc/self/exe" names the running executable even after an upgrade has replaced its file.
    public init(executable: String, arguments: [String] = [HDF5TrialServer.command]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// The server readers use unless given another (`HDF5Reader.trialServer`); nil: trials fork directly.
    public static var installed: HDF5TrialServer? { current.withLock { $0 } }

    /// Makes `server` the one readers created from now on use. saxsd installs itself at start.
    public static func install(_ server: HDF5TrialServer?) {
        current.withLock { $0 = server }
    }

    private static let current = Mutex<HDF5TrialServer?>(nil)

    /// The verdict of `request` from a server; nil when no server could give one (the caller then forks).
    func run(_ request: HDF5Trial.Request) -> HDF5Trial.Verdict? {
        let message = request.encoded
        let answerSeconds = Int32(clamping: request.timeoutSeconds) + Self.answerGraceSeconds
        // A pooled server may have died since its last answer: one more try with a fresh one.
        for _ in 0..<2 {
            guard let connection = takeIdle() ?? start() else { return nil }
            if let verdict = exchange(message, on: connection, answerSeconds: answerSeconds) {
                pool.withLock { pool in
                    pool.failedStarts = 0
                    pool.idle.append(connection)
                }
                return verdict
            }
            retire(connection)
            pool.withLock { $0.failedStarts += 1 }
        }
        return nil
    }

    /// Servers running now, idle in the pool: for tests.
    var idleProcesses: [pid_t] { pool.withLock { $0.idle.map(\.process) } }

    deinit {
        for connection in pool.withLock({ $0.idle }) { retire(connection) }
    }

    private func takeIdle() -> Connection? {
        pool.withLock { $0.idle.popLast() }
    }

    /// A new server connected by a socket pair: its end becomes the server's standard input, ours is closed on
    /// exec so that no other child (or later server) holds it open past our end of the conversation.
    private func start() -> Connection? {
        guard pool.withLock({ $0.failedStarts < Self.maximumFailedStarts }) else { return nil }
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            return nil
        }
        defer { close(ends[1]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 0)

        // The service blocks or catches signals for its own shutdown; the server starts with none of that, so
        // SIGTERM to the service's control group ends it at once.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var process: pid_t = 0
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        guard posix_spawn(&process, executable, &actions, &attributes, argv, environ) == 0 else {
            close(ends[0])
            pool.withLock { $0.failedStarts += 1 }
            return nil
        }
        return Connection(process: process, socket: ends[0])
    }

    private func exchange(_ message: [UInt8], on connection: Connection, answerSeconds: Int32) -> HDF5Trial.Verdict? {
        guard HDF5TrialSocket.send(message, to: connection.socket),
              let answer = HDF5TrialSocket.receive(HDF5Trial.verdictBytes, from: connection.socket,
                                                   timeoutMilliseconds: answerSeconds * 1000) else { return nil }
        return HDF5Trial.decodeVerdict(answer)
    }

    private func retire(_ connection: Connection) {
        close(connection.socket)
        kill(connection.process, SIGKILL)
        var status: Int32 = 0
        while waitpid(connection.process, &status, 0) < 0, errno == EINTR {}
    }
}
