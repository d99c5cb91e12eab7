#!/usr/bin/env python3
"""Cross-check saxsd's integrator against pyFAI on a case that is not in shared/.

Builds a small synthetic detector (non-square pixels, all three rotations, a beamstop, gaps, NaN and dummy
pixels), integrates it with pyFAI in every combination saxsd supports, and writes the results as Swift source
files that the test target reads:

- Tests/SAXSIntegrationTests/PyFAICrosscheckReference.swift: 1-D profiles (integrate1d), whole rings and sectors,
  with radial ranges, polarization axis offsets, dark and flat fields and normalization factors;
- Tests/SAXSIntegrationTests/PyFAICakeReference.swift: cakes I(q, chi) (integrate2d) and azimuthal profiles
  I(chi) over one radial band (integrate2d, see two_dimensional).

Where pyFAI and saxsd share pixels by different rules (at the edges of an explicit range, across chi = ±180° of
a cake) the bins are listed as edge bins and compared apart; see edge_bins.

Run it again after changing a case:

    pip install pyFAI
    python3 scripts/pyfai_crosscheck.py

The frame, the mask, the dark and the flat field are defined by integer arithmetic on (row, column) so that the
Swift tests rebuild them bit for bit (see PyFAICrosscheckTests.swift); keep the two definitions identical.
"""
import json
import math
import os
import sys

import numpy
import pyFAI
from pyFAI.integrator.azimuthal import AzimuthalIntegrator
from pyFAI import units
from pyFAI.containers import PolarizationDescription

ROWS, COLUMNS = 150, 180
# The direct beam lands near row 40, column 70, the centre of the frame's peak and of the beamstop.
GEOMETRY = dict(dist=0.35, poni1=0.0055, poni2=0.00805, rot1=0.003, rot2=-0.002, rot3=0.5,
                pixel1=120e-6, pixel2=100e-6, wavelength=0.83e-10)

