#ifndef SAXSD_CHDF5_SHIM_H
#define SAXSD_CHDF5_SHIM_H

// HDF5 for saxsd. The library's constants for types, property list classes and access flags are macros that
// call H5open() and read a global id (H5T_NATIVE_UINT32 is `(H5OPEN H5T_NATIVE_UINT32_g)`), which Swift cannot
// import; each one saxsd needs is a function here. HDF5 reports errors on a stack that a C callback walks, so
// the walk is here too.

#include <stdio.h>
#include <string.h>
#include <hdf5.h>

// Floating-point control of the calling thread (x86-64 MXCSR, AArch64 FPCR). Debian's bitshuffle and LZF filter
// plugins are built with -ffast-math, so loading one runs a constructor that turns on flush-to-zero and
// denormals-are-zero for the thread that loaded it; saxsd puts the thread's control back after every HDF5 call.
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
static inline unsigned long saxs_fp_control(void) { return _mm_getcsr(); }
static inline void saxs_set_fp_control(unsigned long control) { _mm_setcsr((unsigned int)control); }
#elif defined(__aarch64__)
static inline unsigned long saxs_fp_control(void) { return __builtin_aarch64_get_fpcr(); }
static inline void saxs_set_fp_control(unsigned long control) { __builtin_aarch64_set_fpcr((unsigned int)control); }
#else
static inline unsigned long saxs_fp_control(void) { return 0; }
static inline void saxs_set_fp_control(unsigned long control) { (void)control; }
#endif

static inline hid_t saxs_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t saxs_h5s_all(void) { return H5S_ALL; }
static inline hsize_t saxs_h5s_unlimited(void) { return H5S_UNLIMITED; }
static inline size_t saxs_h5t_variable(void) { return H5T_VARIABLE; }

static inline hid_t saxs_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t saxs_h5p_file_create(void) { return H5P_FILE_CREATE; }
static inline hid_t saxs_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t saxs_h5p_dataset_access(void) { return H5P_DATASET_ACCESS; }
static inline hid_t saxs_h5p_link_access(void) { return H5P_LINK_ACCESS; }
static inline hid_t saxs_h5p_link_create(void) { return H5P_LINK_CREATE; }

static inline unsigned saxs_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned saxs_h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned saxs_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned saxs_h5f_acc_swmr_read(void) { return H5F_ACC_SWMR_READ; }
static inline unsigned saxs_h5f_acc_swmr_write(void) { return H5F_ACC_SWMR_WRITE; }
static inline H5F_libver_t saxs_h5f_libver_latest(void) { return H5F_LIBVER_LATEST; }

static inline hid_t saxs_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t saxs_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t saxs_h5t_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t saxs_h5t_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t saxs_h5t_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t saxs_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t saxs_h5t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t saxs_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t saxs_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t saxs_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t saxs_h5t_c_s1(void) { return H5T_C_S1; }

/// What the error stack says about the call that just failed: the outermost entry names the API function
/// that was called, the innermost one the root cause ("unable to open external file, external link file
/// name = 'x_data_000002.h5'"), which is what an operator needs to read.
typedef struct {
    char outermost_function[128];
    char innermost[512];
    int entries;
} saxs_h5_error_summary;

static inline herr_t saxs_h5_error_visit(unsigned n, const H5E_error2_t *entry, void *data) {
    saxs_h5_error_summary *summary = (saxs_h5_error_summary *)data;
    if (n == 0 && entry->func_name != NULL) {
        snprintf(summary->outermost_function, sizeof(summary->outermost_function), "%s", entry->func_name);
    }
    if (entry->desc != NULL && entry->desc[0] != 0) {
        snprintf(summary->innermost, sizeof(summary->innermost), "%s", entry->desc);
    }
    summary->entries += 1;
    return 0;
}

/// Fills `summary` from the default error stack (downward: from the API call to the root cause), then
/// clears the stack.
static inline void saxs_h5_error_summarize(saxs_h5_error_summary *summary) {
    summary->outermost_function[0] = 0;
    summary->innermost[0] = 0;
    summary->entries = 0;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, saxs_h5_error_visit, summary);
    H5Eclear2(H5E_DEFAULT);
}

#endif
