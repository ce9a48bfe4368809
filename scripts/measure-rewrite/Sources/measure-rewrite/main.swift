// Usage: measure-rewrite SCRIPT FILE...
// SCRIPT is a comma-separated list of steps: rw (rewrite), rwz (rewrite -z),
// rf (refactor), rfz (refactor -z); rw:N keeps N cuts per node, rf:N cuts
// cones at N leaves. Prints, per file, the AND count after
// strashing, after the script, and the script's wall time.
import Circuits
import Foundation
import Synthesis

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2 else {
    FileHandle.standardError.write("usage: measure-rewrite SCRIPT FILE...\n".data(using: .utf8)!)
    exit(2)
}
let steps = arguments.first!.split(separator: ",").map(String.init)
for path in arguments.dropFirst() {
    let original = try AIG(contentsOfAIGERFile: path).structurallyHashed()
    var aig = original
    let start = Date()
    var trace: [String] = []
    for step in steps {
        let stepStart = Date()
        let parts = step.split(separator: ":")
        let number = parts.count > 1 ? Int(parts[1])! : nil
        switch String(parts[0]) {
        case "rw": aig = aig.rewritten(RewriteOptions(cutsPerNode: number ?? 8))
        case "rwz": aig = aig.rewritten(RewriteOptions(zeroCost: true, cutsPerNode: number ?? 8))
        case "rf": aig = aig.refactored(RefactorOptions(maxLeaves: number ?? 10))
        case "rfz": aig = aig.refactored(RefactorOptions(zeroCost: true, maxLeaves: number ?? 10))
        default: fatalError("unknown step \(step)")
        }
        trace.append("\(aig.andCount)@" + String(format: "%.2f", Date().timeIntervalSince(stepStart)))
    }
    let seconds = Date().timeIntervalSince(start)
    if let out = ProcessInfo.processInfo.environment["MEASURE_OUTPUT_DIRECTORY"] {
        try aig.writeAIGER(toFile: "\(out)/\(URL(fileURLWithPath: path).lastPathComponent)", format: .binary)
    }
    print(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, original.andCount, aig.andCount,
          String(format: "%.3f", seconds), trace.joined(separator: ","))
}
