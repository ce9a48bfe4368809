// CPU training kernels: gate layers, embeddings, GroupSum, softmax cross-entropy, Adam, checkpoints.
