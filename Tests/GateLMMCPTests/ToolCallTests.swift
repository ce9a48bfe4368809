import Foundation
import GateLMMCP
import Testing

/// Every tool through an in-process session, with the refusals.
@Suite struct ToolCallTests {
    static let readerTools = ["program_get", "program_check", "evaluate", "trace", "find_positions", "worst_positions", "compare", "try_patch", "ablate", "label_stats", "history"]
    static let circuitTools = ["circuit_trace", "circuit_attribute", "circuit_explain", "circuit_query", "circuit_modules", "circuit_features"]

    @Test func eachRoleListsItsTools() async throws {
        let reader = try await MCPFixtures.client(role: .reader).listTools()
        #expect(reader.map { $0["name"]?.stringValue ?? "" } == Self.readerTools + Self.circuitTools)
        #expect(reader.allSatisfy { $0["annotations"]?["readOnlyHint"] == true && $0["inputSchema"]?["type"] == "object" })
        let editor = try await MCPFixtures.client(role: .editor).listTools()
        #expect(editor.map { $0["name"]?.stringValue ?? "" } == Self.readerTools + ["apply_patch", "checkout"] + Self.circuitTools + ["compile"])
        #expect(editor.last?["annotations"]?["readOnlyHint"] == false)
        let evaluate = try #require(editor.first { $0["name"] == "evaluate" })
        #expect(evaluate["inputSchema"]?["required"] == ["split"])
        // A reader cannot call an editor tool even by name: invalid params, as MCP says for tools it does not list.
        let refused = try await MCPFixtures.client(role: .reader).call("checkout", ["version": 1])
        #expect(refused.protocolError == -32602 && refused.text.contains("editor tool"))
    }

    @Test func readerToolsAnswerWithJSONAndStructuredContent() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        let get = try await c.call("program_get", ["section": "layer 1"])
        #expect(!get.isError && (get.json["text"] as? String)?.contains("rule w_the") == true && get.json["version"] as? Int == 1)
        #expect(get.structured?.objectValue?["version"] == 1)

        let evaluate = try await c.call("evaluate", ["split": "dev"])
        #expect(!evaluate.isError && (evaluate.json["bits_per_byte"] as? Double ?? 99) < 5)
        #expect(evaluate.json["baselines"] is [String: Any] && evaluate.json["labels"] is [Any])
        #expect(evaluate.text.hasPrefix("{\"baselines\""))   // sorted keys

        let check = try await c.call("program_check", ["patch": "add layer 1\n  rule x any {w:the} -> +y\n"])
        #expect(check.json["ok"] as? Bool == false)   // w:the is written in the same layer
        let estimate = try await c.call("program_check", ["patch": "add layer 2\n  rule x any {w:the} -> +y\n"])
        let ands = try #require(estimate.json["estimated_ands"] as? [String: Any])
        #expect(estimate.json["ok"] as? Bool == true && (ands["ands"] as? Int ?? 0) > 0 && (ands["layer_ands"] as? Int ?? 0) > 0 && ands["readout_ands"] is Int)
        let parse = try await c.call("program_check", ["text": "symtx 1\nwindow layers=1 span=1\nlayer 1\n  rule r any {b:'a' -> +x\n"])
        let error = try #require((parse.json["errors"] as? [[String: Any]])?.first)
        #expect(error["line"] as? Int == 4 && error["column"] as? Int == 21)

        let trace = try await c.call("trace", ["text": "the cat"])
        #expect(!trace.isError && (trace.json["layers"] as? [Any])?.count == 1 && (trace.json["top"] as? [Any])?.count == 5)
        let traceSplit = try await c.call("trace", ["split": "dev", "offset": 3.0])
        #expect(!traceSplit.isError && traceSplit.json["p_target"] is Double)

