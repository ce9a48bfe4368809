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

    /// A program that would print "finished" after 30 s (in short sleeps, so that no child
    /// outlives it for long holding the pipe) is killed first: what tells is its output, not the clock.
    @Test func killsAProgramAtItsTimeLimit() throws {
        let result = try ExternalCommand.run("sh", ["-c", "for i in $(seq 300); do sleep 0.1; done; echo finished"], timeLimit: 0.3)
        #expect(result.timedOut && !result.succeeded && result.status != 0)
        #expect(!result.stdout.contains("finished"), "the program ran to its end: it was not killed")
        #expect(try !ExternalCommand.run("true", [], timeLimit: 5).timedOut)
    }

    @Test func missingProgramsThrow() {
        #expect(throws: ExternalCommand.Failure.self) { try ExternalCommand.run("gatelm-no-such-program", []) }
    }
}
