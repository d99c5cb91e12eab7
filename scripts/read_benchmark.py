#!/usr/bin/env python3
"""Reference timings for the FrameReading benchmark: the same kinds of frames read by the Python stack
beamline software uses (fabio for TIFF, EDF and CBF; astropy for FITS; h5py with hdf5plugin's bitshuffle-LZ4
for the Eiger HDF5 frame), each into a float64 array as saxsd's readers deliver. Medians of repeated reads.

    python3 scripts/read_benchmark.py [repeats]
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

import fabio
import h5py
import hdf5plugin
import numpy as np
from astropy.io import fits


def median_ms(read, repeats):
    read()  # warm the page cache and the libraries
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        read()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    rng = np.random.default_rng(42)
    pilatus = rng.poisson(20, size=(1043, 981)).astype(np.int32)
    eiger = rng.poisson(3, size=(2162, 2068)).astype(np.uint32)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        fabio.tifimage.TifImage(data=pilatus).write(str(folder / "p.tif"))
        fabio.edfimage.EdfImage(data=pilatus).write(str(folder / "p.edf"))
        fabio.cbfimage.CbfImage(data=pilatus).write(str(folder / "p.cbf"))
        fits.PrimaryHDU(pilatus).writeto(folder / "p.fits")
        with h5py.File(folder / "e.h5", "w") as f:
            f.create_dataset("entry/data/data", data=eiger[None], chunks=(1, 2162, 2068),
                             **hdf5plugin.Bitshuffle(cname="lz4"))

        def fabio_read(name):
            return lambda: fabio.open(str(folder / name)).data.astype(np.float64)

        def fits_read():
            with fits.open(folder / "p.fits", memmap=False) as hdul:
                return hdul[0].data.astype(np.float64)

        def h5_read():
            with h5py.File(folder / "e.h5", "r") as f:
                return f["entry/data/data"][0].astype(np.float64)

        cases = [("TIFF Pilatus 1M (fabio)", fabio_read("p.tif")), ("EDF Pilatus 1M (fabio)", fabio_read("p.edf")),
                 ("FITS Pilatus 1M (astropy)", fits_read), ("CBF Pilatus 1M (fabio)", fabio_read("p.cbf")),
                 ("Eiger 4M bitshuffle-LZ4 (h5py + hdf5plugin)", h5_read)]
        for name, read in cases:
            ms = median_ms(read, repeats)
            extra = f"  = {1043 * 981 * 4 / ms / 1e6:.2f} GB/s of output" if "CBF" in name else ""
            print(f"{name:45s} median {ms:8.2f} ms{extra}")


if __name__ == "__main__":
    main()
