#ifndef SAXSD_CFFTW_SHIM_H
#define SAXSD_CFFTW_SHIM_H

// FFTW 3 (double precision) for the cellulose cross-section simulator.
#include <fftw3.h>

#endif
