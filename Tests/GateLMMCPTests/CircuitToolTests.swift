import Foundation
import GateLMMCP
import Testing

/// The interpretability tools on the served program compiled (and on a model file), and the
/// editor's compile with verification, through an in-process session.
@Suite struct CircuitToolTests {
    @Test func circuitToolsQuestionTheCompiledProgram() async throws {
        let c = try await MCPFixtures.client(role: .editor)
        let trace = try await c.call("circuit_trace", ["prompt": "the cat saw the"])
        #expect(!trace.isError, "\(trace.text)")
        let positions = trace.json["positions"] as? [[String: Any]]
        #expect(positions?.first?["top"] is [Any] && (positions?.first?["layers"] as? [[String: Any]])?.contains { $0["layer"] as? String == "L1" } == true, "\(trace.text.prefix(600))")

        let attribute = try await c.call("circuit_attribute", ["prompt": "the cat saw th"])
        #expect(!attribute.isError, "\(attribute.text)")

        let explain = try await c.call("circuit_explain", ["prompt": "the cat saw th", "granularity": "byte"])
        #expect(!explain.isError && explain.json["minimal"] != nil, "\(explain.text.prefix(400))")

        // Is there a window ending in 'h' after which 'e' wins? (In the word salad, "th" is always followed by "e".)
        let query = try await c.call("circuit_query", ["where": ["ctx[-1]='h'"], "top": "e"])
        #expect(!query.isError, "\(query.text)")
        #expect(query.json["result"] as? String == "sat" && query.json["witness"] is String, "\(query.text.prefix(400))")

        let modules = try await c.call("circuit_modules", ["top": 3])
        #expect(!modules.isError && modules.json["summary"] is [String: Any], "\(modules.text.prefix(300))")

        let compile = try await c.call("compile", ["windows": 500])
        #expect(!compile.isError && compile.json["agrees"] as? Bool == true && compile.json["verified_windows"] as? Int == 500 && (compile.json["ands"] as? Int ?? 0) > 0, "\(compile.text)")
    }

    @Test func circuitToolsRefuseBadArguments() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        #expect(try await c.call("circuit_trace", [:]).isError)                                   // no prompt
        #expect(try await c.call("circuit_query", ["where": ["ctx[-1]='h'"]]).text.contains("give a goal"))
        #expect(try await c.call("circuit_trace", ["prompt": "x", "model": "/nonexistent/model.aig"]).isError)
        #expect(try await c.call("circuit_explain", ["prompt": "abc", "position": 9]).isError)      // beyond the prompt
        #expect(try await c.call("compile", [:]).text.contains("editor tool"))
    }
}
