import Testing
@testable import SAXSDaemon

@Suite struct WatchFilterTests {
    let filter = WatchFilter(include: ["*.fits", "*.fit", "*.fts"])

    @Test(arguments: ["frame_0001.fits", "A.FITS", "x.fit", "y.fts", "with space.fits"])
    func acceptsFrames(name: String) {
        #expect(filter.accepts(name: name))
    }

    @Test(arguments: [".frame.fits", ".frame.fits.tmp", "frame.fits.tmp", "frame.fits.part", "frame.fits~",
                      "frame.saxs.json", "frame.saxs.dat", "frame.tif", "notes.txt", ".run.saxs.json.saxsd-tmp-abc",
                      "frame.saxs.cake.fits", "frame_00003.saxs.cake.fits", "frame.saxs.sector1.dat",
                      "frame_00003.saxs.sector12.dat"])
    func rejectsEverythingElse(name: String) {
        #expect(!filter.accepts(name: name))
    }

    @Test func patternsMayMatchEverything() {
        let all = WatchFilter(include: ["*"])
        #expect(all.accepts(name: "anything.bin"))
        #expect(!all.accepts(name: "frame.saxs.json"))
        #expect(!all.accepts(name: "frame.saxs.sector3.dat") && !all.accepts(name: "frame.saxs.cake.fits"))
        // Only saxsd's own numbering: a frame that merely contains the words is still a frame.
        #expect(all.accepts(name: "frame.saxs.sector.dat") && all.accepts(name: "frame.saxs.sector1b.dat"))
    }
}
