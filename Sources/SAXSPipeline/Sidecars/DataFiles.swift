/// The names of the data files written for one frame, as the sidecar records them; nil where a file was not
/// written.
struct DataFiles {
    var profile: String?
    /// One per sector, in order.
    var sectors: [String?]
    var cake: String?
}
