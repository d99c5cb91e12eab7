#ifndef SAXSD_CZLIB_SHIM_H
#define SAXSD_CZLIB_SHIM_H

// zlib for saxsd's compressed EDF blocks. inflateInit2 and deflateInit2 are macros that pass the library's
// version and the z_stream size for an ABI check; Swift imports no function-like macros, so they are wrapped here.

#include <zlib.h>

/// inflateInit2: `window_bits` 15 + 32 reads a zlib or a gzip stream, whichever the header says.
static inline int saxs_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

/// deflateInit2: `window_bits` 15 writes a zlib stream, 15 + 16 a gzip stream.
static inline int saxs_deflate_init(z_stream *stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}

#endif
