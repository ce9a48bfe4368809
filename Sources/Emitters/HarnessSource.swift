/// C source shared by the emitted programs: the C `main`s and the Verilator
/// testbench. The code is valid C99 and C++, warning-free under `-Wall -Wextra`.
enum HarnessSource {
    /// Reading a pattern file on stdin.
    ///
    /// `PREFIX_read_patterns(inputs, words)` reads one pattern per line (the
    /// input bits as '0'/'1'; a '\r' before the line end and a missing final
    /// newline are accepted) and exits with status 1 and a message naming the
    /// line on anything else. Patterns are packed in blocks of `64 * words`:
    /// pattern `p` sits in block `p / (64 * words)`, whose input `i` occupies
    /// `words` consecutive words, bit `lane % 64` of word `lane / 64`
    /// (the memory layout of `NAME_word in[I]`). `PREFIX_pattern_bit` reads one bit
    /// back (included only when `bitAccess`, so that no static function is unused).
    static func patternReader(prefix p: String, bitAccess: Bool) -> String {
        var source = """
            #include <stdarg.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>

            static void \(p)_die(const char *message) {
              fprintf(stderr, "\(p): %s\\n", message);
              exit(1);
            }

            static void \(p)_fail(unsigned long line, const char *format, ...) {
              va_list arguments;
              fprintf(stderr, "\(p): line %lu: ", line);
              va_start(arguments, format);
              vfprintf(stderr, format, arguments);
              va_end(arguments);
              fputc('\\n', stderr);
              exit(1);
            }

            typedef struct {
              uint64_t *bits;
              size_t count; /* patterns */
              size_t words; /* uint64_t words per input in a block */
              size_t block; /* uint64_t words per block */
            } \(p)_patterns;

            static \(p)_patterns \(p)_read_patterns(size_t inputs, size_t words) {
              \(p)_patterns patterns;
              const size_t lanes = 64 * words;
              size_t capacity = 0, column = 0;
              unsigned long line = 1;
              int inLine = 0, sawReturn = 0;
              patterns.bits = NULL;
              patterns.count = 0;
              patterns.words = words;
              patterns.block = (inputs > 0 ? inputs : 1) * words;
              for (;;) {
                const int c = getchar();
                if (c == EOF && !inLine) break;
                if (!inLine) {
                  if (patterns.count % lanes == 0) {
                    const size_t blocks = patterns.count / lanes + 1;
                    if (blocks > capacity) {
                      uint64_t *grown;
                      capacity = capacity > 0 ? 2 * capacity : 16;
                      if (capacity > SIZE_MAX / (patterns.block * sizeof(uint64_t))) \(p)_die("too many patterns");
                      grown = (uint64_t *)realloc(patterns.bits, capacity * patterns.block * sizeof(uint64_t));
                      if (grown == NULL) \(p)_die("out of memory");
                      patterns.bits = grown;
                    }
                    memset(patterns.bits + (blocks - 1) * patterns.block, 0, patterns.block * sizeof(uint64_t));
                  }
                  inLine = 1;
                  column = 0;
                  sawReturn = 0;
                }
                if (c == EOF || c == '\\n') {
                  if (column != inputs) {
                    \(p)_fail(line, "expected %lu input bits, found %lu", (unsigned long)inputs, (unsigned long)column);
                  }
                  patterns.count++;
                  line++;
                  inLine = 0;
                  if (c == EOF) break;
                } else if (sawReturn) {
                  \(p)_fail(line, "carriage return inside the line");
                } else if (c == '\\r') {
                  sawReturn = 1;
                } else if (c != '0' && c != '1') {
                  if (c > 32 && c < 127) \(p)_fail(line, "unexpected character '%c' (expected '0' or '1')", c);
                  \(p)_fail(line, "unexpected byte 0x%02x (expected '0' or '1')", (unsigned)c);
                } else if (column == inputs) {
                  \(p)_fail(line, "expected %lu input bits, found more", (unsigned long)inputs);
                } else {
                  if (c == '1') {
                    const size_t lane = patterns.count % lanes;
                    patterns.bits[(patterns.count / lanes) * patterns.block + column * words + lane / 64] |=
                        (uint64_t)1 << (lane % 64);
                  }
                  column++;
                }
              }
              return patterns;
            }

            static int \(p)_finish_output(void) {
              if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "\(p): cannot write the output\\n");
                return 1;
              }
              return 0;
            }

            """
        if bitAccess {
            source += """
                static uint64_t \(p)_pattern_bit(const \(p)_patterns *patterns, size_t pattern, size_t input) {
                  const size_t lanes = 64 * patterns->words, lane = pattern % lanes;
                  const uint64_t word =
                      patterns->bits[(pattern / lanes) * patterns->block + input * patterns->words + lane / 64];
                  return (word >> (lane % 64)) & 1;
                }

                """
        }
        return source
    }

    /// Benchmark support: a SplitMix64 generator, a monotonic clock, argument
    /// parsing and the one-line report `ns=… evaluations=… patterns=… ands=… checksum=…`.
    /// C needs `_POSIX_C_SOURCE` defined before the first include for `clock_gettime`.
    static func benchmarkSupport(prefix p: String) -> String {
        """
        #include <inttypes.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <time.h>

        static uint64_t \(p)_random(uint64_t *state) {
          uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
          z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
          z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
          return z ^ (z >> 31);
        }

        static uint64_t \(p)_nanoseconds(void) {
          struct timespec now;
          clock_gettime(CLOCK_MONOTONIC, &now);
          return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
        }

        /* A positive count from the command line, or the default when absent. */
        static size_t \(p)_count_argument(int argc, char **argv, int index, size_t fallback) {
          char *end = NULL;
          unsigned long long value;
          if (index >= argc) return fallback;
          value = strtoull(argv[index], &end, 10);
          if (end == argv[index] || *end != '\\0' || value == 0 || value > (unsigned long long)(SIZE_MAX / 64)) {
            fprintf(stderr, "\(p): expected a positive count of batches or repetitions, got '%s'\\n", argv[index]);
            exit(2);
          }
          return (size_t)value;
        }

        static void \(p)_report(uint64_t ns, uint64_t evaluations, uint64_t patternsPerEvaluation, uint64_t ands,
                                uint64_t checksum) {
          printf("ns=%" PRIu64 " evaluations=%" PRIu64 " patterns=%" PRIu64 " ands=%" PRIu64 " checksum=%016" PRIx64 "\\n",
                 ns, evaluations, evaluations * patternsPerEvaluation, ands, checksum);
        }

        """
    }
}
