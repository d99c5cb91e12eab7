import SAXSFrames

/// Pixel size and frame size of the detectors pyFAI knows by name, for PONI files that name a detector
/// without a `Detector_config` (version 2 files of some pyFAI releases, hand-written files).
struct KnownDetector: Sendable, Hashable {
    var pixel1: Double
    var pixel2: Double
    var shape: FrameShape

    /// pyFAI matches names ignoring case, spaces, underscores and dashes ("Pilatus 1M" = "pilatus_1m").
    static func named(_ name: String) -> KnownDetector? {
        catalog[normalized(name)]
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
    }

    private static func square(_ pixel: Double, _ rows: Int, _ columns: Int) -> KnownDetector {
        KnownDetector(pixel1: pixel, pixel2: pixel, shape: FrameShape(rows: rows, columns: columns))
    }

    /// The hybrid pixel detectors found at SAXS beamlines, with pyFAI 2026.9's sizes; CdTe variants share the Si
    /// sizes. Image plates and flat panels are left out: their frame size depends on the read-out binning.
    private static let catalog: [String: KnownDetector] = {
        var table: [String: KnownDetector] = [:]
        let pilatus: [(String, Int, Int)] = [
            ("100k", 195, 487), ("200k", 407, 487), ("300k", 619, 487), ("300kw", 195, 1475),
            ("900k", 619, 1475), ("1m", 1043, 981), ("2m", 1679, 1475), ("6m", 2527, 2463),
        ]
        for (size, rows, columns) in pilatus {
            let detector = square(172e-6, rows, columns)
            table["pilatus\(size)"] = detector
            table["pilatuscdte\(size)"] = detector
            table["pilatus\(size)cdte"] = detector
        }
        let pilatus4: [(String, Int, Int)] = [
            ("260k", 530, 513), ("260kw", 255, 1033), ("1m", 1080, 1033), ("2m", 1630, 1553), ("4m", 2180, 2073),
        ]
        for (size, rows, columns) in pilatus4 {
            let detector = square(150e-6, rows, columns)
            table["pilatus4\(size)"] = detector
            table["pilatus4cdte\(size)"] = detector
            table["pilatus4\(size)cdte"] = detector
        }
        let eiger: [(String, Int, Int)] = [
            ("500k", 514, 1030), ("1m", 1065, 1030), ("4m", 2167, 2070), ("9m", 3269, 3110), ("16m", 4371, 4150),
        ]
        for (size, rows, columns) in eiger {
            table["eiger\(size)"] = square(75e-6, rows, columns)
        }
        let eiger2: [(String, Int, Int)] = [
            ("250k", 512, 512), ("500k", 512, 1028), ("1m", 1062, 1028), ("4m", 2162, 2068), ("9m", 3262, 3108), ("16m", 4362, 4148),
        ]
        for (size, rows, columns) in eiger2 {
            let detector = square(75e-6, rows, columns)
            table["eiger2\(size)"] = detector
            table["eiger2cdte\(size)"] = detector
        }
        return table
    }()
}