# name, split, unit, npt, solid angle, polarization, error model, dummy, delta dummy, options. Options:
# radial_range (in the unit), azimuth_range (degrees of chi; a range beyond 180 crosses the cut), axis_offset
# (degrees, saxsd's unit; pyFAI takes radians), dark and flat (the fields below), normalization (pyFAI's
# normalization_factor), beamstop (False: the mask without it).
CASES = [
    ("no_qnm_poisson", "no", "q_nm^-1", 150, True, 0.9, "poisson", None, None, {}),
    ("bbox_qA_poisson", "bbox", "q_A^-1", 150, True, 0.9, "poisson", None, None, {}),
    ("bbox_2th_azimuthal", "bbox", "2th_deg", 120, True, None, "azimuthal", None, None, {}),
    ("no_rmm_azimuthal_uncorrected", "no", "r_mm", 100, False, None, "azimuthal", None, None, {}),
    ("bbox_qnm_dummy", "bbox", "q_nm^-1", 200, False, -0.5, "poisson", -2.0, 0.5, {}),
    ("full_qnm_poisson", "full", "q_nm^-1", 150, True, 0.9, "poisson", None, None, {}),
    # Radial ranges: bins over the range only, pixels beyond it left out. saxsd hangs on the full-splitting one
    # (see PyFAICrosscheckTests.fullSplittingWithARadialRangeMatchesPyFAI).
    ("no_qnm_radial_range", "no", "q_nm^-1", 80, True, 0.9, "poisson", None, None, dict(radial_range=(0.5, 2.25))),
    ("bbox_2th_radial_range", "bbox", "2th_deg", 90, True, 0.9, "azimuthal", None, None,
     dict(radial_range=(0.05, 0.9))),
    ("full_qnm_radial_range", "full", "q_nm^-1", 70, True, 0.9, "poisson", None, None, dict(radial_range=(0.4, 2.0))),
    # Sectors of chi, including one astride the chi = ±180° cut.
    ("no_qnm_sector", "no", "q_nm^-1", 100, True, 0.9, "poisson", None, None, dict(azimuth_range=(-30.0, 60.0))),
    ("bbox_qnm_sector", "bbox", "q_nm^-1", 100, True, 0.9, "azimuthal", None, None,
     dict(azimuth_range=(100.0, 160.0))),
    ("no_qnm_sector_across_180", "no", "q_nm^-1", 90, True, 0.9, "poisson", None, None,
     dict(azimuth_range=(150.0, 215.0))),
    ("bbox_qnm_sector_across_180", "bbox", "q_nm^-1", 90, True, 0.9, "poisson", None, None,
     dict(azimuth_range=(150.0, 215.0))),
    ("bbox_qnm_sector_range", "bbox", "q_nm^-1", 60, True, 0.9, "poisson", None, None,
     dict(azimuth_range=(-120.0, -45.0), radial_range=(0.3, 1.8))),
    # Polarization plane turned from chi = 0.
    ("bbox_qnm_polarization_offset", "bbox", "q_nm^-1", 120, True, 0.95, "poisson", None, None,
     dict(axis_offset=30.0)),
    ("no_2th_polarization_offset", "no", "2th_deg", 120, False, -0.7, "poisson", None, None,
     dict(axis_offset=-115.0)),
    # Dark current and flat field (with dead pixels in both), normalization factor.
    ("no_qnm_dark_flat", "no", "q_nm^-1", 150, True, 0.9, "poisson", None, None, dict(dark=True, flat=True)),
    ("bbox_qnm_dark_flat", "bbox", "q_nm^-1", 150, True, 0.9, "poisson", None, None, dict(dark=True, flat=True)),
    ("bbox_qnm_dark_flat_azimuthal", "bbox", "q_nm^-1", 150, True, 0.9, "azimuthal", None, None,
     dict(dark=True, flat=True)),
    ("no_qnm_flat", "no", "q_nm^-1", 100, False, None, "poisson", None, None, dict(flat=True)),
    ("bbox_qnm_normalization", "bbox", "q_nm^-1", 150, True, 0.9, "poisson", None, None, dict(normalization=2.5)),
    # Without the beamstop: pixels around the beam reach below q = 0, where bins start.
    ("bbox_qnm_beam_unmasked", "bbox", "q_nm^-1", 100, True, 0.9, "poisson", None, None, dict(beamstop=False)),
    ("no_qnm_beam_unmasked", "no", "q_nm^-1", 100, True, 0.9, "poisson", None, None, dict(beamstop=False)),
    ("no_qA_everything", "no", "q_A^-1", 80, True, 0.9, "poisson", -2.0, 0.5,
     dict(radial_range=(0.02, 0.2), azimuth_range=(-150.0, 20.0), axis_offset=12.5, dark=True, flat=True,
          normalization=0.04)),
]

# 2-D cases: name, split, unit, radial bins, azimuthal bins, solid angle, polarization, error model, options.
# Options: radial_range, azimuth_range (default the whole ring from chi = -180°, saxsd's fixed cake axis; pyFAI
# would otherwise span the azimuth of the pixels), band (a radial range integrated into one radial bin: an
# azimuthal profile I(chi), saxsd's AzimuthalIntegrator).
CAKES = [
    ("cake_no_qnm", "no", "q_nm^-1", 60, 36, True, 0.9, "poisson", {}),
    ("cake_bbox_qnm", "bbox", "q_nm^-1", 60, 36, True, 0.9, "poisson", {}),
    ("cake_bbox_2th_azimuthal_sector", "bbox", "2th_deg", 50, 30, True, None, "azimuthal",
     dict(azimuth_range=(-120.0, 30.0), radial_range=(0.05, 0.8))),
    ("chi_no_band", "no", "q_nm^-1", 1, 36, True, 0.9, "poisson", dict(band=(0.8, 1.6))),
    ("chi_bbox_band", "bbox", "q_nm^-1", 1, 72, True, 0.9, "poisson", dict(band=(0.05, 0.9))),
]

METHODS = {"no": ("no", "histogram", "cython"), "bbox": ("bbox", "csr", "cython"), "full": ("full", "csr", "cython")}
METHODS_2D = {"no": ("no", "histogram", "cython"), "bbox": ("bbox", "csr", "cython")}


