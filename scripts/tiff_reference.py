#!/usr/bin/env python3
"""Print what an independent TIFF reader sees in detector frames, for TIFFReaderTests.swift.

saxsd reads TIFF through libtiff; the numbers its tests expect come from here, read by fabio's own TIFF
decoder and by Pillow, which must agree with each other before they are printed. Run it again when a test
file changes and copy the numbers into Tests/SAXSFramesTests/TIFFReaderTests.swift:

    pip install fabio pillow numpy
    python3 scripts/tiff_reference.py ../shared/data/bioxtasraw/GI2_A9_19_001_0000.tiff ...

Rows are printed in file order (row 0 is the first row stored), as saxsd and pyFAI index them.
"""
import sys

import fabio
import numpy
from PIL import Image


def pixels(path):
    by_fabio = fabio.open(path).data
    by_pillow = numpy.asarray(Image.open(path))
    if by_fabio.shape != by_pillow.shape or not numpy.array_equal(by_fabio, by_pillow):
        sys.exit(f"{path}: fabio and Pillow disagree; fix that before trusting either")
    return by_fabio


def report(path):
    data = pixels(path)
    rows, columns = data.shape
    wide = data.astype(numpy.float64)
    print(path)
    print(f"  shape {rows} x {columns}, dtype {data.dtype}")
    print(f"  sum {wide.sum():.17g}, min {wide.min():.17g}, max {wide.max():.17g}, "
          f"negative pixels {int((wide < 0).sum())}")
    peak = numpy.unravel_index(numpy.argmax(wide), wide.shape)
    probes = [(0, 0), (rows // 2, columns // 2), (rows - 1, columns - 1), (int(peak[0]), int(peak[1]))]
    for row, column in probes:
        print(f"  [{row}, {column}] = {wide[row, column]:.17g}")
    # The first row that is not all the same value: a check that rows are not flipped.
    for row in range(rows):
        if numpy.any(wide[row] != wide[row, 0]):
            print(f"  first non-uniform row {row}: sum {wide[row].sum():.17g}")
            break


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for argument in sys.argv[1:]:
        report(argument)
