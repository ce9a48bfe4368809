import Foundation

/// A self-contained SVG line chart: title, axis labels, ticks with grid
/// lines, several named series with a legend, optionally a logarithmic
/// x axis. Used to save training curves (loss, bits per byte) beside a model.
public struct SVGLinePlot: Sendable {
    /// One named line.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }

        /// A series from parallel x and y values.
        public init(name: String, x: [Double], y: [Double]) {
            precondition(x.count == y.count, "as many x as y values")
            self.init(name: name, points: zip(x, y).map { Point(x: $0, y: $1) })
        }
    }

    /// A point of a series, in data coordinates.
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Plots x on a log10 scale (points with x ≤ 0 are left out).
    public var logarithmicX: Bool
    public var series: [Series]
    /// The picture size in SVG user units (pixels).
    public var width: Double = 720
    public var height: Double = 450

    public init(title: String, xLabel: String, yLabel: String, logarithmicX: Bool = false, series: [Series] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logarithmicX = logarithmicX
        self.series = series
    }

    /// The chart as an SVG document. Non-finite points are left out; an
    /// empty chart still has its frame, title and labels.
    public func svg() -> String {
        let layout = Layout(plot: self)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" \
            viewBox="0 0 \(number(width)) \(number(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
        svg += layout.gridAndTicks()
        svg += layout.lines()
        svg += layout.legend()
        svg += text(title, x: width / 2, y: 24, anchor: "middle", attributes: #"font-size="16" font-weight="bold""#)
        svg += text(xLabel, x: layout.left + layout.plotWidth / 2, y: height - 12, anchor: "middle")
        let yLabelX = 16.0, yLabelY = layout.top + layout.plotHeight / 2
        svg += text(yLabel, x: yLabelX, y: yLabelY, anchor: "middle",
                    attributes: "transform=\"rotate(-90 \(number(yLabelX)) \(number(yLabelY)))\"")
        svg += "</svg>\n"
        return svg
    }

    /// Writes the SVG to `path` (atomically).
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }

    /// Line colours, cycled (Tableau 10).
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
}

extension SVGLinePlot {
    /// Where everything goes: the plot rectangle and the data → pixel maps.
    fileprivate struct Layout {
        let left = 72.0, right: Double, top = 44.0, bottom: Double
        let plotWidth: Double, plotHeight: Double
        let x: Axis, y: Axis
        let series: [Series]

        init(plot: SVGLinePlot) {
            right = plot.width - 24
            bottom = plot.height - 52
            plotWidth = right - left
            plotHeight = bottom - top
            let logarithmicX = plot.logarithmicX
            series = plot.series.map { line in
                Series(name: line.name, points: line.points.filter {
                    $0.x.isFinite && $0.y.isFinite && (!logarithmicX || $0.x > 0)
                })
            }
            let points = series.flatMap(\.points)
            x = logarithmicX ? Axis.logarithmic(points.map(\.x)) : Axis.linear(points.map(\.x))
            y = Axis.linear(points.map(\.y), margin: 0.02) // keeps flat lines off the frame
        }

        func pixelX(_ value: Double) -> Double { left + x.fraction(value) * plotWidth }
        func pixelY(_ value: Double) -> Double { bottom - y.fraction(value) * plotHeight }

        func gridAndTicks() -> String {
            var svg = ""
            for tick in x.ticks {
                let px = pixelX(tick)
                svg += line(px, top, px, bottom, stroke: "#e4e4e4")
                svg += line(px, bottom, px, bottom + 5, stroke: "black")
                svg += text(x.label(tick), x: px, y: bottom + 19, anchor: "middle")
            }
            for tick in y.ticks {
                let py = pixelY(tick)
                svg += line(left, py, right, py, stroke: "#e4e4e4")
                svg += line(left - 5, py, left, py, stroke: "black")
                svg += text(y.label(tick), x: left - 8, y: py + 4, anchor: "end")
            }
            svg += "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(plotWidth))\" "
                + "height=\"\(number(plotHeight))\" fill=\"none\" stroke=\"black\"/>\n"
            return svg
        }

        func lines() -> String {
            var svg = ""
            for (index, line) in series.enumerated() where !line.points.isEmpty {
                let color = SVGLinePlot.palette[index % SVGLinePlot.palette.count]
                if line.points.count == 1 {
                    let point = line.points[0]
                    svg += "<circle cx=\"\(number(pixelX(point.x)))\" cy=\"\(number(pixelY(point.y)))\" r=\"3\" fill=\"\(color)\"/>\n"
                } else {
                    let coordinates = line.points.map { "\(number(pixelX($0.x))),\(number(pixelY($0.y)))" }
                    svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\" "
                        + "stroke-linejoin=\"round\" points=\"\(coordinates.joined(separator: " "))\"/>\n"
                }
            }
            return svg
        }

        func legend() -> String {
            guard !series.isEmpty else { return "" }
            let rowHeight = 18.0
            let longestName = series.map(\.name.count).max() ?? 0
            let boxWidth = 40 + 7 * Double(longestName)
            let boxX = right - boxWidth - 8, boxY = top + 8
            var svg = "<rect x=\"\(number(boxX))\" y=\"\(number(boxY))\" width=\"\(number(boxWidth))\" "
                + "height=\"\(number(rowHeight * Double(series.count) + 8))\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#bbbbbb\"/>\n"
            for (index, line) in series.enumerated() {
                let rowY = boxY + 4 + rowHeight * (Double(index) + 0.5)
                let color = SVGLinePlot.palette[index % SVGLinePlot.palette.count]
                svg += "<line x1=\"\(number(boxX + 8))\" y1=\"\(number(rowY))\" x2=\"\(number(boxX + 30))\" y2=\"\(number(rowY))\" "
                    + "stroke=\"\(color)\" stroke-width=\"2.5\"/>\n"
                svg += text(line.name, x: boxX + 36, y: rowY + 4, anchor: "start")
            }
            return svg
        }
    }

    /// One axis: its range, ticks and the map from data values to 0…1.
    fileprivate struct Axis {
        let lower: Double, upper: Double
        let ticks: [Double]
        let logarithmic: Bool
        /// Decimals of the tick labels (linear axes).
        let decimals: Int

        func fraction(_ value: Double) -> Double {
            logarithmic ? (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
                : (value - lower) / (upper - lower)
        }

        func label(_ value: Double) -> String {
            let magnitude = abs(value)
            if value == 0 || (magnitude >= 1e-3 && magnitude < 1e5) {
                return logarithmic ? String(format: "%g", value) : String(format: "%.\(decimals)f", value)
            }
            let exponent = Int(log10(magnitude).rounded(.down))
            let mantissa = value / pow(10, Double(exponent))
            return abs(abs(mantissa) - 1) < 1e-9 ? "\(value < 0 ? "-" : "")1e\(exponent)" : String(format: "%ge%d", mantissa, exponent)
        }

        /// A linear axis over `values`, widened to whole tick steps of 1, 2 or 5 × 10^k.
        /// `margin`: the fraction of the data range added on both sides first.
        static func linear(_ values: [Double], margin: Double = 0) -> Axis {
            var low = values.min() ?? 0, high = values.max() ?? 1
            if low == high {
                let pad = low == 0 ? 1 : abs(low) * 0.1
                low -= pad
                high += pad
            }
            let padding = (high - low) * margin
            low -= padding
            high += padding
            let rough = (high - low) / 6
            let power = pow(10, (log10(rough)).rounded(.down))
            let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
            let lower = (low / step).rounded(.down) * step
            let upper = (high / step).rounded(.up) * step
            let count = Int(((upper - lower) / step).rounded())
            let ticks = (0...count).map { lower + Double($0) * step }
            return Axis(lower: lower, upper: upper, ticks: ticks, logarithmic: false,
                        decimals: max(0, -Int(log10(step).rounded(.down))))
        }

        /// A log10 axis over positive `values`, ticked at powers of ten, and
        /// at 2 and 5 times them when it spans few decades (then it ends at
        /// the ticks around the data rather than at whole decades).
        static func logarithmic(_ values: [Double]) -> Axis {
            let low = values.min() ?? 1, high = values.max() ?? 10
            var lowDecade = Int(log10(low).rounded(.down))
            var highDecade = Int(log10(high).rounded(.up))
            if highDecade <= lowDecade { highDecade = lowDecade + 1 }
            if highDecade - lowDecade > 12 { lowDecade = highDecade - 12 }
            let multiples: [Double] = highDecade - lowDecade <= 3 ? [1, 2, 5] : [1]
            var candidates: [Double] = []
            for decade in lowDecade...highDecade {
                for multiple in multiples where decade < highDecade || multiple == 1 {
                    candidates.append(multiple * pow(10, Double(decade)))
                }
            }
            let lower = candidates.last { $0 <= low } ?? candidates[0]
            var upper = candidates.first { $0 >= high } ?? candidates[candidates.count - 1]
            if upper <= lower { upper = candidates.first { $0 > lower } ?? lower * 10 }
            return Axis(lower: lower, upper: upper, ticks: candidates.filter { $0 >= lower && $0 <= upper },
                        logarithmic: true, decimals: 0)
        }
    }
}

/// A coordinate with at most two decimals.
private func number(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e9 else { return "0" }
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
}

private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
    "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(stroke)\"/>\n"
}

private func text(_ content: String, x: Double, y: Double, anchor: String, attributes: String = "") -> String {
    let extra = attributes.isEmpty ? "" : " " + attributes
    return "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\"\(extra)>\(escapeXML(content))</text>\n"
}

private func escapeXML(_ text: String) -> String {
    var escaped = ""
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&apos;"
        default: escaped.append(character)
        }
    }
    return escaped
}