def indices():
    row, column = numpy.indices((ROWS, COLUMNS), dtype=numpy.int64)
    return row, column, row * COLUMNS + column


def frame_and_mask(beamstop=True):
    row, column, index = indices()
    distance2 = (row - 40) ** 2 + (column - 70) ** 2
    frame = 5000.0 / (1.0 + distance2.astype(numpy.float64) / 400.0) + ((index * 7919) % 101).astype(numpy.float64)
    frame[index % 211 == 3] = numpy.nan
    frame[index % 211 == 5] = -2.0
    mask = ((distance2 < 36) & beamstop) | (column == 100) | (row == 75)
    return frame, mask.astype(numpy.uint8)


def dark_and_flat():
    """A dark of 2 ... 14 counts with NaN holes, a flat field of 0.75 ... 1.25 with NaN and zero (dead) pixels.

    The holes keep off the outermost pixels: pyFAI spans its bins over every unmasked pixel, dead flat-field
    pixels included, while saxsd leaves those out of the span (see the check in main()).
    """
    _, _, index = indices()
    dark = 2.0 + ((index * 31) % 13).astype(numpy.float64)
    dark[index % 263 == 17] = numpy.nan
    flat = 0.75 + ((index * 17) % 51).astype(numpy.float64) / 100.0
    flat[index % 281 == 19] = numpy.nan
    flat[index % 281 == 29] = 0.0
    return dark, flat


def swift_string(text):
    return '"""\n' + "".join("    " + line + "\n" for line in text.splitlines()) + '    """'


def swift_optional(value):
    return "nil" if value is None else repr(value)


def swift_range(pair):
    return "%r...%r" % (float(pair[0]), float(pair[1]))


def swift_azimuth(pair):
    return "AzimuthRange(lower: %r, upper: %r)" % (float(pair[0]), float(pair[1]))


def integrator_for(azimuth_range):
    """pyFAI's chi runs over [-π, π[ and it cannot integrate a range across that cut: there the discontinuity
    moves to chi = 0 (angles in [0, 2π[), which gives the same chi modulo 2π."""
    ai = AzimuthalIntegrator(**GEOMETRY)
    if azimuth_range is not None and max(azimuth_range) > 180:
        ai.setChiDiscAtZero()
    return ai


def check_dead_pixels_off_the_span(ai, frame, mask, dark, flat):
    """Dead dark/flat pixels must not set pyFAI's bin span, else saxsd's bins would differ by definition."""
    dead = ~(numpy.isfinite(dark) & numpy.isfinite(flat) & (flat != 0))
    for split in ("bbox", "full"):
        a = ai.integrate1d(frame, 150, method=METHODS[split], mask=mask, dark=dark, flat=flat)
        b = ai.integrate1d(frame, 150, method=METHODS[split], mask=(mask.astype(bool) | dead).astype(numpy.uint8),
                           dark=dark, flat=flat)
        if not numpy.array_equal(a.radial, b.radial):
            raise SystemExit("a dead dark or flat pixel sets pyFAI's %s bin span; move the holes" % split)


