#!/usr/bin/env python3
"""Drive a running `saxsd watch` the way a beamline does, then check every result.

Frames (copies of the Pilatus 1M reference frame) are written by direct writes, by write-then-rename, into
brand-new nested folders and in bursts; corrupt files are dropped in; the service is killed with SIGKILL
mid-run and restarted, and finally stopped with SIGTERM. Afterwards every frame must have exactly one
complete, schema-valid sidecar pair naming its size and mtime, no temporary file may remain, and the latency
from close to `.saxs.json` is reported (frames written while the service was down are left out).

    python3 scripts/stress_watch.py [--saxsd .build/release/saxsd] [--frames 120]
Needs ../shared beside the checkout and python3-jsonschema.
"""
import argparse, json, os, signal, statistics, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "reference", "pyfai")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--saxsd", default=os.path.join(REPO, ".build/release/saxsd"))
    parser.add_argument("--frames", type=int, default=120)
    args = parser.parse_args()
    import jsonschema
    schema = json.load(open(os.path.join(REPO, "docs/sidecar.schema.json")))
    validator = jsonschema.Draft202012Validator(schema)
    frame_bytes = open(os.path.join(SHARED, "pilatus1m_frame.fits"), "rb").read()

    top = tempfile.mkdtemp(prefix="saxsd-stress-")
    data = os.path.join(top, "data")
    os.makedirs(data)
    config = os.path.join(top, "saxsd.toml")
    with open(config, "w") as f:
        f.write(f'[watch]\nroots = ["{data}"]\nsettle_ms = 50\n[integration]\nponi = "{SHARED}/pilatus1m.poni"\n'
                f'mask = "{SHARED}/pilatus1m_mask.fits"\nsplit = "bbox"\npolarization = 0.99\n')

    def start():
        return subprocess.Popen([args.saxsd, "watch", "--config", config], stderr=open(os.path.join(top, "saxsd.log"), "a"))

    closed = {}      # frame path -> monotonic close time (None while the service was down)
    seen = {}        # frame path -> monotonic time its .saxs.json appeared
    stop = threading.Event()

    def sidecar(path):
        return os.path.splitext(path)[0] + ".saxs.json"

    def observe():
        while not stop.is_set():
            for path in list(closed):
                if path not in seen and os.path.exists(sidecar(path)):
                    seen[path] = time.monotonic()
            time.sleep(0.002)

    service = start()
    time.sleep(1.5)
    observer = threading.Thread(target=observe, daemon=True)
    observer.start()
    down = False
    for i in range(args.frames):
        mode = i % 4
        if mode == 0:
            path = os.path.join(data, f"direct_{i:04d}.fits")
            with open(path, "wb") as f:
                f.write(frame_bytes)
        elif mode == 1:
            path = os.path.join(data, f"renamed_{i:04d}.fits")
            tmp = os.path.join(data, f".renamed_{i:04d}.fits.tmp")
            with open(tmp, "wb") as f:
                f.write(frame_bytes)
            os.rename(tmp, path)
        elif mode == 2:
            folder = os.path.join(data, f"scan_{i:04d}", "a", "b")
            os.makedirs(folder)
            path = os.path.join(folder, "first.fits")
            with open(path, "wb") as f:
                f.write(frame_bytes)
        else:
            path = os.path.join(data, f"burst_{i:04d}.fits")
            with open(path, "wb") as f:
                f.write(frame_bytes)
        closed[path] = None if down else time.monotonic()
        if i == args.frames // 3:
            service.send_signal(signal.SIGKILL)
            service.wait()
            down = True
            # Frames the killed service had not finished wait for the restart: not a latency.
            for pending in [p for p in closed if p not in seen]:
                closed[pending] = None
        if i == args.frames // 2:
            service = start()
            time.sleep(1.0)
            down = False
        if mode != 3:
            time.sleep(0.03)
    for name, content in [("empty.fits", b""), ("text.fits", b"not a frame"), ("half.fits", frame_bytes[: len(frame_bytes) // 2])]:
        with open(os.path.join(data, name), "wb") as f:
            f.write(content)

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(seen) < len(closed):
        time.sleep(0.05)
    time.sleep(0.5)
    service.send_signal(signal.SIGTERM)
    code = service.wait(timeout=30)
    stop.set()

    problems = []
    if code != 0:
        problems.append(f"exit code {code} after SIGTERM")
    for path in closed:
        meta_path = sidecar(path)
        dat_path = os.path.splitext(path)[0] + ".saxs.dat"
        if not os.path.exists(meta_path) or not os.path.exists(dat_path):
            problems.append(f"{path}: missing sidecar")
            continue
        meta = json.load(open(meta_path))
        for error in validator.iter_errors(meta):
            problems.append(f"{meta_path}: {error.message}")
        st = os.stat(path)
        if meta["status"] != "ok" or meta["source"]["size"] != st.st_size:
            problems.append(f"{meta_path}: status {meta['status']}, size {meta['source']['size']}")
        rows = [l for l in open(dat_path) if not l.startswith("#")]
        if len(rows) != meta["profile"]["points"]:
            problems.append(f"{dat_path}: {len(rows)} rows, sidecar says {meta['profile']['points']}")
    for name, kind in [("empty", "empty"), ("text", "unknown_format"), ("half", "corrupt")]:
        meta_path = os.path.join(data, name + ".saxs.json")
        if not os.path.exists(meta_path) or json.load(open(meta_path)).get("error", {}).get("kind") != kind:
            problems.append(f"{meta_path}: expected an error sidecar of kind {kind}")
    leftovers = [os.path.join(d, n) for d, _, names in os.walk(top) for n in names if "saxsd-tmp" in n]
    problems += [f"temporary file left: {p}" for p in leftovers]

    latencies = sorted((seen[p] - t) * 1000 for p, t in closed.items() if t is not None and p in seen)
    if latencies:
        p50 = latencies[len(latencies) // 2]
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        print(f"{len(closed)} frames, {len(latencies)} written while the service ran: "
              f"close -> .saxs.json p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1]:.1f} ms")
        slowest = sorted(((seen[p] - t) * 1000, p) for p, t in closed.items() if t is not None and p in seen)[-3:]
        print("slowest: " + ", ".join(f"{os.path.relpath(p, data)} {l:.0f} ms" for l, p in reversed(slowest)))
        late = [l for l in latencies if l > 1000]
        if late:
            problems.append(f"{len(late)} frames took more than 1 s")
    print("\n".join(problems) if problems else "every frame has one complete, schema-valid sidecar pair; no temporaries")
    print(f"folder: {top}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
