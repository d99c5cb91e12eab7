/// A JSON value as saxsd writes XGBoost models. XGBoost's reader keeps integers and floating-point numbers
/// apart and refuses an integer where it expects a float ("Invalid cast, from Integer to Number"), so a float is
/// always written with a point or an exponent ("400.0", not "400"); Foundation's encoders drop the ".0". Keys
/// are written in the order given.
enum XGBoostJSONValue {
    case object([(String, XGBoostJSONValue)])
    case array([XGBoostJSONValue])
    /// Arrays of numbers, the bulk of a model, without a value per element.
    case integers([Int])
    case floats([Float])
    case integer(Int)
    case string(String)

    func write(to output: inout String) {
        switch self {
        case let .object(members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.write(key, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        case let .integers(values):
            output += "[" + values.map(String.init).joined(separator: ",") + "]"
        case let .floats(values):
            // Float's description is the shortest text that reads back as the same float, always with a point or
            // an exponent; validation has kept NaN and infinities out of split conditions.
            output += "[" + values.map(\.description).joined(separator: ",") + "]"
        case let .array(values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case let .integer(value):
            output += String(value)
        case let .string(value):
            Self.write(value, to: &output)
        }
    }

    private static func write(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