def edge_bins(ai, mask, unit, split, radial_centres, radial_range, azimuth_bins=None, azimuth_range=None):
    """Flat indices (azimuth-major) of the bins where saxsd and pyFAI share pixels differently by definition.

    At the edge of an explicit range pyFAI clamps the bin *index* but not the pixel's extent: a pixel astride the
    edge puts the part outside into the edge bin, and a pixel (centre or box) less than one bin beyond the lower
    edge still lands in bin 0, since its negative fractional bin truncates to 0. pyFAI's own engines disagree
    there (("no", "histogram", "python") leaves those pixels out, ("bbox", "histogram", "cython") shares them in
    a third way). saxsd leaves out what lies beyond the range and gives a pixel astride it wholly to the bins
    inside. The chi range of a cake is explicit too, so pixels astride chi = ±180° of a whole-ring cake, which
    saxsd shares round the circle, are in this set. Every bin a pixel astride or beyond an edge reaches is
    listed; the tests compare the others at full tolerance.
    """
    radial_unit = units.to_unit(unit)
    valid = mask.ravel() == 0
    shape = mask.shape
    centre = ai.array_from_unit(shape, "center", radial_unit, scale=False).ravel()[valid].astype(numpy.float64)
    if split == "full":
        corners = ai.array_from_unit(shape, "corner", radial_unit, scale=False)[..., 0].reshape(-1, 4)[valid]
        lowest, highest = corners.min(axis=1).astype(numpy.float64), corners.max(axis=1).astype(numpy.float64)
    elif split == "bbox":
        half = ai.array_from_unit(shape, "delta", radial_unit, scale=False).ravel()[valid].astype(numpy.float64)
        lowest, highest = centre - half, centre + half
    else:
        lowest = highest = centre
    radial_bins = len(radial_centres)
    if radial_bins > 1:
        width = (radial_centres[-1] - radial_centres[0]) / (radial_bins - 1) / radial_unit.scale
        low = radial_centres[0] / radial_unit.scale - width / 2
    else:  # a band: its own edges do not count (see two_dimensional)
        low, width = 0.0, numpy.inf
    r0, r1 = (lowest - low) / width, (highest - low) / width
    # Bins start at q = 0 when pixels around the beam reach below it, an edge too; the margin keeps the pixels
    # that set the span themselves out.
    astride = (r0 < -1e-9) & (r1 > -1)
    if radial_range is not None:
        astride |= (r0 < radial_bins) & (r1 > radial_bins)
    if azimuth_bins is not None:
        chi = ai.center_array(shape, unit=units.CHI_RAD, scale=False).ravel()[valid].astype(numpy.float64)
        chi_half = ai.deltaChi(shape).ravel()[valid].astype(numpy.float64) if split != "no" else numpy.zeros_like(chi)
        chi_low, chi_high = math.radians(azimuth_range[0]), math.radians(azimuth_range[1])
        if not ai.chiDiscAtPi:
            chi_low, chi_high = chi_low % (2 * math.pi), chi_low % (2 * math.pi) + chi_high - chi_low
        chi_width = (chi_high - chi_low) / azimuth_bins
        a0, a1 = (chi - chi_half - chi_low) / chi_width, (chi + chi_half - chi_low) / chi_width
        astride |= ((a0 < 0) & (a1 > -1)) | ((a0 < azimuth_bins) & (a1 > azimuth_bins))
    else:
        a0 = a1 = numpy.zeros_like(centre)
        azimuth_bins = 1
    bins = set()
    for k in numpy.nonzero(astride)[0]:
        for a in range(min(max(int(math.floor(a0[k])), 0), azimuth_bins - 1),
                       min(max(int(math.floor(a1[k])), 0), azimuth_bins - 1) + 1):
            for r in range(min(max(int(math.floor(r0[k])), 0), radial_bins - 1),
                           min(max(int(math.floor(r1[k])), 0), radial_bins - 1) + 1):
                bins.add(a * radial_bins + r)
    return sorted(bins)


def swift_list(values):
    return "[" + ", ".join(str(v) for v in values) + "]"


