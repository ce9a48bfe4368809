// Corpora, splits, contexts, batching, bits-per-byte evaluation and sampling.
