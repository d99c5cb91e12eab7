#!/usr/bin/env python3
"""Cross-check saxsd's form factors against SasView's sasmodels on cases that are not in shared/.

Computes I(q) with sasmodels' compiled double-precision kernels for other shapes (vesicle, multilayer_vesicle),
other parameters (core_shell_sphere, cylinder at sizes that use each of sasmodels' orientation rules), and size
distributions (lognormal and schulz of sphere and cylinder radii, gaussian on two parameters at once, wide
distributions whose lower tail sasmodels drops at radius 0), and writes them as Swift source that
Tests/SAXSPhysicsTests/SasmodelsCrosscheckTests.swift compares with:

    Tests/SAXSPhysicsTests/SasmodelsCrosscheckReference.swift

Each case keeps the arguments exactly as `saxsd model NAME key=value…` takes them. Where a case leaves a
distribution's number of points or sigmas out, saxsd must use the distribution's default; sasmodels is given
those defaults explicitly here (its direct call has none: it treats a missing `_pd_n` as "no dispersion"), the
values SasView's fitting page sets when the distribution is chosen (weights.py: gaussian 35 points and 3 sigmas,
lognormal and schulz 80 and 8).

sasmodels is needed only to run this script, never by saxsd:

    python3 -m venv /tmp/sasvenv && /tmp/sasvenv/bin/pip install sasmodels==1.1.0
    SAS_OPENCL=none /tmp/sasvenv/bin/python scripts/sasmodels_crosscheck.py
"""
import os
import sys

os.environ.setdefault("SAS_OPENCL", "none")

import numpy
import sasmodels
from sasmodels.core import load_model
from sasmodels.direct_model import call_kernel

OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SAXSPhysicsTests",
                      "SasmodelsCrosscheckReference.swift")

# Another grid than shared/'s: a little wider and coarser, so the cases also run past q = 0.5 1/Å.
Q = numpy.logspace(-3, numpy.log10(0.7), 150)

DEFAULT_POINTS = {"gaussian": 35, "lognormal": 80, "schulz": 80}
DEFAULT_SIGMAS = {"gaussian": 3.0, "lognormal": 8.0, "schulz": 8.0}

# (label, model, arguments as saxsd takes them, relative tolerance). Numbers stay numbers; _pd_type is a string.
CASES = [
    ("vesicle defaults", "vesicle",
     dict(scale=1, background=0, sld=0.5, sld_solvent=6.36, volfraction=0.05, radius=100, thickness=30), 1e-6),
    ("vesicle large thick shell", "vesicle",
     dict(scale=1.3, background=0.01, sld=1.5, sld_solvent=4.0, volfraction=0.1, radius=250, thickness=45), 1e-6),
    ("multilayer_vesicle defaults", "multilayer_vesicle",
     dict(scale=1, background=0, volfraction=0.05, radius=60, thick_shell=10, thick_solvent=10,
          sld_solvent=6.4, sld=0.4, n_shells=2), 1e-6),
    ("multilayer_vesicle five shells", "multilayer_vesicle",
     dict(scale=0.7, background=0.002, volfraction=0.12, radius=80, thick_shell=25, thick_solvent=40,
          sld_solvent=-0.56, sld=3.1, n_shells=5), 1e-6),
    ("core_shell_sphere thick shell", "core_shell_sphere",
     dict(scale=0.02, background=0.05, radius=120, thickness=30, sld_core=3.5, sld_shell=0.8, sld_solvent=6.2),
     1e-6),
    ("core_shell_sphere small core", "core_shell_sphere",
     dict(scale=1, background=0, radius=8, thickness=55, sld_core=-0.5, sld_shell=4.0, sld_solvent=1.0), 1e-6),
    ("cylinder R50 L200", "cylinder",
     dict(scale=1, background=0, radius=50, length=200, sld=4, sld_solvent=1), 1e-5),
    ("cylinder R10 L2000 (500-point rule)", "cylinder",
     dict(scale=0.5, background=0.001, radius=10, length=2000, sld=2.5, sld_solvent=-0.4), 1e-5),
    ("cylinder R15 L4000 (5000-point rule)", "cylinder",
     dict(scale=1, background=0, radius=15, length=4000, sld=4, sld_solvent=1), 1e-5),
    ("cylinder disc R300 L60", "cylinder",
     dict(scale=1, background=0, radius=300, length=60, sld=1, sld_solvent=3), 1e-5),
    ("lamellar thickness 120", "lamellar",
     dict(scale=0.3, background=0.01, thickness=120, sld=0.3, sld_solvent=6.3), 1e-6),
    ("sphere lognormal radius defaults", "sphere",
     dict(scale=1, background=0, radius=40, sld=2, sld_solvent=1, radius_pd=0.2, radius_pd_type="lognormal"), 1e-6),
    ("sphere schulz radius defaults", "sphere",
     dict(scale=1, background=0, radius=60, sld=3, sld_solvent=1, radius_pd=0.15, radius_pd_type="schulz"), 1e-6),
    ("sphere schulz radius n=31 nsigma=4", "sphere",
     dict(scale=0.1, background=0, radius=25, sld=3, sld_solvent=1, radius_pd=0.3, radius_pd_type="schulz",
          radius_pd_n=31, radius_pd_nsigma=4), 1e-6),
    ("sphere gaussian radius 0.4 (tail dropped)", "sphere",
     dict(scale=1, background=0, radius=50, sld=2, sld_solvent=1, radius_pd=0.4), 1e-6),
    ("sphere lognormal radius 0.5 n=61", "sphere",
     dict(scale=1, background=0, radius=30, sld=2, sld_solvent=1, radius_pd=0.5, radius_pd_type="lognormal",
          radius_pd_n=61, radius_pd_nsigma=5), 1e-6),
    ("cylinder lognormal radius", "cylinder",
     dict(scale=1, background=0, radius=20, length=400, sld=4, sld_solvent=1, radius_pd=0.1,
          radius_pd_type="lognormal", radius_pd_n=40, radius_pd_nsigma=4), 1e-5),
    ("cylinder schulz radius defaults", "cylinder",
     dict(scale=1, background=0, radius=30, length=150, sld=4, sld_solvent=1, radius_pd=0.2,
          radius_pd_type="schulz"), 1e-5),
    ("cylinder gaussian radius and length", "cylinder",
     dict(scale=1, background=0, radius=20, length=300, sld=4, sld_solvent=1, radius_pd=0.1, radius_pd_n=15,
          length_pd=0.15, length_pd_n=11), 1e-5),
    ("core_shell_sphere gaussian radius and thickness", "core_shell_sphere",
     dict(scale=1, background=0, radius=60, thickness=10, sld_core=1, sld_shell=2, sld_solvent=3, radius_pd=0.1,
          thickness_pd=0.2, thickness_pd_n=9), 1e-6),
    ("vesicle schulz radius", "vesicle",
     dict(scale=1, background=0, sld=0.5, sld_solvent=6.36, volfraction=0.05, radius=100, thickness=30,
          radius_pd=0.25, radius_pd_type="schulz", radius_pd_n=50, radius_pd_nsigma=5), 1e-6),
    ("multilayer_vesicle gaussian thick_solvent", "multilayer_vesicle",
     dict(scale=1, background=0, volfraction=0.05, radius=60, thick_shell=10, thick_solvent=20,
          sld_solvent=6.4, sld=0.4, n_shells=3, thick_solvent_pd=0.2), 1e-6),
    ("lamellar gaussian thickness", "lamellar",
     dict(scale=1, background=0, thickness=50, sld=1, sld_solvent=6, thickness_pd=0.2), 1e-6),
]