def one_dimensional(frame, mask, dark, flat):
    cases = []
    for name, split, unit, npt, solid_angle, polarization, error_model, dummy, delta_dummy, options in CASES:
        ai = integrator_for(options.get("azimuth_range"))
        case_mask = mask if options.get("beamstop", True) else frame_and_mask(beamstop=False)[1]
        pyfai_polarization = polarization
        if polarization is not None and "axis_offset" in options:
            pyfai_polarization = PolarizationDescription(polarization, math.radians(options["axis_offset"]))
        result = ai.integrate1d(frame, npt, unit=unit, method=METHODS[split], correctSolidAngle=solid_angle,
                                polarization_factor=pyfai_polarization, error_model=error_model, mask=case_mask,
                                dummy=dummy, delta_dummy=delta_dummy,
                                radial_range=options.get("radial_range"), azimuth_range=options.get("azimuth_range"),
                                dark=dark if options.get("dark") else None, flat=flat if options.get("flat") else None,
                                normalization_factor=options.get("normalization", 1.0))
        rows = "\n".join("%.10e %.10e %.10e" % values for values in zip(result.radial, result.intensity, result.sigma))
        extras = []
        if "radial_range" in options:
            extras.append("radialRange: " + swift_range(options["radial_range"]))
        if "azimuth_range" in options:
            extras.append("azimuthRange: " + swift_azimuth(options["azimuth_range"]))
        if "axis_offset" in options:
            extras.append("polarizationAxisOffset: %r" % options["axis_offset"])
        if options.get("dark") or options.get("flat"):
            extras.append("dark: %s, flat: %s" % ("true" if options.get("dark") else "false",
                                                  "true" if options.get("flat") else "false"))
        if "normalization" in options:
            extras.append("normalization: %r" % options["normalization"])
        edges = edge_bins(ai, case_mask, unit, split, result.radial, options.get("radial_range"))
        if edges:
            extras.append("edgeBins: " + swift_list(edges))
        if not options.get("beamstop", True):
            extras.append("beamstop: false")
        cases.append(
            "        Case(name: %s, split: .%s, unit: %s, npt: %d, solidAngle: %s, polarization: %s,\n"
            "             errorModel: .%s, dummy: %s, deltaDummy: %s,\n%s"
            "             profile: %s)"
            % (json.dumps(name), split, json.dumps(unit), npt, "true" if solid_angle else "false",
               swift_optional(polarization), error_model, swift_optional(dummy), swift_optional(delta_dummy),
               "".join("             %s,\n" % extra for extra in extras),
               swift_string(rows).replace("\n", "\n         ")))
    return cases


EPS32 = 1.0 + 2.0 ** -23


def unwidened(upper):
    """The upper end to give pyFAI for a range to end at `upper`: pyFAI widens the end it is given by one
    single-precision step, calc_upper_bound(x) = x (1 + 2^-23) (x / (1 + 2^-23) below 0). saxsd does so along
    the radial axis too, but not along chi, which wraps round."""
    return upper / EPS32 if upper > 0 else upper * EPS32


