import Foundation
import GateLMSupport
import Testing

@Suite("Running external programs")
struct ExternalCommandTests {
    @Test func capturesOutputAndStatus() throws {
        let result = try ExternalCommand.run("sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.stdout == "out\n" && result.stderr == "err\n")
        #expect(result.status == 3 && !result.succeeded && !result.timedOut)
    }

    @Test func feedsStandardInput() throws {
        let result = try ExternalCommand.check("cat", [], input: Data("hello".utf8))
        #expect(result.stdout == "hello")
    }

    @Test func killsAProgramAtItsTimeLimit() throws {
        let start = ContinuousClock.now
        let result = try ExternalCommand.run("sleep", ["30"], timeLimit: 0.3)
        #expect(result.timedOut && !result.succeeded)
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(try !ExternalCommand.run("true", [], timeLimit: 5).timedOut)
    }

    @Test func missingProgramsThrow() {
        #expect(throws: ExternalCommand.Failure.self) { try ExternalCommand.run("gatelm-no-such-program", []) }
    }
}
