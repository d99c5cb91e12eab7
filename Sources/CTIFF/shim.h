#ifndef SAXSD_CTIFF_SHIM_H
#define SAXSD_CTIFF_SHIM_H

// libtiff for saxsd. Swift cannot call C variadic functions (TIFFGetField, TIFFSetField) nor format a
// va_list message, so the few calls saxsd needs are wrapped here with fixed argument types.

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <tiffio.h>

/// What libtiff reported about one open file. The first error since the caller last cleared it is kept:
/// libtiff often reports a root cause ("Read error on strip 0; got 100 bytes, expected 4092732") and then
/// its consequences, and the root cause is what belongs in the FrameError.
typedef struct {
    char message[512];
    int errors;
} saxs_tiff_diagnostics;

static inline void saxs_tiff_diagnostics_clear(saxs_tiff_diagnostics *diagnostics) {
    diagnostics->message[0] = 0;
    diagnostics->errors = 0;
}

static inline int saxs_tiff_record_error(TIFF *tif, void *user_data, const char *module, const char *fmt,
                                         va_list ap) {
    (void)tif;
    saxs_tiff_diagnostics *diagnostics = (saxs_tiff_diagnostics *)user_data;
    if (diagnostics != NULL && diagnostics->errors++ == 0) {
        size_t capacity = sizeof(diagnostics->message);
        int used = (module != NULL && module[0] != 0) ? snprintf(diagnostics->message, capacity, "%s: ", module) : 0;
        if (used >= 0 && (size_t)used < capacity) vsnprintf(diagnostics->message + used, capacity - (size_t)used, fmt, ap);
    }
    return 1; // handled: libtiff must not go on to its default handler, which prints to stderr
}

/// Warnings (unknown private tags, non-standard tile sizes) say nothing about whether the pixels are right;
/// a service must not write them to stderr for every frame.
static inline int saxs_tiff_ignore_warning(TIFF *tif, void *user_data, const char *module, const char *fmt,
                                           va_list ap) {
    (void)tif; (void)user_data; (void)module; (void)fmt; (void)ap;
    return 1;
}

/// Removes libtiff's process-wide handlers, which print to stderr. The per-file handlers below see every
/// message about an open file; these would only print the rare message libtiff issues without one.
static inline void saxs_tiff_silence_default_handlers(void) {
    TIFFSetErrorHandler(NULL);
    TIFFSetWarningHandler(NULL);
}

/// TIFFFdOpenExt with saxsd's handlers. `max_single_allocation` bounds every allocation libtiff makes for
/// this file, so a corrupt directory cannot ask for gigabytes. On failure the descriptor stays open.
static inline TIFF *saxs_tiff_fdopen(int fd, const char *name, const char *mode,
                                     saxs_tiff_diagnostics *diagnostics, tmsize_t max_single_allocation) {
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) return NULL;
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, max_single_allocation);
    TIFFOpenOptionsSetErrorHandlerExtR(options, saxs_tiff_record_error, diagnostics);
    TIFFOpenOptionsSetWarningHandlerExtR(options, saxs_tiff_ignore_warning, diagnostics);
    TIFF *tif = TIFFFdOpenExt(fd, name, mode, options);
    TIFFOpenOptionsFree(options);
    return tif;
}

// Typed TIFFGetField/TIFFSetField. libtiff checks that the tag has the type the call names.

/// A SHORT tag, or its default when the file leaves it out (BitsPerSample 1, SampleFormat 1, …).
static inline int saxs_tiff_get_uint16(TIFF *tif, uint32_t tag, uint16_t *value) {
    return TIFFGetFieldDefaulted(tif, tag, value);
}

/// A LONG tag, or its default when the file leaves it out (RowsPerStrip 2^32-1).
static inline int saxs_tiff_get_uint32(TIFF *tif, uint32_t tag, uint32_t *value) {
    return TIFFGetFieldDefaulted(tif, tag, value);
}

/// An ASCII tag; the string belongs to libtiff and lives until the directory changes.
static inline int saxs_tiff_get_ascii(TIFF *tif, uint32_t tag, const char **value) {
    return TIFFGetField(tif, tag, value);
}

static inline int saxs_tiff_set_uint16(TIFF *tif, uint32_t tag, uint16_t value) {
    return TIFFSetField(tif, tag, value);
}

static inline int saxs_tiff_set_uint32(TIFF *tif, uint32_t tag, uint32_t value) {
    return TIFFSetField(tif, tag, value);
}

static inline int saxs_tiff_set_ascii(TIFF *tif, uint32_t tag, const char *value) {
    return TIFFSetField(tif, tag, value);
}

#endif
