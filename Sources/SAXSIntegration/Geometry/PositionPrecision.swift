/// How pixel positions on the detector are rounded before the geometry is applied.
///
/// pyFAI has two paths to the same pixel map. Its integrators use `center_array`, in double precision. Its older
/// `qArray`/`twoThetaArray` start from the positions its `Detector` caches in single precision, which moves
/// a pixel by up to ~5 nm: near the beam centre of a Pilatus at 2 m that changes q by up to 4e-5 relative.
/// saxsd integrates with `.double`; `.single` exists to reproduce maps saved from the older path.
public enum PositionPrecision: String, Sendable, Hashable, Codable, CaseIterable {
    case double
    case single
}
