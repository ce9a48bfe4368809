/// Neurons with ternary weights and a binary (step) activation.
extension AIGBuilder {
    /// The literal for Σ wᵢ·xᵢ ≥ θ with wᵢ ∈ {−1, 0, +1} and xᵢ ∈ {0, 1}.
    ///
    /// Since −x = (1 − x) − 1, the condition is Σ_{w=+1} xᵢ + Σ_{w=−1} ¬xᵢ ≥
    /// θ + #{w = −1}: one popcount of the signed literals and one comparison
    /// with a constant. Thresholds that every or no input reaches give a
    /// constant; "at least one" is a plain OR and "all" a plain AND, each far
    /// smaller than a popcount.
    public mutating func thresholdNeuron(inputs: [Literal], weights: [Int8], threshold: Int) -> Literal {
        let (terms, negatives) = Self.signedTerms(inputs: inputs, weights: weights)
        // Clamp before adding so extreme thresholds cannot overflow.
        let needed = Swift.min(Swift.max(threshold, -terms.count), terms.count + 1) + negatives
        if needed <= 0 { return .true }
        if needed > terms.count { return .false }
        if needed == 1 { return or(terms.sorted()) }
        if needed == terms.count { return and(terms.sorted()) }
        return greaterThanOrEqual(popcount(terms), needed)
    }

    /// The literals whose popcount is Σ wᵢ·xᵢ + #{w = −1} for ternary weights: xᵢ where wᵢ = +1,
    /// ¬xᵢ where wᵢ = −1 (since −x = ¬x − 1), none where wᵢ = 0; and the count of −1 weights.
    public static func signedTerms(inputs: [Literal], weights: [Int8]) -> (terms: [Literal], negatives: Int) {
        precondition(inputs.count == weights.count, "\(inputs.count) inputs but \(weights.count) weights")
        var terms = [Literal]()
        terms.reserveCapacity(inputs.count)
        var negatives = 0
        for (x, w) in zip(inputs, weights) {
            switch w {
            case 1: terms.append(x)
            case -1: terms.append(!x); negatives += 1
            case 0: continue
            default: preconditionFailure("weight \(w) is not ternary")
            }
        }
        return (terms, negatives)
    }
}