        let found = try await c.call("find_positions", ["where": "winner==c.b:* && target==b:' '", "split": "dev", "limit": 2])
        #expect(!found.isError && (found.json["matches"] as? Int ?? 0) > 0 && (found.json["positions"] as? [Any])?.count == 2)
        let badWhere = try await c.call("find_positions", ["where": "winner=c.b:*", "split": "dev"])
        #expect(badWhere.isError && badWhere.text.contains("expected == or != after winner"))
        let worst = try await c.call("worst_positions", ["split": "dev_small", "limit": "2", "group_by": "target"])
        #expect(!worst.isError && (worst.json["groups"] as? [Any])?.count == 2)
        let byRule = try await c.call("worst_positions", ["split": "dev", "group_by": "rule"])
        let keys = ((byRule.json["groups"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String }
        #expect(!byRule.isError && keys.contains("cur") && Set(keys).isSubset(of: ["w_the", "cur", "after_the", "(no rule)"]))
        let compare = try await c.call("compare", ["a": 1, "b": 1, "split": "dev"])
        #expect(!compare.isError && compare.json["delta"] as? Double == 0)
        let tried = try await c.call("try_patch", ["patch": "set unembed\n  order c.b:*\n"])
        #expect(!tried.isError && tried.json["parent"] as? Int == 1 && tried.json["version"] == nil)
        let ablate = try await c.call("ablate", ["names": ["cur", "w_the"]])
        #expect(!ablate.isError && (ablate.json["ablations"] as? [Any])?.count == 2)
        let stats = try await c.call("label_stats", ["names": ["w:the"], "split": "dev"])
        #expect(!stats.isError && ((stats.json["labels"] as? [[String: Any]])?.first?["firing_rate"] as? Double ?? 0) > 0)
        let history = try await c.call("history")
        #expect(!history.isError && history.json["head"] as? Int == 1)
    }

    @Test func badArgumentsAreErrorResults() async throws {
        let c = try await MCPFixtures.client(role: .editor)
        let missing = try await c.call("evaluate")
        #expect(missing.isError && missing.text == "evaluate: argument 'split' is required (one of dev_small, dev)")
        let illTyped = try await c.call("history", ["limit": "many"])
        #expect(illTyped.isError && illTyped.text.contains("argument 'limit' must be an integer; got the string 'many'"))
        let fractional = try await c.call("history", ["limit": 2.5])
        #expect(fractional.isError && fractional.text.contains("must be an integer"))
        let range = try await c.call("worst_positions", ["split": "dev", "limit": 0])
        #expect(range.isError && range.text.contains("must be in 1...1000; got 0"))
        let choice = try await c.call("evaluate", ["split": "val"])
        #expect(choice.isError && choice.text.contains("must be one of dev_small, dev; got 'val'"))
        let unknown = try await c.call("program_get", ["verison": 1])
        #expect(unknown.isError && unknown.text.contains("unknown argument 'verison'"))
        let names = try await c.call("ablate", ["names": [1]])
        #expect(names.isError && names.text.contains("item 0 is the integer 1"))
        let noVersion = try await c.call("program_get", ["version": 9])
        #expect(noVersion.isError && noVersion.text.contains("versions 1...1"))
        let tool = try await c.call("frobnicate")
        #expect(tool.protocolError == -32602 && tool.text.contains("unknown tool 'frobnicate'"))
    }

    @Test func editorToolsVersionAndRefuseStaleBasesAndBadPrograms() async throws {
        let c = try await MCPFixtures.client(role: .editor)
        let applied = try await c.call("apply_patch", ["patch": "replace w_the\n  rule w_the all {b:'e', p1.b:'h'} -> +w:the\n", "base": 1, "note": "shorter"])
        #expect(!applied.isError && applied.json["version"] as? Int == 2)
        let head = try await c.call("history").json["head"] as? Int
        let stale = try await c.call("apply_patch", ["patch": "delete p2\n", "base": .int(head == 2 ? 1 : 2), "note": "late"])
        #expect(stale.isError && stale.text.contains("stale base"))
        let badPatch = try await c.call("apply_patch", ["patch": "add layer 1\n  rule r any {b:'a' -> +x\n", "base": .int(head ?? 1), "note": "typo"])
        #expect(badPatch.isError && badPatch.text.contains("patch 2:"))
        let unparsable = try await c.call("program_check", ["text": "window layers=1 span=1\n"])
        #expect(unparsable.json["ok"] as? Bool == false && ((unparsable.json["errors"] as? [[String: Any]])?.first?["message"] as? String)?.contains("symtx") == true)
        // A text that looks like a data: URL is a text like any other (it does not parse as a program).
        let dataURL = try await c.call("program_check", ["text": "data:text/plain;base64,aGVsbG8="])
        #expect(!dataURL.isError && dataURL.json["ok"] as? Bool == false)
        let checkout = try await c.call("checkout", ["version": "1"])
        #expect(!checkout.isError && checkout.json["head"] as? Int == 1)
        let missing = try await c.call("apply_patch", ["patch": "delete p2\n", "base": 1])
        #expect(missing.isError && missing.text.contains("'note' is required"))
    }
}
