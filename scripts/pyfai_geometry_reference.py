#!/usr/bin/env python3
"""Cross-check saxsd's detector geometry against pyFAI on cases that are not in shared/.

For small detectors (40 x 56 pixels of 100 x 172 um) with an off-centre beam, tilts, rot3, each of the four
detector orientations, a geometry given in Fit2D's terms and PONI version 3 files with parallax correction, pyFAI
computes q, 2theta, chi, solid angle and polarization at pixel centres the way its integrators do (`center_array`,
double precision), 2theta and chi at some pixel corners (`corner_array`, which pyFAI stores in single precision),
and the Fit2D conversions both ways. A sample of pixels (the detector's four corners and a fixed random set) is
written as a Swift source file that the test target reads (Tests/SAXSIntegrationTests/GeometryReference.swift).
Run it again after changing the cases:

    pip install pyFAI
    python3 scripts/pyfai_geometry_reference.py
"""
import io
import os

import numpy
import pyFAI
from pyFAI.detectors import Detector
from pyFAI.detectors.sensors import ALL_MATERIALS
from pyFAI.geometry import Geometry
from pyFAI.integrator.azimuthal import AzimuthalIntegrator
from pyFAI.io.ponifile import PoniFile

ROWS, COLUMNS = 40, 56
PIXEL1, PIXEL2 = 100e-6, 172e-6
POLARIZATION = 0.95
SAMPLES = 56  # random pixels per case, besides the detector's four corners
CORNER_SAMPLES = 8  # pixels whose four corners are checked

TILTED = dict(dist=0.095, poni1=0.0017, poni2=0.0041, rot1=0.12, rot2=-0.07, rot3=0.4, wavelength=0.8e-10)

# name, geometry, orientation, sensor (material, thickness in m or None) for parallax, or None
PONI_CASES = [
    ("offcentre_flat", dict(dist=0.12, poni1=-0.0011, poni2=0.0123, rot1=0.0, rot2=0.0, rot3=0.0,
                            wavelength=1.0e-10), 3, None),
    ("tilted_orientation3", TILTED, 3, None),
    ("tilted_orientation1", TILTED, 1, None),
    ("tilted_orientation2", TILTED, 2, None),
    ("tilted_orientation4", TILTED, 4, None),
    ("rot3_only_orientation2", dict(dist=0.2, poni1=0.0021, poni2=0.0047, rot1=0.0, rot2=0.0, rot3=-1.1,
                                    wavelength=1.3e-10), 2, None),
    ("parallax_si450_orientation3", dict(dist=0.05, poni1=0.0009, poni2=0.0035, rot1=0.05, rot2=0.08, rot3=0.2,
                                         wavelength=1.0e-10), 3, ("Si", 0.00045)),
    ("parallax_cdte750_orientation1", dict(dist=0.06, poni1=0.0025, poni2=0.0061, rot1=-0.1, rot2=0.04, rot3=0.0,
                                           wavelength=0.3e-10), 1, ("CdTe", 0.00075)),
    ("parallax_gaas_thick_orientation4", dict(dist=0.07, poni1=0.0012, poni2=0.0044, rot1=0.0, rot2=-0.15, rot3=0.7,
                                              wavelength=0.7e-10), 4, ("GaAs", None)),
]

# name, Fit2D parameters (pixel sizes from the detector), orientation
FIT2D_MAP_CASES = [
    ("fit2d_tilted_orientation2", dict(directDist=150.0, centerX=20.3, centerY=31.7, tilt=3.5, tiltPlanRotation=57.0,
                                       wavelength=1.2), 2),
]