def two_dimensional(frame, mask):
    cases = []
    for name, split, unit, npt_rad, npt_azim, solid_angle, polarization, error_model, options in CAKES:
        azimuth_range = options.get("azimuth_range", (-180.0, 180.0))
        radial_range = options.get("radial_range")
        ai = integrator_for(azimuth_range)
        band = options.get("band")
        inside = None
        if band is not None and split == "no":
            # pyFAI's integrate2d with a single radial bin over the band would take in every pixel centre up to
            # one band width below it (see edge_bins). Instead the band is cut into 16 bins inside a cake reaching
            # two bins beyond it, and the sums of the 16 are added up: saxsd's I(chi) over the band.
            inside = 16
            width = (band[1] - band[0]) / inside
            radial_range = (band[0] - 2 * width, band[1] + 2 * width)
            npt = inside + 4
        elif band is not None:
            # With bbox splitting the sums over sub-bins would count a pixel shared between two of them with
            # c1² + c2² < 1 in the variance, and the parts of the pixels astride the band's edges. A single bin
            # is saxsd's definition when nothing lies below the band: pyFAI then gives a pixel astride the upper
            # edge wholly to the bin (its index is clamped, see edge_bins), as saxsd does.
            centre = ai.array_from_unit(frame.shape, "center", units.to_unit(unit), scale=True)
            delta = ai.array_from_unit(frame.shape, "delta", units.to_unit(unit), scale=True)
            if (centre - delta)[mask == 0].min() <= band[0]:
                raise SystemExit("%s: pixels reach below the band; pyFAI would take them in" % name)
            radial_range = band
            npt = 1
        else:
            npt = npt_rad
        if split == "no" and radial_range is None:
            # Without splitting pyFAI's integrate1d spans the centres of all pixels, masked ones included, but its
            # integrate2d only those of the unmasked pixels. saxsd spans a cake's bins as a profile's, so that a
            # cake summed over chi falls on the profile's bins; pyFAI is given that span.
            centres = ai.center_array(frame.shape, unit=unit, scale=True)
            radial_range = (float(centres.min()), float(centres.max()))
        result = ai.integrate2d(frame, npt, npt_azim, unit=unit, method=METHODS_2D[split],
                                correctSolidAngle=solid_angle, polarization_factor=polarization,
                                error_model=error_model, mask=mask, radial_range=radial_range,
                                azimuth_range=(azimuth_range[0], unwidened(azimuth_range[1])))
        # pyFAI's arrays are (azimuth, radial), the layout of saxsd's Cake.
        if inside is not None:
            keep = slice(2, 2 + inside)
            signal = numpy.asarray(result.sum_signal)[:, keep].sum(axis=1)
            norm = numpy.asarray(result.sum_normalization)[:, keep].sum(axis=1)
            variance = numpy.asarray(result.sum_variance)[:, keep].sum(axis=1)
            count = numpy.asarray(result.count)[:, keep].sum(axis=1)
            filled = norm > 0
            intensity = numpy.where(filled, signal / numpy.where(filled, norm, 1), 0)
            sigma = numpy.where(filled, numpy.sqrt(variance) / numpy.where(filled, norm, 1), 0)
        else:
            intensity = numpy.asarray(result.intensity).reshape(npt_azim, npt_rad)
            sigma = numpy.asarray(result.sigma).reshape(npt_azim, npt_rad)
            count = numpy.asarray(result.count).reshape(npt_azim, npt_rad)
            radial = result.radial
        if band is not None:
            radial = [(band[0] + band[1]) / 2]
        edges = edge_bins(ai, mask, unit, split, radial, options.get("radial_range"), npt_azim, azimuth_range)
        rows = "\n".join("%.10e %.10e %.10e" % values
                         for values in zip(numpy.ravel(intensity), numpy.ravel(sigma), numpy.ravel(count)))
        extras = []
        if band is not None:
            extras.append("band: " + swift_range(band))
        if "radial_range" in options:
            extras.append("radialRange: " + swift_range(options["radial_range"]))
        if "azimuth_range" in options:
            extras.append("azimuthRange: " + swift_azimuth(options["azimuth_range"]))
        if edges:
            extras.append("edgeBins: " + swift_list(edges))
        cases.append(
            "        CakeCase(name: %s, split: .%s, unit: %s, radialBins: %d, azimuthBins: %d, solidAngle: %s,\n"
            "                 polarization: %s, errorModel: .%s,\n%s"
            "                 radial: %s,\n"
            "                 azimuth: %s,\n"
            "                 values: %s)"
            % (json.dumps(name), split, json.dumps(unit), npt_rad, npt_azim, "true" if solid_angle else "false",
               swift_optional(polarization), error_model,
               "".join("                 %s,\n" % extra for extra in extras),
               "[" + ", ".join("%.10e" % x for x in radial) + "]",
               "[" + ", ".join("%.10e" % x for x in result.azimuthal) + "]",
               swift_string(rows).replace("\n", "\n             ")))
    return cases


HEADER = (
    "// Generated by scripts/pyfai_crosscheck.py with pyFAI %s; do not edit, run the script again.\n"
    "import SAXSFrames\n"
    "import Testing\n"
    "@testable import SAXSIntegration\n\n"
)


