import Foundation
import LanguageModels

/// The live training progress line: rewritten in place on a terminal, one
/// line per validation otherwise (so logs stay readable).
final class ProgressLine {
    private let interactive = isatty(STDOUT_FILENO) != 0
    private var shown = false

    func show(_ p: TrainingProgress) {
        guard interactive || p.isValidation else { return }
        var text = "step \(p.step)"
        if let total = p.totalSteps { text += "/\(total)" }
        text += String(format: "  train %.3f bpb", p.trainingBitsPerByte)
        if let v = p.validationBitsPerByte { text += String(format: "  val %.3f bpb", v) }
        text += String(format: "  %.0f samples/s  %.2e gate·samples/s", p.samplesPerSecond, p.gateSamplesPerSecond)
        text += "  elapsed \(Self.duration(p.elapsed))"
        if let r = p.remaining { text += "  ETA \(Self.duration(r))" }
        if interactive {
            FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + text + (p.isValidation ? "\n" : "")).utf8))
            shown = !p.isValidation
        } else {
            print(text)
            fflush(nil)  // all streams: stdout is a file or pipe in logs
        }
    }

    func finish() {
        if interactive && shown { print("") }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
