import Circuits
@testable import LanguageModels
import Testing

@Suite struct ScoreDecoderTests {
    @Test(arguments: [1, 7, 64, 65, 200])
    func decodesEveryBitOfEveryPattern(patternCount: Int) {
        // Three classes of 3, 11 and 17 bits over 40 output signals, in scrambled order.
        let planes = [[5, 0, 12], [1, 3, 7, 9, 11, 13, 15, 17, 19, 21, 23], (22..<39).reversed().map { $0 }]
        let decoder = ScoreDecoder(planes: planes)
        let outputs = PatternSet.random(signalCount: 40, patternCount: patternCount, seed: UInt64(patternCount))
        var scores = [Int32](repeating: -1, count: patternCount * planes.count)
        outputs.withUnsafeWords { words in
            scores.withUnsafeMutableBufferPointer { decoder.decode(outputWords: words.baseAddress!, patternCount: patternCount, into: $0.baseAddress!) }
        }
        for p in 0..<patternCount {
            for (c, bits) in planes.enumerated() {
                var expected: Int32 = 0
                for (i, signal) in bits.enumerated() where outputs[signal, p] { expected |= 1 << Int32(i) }
                #expect(scores[p * planes.count + c] == expected, "pattern \(p), class \(c)")
            }
        }
    }
}
