import CTIFF

#if canImport(Glibc)
import Glibc
#endif

/// One TIFF file open in libtiff, with the record of what libtiff said about it. Noncopyable, so the handle is
/// closed exactly once, when the value goes away.
///
/// libtiff reports problems through handlers that would print to stderr; here every message about the file is
/// caught by the shim's handler instead (see CTIFF/shim.h), and the first error since `clearDiagnostics()` is
/// what `libtiffMessage` puts into a FrameError.
struct TIFFFile: ~Copyable {
    enum Mode {
        case read
        case write(bigTIFF: Bool, bigEndian: Bool)
    }

    let path: String
    let handle: OpaquePointer
    private let diagnostics: UnsafeMutablePointer<saxs_tiff_diagnostics>

    /// Opens through our own descriptor: "cannot open" is then errno's plain reason and `.unreadable`, and
    /// only what libtiff itself refuses is `.corrupt`.
    init(path: String, mode: Mode, maximumAllocation: Int) throws(FrameError) {
        _ = Self.defaultHandlersSilenced
        let (flags, libtiffMode): (Int32, String) = switch mode {
        // "m": no memory mapping. A file cut short while mapped kills the process with SIGBUS on access;
        // through read(2) the same file gives a short read, which libtiff reports as an error.
        case .read: (O_RDONLY, "rm")
        // Read and write: libtiff may read back the directory chain to link the next page to it.
        case .write(let bigTIFF, let bigEndian): (O_RDWR | O_CREAT | O_TRUNC, "w" + (bigTIFF ? "8" : "") + (bigEndian ? "b" : "l"))
        }
        let fd = open(path, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw FrameError(.unreadable, path: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        let diagnostics = UnsafeMutablePointer<saxs_tiff_diagnostics>.allocate(capacity: 1)
        diagnostics.initialize(to: saxs_tiff_diagnostics())
        guard let handle = saxs_tiff_fdopen(fd, path, libtiffMode, diagnostics, tmsize_t(maximumAllocation)) else {
            let reason = Self.message(diagnostics)
            close(fd)
            diagnostics.deallocate()
            if case .read = mode {
                throw FrameError(.corrupt, path: path, "not a readable TIFF file: \(reason)")
            }
            throw FrameError(.unreadable, path: path, "libtiff cannot create the file: \(reason)")
        }
        self.path = path
        self.handle = handle
        self.diagnostics = diagnostics
    }

    deinit {
        TIFFClose(handle)
        diagnostics.deallocate()
    }

    /// libtiff's process-wide handlers print to stderr; they are removed once, before the first file opens.
    private static let defaultHandlersSilenced: Void = saxs_tiff_silence_default_handlers()

    /// Forgets earlier messages, so that the next failure is explained by its own cause.
    func clearDiagnostics() {
        saxs_tiff_diagnostics_clear(diagnostics)
    }

    /// The first error libtiff reported since `clearDiagnostics()`, for a FrameError's message.
    var libtiffMessage: String { Self.message(diagnostics) }

    private static func message(_ diagnostics: UnsafeMutablePointer<saxs_tiff_diagnostics>) -> String {
        let text = withUnsafeBytes(of: diagnostics.pointee.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return text.isEmpty ? "libtiff gave no reason" : "libtiff: \(text)"
    }

    /// A SHORT tag of the current directory, or the default TIFF gives it when absent.
    func uint16(_ tag: Int32) -> UInt16? {
        var value: UInt16 = 0
        return saxs_tiff_get_uint16(handle, UInt32(tag), &value) == 1 ? value : nil
    }

    /// A LONG tag of the current directory, or the default TIFF gives it when absent.
    func uint32(_ tag: Int32) -> UInt32? {
        var value: UInt32 = 0
        return saxs_tiff_get_uint32(handle, UInt32(tag), &value) == 1 ? value : nil
    }

    /// An ASCII tag of the current directory without trailing blanks, nil when absent or blank (Pilatus
    /// detectors write fixed-width tags padded with spaces and NULs).
    func text(_ tag: TIFFTextTag) -> String? {
        var pointer: UnsafePointer<CChar>?
        guard saxs_tiff_get_ascii(handle, tag.rawValue, &pointer) == 1, let pointer else { return nil }
        var text = String(cString: pointer)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    func set(_ tag: Int32, _ value: UInt16) -> Bool { saxs_tiff_set_uint16(handle, UInt32(tag), value) == 1 }

    func set(_ tag: Int32, _ value: UInt32) -> Bool { saxs_tiff_set_uint32(handle, UInt32(tag), value) == 1 }

    func set(_ tag: TIFFTextTag, _ text: String) -> Bool { saxs_tiff_set_ascii(handle, tag.rawValue, text) == 1 }
}
