#ifndef SAXSD_CFITSIO_SHIM_H
#define SAXSD_CFITSIO_SHIM_H
#include <fitsio.h>
#endif
