#ifndef SAXSD_CLZ4_SHIM_H
#define SAXSD_CLZ4_SHIM_H
// liblz4's block decoder, for reading bitshuffle-LZ4 chunks of HDF5 frames without the filter plugin.
#include <lz4.h>
#endif
