import Foundation
import Testing
import _TestSupport

/// `gatelm features` and `gatelm attribute --units`: an integer model's units with their
/// documented JSON fields; a model without units is refused by name.
@Suite struct FeaturesCommandTests {
    @Test func unitsOfAnIntegerModelAndARefusalForOthers() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("int.gatelm")
        let train = try GateLMProcess.run(["train", "integer", "--corpus", corpus, "--steps", "30", "--threads", "1", "--out", model] + IntegerCommandTests.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        let json = try GateLMProcess.run(["features", model, "--corpus", corpus, "--positions", "200", "--examples", "3", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["positions"] as? Int == 200 && object["first_position"] is Int)
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.count == 24)
        let first = try #require(units.first)
        #expect(first["name"] as? String == "L1.u0" && first["layer"] as? String == "L1" && first["bits"] as? Int == 2)
        #expect((first["level_counts"] as? [Int])?.count == 4 && (first["level_counts"] as? [Int])?.reduce(0, +) == 200)
        #expect(first["mean_level"] is Double && first["constant"] is Bool)
        let top = try #require(first["top"] as? [[String: Any]])
        #expect(top.count == 3 && top.allSatisfy { $0["level"] is Int && $0["position"] is Int && ($0["context"] as? String)?.isEmpty == false })

        let connections = try #require(object["connections"] as? [[String: Any]])
        #expect(connections.count == 24 && connections.first?["unit"] as? String == "L1.u0")
        #expect((connections.first?["inputs"] as? [[String: Any]])?.allSatisfy { $0["node"] is String && [1, -1].contains($0["weight"] as? Int) } == true)
        #expect(connections.first?["promotes"] is [Int] && connections.first?["demotes"] is [Int])
        // A bare circuit has lost its weights: no connections.
        #expect(try GateLMProcess.run(["compile", model, "-o", dir.file("int.aig")]).status == 0)
        let bare = try GateLMProcess.run(["features", dir.file("int.aig"), "--corpus", corpus, "--positions", "50", "--json"])
        #expect(bare.status == 0 && !bare.stdout.contains("\"connections\""), "\(bare.stderr)")

        let text = try GateLMProcess.run(["features", model, "--corpus", corpus, "--positions", "200", "--show", "2"])
        #expect(text.status == 0 && text.stdout.contains("24 units of 2 bits over 200 validation positions") && text.stdout.contains("    reads ctx[-"),
                "\(text.stdout)\(text.stderr)")

        // The unit graph of one prediction, by intervention.
        let graph = try GateLMProcess.run(["attribute", model, "--prompt", "the cat sat", "--units", "--json"])
        #expect(graph.status == 0, "\(graph.stderr)")
        let attribution = try #require(try JSONSerialization.jsonObject(with: Data(graph.stdout.utf8)) as? [String: Any])
        #expect(attribution["unit_count"] as? Int == 24 && (attribution["interventions"] as? Int).map { $0 > 0 && $0 <= 24 * 3 } == true)
        #expect(attribution["prediction"] is Int && attribution["probability"] is Double)
        let moved = try #require(attribution["units"] as? [[String: Any]])
        for unit in moved {
            #expect(unit["unit"] is String && unit["level"] is Int && unit["largest_probability_effect"] is Double && unit["changes_top"] is Bool)
            let effects = try #require(unit["effects"] as? [[String: Any]])
            #expect(!effects.isEmpty && effects.allSatisfy { $0["level"] is Int && $0["effect"] is Int && $0["probability_effect"] is Double && $0["top"] is Int })
        }
        let table = try GateLMProcess.run(["attribute", model, "--prompt", "the cat sat", "--units"])
        #expect(table.status == 0 && table.stdout.contains("24 units,") && table.stdout.contains("interventions"), "\(table.stdout)")

        let gates = dir.file("g.gatelm")
        #expect(try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "2", "--out", gates] + LanguageModelCommandTests.tiny).status == 0)
        let refused = try GateLMProcess.run(["features", gates, "--corpus", corpus])
        #expect(refused.status != 0 && refused.stderr.contains("names no k-bit units"), "\(refused.stderr)")
        let noUnits = try GateLMProcess.run(["attribute", gates, "--prompt", "the", "--units"])
        #expect(noUnits.status != 0 && noUnits.stderr.contains("names no k-bit units"), "\(noUnits.stderr)")
    }
}
