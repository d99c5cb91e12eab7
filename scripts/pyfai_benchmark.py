#!/usr/bin/env python3
"""Times pyFAI on the cases saxsd's Integration benchmark measures, so the two can be compared in one session.

The Pilatus 1M reference frame of shared/reference/pyfai and a simulated Eiger 4M (the same definition as
Benchmarks/Benchmarks/Integration/Integration.swift), 1000 bins in q_nm^-1, solid angle + polarization 0.99 +
Poisson errors, pyFAI's ("bbox", "csr", "cython") and ("no", "csr", "cython") engines with one and with two
OpenMP threads, plus the time pyFAI takes to build its sparse matrix. Prints medians in milliseconds.

    python3 -m venv /tmp/pyfai-venv && /tmp/pyfai-venv/bin/pip install pyFAI astropy
    /tmp/pyfai-venv/bin/python scripts/pyfai_benchmark.py            # or any python3 with pyFAI installed

saxsd itself never depends on Python; this script only produces the comparison numbers.
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "reference", "pyfai")


def pilatus():
    import pyFAI
    from astropy.io import fits
    frame = fits.getdata(os.path.join(SHARED, "pilatus1m_frame.fits")).astype("float64")
    mask = fits.getdata(os.path.join(SHARED, "pilatus1m_mask.fits"))
    return pyFAI.load(os.path.join(SHARED, "pilatus1m.poni")), frame, mask


def eiger():
    import numpy
    from pyFAI.integrator.azimuthal import AzimuthalIntegrator
    from pyFAI.detectors import Detector
    rows, columns = 2167, 2070
    row, column = numpy.indices((rows, columns), dtype=numpy.int64)
    dr, dc = row - 1086.7, column - 1033.3
    r2 = dr * dr + dc * dc + 25
    frame = numpy.floor(3e7 / (r2 * numpy.sqrt(r2)) + 3) + ((row * 7919 + column * 104729) % 7)
    mask = ((row % 551) >= 514) | ((column % 1040) >= 1030) | (dr * dr + dc * dc < 400)
    detector = Detector(pixel1=75e-6, pixel2=75e-6, max_shape=(rows, columns))
    ai = AzimuthalIntegrator(dist=1.5, poni1=0.0815, poni2=0.0775, rot1=0.002, rot2=0.001, wavelength=1e-10,
                             detector=detector)
    return ai, frame, mask.astype("uint8")


def run_case(name, split, repeats):
    import pyFAI
    ai, frame, mask = pilatus() if name == "Pilatus1M" else eiger()
    method = (split, "csr", "cython")
    kwargs = dict(unit="q_nm^-1", correctSolidAngle=True, polarization_factor=0.99, error_model="poisson",
                  mask=mask, method=method)
    start = time.perf_counter()
    ai.integrate1d(frame, 1000, **kwargs)
    build = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        ai.integrate1d(frame, 1000, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{name} {split}/csr threads={os.environ.get('OMP_NUM_THREADS')}: first call (matrix build + "
          f"integration) {build:.0f} ms, integration median {statistics.median(times):.2f} ms "
          f"(pyFAI {pyFAI.version})", flush=True)


def main():
    if len(sys.argv) == 4:
        run_case(sys.argv[1], sys.argv[2], int(sys.argv[3]))
        return
    # Each thread count in a fresh process: OpenMP reads OMP_NUM_THREADS once, when it starts.
    for name, repeats in (("Pilatus1M", 50), ("Eiger4M", 20)):
        for split in ("bbox", "no"):
            for threads in ("1", "2"):
                env = dict(os.environ, OMP_NUM_THREADS=threads)
                subprocess.run([sys.executable, __file__, name, split, str(repeats)], env=env, check=True)


if __name__ == "__main__":
    main()
