import Foundation
import GateLMSupport
import Testing
import _TestSupport

@Suite struct DemoCommandTests {
    @Test(.enabled(if: ExternalCommand.find("cc") != nil))
    func demoChecksEveryCircuitAndLeavesItsFiles() throws {
        let dir = try TemporaryDirectory()
        let result = try GateLMProcess.run(["demo", "--patterns", "3000", "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("all circuits agree"))
        for name in ["adder16", "popcount32", "compare12", "neuron24", "argmax4x6", "counter8"] {
            #expect(result.stdout.contains(name))
            for ext in ["aig", "c", "v"] {
                #expect(FileManager.default.fileExists(atPath: dir.file("\(name).\(ext)")), "\(name).\(ext)")
            }
        }
        #expect(!result.stdout.contains("FAILED"))
    }
}
