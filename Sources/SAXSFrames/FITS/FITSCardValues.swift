/// The header keywords that decide an HDU's data size.
struct FITSCardValues {
    var bitpix: Int?
    var naxis: Int?
    var axes: [Int: Int] = [:]
    var pcount = 0
    var gcount = 1
    /// What is wrong with the first card that cfitsio must not read: a keyword FITS defines as an integer holding
    /// something else, or a tile size or compression parameter of 0, which cfitsio divides by. Complete once the
    /// END card is read.
    var problem: String?
    /// The tile-compression parameters, ZNAMEn and ZVALn, by n.
    private var parameterNames: [Int: String] = [:]
    private var parameterValues: [Int: String] = [:]

    /// Reads the 36 cards of one header block; true once the END card is seen.
    mutating func read(_ block: [UInt8]) -> Bool {
        for card in 0..<36 {
            let bytes = block[(card * 80)..<(card * 80 + 80)]
            let keyword = String(decoding: bytes.prefix(8), as: UTF8.self).trimmingTrailingSpaces()
            if keyword == "END" {
                checkCompressionParameters()
                return true
            }
            // The standard's value indicator is "= " in columns 9 and 10; cfitsio reads a value after a lone "=" too.
            guard bytes.dropFirst(8).first == UInt8(ascii: "=") else { continue }
            let text = String(decoding: bytes.dropFirst(9), as: UTF8.self)
            let valueText = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            if keyword.hasPrefix("ZNAME"), let n = Int(keyword.dropFirst(5)) {
                parameterNames[n] = valueText.filter { $0 != "'" && $0 != " " }.uppercased()
            }
            if keyword.hasPrefix("ZVAL"), let n = Int(keyword.dropFirst(4)) { parameterValues[n] = valueText }
            // An integer is one run of digits, signed or not: cfitsio reads "0   1" as 0, not as 1.
            let digits = valueText.split(separator: " ")
            guard digits.count == 1, let value = Int(digits[0]) else {
                if problem == nil, Self.isIntegerKeyword(keyword) {
                    problem = "\(keyword) = \(valueText.trimmingCharacters(" ")), which is not an integer"
                }
                continue
            }
            if problem == nil, keyword.hasPrefix("ZTILE"), value < 1 {
                problem = "\(keyword) = \(value), and a tile holds at least one pixel along each axis"
            }
            // cfitsio decodes a compressed image of another sample type into pixels it never writes, different on
            // every read (found by the fuzz test, ZBITPIX = -1).
            if problem == nil, keyword == "BITPIX" || keyword == "ZBITPIX", ![8, 16, 32, 64, -32, -64].contains(value) {
                problem = "\(keyword) = \(value), which is no FITS sample type"
            }
            // A negative size makes cfitsio step back to an earlier HDU for the next one, and count HDUs forever
            // (found by the fuzz test, PCOUNT = -4096).
            if problem == nil, value < 0, ["PCOUNT", "GCOUNT", "ZNAXIS"].contains(keyword) || keyword.hasPrefix("NAXIS")
                || keyword.hasPrefix("ZNAXIS") {
                problem = "\(keyword) = \(value), and a size cannot be negative"
            }
            switch keyword {
            case "BITPIX": bitpix = value
            case "NAXIS": naxis = value
            case "PCOUNT": pcount = value
            case "GCOUNT": gcount = value
            default:
                if keyword.hasPrefix("NAXIS"), let n = Int(keyword.dropFirst(5)) { axes[n] = value }
            }
        }
        return false
    }

    /// RICE's BLOCKSIZE and BYTEPIX are divisors in cfitsio: each must be one positive integer (it reads
    /// `0   32` as 0, found by the fuzz test), BYTEPIX a sample width. Every parameter must be one number of fewer
    /// than 26 characters: cfitsio converts integer ones to 64 bits, and that conversion aborts the process on a
    /// value of 30 characters it cannot convert, digits included (found by the fuzz test, SMOOTH = 52 nines).
    private mutating func checkCompressionParameters() {
        for (n, value) in parameterValues.sorted(by: { $0.key < $1.key }) where problem == nil {
            let tokens = value.split(separator: " ")
            let name = parameterNames[n] ?? ""
            let divisor = ["BLOCKSIZE", "BYTEPIX"].contains(name)
            let number = tokens.count == 1 ? Int(tokens[0]) : nil
            let numeric = tokens.count == 1 && tokens[0].count < 26
                && (number != nil || Double(tokens[0].replacing("D", with: "E")) != nil)
            if !numeric || (divisor && (number ?? 0) < 1) || (name == "BYTEPIX" && ![1, 2, 4, 8].contains(number ?? 0)) {
                problem = "ZVAL\(n) = \(value.trimmingCharacters(" ")) for \(parameterNames[n] ?? "no ZNAME\(n)"), "
                    + (name == "BYTEPIX" ? "which is not 1, 2, 4 or 8 bytes" : divisor ? "which is not a positive integer"
                        : "which is not one short number")
            }
        }
    }

    /// Keywords the FITS standard and the tile-compression convention define as integers, which cfitsio converts as
    /// integers when it opens or moves to an HDU.
    static func isIntegerKeyword(_ keyword: String) -> Bool {
        if integerKeywords.contains(keyword) { return true }
        return numberedIntegerKeywords.contains { prefix in
            keyword.hasPrefix(prefix) && keyword.count > prefix.count && Int(keyword.dropFirst(prefix.count)) != nil
        }
    }

    private static let integerKeywords: Set<String> = ["BITPIX", "NAXIS", "PCOUNT", "GCOUNT", "TFIELDS", "THEAP", "BLANK",
                                                       "EXTVER", "EXTLEVEL", "ZBITPIX", "ZNAXIS", "ZPCOUNT", "ZGCOUNT",
                                                       "ZTHEAP", "ZBLANK", "ZDITHER0"]
    private static let numberedIntegerKeywords = ["NAXIS", "ZNAXIS", "ZTILE", "TBCOL"]

    var dataBytes: Int? {
        guard let bitpix, [8, 16, 32, 64, -32, -64].contains(bitpix), let naxis, (0...999).contains(naxis) else { return nil }
        if naxis == 0 { return 0 }
        var elements = 1
        for n in 1...naxis {
            guard let length = axes[n], length >= 0 else { return nil }
            let (product, overflow) = elements.multipliedReportingOverflow(by: length)
            if overflow { return nil }
            elements = product
        }
        guard pcount >= 0, gcount >= 0 else { return nil }
        let (groupElements, groupOverflow) = pcount.addingReportingOverflow(elements)
        let (allElements, allOverflow) = gcount.multipliedReportingOverflow(by: groupElements)
        let (total, overflow) = (abs(bitpix) / 8).multipliedReportingOverflow(by: allElements)
        return groupOverflow || allOverflow || overflow ? nil : total
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    fileprivate func trimmingCharacters(_ character: Character) -> String {
        String(drop { $0 == character }).trimmingTrailingSpaces()
    }
}
