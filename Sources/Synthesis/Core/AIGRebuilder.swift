import Circuits

/// Rebuilds an AIG node by node into a fresh, structurally hashed builder:
/// the common frame of every optimisation pass.
///
/// The interface (inputs, latches with their resets, names, comments) is
/// copied up front, so the images of the constant, the inputs and the
/// latches are known. A pass then gives every AND it keeps an image,
/// usually in topological order with `copyAnd(_:)` or with logic of its
/// own built on `builder`, and `finish()` remaps the outputs, latch next
/// states and properties and drops whatever the roots do not reach.
public struct AIGRebuilder {
    /// The original circuit.
    public let source: AIG
    /// The circuit being built; passes add their own logic here.
    public var builder: AIGBuilder
    /// Image of every source variable as a literal of `builder` (positive phase).
    /// ANDs not yet rebuilt map to `Literal.false`.
    public private(set) var image: [Literal]

    /// Starts a rebuild of `aig` with its interface already in place.
    public init(_ aig: AIG) {
        source = aig
        builder = AIGBuilder(expectedAnds: max(1024, aig.andCount))
        builder.comments = aig.comments
        image = [Literal](repeating: .false, count: aig.variableCount)
        for i in 0..<aig.inputCount {
            image[1 + i] = builder.addInput(name: aig.names.input(i))
        }
        for (j, latch) in aig.latches.enumerated() {
            image[aig.firstLatchVariable + j] = builder.addLatch(reset: latch.reset, name: aig.names.latch(j))
        }
    }

    /// The image of a source literal.
    @inlinable public func map(_ literal: Literal) -> Literal {
        image[literal.variable].complemented(if: literal.isComplemented)
    }

    /// Sets the image of source variable `variable` to `literal`. For an AND
    /// this is how a pass rebuilds it; for an input it substitutes a value
    /// for the input everywhere (the interface keeps the input). Latches keep their images.
    public mutating func setImage(ofVariable variable: Int, to literal: Literal) {
        precondition(variable > 0 && variable < image.count, "variable \(variable) out of range")
        precondition(variable < source.firstLatchVariable || variable >= source.firstAndVariable,
                     "latch variable \(variable) cannot be substituted")
        image[variable] = literal
    }

    /// Rebuilds AND `index` of the source as the AND of its fanins' images,
    /// which must already be set; returns the image.
    @discardableResult
    public mutating func copyAnd(_ index: Int) -> Literal {
        let result = builder.and(map(source.fanin0[index]), map(source.fanin1[index]))
        image[source.firstAndVariable + index] = result
        return result
    }

    /// Rebuilds every AND whose image is not yet set by copying it; for
    /// passes that only replace some nodes. Nodes that were set keep their image.
    public mutating func copyRemainingAnds(alreadySet: (Int) -> Bool) {
        for k in 0..<source.andCount where !alreadySet(k) { copyAnd(k) }
    }

    /// The rebuilt circuit: roots remapped, names and properties kept, and
    /// only the ANDs the roots reach.
    public func finish() -> AIG {
        var builder = self.builder
        for (o, literal) in source.outputs.enumerated() {
            builder.addOutput(map(literal), name: source.names.output(o))
        }
        for (j, latch) in source.latches.enumerated() {
            builder.setNext(of: image[source.firstLatchVariable + j], to: map(latch.next))
        }
        var aig = builder.build()
        aig.bad = source.bad.map(map)
        aig.constraints = source.constraints.map(map)
        aig.justice = source.justice.map { $0.map(map) }
        aig.fairness = source.fairness.map(map)
        aig.names = source.names
        return aig.removingDanglingNodes()
    }
}
