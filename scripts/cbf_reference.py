#!/usr/bin/env python3
"""Write a tiny Pilatus CBF with fabio, an independent byte-offset encoder, for CBFReaderTests.swift.

saxsd's CBF reader and writer are its own code; this file proves that they agree with fabio, which
beamlines already trust. It prints the file as base64 and the pixel values fabio reads back from it; both
are pasted into Tests/SAXSFramesTests/CBFReaderTests.swift so that the tests do not need Python:

    pip install fabio numpy
    python3 scripts/cbf_reference.py

The 8 columns x 6 rows span every delta width of the byte-offset code (8, 16, 32 and 64 bit steps) and the
-1/-2 gap and bad pixel values of a Pilatus. fabio 2026.6 writes a step of exactly -2^31 as a plain 32-bit
value, which readers take for the marker of a 64-bit step, so no step here is exactly -2^31 (saxsd's own
round trips cover it).
"""
import base64
import os
import sys
import tempfile

import fabio
import fabio.cbfimage
import numpy

HEADER = """# Detector: PILATUS 1M, S/N 10-0000
# 2024-05-01T12:00:00.000
# Pixel_size 172e-6 m x 172e-6 m
# Silicon sensor, thickness 0.000450 m
# Exposure_time 0.5000000 s
# Exposure_period 0.5100000 s
# Wavelength 1.0332 A
# Detector_distance 2.50000 m
# Beam_xy (3.50, 2.25) pixels
"""


def frame():
    values = [0, 1, -1, -2, 127, -127, 128, -128,
              255, 256, 32767, -32767, 32768, -32768, 65535, 100000,
              2147483647, -2147483648, 2147483647, 0, -1, 5, 70000, -70000,
              12, 13, 14, 15, 16, 17, 18, 19,
              1000, -1000, 40000, -40000, 1 << 30, -(1 << 30) + 1, 3, 4,
              -2, -2, -1, -1, 0, 0, 2147483646, 7]
    return numpy.array(values, dtype=numpy.int32).reshape(6, 8)


def main():
    data = frame()
    image = fabio.cbfimage.CbfImage(data=data)
    image.header["_array_data.header_convention"] = "PILATUS_1.2"
    image.header["_array_data.header_contents"] = HEADER
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "fabio.cbf")
        image.write(path)
        raw = open(path, "rb").read()
        back = fabio.open(path)
    if not numpy.array_equal(back.data, data):
        sys.exit("fabio does not read its own file back; fix that before trusting it")
    print(f"# {len(raw)} bytes, shape (rows, columns) = {data.shape}")
    print("base64:")
    print(base64.b64encode(raw).decode())
    print("values:", ", ".join(str(v) for v in back.data.ravel()))


if __name__ == "__main__":
    main()
