#!/usr/bin/env python3
"""Prints the parameter tables of docs/models.md from a built saxsd: `saxsd model NAME --parameters` for every
model, and the priors of the phase models from the manifest of `saxsd simulate curves`.

    scripts/models_doc_tables.py .build/debug/saxsd > /tmp/tables.md
The prose around the tables in docs/models.md is written by hand; a test checks that every model and parameter
saxsd has is in the document with its unit.
"""
import json, subprocess, sys, tempfile

saxsd = sys.argv[1]
names = subprocess.run([saxsd, "model"], capture_output=True, text=True, check=True).stdout.split()
with tempfile.TemporaryDirectory() as folder:
    subprocess.run([saxsd, "simulate", "curves", "--count", "1", "--points", "10", "--out", folder],
                   capture_output=True, check=True)
    manifest = json.load(open(f"{folder}/manifest.json"))
priors = {p["label"]: (p["priors"], p["log_scale"]) for p in manifest["phases"]}


def parameters(model):
    text = subprocess.run([saxsd, "model", model, "--parameters"], capture_output=True, text=True, check=True).stdout
    for line in text.strip().split("\n"):
        name, value, unit, low, high, summary = line.split("\t")
        yield name, float(value), unit, float(low), float(high), summary


groups = [
    ("Form factors", ["sphere", "core_shell_sphere", "vesicle", "multilayer_vesicle", "cylinder", "cylinder_oriented", "lamellar"]),
    ("Bragg peak series", [n for n in names if n.startswith("bragg_")]),
    ("Disorder and background", ["power_law", "dab", "teubner_strey", "broad_peak", "correlation_length", "flat_background"]),
    ("Phase models", [n for n in names if n.startswith("phase_")]),
]
missing = set(names) - {n for _, models in groups for n in models}
assert not missing, f"models in no group: {missing}"
for title, models in groups:
    print(f"## {title}\n")
    for model in models:
        label = model[len("phase_"):] if model.startswith("phase_") else None
        print(f"### `{model}`\n")
        print("| parameter | unit | default | bounds | " + ("prior (simulated data) — meaning" if label else "meaning") + " |")
        print("|---|---|---|---|---|")
        for name, value, unit, low, high, summary in parameters(model):
            if label:
                ranges, logs = priors[label]
                prior = (f"{ranges[name][0]:g} – {ranges[name][1]:g}" + (" (log)" if name in logs else "")
                         if name in ranges else "held at default")
                summary = f"{prior} — {summary}"
            print(f"| `{name}` | {unit} | {value:g} | {low:g} … {high:g} | {summary} |")
        print()