def main():
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SAXSIntegrationTests")
    ai = AzimuthalIntegrator(**GEOMETRY)
    poni_path = os.path.join(folder, ".crosscheck.poni")
    ai.write(poni_path)
    with open(poni_path) as handle:
        poni = "".join(line for line in handle if not line.startswith("# Calibration done"))
    os.remove(poni_path)

    frame, mask = frame_and_mask()
    dark, flat = dark_and_flat()
    check_dead_pixels_off_the_span(ai, frame, mask, dark, flat)

    source = HEADER % pyFAI.version + (
        "/// pyFAI's integrations of the synthetic case that PyFAICrosscheckTests rebuilds.\n"
        "enum PyFAICrosscheckReference {\n"
        "    struct Case: Sendable, CustomTestStringConvertible {\n"
        "        var name: String\n"
        "        var split: PixelSplitting\n"
        "        var unit: String\n"
        "        var npt: Int\n"
        "        var solidAngle: Bool\n"
        "        var polarization: Double?\n"
        "        var errorModel: ErrorModel\n"
        "        var dummy: Double?\n"
        "        var deltaDummy: Double?\n"
        "        /// pyFAI's radial_range, in `unit`.\n"
        "        var radialRange: ClosedRange<Double>? = nil\n"
        "        /// pyFAI's azimuth_range, degrees of chi.\n"
        "        var azimuthRange: AzimuthRange? = nil\n"
        "        /// Degrees (pyFAI was given the same angle in radians).\n"
        "        var polarizationAxisOffset: Double = 0\n"
        "        /// Whether the script's dark and flat fields were applied.\n"
        "        var dark = false\n"
        "        var flat = false\n"
        "        /// pyFAI's normalization_factor.\n"
        "        var normalization = 1.0\n"
        "        /// Bins at the ends of the radial range that pyFAI fills by another rule (see the script's edge_bins).\n"
        "        var edgeBins: [Int] = []\n"
        "        /// Whether the beamstop is masked; without it pixels around the beam reach below q = 0.\n"
        "        var beamstop = true\n"
        "        /// Columns: radial position, I, sigma; one row per bin.\n"
        "        var profile: String\n"
        "        var testDescription: String { name }\n"
        "    }\n\n"
        "    static let shape = FrameShape(rows: %d, columns: %d)\n\n"
        "    static let poni = %s\n\n"
        "    static let cases: [Case] = [\n%s,\n    ]\n"
        "}\n"
    ) % (ROWS, COLUMNS, swift_string(poni), ",\n".join(one_dimensional(frame, mask, dark, flat)))
    output = os.path.join(folder, "PyFAICrosscheckReference.swift")
    with open(output, "w") as handle:
        handle.write(source)
    print("wrote", os.path.normpath(output), file=sys.stderr)

    source = HEADER % pyFAI.version + (
        "/// pyFAI's integrate2d of the synthetic case of PyFAICrosscheckReference, which PyFAICakeTests rebuilds:\n"
        "/// cakes, and azimuthal profiles over one radial band (a single radial bin).\n"
        "enum PyFAICakeReference {\n"
        "    struct CakeCase: Sendable, CustomTestStringConvertible {\n"
        "        var name: String\n"
        "        var split: PixelSplitting\n"
        "        var unit: String\n"
        "        var radialBins: Int\n"
        "        var azimuthBins: Int\n"
        "        var solidAngle: Bool\n"
        "        var polarization: Double?\n"
        "        var errorModel: ErrorModel\n"
        "        /// The radial band of an azimuthal profile I(chi); nil for a cake.\n"
        "        var band: ClosedRange<Double>? = nil\n"
        "        var radialRange: ClosedRange<Double>? = nil\n"
        "        /// pyFAI was given the whole ring from chi = -180° when this is nil.\n"
        "        var azimuthRange: AzimuthRange? = nil\n"
        "        /// Bins astride or beyond the edges of the ranges, which pyFAI fills by another rule (see the\n"
        "        /// script's edge_bins); azimuth-major like `values`.\n"
        "        var edgeBins: [Int] = []\n"
        "        /// Bin centres: radial in `unit`, azimuthal in degrees of chi.\n"
        "        var radial: [Double]\n"
        "        var azimuth: [Double]\n"
        "        /// Columns: I, sigma, count (Σ of the pixels' shares); one row per bin, azimuth-major.\n"
        "        var values: String\n"
        "        var testDescription: String { name }\n"
        "    }\n\n"
        "    static let cases: [CakeCase] = [\n%s,\n    ]\n"
        "}\n"
    ) % ",\n".join(two_dimensional(frame, mask))
    output = os.path.join(folder, "PyFAICakeReference.swift")
    with open(output, "w") as handle:
        handle.write(source)
    print("wrote", os.path.normpath(output), file=sys.stderr)


if __name__ == "__main__":
    main()
