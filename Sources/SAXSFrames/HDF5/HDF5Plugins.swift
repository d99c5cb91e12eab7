import CHDF5

#if canImport(Glibc)
import Glibc
#endif

/// Where HDF5 looks for filter plugins (bitshuffle, LZ4, bzip2, …), and how saxsd names a missing one.
///
/// Distributions install plugins in their own folders (Debian: /usr/lib/<multiarch>/hdf5/serial/plugins),
/// which HDF5's compiled-in default (/usr/local/hdf5/lib/plugin) does not name unless the distribution patched
/// it. saxsd adds the ones present, in front, so Eiger frames read on a stock system; an operator who sets
/// HDF5_PLUGIN_PATH has chosen the folders, and saxsd leaves the path exactly as set.
enum HDF5Plugins {
    static let distributionFolders: [String] = {
        let multiarch = ["x86_64-linux-gnu", "aarch64-linux-gnu", "powerpc64le-linux-gnu", "s390x-linux-gnu",
                         "riscv64-linux-gnu", "arm-linux-gnueabihf", "i386-linux-gnu"]
        // Fedora and openSUSE keep the serial build's plugins under lib64.
        return multiarch.map { "/usr/lib/\($0)/hdf5/serial/plugins" } + ["/usr/lib64/hdf5/plugin"]
    }()

    /// The operator's HDF5_PLUGIN_PATH, nil when unset.
    static var environmentPath: String? {
        getenv("HDF5_PLUGIN_PATH").map { String(cString: $0) }
    }

    /// Puts the distribution's plugin folders that exist in front of the search path, unless
    /// HDF5_PLUGIN_PATH is set. Called once, holding the library lock.
    static func addDistributionFolders() {
        guard environmentPath == nil else { return }
        let known = Set(searchPath)
        for folder in distributionFolders.reversed() where !known.contains(folder) && isFolder(folder) {
            H5PLprepend(folder)
        }
    }

    /// The folders HDF5 searches, in order. Call holding the library lock.
    static var searchPath: [String] {
        var count: UInt32 = 0
        guard H5PLsize(&count) >= 0 else { return [] }
        return (0..<count).compactMap { index in
            var buffer = [CChar](repeating: 0, count: 4096)
            guard H5PLget(index, &buffer, buffer.count) > 0 else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// "HDF5_PLUGIN_PATH=…", or that it is unset and where HDF5 looked instead. Call holding the library lock.
    static var searchDescription: String {
        if let environmentPath { return "HDF5_PLUGIN_PATH=\(environmentPath)" }
        let folders = searchPath
        return "HDF5_PLUGIN_PATH is not set; HDF5 searched " + (folders.isEmpty ? "no folder" : folders.joined(separator: ":"))
    }

    /// Registered filter ids of the plugins beamline files commonly need, for messages.
    static func name(of filter: H5Z_filter_t) -> String? {
        switch filter {
        case 1: "deflate"
        case 2: "shuffle"
        case 3: "fletcher32"
        case 4: "szip"
        case 5: "nbit"
        case 6: "scaleoffset"
        case 307: "bzip2"
        case 32000: "lzf"
        case 32001: "blosc"
        case 32004: "lz4"
        case 32008: "bitshuffle"
        case 32013: "zfp"
        case 32015: "zstd"
        case 32017: "sz"
        case 32026: "blosc2"
        default: nil
        }
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
