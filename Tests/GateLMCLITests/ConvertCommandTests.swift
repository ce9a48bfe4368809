import Circuits
import Foundation
import Testing
import _TestSupport

@Suite struct ConvertCommandTests {
    private func writeSample(_ dir: TemporaryDirectory) throws -> (AIG, String) {
        var builder = AIGBuilder()
        let x = builder.addInputs(3, prefix: "x")
        let state = builder.addLatch(reset: .one, name: "state")
        let a = builder.and(x[0], !x[1])
        builder.setNext(of: state, to: builder.xor(a, state))
        builder.addOutput(builder.or(a, x[2]), name: "y")
        builder.addOutput(state, name: "q")
        builder.comments = ["made by ConvertCommandTests"]
        let aig = builder.build()
        let path = dir.file("sample.aag")
        try Data(AIGERWriter.write(aig, format: .ascii)).write(to: URL(fileURLWithPath: path))
        return (aig, path)
    }

    @Test func roundTripsThroughBinaryAndASCII() throws {
        let dir = try TemporaryDirectory()
        let (aig, path) = try writeSample(dir)
        #expect(try GateLMProcess.run(["convert", path, dir.file("s.aig")]).status == 0)
        #expect(try GateLMProcess.run(["convert", dir.file("s.aig"), dir.file("back.aag")]).status == 0)
        #expect(try AIGERReader.read(path: dir.file("back.aag")) == aig)
    }

    @Test func writesEveryTextFormat() throws {
        let dir = try TemporaryDirectory()
        let (_, path) = try writeSample(dir)
        for (ext, marker) in [("v", "module sample"), ("c", "uint64_t"), ("dot", "digraph")] {
            let out = dir.file("sample.\(ext)")
            let result = try GateLMProcess.run(["convert", path, out])
            #expect(result.status == 0, "\(ext): \(result.stderr)")
            #expect(try String(contentsOfFile: out, encoding: .utf8).contains(marker), "\(ext)")
        }
    }

    @Test func unknownExtensionOrBadInputLeavesNoFile() throws {
        let dir = try TemporaryDirectory()
        let (_, path) = try writeSample(dir)
        let unknown = try GateLMProcess.run(["convert", path, dir.file("out.blif")])
        #expect(unknown.status != 0 && unknown.stderr.contains(".aag"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.blif")))
        try Data("aig 5 2 0 1 3\n".utf8).write(to: URL(fileURLWithPath: dir.file("trunc.aig")))
        let truncated = try GateLMProcess.run(["convert", dir.file("trunc.aig"), dir.file("out.aag")])
        #expect(truncated.status != 0 && truncated.stderr.contains("trunc.aig"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.aag")))
    }
}
