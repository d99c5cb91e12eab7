#!/usr/bin/env python3
"""Cross-check saxsd's EDF writer and reader with fabio, both ways, compressed blocks included.

1. saxsd -> fabio: a test (EDFReaderTests.exportsFilesForFabio) writes EDFWriter's files of every DataType, both
   byte orders and every compression (none, gzip, zlib, bzip2), two frames each, with the pixels it wrote beside
   them. fabio must read every frame with the same type, shape and bits.
2. fabio -> saxsd: fabio writes stacks of several types; this script compresses each block as fabio's reader
   expects (`Compression = GzipCompression | ZCompression | BZip2Compression`, `Size` the compressed length),
   checks that fabio reads the compressed file back unchanged, and a test (EDFReaderTests.readsFilesFabioWrote)
   must read the same pixels with saxsd's EDFReader.

Nothing is committed: both folders are temporary. Needs fabio and numpy (the pyenv python3 has them) and the Swift
toolchain:

    python3 scripts/edf_reference.py [--scratch-path .build-fuzz] [--package-path .]

Exit status 0 when every file agrees; a line per disagreement otherwise.
"""
import argparse
import bz2
import gzip
import os
import subprocess
import sys
import tempfile
import zlib

import fabio
import numpy

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# EDFDataType case names as the Swift test prints them, and the numpy types fabio must give.
DTYPES = {
    "uint8": numpy.uint8, "int8": numpy.int8, "uint16": numpy.uint16, "int16": numpy.int16,
    "uint32": numpy.uint32, "int32": numpy.int32, "uint64": numpy.uint64, "int64": numpy.int64,
    "float32": numpy.float32, "float64": numpy.float64,
}

# The Compression values saxsd's EDFWriter writes, and how fabio's reader takes them.
COMPRESSORS = {
    "GzipCompression": lambda block: gzip.compress(block, mtime=0),
    "ZCompression": zlib.compress,
    "BZip2Compression": bz2.compress,
}


def swift_test(test, variable, folder, swift):
    """Runs one of the environment-gated tests in EDFReaderTests with `variable` pointing at `folder`."""
    environment = dict(os.environ, **{variable: folder})
    command = ["swift", "test", "--package-path", swift.package_path, "--scratch-path", swift.scratch_path,
               "--filter", f"EDFReaderTests/{test}"]
    result = subprocess.run(command, cwd=swift.package_path, env=environment, capture_output=True, text=True)
    output = result.stdout + result.stderr
    if result.returncode != 0 or f"Test {test}() passed" not in output:
        print(output[-4000:])
        return False
    return True


def frames_of(image):
    """Every frame's data. fabio's getframe on a single-frame file looks for a numbered file series instead."""
    return [image.data] if image.nframes == 1 else [image.getframe(i).data for i in range(image.nframes)]


def same_bits(read, expected):
    """Equal bit for bit after widening to float64, NaN equal to NaN."""
    wide = read.astype(numpy.float64).ravel()
    return wide.shape == expected.shape and bool(numpy.all((wide == expected) | (numpy.isnan(wide) & numpy.isnan(expected))))


def saxsd_to_fabio(swift):
    """Part 1: fabio reads EDFWriter's files. Returns the number of disagreements."""
    failures = 0
    with tempfile.TemporaryDirectory(prefix="saxsd-edf-export-") as folder:
        if not swift_test("exportsFilesForFabio", "SAXSD_EDF_EXPORT", folder, swift):
            print("saxsd -> fabio: the export test failed")
            return 1
        lines = open(os.path.join(folder, "manifest.tsv")).read().split("\n")
        files = [line.split("\t") for line in lines if line]
        for name, type_name, frames, rows, columns in files:
            path = os.path.join(folder, name)
            expected = numpy.fromfile(path[:-4] + ".f64", dtype="<f8").reshape(int(frames), int(rows) * int(columns))
            image = fabio.open(path)
            problems = []
            if image.nframes != int(frames):
                problems.append(f"{image.nframes} frames, {frames} written")
            for index in range(min(image.nframes, int(frames))):
                frame = image.getframe(index)
                data = frame.data
                if data.dtype != numpy.dtype(DTYPES[type_name]):
                    problems.append(f"frame {index} is {data.dtype}, {type_name} written")
                if data.shape != (int(rows), int(columns)):
                    problems.append(f"frame {index} has shape {data.shape}")
                elif not same_bits(data, expected[index]):
                    problems.append(f"frame {index} differs: {data.ravel().tolist()} != {expected[index].tolist()}")
                if frame.header.get("count_time") != "0.25":
                    problems.append(f"frame {index} has count_time {frame.header.get('count_time')!r}")
            if problems:
                failures += 1
                print(f"saxsd -> fabio: {name}: " + "; ".join(problems))
        print(f"saxsd -> fabio: {len(files) - failures} of {len(files)} EDFWriter files read identically by fabio "
              f"{fabio.version}")
    return failures