def sasmodels_parameters(arguments):
    """The same arguments for sasmodels' direct call, with every dispersion's defaults spelled out."""
    pars = {}
    spread = set()
    for key, value in arguments.items():
        for suffix in ("_pd_type", "_pd_nsigma", "_pd_n", "_pd"):
            if key.endswith(suffix):
                spread.add(key[: -len(suffix)])
                break
        pars[key] = value
    for name in spread:
        kind = arguments.get(name + "_pd_type", "gaussian")
        pars[name + "_pd_type"] = kind
        pars.setdefault(name + "_pd_n", DEFAULT_POINTS[kind])
        pars.setdefault(name + "_pd_nsigma", DEFAULT_SIGMAS[kind])
        pars.setdefault(name + "_pd", 0.0)
    return pars


def swift_number(value):
    return repr(float(value))


def swift_arguments(arguments):
    items = []
    for key in sorted(arguments):
        value = arguments[key]
        text = value if isinstance(value, str) else repr(value)
        items.append(f'"{key}": "{text}"')
    return "[" + ", ".join(items) + "]"


def main():
    kernels = {}
    lines = [
        f"// Generated by scripts/sasmodels_crosscheck.py with sasmodels {sasmodels.__version__}; do not edit, run the script again.",
        "",
        "/// sasmodels' I(q) for cases that are not in shared/, with the arguments `saxsd model` takes.",
        "enum SasmodelsCrosscheckReference {",
        "    struct Case: Sendable, CustomStringConvertible {",
        "        var label: String",
        "        var model: String",
        "        var arguments: [String: String]",
        "        /// Relative tolerance the case is held to (sasmodels' own orientation quadrature limits cylinders).",
        "        var tolerance: Double",
        "        var intensity: [Double]",
        "        var description: String { label }",
        "    }",
        "",
        "    /// q in 1/Å: numpy.logspace(-3, log10(0.7), 150).",
        "    static let q: [Double] = [" + ", ".join(swift_number(x) for x in Q) + "]",
        "",
        "    static let cases: [Case] = [",
    ]
    for label, model, arguments, tolerance in CASES:
        if model not in kernels:
            kernels[model] = load_model(model, dtype="double").make_kernel([Q])
        intensity = call_kernel(kernels[model], sasmodels_parameters(arguments), cutoff=0.0)
        if not numpy.all(numpy.isfinite(intensity)):
            sys.exit(f"{label}: sasmodels gave a non-finite intensity")
        lines.append("        Case(")
        lines.append(f'            label: "{label}", model: "{model}",')
        lines.append(f"            arguments: {swift_arguments(arguments)},")
        lines.append(f"            tolerance: {tolerance!r},")
        lines.append("            intensity: [" + ", ".join(swift_number(x) for x in intensity) + "]),")
        print(f"{label}: I(q_min) = {intensity[0]:.6g}, I(q_max) = {intensity[-1]:.6g}")
    lines.append("    ]")
    lines.append("}")
    with open(OUTPUT, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    print("wrote", os.path.normpath(OUTPUT))


if __name__ == "__main__":
    main()
