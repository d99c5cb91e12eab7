extension TIFFReader {
    /// The current directory's text tags as header entries, in tag order. Two carry more than text:
    /// - ImageDescription holding a Dectris header becomes its entries (see `FrameHeader.appendPilatusHeader`);
    ///   any other description is kept whole under `ImageDescription`.
    /// - Artist holding a SAXSLAB parameter block becomes one entry per parameter (see `appendSAXSLABParameters`);
    ///   any other text is kept whole under `Artist`.
    /// Make, Model, Software and DateTime are kept under their TIFF names.
    func header(of file: borrowing TIFFFile) -> FrameHeader {
        var header = FrameHeader()
        for tag in TIFFTextTag.allCases {
            guard let text = file.text(tag) else { continue }
            switch tag {
            case .imageDescription where header.appendPilatusHeader(text): continue
            case .artist where Self.appendSAXSLABParameters(text, to: &header): continue
            default: header.append(tag.name, .string(text))
            }
        }
        return header
    }

    /// SAXSLAB (now Xenocs) instruments write `<SAXSLABparameters><param name="wavelength">1.5418</param>…`
    /// into Artist. Each non-empty parameter becomes an entry under its own name: a single number as a number,
    /// anything else (pairs such as `beamcenter_actual` = "359.10    267.30", dates) as text. Units are
    /// SAXSLAB's: `wavelength` in Å, `detector_dist` in mm, `det_exposure_time` in s, `pixelsize` in mm.
    /// Returns false, appending nothing, when the text is not such a block.
    static func appendSAXSLABParameters(_ text: String, to header: inout FrameHeader) -> Bool {
        guard text.contains("<SAXSLABparameters>") else { return false }
        for piece in text.split(separator: "<param name=\"").dropFirst() {
            guard let nameEnd = piece.firstRange(of: "\">"),
                  let valueEnd = piece[nameEnd.upperBound...].firstRange(of: "</param>") else { continue }
            let name = String(piece[..<nameEnd.lowerBound])
            let value = piece[nameEnd.upperBound..<valueEnd.lowerBound].trimmedWhitespace
            guard !name.isEmpty, !value.isEmpty else { continue }
            header.append(name, FrameHeader.Value(number: value) ?? .string(String(value)))
        }
        return true
    }
}
