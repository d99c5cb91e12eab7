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

    /// One detector family: pixel pitch, the name spellings pyFAI accepts (`#` stands for the size), and
    /// the sizes with their frame shapes.
    private struct Family {
        var pixel: Double
        var spellings: [String]
        var sizes: [(String, Int, Int)]
    }

    /// The hybrid pixel detectors found at SAXS beamlines, with pyFAI 2026.9's sizes; CdTe variants share the Si
    /// sizes. Image plates and flat panels are left out: their frame size depends on the read-out binning.
    private static let families: [Family] = [
        Family(pixel: 172e-6, spellings: ["pilatus#", "pilatuscdte#", "pilatus#cdte"], sizes: [
            ("100k", 195, 487), ("200k", 407, 487), ("300k", 619, 487), ("300kw", 195, 1475),
            ("900k", 619, 1475), ("1m", 1043, 981), ("2m", 1679, 1475), ("6m", 2527, 2463),
        ]),
        Family(pixel: 150e-6, spellings: ["pilatus4#", "pilatus4cdte#", "pilatus4#cdte"], sizes: [
            ("260k", 530, 513), ("260kw", 255, 1033), ("1m", 1080, 1033), ("2m", 1630, 1553), ("4m", 2180, 2073),
        ]),
        Family(pixel: 75e-6, spellings: ["eiger#"], sizes: [
            ("500k", 514, 1030), ("1m", 1065, 1030), ("4m", 2167, 2070), ("9m", 3269, 3110), ("16m", 4371, 4150),
        ]),
        Family(pixel: 75e-6, spellings: ["eiger2#", "eiger2cdte#"], sizes: [
            ("250k", 512, 512), ("500k", 512, 1028), ("1m", 1062, 1028), ("4m", 2162, 2068), ("9m", 3262, 3108),
            ("16m", 4362, 4148),
        ]),
    ]

    private static let catalog: [String: KnownDetector] = {
        var table: [String: KnownDetector] = [:]
        for family in families {
            for (size, rows, columns) in family.sizes {
                let detector = KnownDetector(pixel1: family.pixel, pixel2: family.pixel,
                                             shape: FrameShape(rows: rows, columns: columns))
                for spelling in family.spellings {
                    table[spelling.replacing("#", with: size)] = detector
                }
            }
        }
        return table
    }()
}
