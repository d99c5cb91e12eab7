/// FITS header units: 80-character cards in blocks of 2880 bytes, fixed format (FITS 4.0, section 4).
enum FITSHeader {
    enum Card {
        case logical(String, Bool, String?)
        case integer(String, Int, String?)
        case string(String, String, String?)

        /// Values right-justified to column 30, strings from column 11 with at least eight characters between
        /// the quotes, as the fixed format asks.
        var text: String {
            let (key, value, comment): (String, String, String?) = switch self {
            case .logical(let key, let value, let comment): (key, Self.right(value ? "T" : "F"), comment)
            case .integer(let key, let value, let comment): (key, Self.right(String(value)), comment)
            case .string(let key, let value, let comment):
                (key, "'" + value.replacing("'", with: "''").padded(to: 8) + "'", comment)
            }
            var card = key.padded(to: 8) + "= " + value
            if let comment { card += " / " + comment }
            return String(card.prefix(80)).padded(to: 80)
        }

        private static func right(_ value: String) -> String {
            String(repeating: " ", count: max(0, 20 - value.count)) + value
        }
    }

    static func primary(bitpix: Int, axes: [Int], cards: [Card]) -> [UInt8] {
        block([.logical("SIMPLE", true, "conforms to FITS")] + shape(bitpix: bitpix, axes: axes)
              + [.logical("EXTEND", true, "image extensions follow")] + cards)
    }

    static func image(bitpix: Int, axes: [Int], name: String, cards: [Card]) -> [UInt8] {
        block([.string("XTENSION", "IMAGE", "image extension")] + shape(bitpix: bitpix, axes: axes)
              + [.integer("PCOUNT", 0, nil), .integer("GCOUNT", 1, nil), .string("EXTNAME", name, nil)] + cards)
    }

    private static func shape(bitpix: Int, axes: [Int]) -> [Card] {
        [.integer("BITPIX", bitpix, nil), .integer("NAXIS", axes.count, nil)]
            + axes.enumerated().map { .integer("NAXIS\($0.offset + 1)", $0.element, nil) }
    }

    private static func block(_ cards: [Card]) -> [UInt8] {
        var bytes = Array((cards.map(\.text).joined() + "END".padded(to: 80)).utf8)
        bytes += [UInt8](repeating: UInt8(ascii: " "), count: FITSData.padding(bytes.count))
        return bytes
    }
}

private extension String {
    /// Pads with spaces to `length` characters (never truncates).
    func padded(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
