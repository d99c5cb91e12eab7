/// The sample types an EDF `DataType` names. EDF's "Long" is 32 bits, as on the 1990s workstations that set the
/// format, and 64-bit integers have names of their own.
public typealias EDFDataType = SampleType

extension SampleType {
    /// The type a `DataType` value names, in any case; nil for names no writer uses. Covers the names fabio knows,
    /// the older `…ShortInteger`/`…LongInteger` spellings among them.
    init?(name: String) {
        guard let type = Self.edfNames[name.lowercased()] else { return nil }
        self = type
    }

    /// The name `EDFWriter` writes, the one fabio writes for the same numpy type.
    var headerName: String {
        switch self {
        case .uint8: "UnsignedByte"
        case .int8: "SignedByte"
        case .uint16: "UnsignedShort"
        case .int16: "SignedShort"
        case .uint32: "UnsignedInteger"
        case .int32: "SignedInteger"
        case .uint64: "Unsigned64"
        case .int64: "Signed64"
        case .float32: "FloatValue"
        case .float64: "DoubleValue"
        }
    }

    private static let edfNames: [String: SampleType] = [
        "unsignedbyte": .uint8, "unsignedchar": .uint8,
        "signedbyte": .int8, "signedchar": .int8,
        "unsignedshort": .uint16, "unsignedshortinteger": .uint16,
        "signedshort": .int16, "signedshortinteger": .int16,
        "unsignedinteger": .uint32, "unsignedint": .uint32, "unsignedlong": .uint32, "unsignedlonginteger": .uint32,
        "signedinteger": .int32, "signedint": .int32, "signedlong": .int32, "signedlonginteger": .int32,
        "unsigned64": .uint64, "signed64": .int64,
        "floatvalue": .float32, "float": .float32, "floatieee32": .float32, "real": .float32,
        "doublevalue": .float64, "double": .float64, "doubleieee64": .float64,
    ]
}
