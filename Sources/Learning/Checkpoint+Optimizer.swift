/// The optimiser's state in a checkpoint: Adam's moments as tensors `adam.<i>.m` and `adam.<i>.v`,
/// one pair per parameter, for every model family.
extension Checkpoint {
    /// The moment tensors' names for `parameters` parameters.
    public static func momentNames(parameters: Int) -> [String] {
        (0..<parameters).flatMap { ["adam.\($0).m", "adam.\($0).v"] }
    }

    /// Stores `optimizer`'s moments.
    public mutating func storeMoments(of optimizer: Adam) {
        for (i, moments) in zip(optimizer.firstMoments, optimizer.secondMoments).enumerated() {
            self["adam.\(i).m"] = .float32(moments.0.array)
            self["adam.\(i).v"] = .float32(moments.1.array)
        }
    }

    /// An optimiser over `parameters` with the moments stored here (fresh ones when `stored` is
    /// false) and `step` steps taken; the tensors are expected validated by the model's loader.
    public func optimizer(for parameters: [Adam.Parameter], learningRate: Float, stored: Bool, step: Int) throws -> Adam {
        let adam = Adam(parameters: parameters, learningRate: learningRate)
        guard stored else { return adam }
        for i in adam.parameters.indices {
            adam.firstMoments[i].copy(from: try float32("adam.\(i).m"))
            adam.secondMoments[i].copy(from: try float32("adam.\(i).v"))
        }
        adam.stepCount = step
        return adam
    }
}