# Conversions only: Fit2D parameters to pyFAI's geometry, and geometries to pyFAI's Fit2D parameters.
FIT2D_CONVERSIONS = [
    dict(directDist=150.0, centerX=20.3, centerY=31.7, tilt=3.5, tiltPlanRotation=57.0, pixelX=172.0, pixelY=100.0,
         wavelength=1.2),
    dict(directDist=2000.0, centerX=495.7, centerY=530.3, tilt=0.0, tiltPlanRotation=0.0, pixelX=172.0,
         pixelY=172.0, wavelength=1.0),
    dict(directDist=312.5, centerX=-12.25, centerY=1040.5, tilt=12.0, tiltPlanRotation=-135.0, pixelX=75.0,
         pixelY=75.0, wavelength=0.71),
    dict(directDist=88.0, centerX=700.0, centerY=20.0, tilt=0.8, tiltPlanRotation=170.0, pixelX=55.0, pixelY=55.0,
         wavelength=1.54),
    dict(directDist=1000.0, centerX=100.0, centerY=100.0, tilt=1e-6, tiltPlanRotation=-80.0, pixelX=100.0,
         pixelY=120.0, wavelength=0.9),
    dict(directDist=500.0, centerX=250.0, centerY=300.0, tilt=45.0, tiltPlanRotation=95.0, pixelX=172.0,
         pixelY=172.0, wavelength=1.0),
]
GEOMETRY_CONVERSIONS = [
    dict(dist=0.095, poni1=0.0017, poni2=0.0041, rot1=0.12, rot2=-0.07, rot3=0.4, wavelength=0.8e-10,
         pixel1=PIXEL1, pixel2=PIXEL2),
    dict(dist=2.0, poni1=0.08121101664083226, poni2=0.10526106669333442, rot1=0.01, rot2=0.005, rot3=0.0,
         wavelength=1e-10, pixel1=172e-6, pixel2=172e-6),
    dict(dist=0.3, poni1=0.01, poni2=-0.02, rot1=-0.3, rot2=0.2, rot3=-0.5, wavelength=1.54e-10, pixel1=75e-6,
         pixel2=75e-6),
    dict(dist=1.2, poni1=0.05, poni2=0.06, rot1=0.0, rot2=0.0, rot3=0.3, wavelength=1e-10, pixel1=172e-6,
         pixel2=172e-6),
    # A tilt below 1e-5 degrees, for which pyFAI takes centerY from the PONI alone.
    dict(dist=1.2, poni1=0.05, poni2=0.06, rot1=1e-7, rot2=-5e-8, rot3=0.0, wavelength=1e-10, pixel1=172e-6,
         pixel2=172e-6),
    dict(dist=0.5, poni1=-0.01, poni2=0.2, rot1=0.0, rot2=0.4, rot3=0.0, wavelength=0.7e-10, pixel1=100e-6,
         pixel2=100e-6),
]

# Energies (keV) at which the sensor materials' attenuation is compared.
ENERGIES = [3.0, 8.04, 12.398, 17.48, 26.7112, 30.0, 59.5, 100.0]


def poni_text(geometry):
    """The PONI file pyFAI writes for this geometry, without the line that carries the date."""
    stream = io.StringIO()
    PoniFile(geometry).write(stream)
    return "".join(line + "\n" for line in stream.getvalue().splitlines() if not line.startswith("# Calibration done"))


def detector(orientation, sensor=None):
    config = dict(pixel1=PIXEL1, pixel2=PIXEL2, max_shape=(ROWS, COLUMNS), orientation=orientation)
    if sensor is not None:
        material, thickness = sensor
        config["sensor"] = {"material": material, "thickness": thickness} if thickness else {"material": material}
    return Detector.factory("Detector", config)


def sampled_pixels(seed):
    state = numpy.random.RandomState(seed)
    pixels = [(0, 0), (0, COLUMNS - 1), (ROWS - 1, 0), (ROWS - 1, COLUMNS - 1)]
    while len(pixels) < 4 + SAMPLES:
        pixel = (int(state.randint(ROWS)), int(state.randint(COLUMNS)))
        if pixel not in pixels:
            pixels.append(pixel)
    return pixels


def maps(ai):
    """pyFAI's centre maps in double precision, as its integrators compute them."""
    shape = (ROWS, COLUMNS)
    q = ai.array_from_unit(shape, "center", "q_nm^-1", scale=True)
    tth = ai.array_from_unit(shape, "center", "2th_rad", scale=True)
    chi = ai.array_from_unit(shape, "center", "chi_rad", scale=True)
    d1, d2 = numpy.indices(shape, dtype=numpy.float64)
    solid_angle = ai.cos_incidence(d1, d2) ** 3
    cos2 = numpy.cos(tth) ** 2
    polarization = 0.5 * (1.0 + cos2 - POLARIZATION * numpy.cos(2.0 * chi) * (1.0 - cos2))
    # The same quantities from pyFAI's single-precision arrays, to make sure the double ones are what it uses.
    assert numpy.allclose(solid_angle, ai.solidAngleArray(shape), rtol=1e-6, atol=0)
    assert numpy.allclose(polarization, ai.polarization(shape, factor=POLARIZATION), rtol=1e-6, atol=0)
    return q, tth, chi, solid_angle, polarization


