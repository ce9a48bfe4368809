import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// `gatelm view`: the page is rendered by headless Chromium and its DOM must show exactly the exported JSON.
/// The parts that need no browser (the JSON, a self-contained page) run everywhere; the rendering
/// tests are skipped, and reported as skipped, where Chromium is missing (`scripts/test.sh`
/// installs Debian's chromium through `scripts/setup.sh chromium`).
@Suite struct ViewCommandTests {
    static let chromium = ExternalCommand.find("chromium") ?? ExternalCommand.find("chromium-browser")
    static let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

    /// A trained model's page with a prompt, and the JSON `--json` printed for it.
    static func promptPage(_ dir: TemporaryDirectory) throws -> (page: String, data: [String: Any]) {
        let (model, _) = try InterpretCommandTests.trainedModel(dir)
        let page = dir.file("page.html")
        let view = try GateLMProcess.run(["view", model, "--prompt", "the c", "-o", page, "--json"])
        try #require(view.status == 0, "\(view.stderr)")
        return (page, try InterpretCommandTests.json(view.stdout))
    }

    /// A recurrent model's page, and its latch graph as the JSON has it.
    static func recurrentPage(_ dir: TemporaryDirectory) throws -> (page: String, components: [[String: Any]]) {
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("rnn.gatelm"), page = dir.file("rnn.html")
        let train = try GateLMProcess.run(["train", "ternary", "--corpus", corpus, "--steps", "20", "--threads", "1", "--out", model] + TernaryCommandTests.tiny)
        try #require(train.status == 0, "\(train.stderr)")
        let view = try GateLMProcess.run(["view", model, "--horizon", "2", "-o", page, "--json"])
        try #require(view.status == 0, "\(view.stderr)")
        let graph = try #require(try InterpretCommandTests.json(view.stdout)["latch_dependencies"] as? [String: Any])
        let components = try #require(graph["components"] as? [[String: Any]])
        #expect(graph["latch_count"] as? Int == 12 && components.map { ($0["latches"] as! [Any]).count }.reduce(0, +) == 12)
        return (page, components)
    }

    /// Needs no browser: the page embeds the data and loads nothing from the network.
    @Test func thePageIsSelfContainedAndTheJSONComplete() throws {
        let dir = try TemporaryDirectory()
        let (page, data) = try Self.promptPage(dir)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("gatelm-data") && !html.contains("http://") && !html.contains("https://"))   // self-contained
        for key in ["summary", "supernodes", "trace", "attribution"] { #expect(data[key] != nil, "\(key)") }
    }

    @Test(.enabled(if: ViewCommandTests.chromium != nil, "Chromium is not installed (scripts/setup.sh chromium installs Debian's)"))
    func theRenderedPageShowsExactlyTheJSON() throws {
        let chromium = try #require(Self.chromium)
        let dir = try TemporaryDirectory()
        let (page, data) = try Self.promptPage(dir)
        let flags = Self.flags
        let dom = try ExternalCommand.run(chromium, flags + ["--dump-dom", "file://" + page], timeLimit: 120)
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("data-rendered=\"yes\""))
        // Summary fields.
        let summary = try #require(data["summary"] as? [String: Any])
        for key in ["ands", "modules", "supernodes", "largest_module"] {
            #expect(dom.stdout.contains("data-field=\"\(key)\" data-value=\"\(summary[key] as! Int)\""), "\(key)")
        }
        // Every supernode, with its module and AND counts.
        let supernodes = try #require(data["supernodes"] as? [[String: Any]])
        let shown = Self.matches(#"data-supernode="(\d+)" data-modules="(\d+)" data-ands="(\d+)""#, in: dom.stdout)
        #expect(shown.count == supernodes.count)
        for s in supernodes {
            let row = [String(s["id"] as! Int), String(s["module_count"] as! Int), String(s["ands"] as! Int)]
            #expect(shown.contains(row), "supernode \(row)")
        }
        // The next-byte table.
        let trace = try #require(data["trace"] as? [String: Any])
        let top = try #require(trace["top"] as? [[String: Any]])
        let rows = Self.matches(#"class="top" data-byte="(\d+)" data-score="(\d+)""#, in: dom.stdout)
        #expect(rows == top.map { [String($0["byte"] as! Int), String($0["score"] as! Int)] })
        let attribution = try #require(data["attribution"] as? [String: Any])
        #expect(dom.stdout.contains("data-target=\"\(attribution["target"] as! Int)\" data-graph-nodes=\"\((attribution["graph"] as! [Any]).count)\""))
        let shot = dir.file("page.png")
        let screenshot = try ExternalCommand.run(chromium, flags + ["--screenshot=" + shot, "--window-size=1280,900", "file://" + page], timeLimit: 120)
        #expect(screenshot.status == 0 && (try? Data(contentsOf: URL(fileURLWithPath: shot)).count) ?? 0 > 10_000)
    }

    /// Needs no browser: a recurrent model's JSON has its latch graph, its 12 latches shared out among the components.
    @Test func aRecurrentModelsJSONHasItsLatchGraph() throws {
        let dir = try TemporaryDirectory()
        let (_, components) = try Self.recurrentPage(dir)
        #expect(!components.isEmpty)
    }

    /// A recurrent model's page adds its state machine: every strongly connected component of
    /// the latch graph, as the JSON has them, and clicking one marks what it reads.
    @Test(.enabled(if: ViewCommandTests.chromium != nil, "Chromium is not installed (scripts/setup.sh chromium installs Debian's)"))
    func aRecurrentModelsPageShowsItsLatchGraph() throws {
        let chromium = try #require(Self.chromium)
        let dir = try TemporaryDirectory()
        let (page, components) = try Self.recurrentPage(dir)
        let flags = Self.flags
        let dom = try ExternalCommand.run(chromium, flags + ["--dump-dom", "file://" + page], timeLimit: 120)
        #expect(dom.status == 0 && dom.stdout.contains("data-rendered=\"yes\""), "\(dom.stderr)")
        let rows = Self.matches(#"data-component="(\d+)" data-latches="(\d+)""#, in: dom.stdout)
        #expect(Set(rows) == Set(components.map { [String($0["id"] as! Int), String(($0["latches"] as! [Any]).count)] }))
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
    }
}
