/// The 96 x 128 detector (172 µm pixels at 0.5 m, beam near row 48, column 64) that the configuration, pipeline and
/// service tests share: big enough to give a real profile, small enough that a burst of frames is processed in
/// milliseconds even in a debug build.
public enum SmallDetector {
    public static let rows = 96
    public static let columns = 128
    public static let poni = """
        poni_version: 2.1
        Detector: Detector
        Detector_config: {"pixel1": 0.000172, "pixel2": 0.000172, "max_shape": [96, 128], "orientation": 3}
        Distance: 0.5
        Poni1: 0.00826
        Poni2: 0.01101
        Rot1: 0
        Rot2: 0
        Rot3: 0
        Wavelength: 1e-10

        """
}
