#!/usr/bin/env python3
"""Print what an independent HDF5 reader sees in Eiger / NeXus frames, for HDF5ReaderTests.swift.

saxsd reads HDF5 through libhdf5 and decodes bitshuffle-LZ4 chunks itself; the numbers its tests expect come
from here, read by h5py with hdf5plugin's own build of the bitshuffle filter. Run it again when a test file
changes and copy the numbers into Tests/SAXSFramesTests/HDF5ReaderTests.swift:

    pip install h5py hdf5plugin numpy
    python3 scripts/hdf5_reference.py ../shared/data/bioxtasraw/vac_007_data_000001.h5 [DATASET]

DATASET defaults to /entry/data/data. Pixels holding the largest value of an unsigned type are Dectris'
invalid-pixel mark: they are counted apart and left out of the sums, as saxsd reads them as NaN.
"""
import sys

import h5py
import hdf5plugin  # noqa: F401  (registers the bitshuffle filter with h5py)
import numpy


def report(path, name):
    with h5py.File(path, "r") as f:
        dataset = f[name]
        print(path, name)
        print(f"  shape {dataset.shape}, dtype {dataset.dtype}, chunks {dataset.chunks}")
        for filter_id, options in dataset._filters.items():
            print(f"  filter {filter_id} {options}")
        for key, value in sorted(dataset.attrs.items()):
            print(f"  attribute {key} = {value!r}")
        frames = dataset[()] if dataset.ndim == 3 else dataset[()][numpy.newaxis]
        invalid_value = numpy.iinfo(dataset.dtype).max if dataset.dtype.kind == "u" else None
        for index, frame in enumerate(frames):
            wide = frame.astype(numpy.float64)
            invalid = frame == invalid_value if invalid_value is not None else numpy.zeros(frame.shape, bool)
            valid = wide[~invalid]
            peak = numpy.unravel_index(numpy.argmax(numpy.where(invalid, -numpy.inf, wide)), wide.shape)
            first_row = wide[0][~invalid[0]]
            print(f"  frame {index}: invalid pixels {int(invalid.sum())}, valid sum {valid.sum():.17g}, "
                  f"min {valid.min():.17g}, max {valid.max():.17g} at [{peak[0]}, {peak[1]}], "
                  f"row 0 valid sum {first_row.sum():.17g}, nonzero valid pixels {int((valid != 0).sum())}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    report(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "/entry/data/data")
