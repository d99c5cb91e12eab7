#ifndef SAXSD_CBZIP2_SHIM_H
#define SAXSD_CBZIP2_SHIM_H

// libbzip2 for saxsd's bzip2-compressed EDF blocks. Debian's libbz2-dev ships no pkg-config file, so the module
// map links the library by name.

#include <bzlib.h>

#endif