def swift_double(value):
    value = float(value)
    if numpy.isnan(value):
        return ".nan"
    return repr(value)


def swift_string(text):
    return '"""\n' + "".join("            " + line + "\n" for line in text.splitlines()) + '            """'


def swift_fit2d(f2d, orientation=3, max_shape=None, indent=23):
    shape = "nil" if max_shape is None else "FrameShape(rows: %d, columns: %d)" % max_shape
    text = ("Fit2DGeometry(directDist: %s, centerX: %s, centerY: %s, tilt: %s, tiltPlanRotation: %s,\n"
            + " " * indent + "pixelX: %s, pixelY: %s, wavelength: %s, maxShape: %s, orientation: %d)")
    return (text
            % tuple([swift_double(f2d[key]) for key in ("directDist", "centerX", "centerY", "tilt", "tiltPlanRotation",
                                                         "pixelX", "pixelY", "wavelength")] + [shape, orientation]))


def swift_geometry(geometry):
    return ("Geometry(distance: %s, poni1: %s, poni2: %s, rot1: %s, rot2: %s, rot3: %s,\n"
            "                  wavelength: %s, pixel1: %s, pixel2: %s)"
            % tuple(swift_double(getattr(geometry, key)) for key in
                    ("dist", "poni1", "poni2", "rot1", "rot2", "rot3", "wavelength", "pixel1", "pixel2")))


def map_case(name, ai, seed, poni=None, fit2d=None, orientation=3):
    q, tth, chi, solid_angle, polarization = maps(ai)
    pixels = []
    for row, column in sampled_pixels(seed):
        pixels.append("                Pixel(row: %d, column: %d, q: %s, twoTheta: %s, chi: %s, solidAngle: %s, "
                      "polarization: %s)"
                      % (row, column, swift_double(q[row, column]), swift_double(tth[row, column]),
                         swift_double(chi[row, column]), swift_double(solid_angle[row, column]),
                         swift_double(polarization[row, column])))
    corners = []
    if not ai.parallax:
        # pyFAI reads parallax-corrected corners from single-precision positions, too coarse to compare here.
        corner_tth = ai.array_from_unit((ROWS, COLUMNS), "corner", "2th_rad", scale=False)
        for row, column in sampled_pixels(seed)[:CORNER_SAMPLES]:
            for corner in range(4):
                corners.append("                Corner(row: %d, column: %d, corner: %d, twoTheta: %s, chi: %s)"
                               % (row, column, corner, swift_double(corner_tth[row, column, corner, 0]),
                                  swift_double(corner_tth[row, column, corner, 1])))
    f2d = ai.getFit2D()
    return ("        MapCase(\n"
            "            name: %r,\n"
            "            poni: %s,\n"
            "            fit2d: %s,\n"
            "            pyFAIFit2D: %s,\n"
            "            pixels: [\n%s,\n            ],\n"
            "            corners: [\n%s\n            ])"
            % (name, "nil" if poni is None else swift_string(poni),
               "nil" if fit2d is None else swift_fit2d(fit2d, orientation, (ROWS, COLUMNS), indent=33),
               swift_fit2d(f2d, orientation, (ROWS, COLUMNS), indent=38), ",\n".join(pixels),
               "".join(line + ",\n" for line in corners))).replace("'", '"')


