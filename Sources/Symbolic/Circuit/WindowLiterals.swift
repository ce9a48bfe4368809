import Circuits

/// The compiler's carrier: a plane is one AIG literal per position of the W-byte window (index 0
/// the oldest byte, W − 1 the newest), built with structural hashing as the evaluator asks.
struct WindowLiterals: PositionAlgebra {
    typealias Plane = [Literal]
    var builder: AIGBuilder
    let width: Int
    let one: Plane

    init(builder: AIGBuilder, width: Int) {
        self.builder = builder
        self.width = width
        one = [Literal](repeating: .true, count: width)
    }

    mutating func and(_ a: Plane, _ b: Plane) -> Plane { (0..<width).map { builder.and(a[$0], b[$0]) } }
    mutating func or(_ a: Plane, _ b: Plane) -> Plane { (0..<width).map { builder.or(a[$0], b[$0]) } }
    mutating func andNot(_ a: Plane, _ b: Plane) -> Plane { (0..<width).map { builder.and(a[$0], !b[$0]) } }
    func not(_ a: Plane) -> Plane { a.map { !$0 } }
    func isFalse(_ a: Plane) -> Bool { a.allSatisfy { $0 == .false } }
    func shifted(_ a: Plane, by d: Int) -> Plane { (0..<width).map { $0 >= d ? a[$0 - d] : .false } }
}
