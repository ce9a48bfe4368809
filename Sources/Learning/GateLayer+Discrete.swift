extension GateLayer {
    /// The discretised layer on bit-packed activations: 64 samples per word,
    /// unit-major `[unit * wordsPerUnit + word]`. Output word of gate g =
    /// `functions[g]` applied to its two input words.
    ///
    /// - Parameters:
    ///   - functions: one function number per gate (from `discretized()`).
    ///   - input: `[inputCount × wordsPerUnit]` words.
    ///   - output: `[gateCount × wordsPerUnit]` words; overwritten.
    public func discreteForward(
        functions: [UInt8], input: UnsafePointer<UInt64>, output: UnsafeMutablePointer<UInt64>, wordsPerUnit: Int
    ) {
        precondition(functions.count == gateCount, "discreteForward: \(gateCount) gates need \(gateCount) functions")
        Self.discreteForward(functions: functions, firstInput: UnsafePointer(firstInput.baseAddress),
                             secondInput: UnsafePointer(secondInput.baseAddress), input: input, output: output,
                             wordsPerUnit: wordsPerUnit)
    }

    /// The discrete kernel for any wiring (one `firstInput`/`secondInput` pair per
    /// function): a layer need not exist as a trainable `GateLayer` to be run.
    public static func discreteForward(
        functions: [UInt8], firstInput: UnsafePointer<UInt32>, secondInput: UnsafePointer<UInt32>,
        input: UnsafePointer<UInt64>, output: UnsafeMutablePointer<UInt64>, wordsPerUnit: Int
    ) {
        functions.withUnsafeBufferPointer { functions in
            for gate in 0..<functions.count {
                let masks = GateFunction.algebraicNormalFormMasks(functions[gate])
                let a = input + Int(firstInput[gate]) * wordsPerUnit, b = input + Int(secondInput[gate]) * wordsPerUnit
                let out = output + gate * wordsPerUnit
                for word in 0..<wordsPerUnit {
                    out[word] = masks.0 ^ (masks.1 & a[word]) ^ (masks.2 & b[word]) ^ (masks.3 & a[word] & b[word])
                }
            }
        }
    }

    /// `discreteForward` on arrays: returns `[gateCount × wordsPerUnit]` words.
    public func discreteForward(functions: [UInt8], input: [UInt64], wordsPerUnit: Int) -> [UInt64] {
        precondition(input.count == inputCount * wordsPerUnit,
                     "discreteForward: expected \(inputCount * wordsPerUnit) input words, got \(input.count)")
        var output = [UInt64](repeating: 0, count: gateCount * wordsPerUnit)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                discreteForward(functions: functions, input: input.baseAddress!, output: output.baseAddress!,
                                wordsPerUnit: wordsPerUnit)
            }
        }
        return output
    }
}
