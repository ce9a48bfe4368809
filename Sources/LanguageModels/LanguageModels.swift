// The language-model families: train, discrete forward, compile into an AIG.
