import Circuits
import Foundation

/// A circuit the benchmark measures.
struct BenchCircuit {
    var name: String
    var aig: AIG
    /// The AIGER file it was read from, if any.
    var path: String?

    /// The `count` largest EPFL circuits in `directory` (by AND count), largest first.
    static func largestEPFL(in directory: String, count: Int) throws -> [BenchCircuit] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".aig") }
        let circuits = try names.map { name -> BenchCircuit in
            let path = "\(directory)/\(name)"
            return BenchCircuit(name: String(name.dropLast(4)), aig: try AIGERReader.read(path: path), path: path)
        }
        return Array(circuits.sorted { $0.aig.andCount > $1.aig.andCount }.prefix(count))
    }

    /// A generated random circuit of `ands` AND nodes, less those that reach no
    /// output (dropped so that every engine evaluates the same, live, gates).
    static func random(ands: Int, inputs: Int = 256) -> BenchCircuit {
        let label = ands % 1_000_000 == 0 ? "\(ands / 1_000_000)M" : ands % 1000 == 0 ? "\(ands / 1000)K" : "\(ands)"
        let aig = AIG.random(inputs: inputs, ands: ands, maxOutputs: 256, seed: 1).removingDanglingNodes()
        return BenchCircuit(name: "random\(label)", aig: aig)
    }
}