def main():
    output = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SAXSIntegrationTests",
                          "GeometryReference.swift")
    map_cases = []
    for seed, (name, geometry, orientation, sensor) in enumerate(PONI_CASES):
        written = Geometry(detector=detector(orientation, sensor), **geometry)
        if sensor is not None:
            written.enable_parallax()
            assert written.parallax is not None
        poni = poni_text(written)
        path = "/tmp/saxsd_geometry_reference.poni"
        with open(path, "w") as handle:
            handle.write(poni)
        ai = pyFAI.load(path)
        os.remove(path)
        assert ai.detector.orientation == orientation and bool(ai.parallax) == (sensor is not None)
        map_cases.append(map_case(name, ai, seed, poni=poni, orientation=orientation))
    for seed, (name, fit2d, orientation) in enumerate(FIT2D_MAP_CASES, start=len(PONI_CASES)):
        ai = AzimuthalIntegrator(detector=detector(orientation))
        ai.setFit2D(**fit2d)
        full = dict(fit2d, pixelX=PIXEL2 * 1e6, pixelY=PIXEL1 * 1e6)
        map_cases.append(map_case(name, ai, seed, fit2d=full, orientation=orientation))

    from_fit2d = []
    for f2d in FIT2D_CONVERSIONS:
        ai = AzimuthalIntegrator()
        ai.setFit2D(**f2d)
        assert ai.pixel1 == f2d["pixelY"] * 1e-6 and ai.pixel2 == f2d["pixelX"] * 1e-6
        from_fit2d.append("        (%s,\n         %s)" % (swift_fit2d(f2d), swift_geometry(ai)))
    to_fit2d = []
    for values in GEOMETRY_CONVERSIONS:
        values = dict(values)
        pixels = Detector(pixel1=values.pop("pixel1"), pixel2=values.pop("pixel2"))
        ai = AzimuthalIntegrator(detector=pixels, **values)
        to_fit2d.append("        (%s,\n         %s)" % (swift_geometry(ai), swift_fit2d(ai.getFit2D())))

    attenuation = []
    for material in ALL_MATERIALS.values():
        for energy in ENERGIES:
            try:
                mu = material.mu(energy, unit="m")
            except RuntimeError:
                continue
            attenuation.append("        (%r, %s, %s)" % (material.name, swift_double(energy), swift_double(mu)))

    text = """// Generated by scripts/pyfai_geometry_reference.py with pyFAI %s; do not edit, run the script again.
import SAXSFrames
@testable import SAXSIntegration

/// pyFAI's pixel maps and Fit2D conversions for geometries in no shared file.
enum GeometryReference {
    struct Pixel: Sendable {
        var row: Int
        var column: Int
        var q: Double
        var twoTheta: Double
        var chi: Double
        var solidAngle: Double
        var polarization: Double
    }

    /// Corner 0...3 of a pixel in pyFAI's order: (row, column), (row + 1, column), (row + 1, column + 1),
    /// (row, column + 1). pyFAI keeps corners in single precision.
    struct Corner: Sendable {
        var row: Int
        var column: Int
        var corner: Int
        var twoTheta: Double
        var chi: Double
    }

    /// One geometry, given as the PONI file pyFAI wrote or as the Fit2D parameters pyFAI was set with.
    struct MapCase: Sendable, CustomStringConvertible {
        var name: String
        var poni: String?
        var fit2d: Fit2DGeometry?
        /// pyFAI's `getFit2D()` of the geometry.
        var pyFAIFit2D: Fit2DGeometry
        var pixels: [Pixel]
        var corners: [Corner]
        var description: String { name }
    }

    static let shape = FrameShape(rows: %d, columns: %d)
    static let polarizationFactor = %r

    static let mapCases: [MapCase] = [
%s,
    ]

    /// Fit2D parameters and the geometry pyFAI's `setFit2D` made of them.
    static let fromFit2D: [(fit2d: Fit2DGeometry, geometry: Geometry)] = [
%s,
    ]

    /// Geometries and pyFAI's `getFit2D` of them.
    static let toFit2D: [(geometry: Geometry, fit2d: Fit2DGeometry)] = [
%s,
    ]

    /// pyFAI's linear attenuation coefficient (1/m) of a sensor material at an energy (keV).
    static let attenuation: [(material: String, energy: Double, mu: Double)] = [
%s,
    ]
}
""" % (pyFAI.version, ROWS, COLUMNS, POLARIZATION, ",\n".join(map_cases), ",\n".join(from_fit2d),
       ",\n".join(to_fit2d), ",\n".join(attenuation).replace("'", '"'))
    with open(output, "w") as handle:
        handle.write(text)
    print("wrote", os.path.normpath(output))


if __name__ == "__main__":
    main()