def compressed_copy(source, target, compression):
    """Rewrites fabio's file `source` with every block compressed as `compression`: the header's entries kept in
    order, Size and EDF_BinarySize set to the compressed length, Compression added, padded to 512 bytes as fabio
    pads it."""
    raw = open(source, "rb").read()
    out = b""
    position = 0
    while position < len(raw):
        start = raw.index(b"{", position)
        end = raw.index(b"}\n", start) + 2
        entries = []
        for piece in raw[start + 1:end - 2].decode("ascii").split(";"):
            if "=" in piece:
                key, value = piece.split("=", 1)
                entries.append([key.strip(), value.strip()])
        values = dict(entries)
        block_size = int(values["Size"])
        block = compressed = raw[end:end + block_size]
        compressed = COMPRESSORS[compression](block)
        for entry in entries:
            if entry[0] in ("Size", "EDF_BinarySize"):
                entry[1] = str(len(compressed))
        entries.append(["Compression", compression])
        text = "{\n" + "".join(f"{key} = {value} ;\n" for key, value in entries)
        text += " " * ((512 - (len(text) + 2) % 512) % 512) + "}\n"
        out += text.encode("ascii") + compressed
        position = end + block_size
    open(target, "wb").write(out)


def fabio_to_saxsd(swift):
    """Part 2: saxsd reads fabio's files, compressed as fabio reads them. Returns the number of disagreements."""
    failures = 0
    random = numpy.random.default_rng(2024)
    stacks = {
        "int32": [random.integers(-70000, 70000, (4, 5)).astype(numpy.int32) for _ in range(3)],
        "uint16": [random.integers(0, 65535, (3, 7)).astype(numpy.uint16) for _ in range(2)],
        "float32": [random.normal(0, 100, (6, 2)).astype(numpy.float32) for _ in range(2)],
        "float64": [random.normal(0, 1e10, (2, 2)) for _ in range(1)],
        "int8": [random.integers(-128, 127, (5, 5)).astype(numpy.int8) for _ in range(4)],
        "uint64": [random.integers(0, 2**62, (3, 3)).astype(numpy.uint64) for _ in range(2)],
    }
    with tempfile.TemporaryDirectory(prefix="saxsd-edf-fabio-") as folder:
        manifest = []
        for type_name, frames in stacks.items():
            plain = os.path.join(folder, f"{type_name}-none.edf")
            image = fabio.edfimage.EdfImage(data=frames[0], header={"count_time": "0.5"})
            for frame in frames[1:]:
                image.append_frame(data=frame, header={"count_time": "0.5"})
            image.write(plain)
            names = [os.path.basename(plain)]
            for compression in COMPRESSORS:
                target = os.path.join(folder, f"{type_name}-{compression}.edf")
                compressed_copy(plain, target, compression)
                names.append(os.path.basename(target))
            pixels = numpy.concatenate([frame.astype(numpy.float64).ravel() for frame in frames])
            for name in names:
                # fabio must read its own file, and the compressed copies, as the frames it wrote.
                image = fabio.open(os.path.join(folder, name))
                read = numpy.concatenate([data.astype(numpy.float64).ravel() for data in frames_of(image)])
                if image.nframes != len(frames) or not same_bits(read, pixels):
                    failures += 1
                    print(f"fabio -> saxsd: fabio does not read its own {name} back")
                pixels.astype("<f8").tofile(os.path.join(folder, name[:-4] + ".f64"))
                rows, columns = frames[0].shape
                manifest.append(f"{name}\t{len(frames)}\t{rows}\t{columns}")
        open(os.path.join(folder, "manifest.tsv"), "w").write("\n".join(manifest) + "\n")
        if not swift_test("readsFilesFabioWrote", "SAXSD_EDF_FABIO", folder, swift):
            failures += 1
            print("fabio -> saxsd: EDFReader does not read fabio's files as fabio does")
        else:
            print(f"fabio -> saxsd: EDFReader reads all {len(manifest)} files (fabio {fabio.version}, uncompressed and "
                  f"compressed {', '.join(COMPRESSORS)}) as fabio does")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scratch-path", default=".build-fuzz", help="swift build folder (default: .build-fuzz)")
    parser.add_argument("--package-path", default=ROOT, help="the saxsd package (default: this checkout)")
    arguments = parser.parse_args()
    failures = saxsd_to_fabio(arguments) + fabio_to_saxsd(arguments)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
