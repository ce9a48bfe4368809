import Learning

/// Reading a checkpoint whose parameters are a list of named Float32 tensors (the ternary
/// recurrent and the integer window families), validated one way.
extension Checkpoint {
    /// The values of the parameters `names` (`counts[i]` floats each), after checking that the
    /// file holds no tensor but these and, with `withMoments`, their Adam moments; that each is a
    /// Float32 tensor of that length with finite elements; and that no second moment is
    /// negative. Lengths are checked before any work that depends on them. Errors start with `source`.
    func floatParameters(names: [String], counts: [Int], withMoments: Bool, source: String) throws(CheckpointFormatError) -> [[Float]] {
        func invalid(_ what: String) -> CheckpointFormatError { CheckpointFormatError(description: "\(source): \(what)") }
        let expected = names + (withMoments ? Self.momentNames(parameters: counts.count) : [])
        if let extra = tensors.map(\.name).first(where: { !expected.contains($0) }) { throw invalid("unexpected tensor '\(extra)'") }
        func finite(_ name: String, count: Int) throws(CheckpointFormatError) -> [Float] {
            guard let stored = self[name] else { throw invalid("no tensor named '\(name)'") }
            guard stored.count == count else { throw invalid("tensor '\(name)' has \(stored.count) elements; the configuration needs \(count)") }
            guard case .float32(let values) = stored else { throw invalid("tensor '\(name)' is not Float32") }
            if let bad = values.firstIndex(where: { !$0.isFinite }) { throw invalid("tensor '\(name)' element \(bad) is \(values[bad]) (not finite)") }
            return values
        }
        var values = [[Float]]()
        for (name, count) in zip(names, counts) { values.append(try finite(name, count: count)) }
        if withMoments {
            for (i, count) in counts.enumerated() {
                _ = try finite("adam.\(i).m", count: count)
                let v = try finite("adam.\(i).v", count: count)
                if let bad = v.firstIndex(where: { $0 < 0 }) { throw invalid("tensor 'adam.\(i).v' element \(bad) is negative (a second moment cannot be)") }
            }
        }
        return values
    }

    /// A checkpoint of `metadata` with the parameters under `names` and, with `optimizer`, its moments.
    init(metadata: String, names: [String], parameters: [Adam.Parameter], optimizer: Adam?) {
        self.init(metadata: metadata)
        for (name, parameter) in zip(names, parameters) { self[name] = .float32(parameter.value.array) }
        if let optimizer { storeMoments(of: optimizer) }
    }
}
