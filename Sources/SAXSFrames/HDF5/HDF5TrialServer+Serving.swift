#if canImport(Glibc)
import Glibc
#endif

extension HDF5TrialServer {
    /// Runs this process as a trial server on the socket at standard input until the other end closes it:
    /// reads a request, forks a child that makes the request's calls, answers how the child ended. Call first
    /// thing in `main`, before anything starts a thread: the point of the server is that its children inherit one
    /// thread and no lock in use.
    public static func serve(socket: Int32 = 0) -> Never {
        closeInheritedDescriptors(keeping: socket)
        // Set the library up once here, so that each child starts from an opened library (and found plugins)
        // instead of opening it anew. The server itself never opens a file with it.
        HDF5Library.withLock {}
        while true {
            guard let header = HDF5TrialSocket.receive(HDF5Trial.Request.headerBytes, from: socket) else { exit(0) }
            guard let (partial, pathBytes) = HDF5Trial.Request.decodeHeader(header),
                  let path = HDF5TrialSocket.receive(pathBytes, from: socket) else {
                // Not a request of this build's protocol: answering anything would be a guess.
                exit(2)
            }
            var request = partial
            request.path = String(decoding: path, as: UTF8.self)
            let verdict = HDF5Trial.run(timeoutSeconds: request.timeoutSeconds) {
                let reader = HDF5Reader(limits: request.limits, decodesBitshuffleLZ4: request.decodesBitshuffleLZ4,
                                        triesInChild: false)
                HDF5Library.withLock { _ = try? reader.makeCalls(request.calls, path: request.path) }
            }
            guard HDF5TrialSocket.send(HDF5Trial.encode(verdict), to: socket) else { exit(0) }
        }
    }

    /// A spawned process inherits every descriptor of saxsd's not marked close-on-exec (watches, sidecars being
    /// written, other servers' sockets); holding them would keep files open and sockets from closing.
    private static func closeInheritedDescriptors(keeping socket: Int32) {
        var open: [Int32] = []
        if let folder = opendir("/proc/self/fd") {
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if let descriptor = Int32(name), descriptor != dirfd(folder) { open.append(descriptor) }
            }
            closedir(folder)
        } else {
            open = Array(0..<1024)
        }
        for descriptor in open where descriptor > 2 && descriptor != socket { close(descriptor) }
    }
}
