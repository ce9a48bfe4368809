/// The optional `main` functions of the emitted C: pattern simulation and benchmark.
extension CGenerator {
    /// `static NAME_word name[n]`, with at least one element (C has no empty arrays).
    private func staticArray(_ type: String, _ name: String, _ count: Int) -> String {
        "  static \(type) \(name)[\(max(count, 1))];\n"
    }

    private var sizes: String {
        "  const size_t inputs = \(aig.inputCount), outputs = \(aig.outputCount), words = \(options.vectorWords);\n"
    }

    /// Reads patterns on stdin and prints one line of output bits per pattern
    /// (per clock step for sequential circuits, starting from reset).
    mutating func writePatternMain() {
        let p = prefix
        let w = options.vectorWords
        text += "\n/* ---- main: patterns on stdin ('0'/'1' per input, one line each), outputs on stdout ---- */\n\n"
        text += HarnessSource.patternReader(prefix: p, bitAccess: aig.isSequential)
        text += "int main(void) {\n"
        text += staticArray("\(p)_word", "in", aig.inputCount) + staticArray("\(p)_word", "out", aig.outputCount)
        text += staticArray("uint64_t", "outBits", aig.outputCount * w)
        if aig.isSequential {
            text += staticArray("\(p)_word", "state", aig.latchCount)
            text += staticArray("uint64_t", "inBits", aig.inputCount * w)
        }
        text += sizes
        text += """
              const \(p)_patterns patterns = \(p)_read_patterns(inputs, words);
              char *text = (char *)malloc(outputs + 1);
              if (text == NULL) \(p)_die("out of memory");
              text[outputs] = '\\n';

            """
        if aig.isSequential {
            text += """
                  \(p)_reset(state);
                  for (size_t pattern = 0; pattern < patterns.count; pattern++) {
                    for (size_t i = 0; i < inputs; i++) {
                      const uint64_t value = 0 - \(p)_pattern_bit(&patterns, pattern, i);
                      for (size_t w = 0; w < words; w++) inBits[i * words + w] = value;
                    }
                    memcpy(in, inBits, inputs * sizeof(\(p)_word));
                    \(p)_step(in, state, out);
                    memcpy(outBits, out, outputs * sizeof(\(p)_word));
                    for (size_t o = 0; o < outputs; o++) text[o] = (char)('0' + (outBits[o * words] & 1));
                    fwrite(text, 1, outputs + 1, stdout);
                  }

                """
        } else {
            text += """
                  const size_t lanes = 64 * words;
                  for (size_t first = 0; first < patterns.count; first += lanes) {
                    const size_t n = patterns.count - first < lanes ? patterns.count - first : lanes;
                    memcpy(in, patterns.bits + (first / lanes) * patterns.block, inputs * sizeof(\(p)_word));
                    \(p)_eval(in, out);
                    memcpy(outBits, out, outputs * sizeof(\(p)_word));
                    for (size_t lane = 0; lane < n; lane++) {
                      for (size_t o = 0; o < outputs; o++) {
                        text[o] = (char)('0' + ((outBits[o * words + lane / 64] >> (lane % 64)) & 1));
                      }
                      fwrite(text, 1, outputs + 1, stdout);
                    }
                  }

                """
        }
        text += "  free(text);\n  free(patterns.bits);\n  return \(p)_finish_output();\n}\n"
    }

    /// `PROGRAM [BATCHES [REPETITIONS]]`: times REPETITIONS passes over BATCHES
    /// pseudo-random input words and prints the report line of `HarnessSource.benchmarkSupport`;
    /// the checksum is the sum of all output words (per 64-bit lane, the lanes then xor-ed).
    mutating func writeBenchmarkMain() {
        let p = prefix
        let call = aig.isSequential ? "\(p)_step(in + b * inputs, state, out)" : "\(p)_eval(in + b * inputs, out)"
        text += "\n/* ---- main: benchmark with pseudo-random inputs ---- */\n\n"
        text += HarnessSource.benchmarkSupport(prefix: p)
        text += "int main(int argc, char **argv) {\n"
        text += staticArray("\(p)_word", "out", aig.outputCount)
        if aig.isSequential { text += staticArray("\(p)_word", "state", aig.latchCount) }
        text += sizes
        text += """
              const size_t batches = \(p)_count_argument(argc, argv, 1, 64);
              const size_t repetitions = \(p)_count_argument(argc, argv, 2, 1000);
              const size_t inputWords = (inputs > 0 ? inputs : 1) * batches;
              void *memory = NULL;
              \(p)_word *in;
              \(p)_word checksum = \(p)_ZERO;
              uint64_t seed = 1, start, elapsed, folded = 0;
              uint64_t lanes[\(options.vectorWords)];
              if (argc > 3) {
                fprintf(stderr, "usage: %s [BATCHES [REPETITIONS]]\\n", argv[0]);
                return 2;
              }
              if (posix_memalign(&memory, 64, inputWords * sizeof(\(p)_word)) != 0) {
                fprintf(stderr, "\(p): out of memory\\n");
                return 1;
              }
              in = (\(p)_word *)memory;
              for (size_t k = 0; k < inputWords; k++) {
                for (size_t w = 0; w < words; w++) lanes[w] = \(p)_random(&seed);
                memcpy(&in[k], lanes, sizeof(\(p)_word));
              }

            """
        if aig.isSequential { text += "  \(p)_reset(state);\n" }
        text += """
              start = \(p)_nanoseconds();
              for (size_t r = 0; r < repetitions; r++) {
                for (size_t b = 0; b < batches; b++) {
                  \(call);
                  for (size_t o = 0; o < outputs; o++) checksum += out[o];
                }
              }
              elapsed = \(p)_nanoseconds() - start;
              memcpy(lanes, &checksum, sizeof checksum);
              for (size_t w = 0; w < words; w++) folded ^= lanes[w];
              \(p)_report(elapsed, (uint64_t)batches * repetitions, 64 * words, \(live.liveAnds.count), folded);
              free(memory);
              return 0;
            }

            """
    }
}
