import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GateLMSupport
import Testing
import _TestSupport

@Suite struct SVGLinePlotTests {
    static func trainingCurves(logarithmicX: Bool) -> SVGLinePlot {
        let steps = (1...200).map { Double($0 * 10) }
        return SVGLinePlot(
            title: "Training <gate LM> & friends", xLabel: "step", yLabel: "bits per byte", logarithmicX: logarithmicX,
            series: [
                .init(name: "training", x: steps, y: steps.map { 2.2 + 3 / (1 + $0 / 100) + 0.05 * sin($0) }),
                .init(name: "validation", x: steps, y: steps.map { 2.4 + 3 / (1 + $0 / 100) }),
                .init(name: "n-gram (order 4)", points: [.init(x: 10, y: 2.48), .init(x: 2000, y: 2.48)]),
            ])
    }

    @Test func isWellFormedXMLWithTitleLabelsLegendAndOneLinePerSeries() throws {
        let svg = Self.trainingCurves(logarithmicX: false).svg()
        let document = try XMLDocument(xmlString: svg)
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        let texts = (root.elements(forName: "text")).compactMap { $0.stringValue }
        #expect(texts.contains("Training <gate LM> & friends")) // escaped in the file, restored by the parser
        #expect(texts.contains("step") && texts.contains("bits per byte"))
        #expect(texts.contains("training") && texts.contains("validation") && texts.contains("n-gram (order 4)"))
        #expect(root.elements(forName: "polyline").count == 3)
        #expect(texts.contains("0") && texts.contains("2000"))  // linear x ticks
        #expect(texts.contains("2.5"))                           // y ticks at steps of 0.5
    }

    @Test func logarithmicXTicksArePowersOfTen() throws {
        let svg = Self.trainingCurves(logarithmicX: true).svg()
        let root = try #require(try XMLDocument(xmlString: svg).rootElement())
        let texts = root.elements(forName: "text").compactMap { $0.stringValue }
        for tick in ["10", "20", "50", "100", "1000", "2000"] { #expect(texts.contains(tick), "tick \(tick)") }
        #expect(!texts.contains("5000")) // the axis ends at the tick after the last point
        #expect(!texts.contains("0"))
    }

    @Test func pointsMapInsideThePlotAndDegenerateDataStillRenders() throws {
        let plot = SVGLinePlot(title: "t", xLabel: "x", yLabel: "y", series: [
            .init(name: "flat", x: [0, 1, .nan, 2], y: [3, 3, 1, .infinity]),
            .init(name: "single", x: [5], y: [7]),
            .init(name: "empty", points: []),
        ])
        let root = try #require(try XMLDocument(xmlString: plot.svg()).rootElement())
        let polyline = try #require(root.elements(forName: "polyline").first)
        let points = try #require(polyline.attributes?.first { $0.name == "points" }?.stringValue).split(separator: " ")
        #expect(points.count == 2) // the non-finite points are left out
        for point in points {
            let xy = point.split(separator: ",").map { Double($0)! }
            #expect((0...plot.width).contains(xy[0]) && (0...plot.height).contains(xy[1]))
        }
        #expect(root.elements(forName: "circle").count == 1)
        #expect(try XMLDocument(xmlString: SVGLinePlot(title: "", xLabel: "", yLabel: "").svg()).rootElement() != nil)
    }

    @Test func writesTheFile() throws {
        let directory = try TemporaryDirectory()
        let plot = Self.trainingCurves(logarithmicX: false)
        try plot.write(to: directory.file("curve.svg"))
        #expect(try String(contentsOfFile: directory.file("curve.svg"), encoding: .utf8) == plot.svg())
    }
}
