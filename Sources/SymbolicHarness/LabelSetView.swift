import Symbolic

/// Reading labels by name at a position, from the public view of an interpreter: a stored label
/// holds when its number is in the set; a group holds when one of its members is.
struct LabelSetView {
    let universe: LabelUniverse
    let numbers: [String: Int]

    init(_ interpreter: SymbolicInterpreter) {
        universe = interpreter.universe
        numbers = Dictionary(universe.labels.enumerated().map { ($0.element.description, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The stored-label numbers that make the label named `name` hold; nil when the program knows no such label.
    func members(of name: String) -> [Int]? {
        if let g = universe.groups[name] { return g }
        return numbers[name].map { [$0] }
    }

    func names(_ numbers: some Sequence<Int>) -> [String] { numbers.map { universe.labels[$0].description } }
}
