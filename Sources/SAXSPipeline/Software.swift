/// Name and version written into every sidecar and printed by `saxsd --version`.
public enum Software {
    public static let name = "saxsd"
    public static let version = "0.1.0"
}
