/// A form factor that sums a size sweep faster than one size at a time (the sphere, by rotating sin qR and cos qR
/// from size to size instead of calling libm for each). Form factors without it are swept by
/// `pointwiseSweep`.
protocol SizeSweepingFormFactor: FormFactor {
    /// Writes the sweep's sums at every q over `sums` (which has the sizes for q.count and the shape).
    func sweep(_ sweep: SizeSweep, q: [Double], shape: [Double], gradient: Bool, into sums: inout SizeSweepSums)
}
