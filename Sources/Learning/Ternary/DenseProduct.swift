import _COpenBLAS

/// Dense single-precision matrix products through OpenBLAS (row-major), for the ternary
/// recurrent model's training: C = α·op(A)·op(B) + β·C.
public enum DenseProduct {
    /// Sets the number of threads OpenBLAS uses (process-wide).
    public static func setThreads(_ count: Int) {
        precondition(count >= 1, "at least one thread")
        openblas_set_num_threads(Int32(count))
    }

    /// C[m×n] = α·op(A)·op(B) + β·C, all row-major: op(A) is m×k (A is k×m when `transposeA`),
    /// op(B) is k×n (B is n×k when `transposeB`).
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false, _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "negative matrix size")
        guard m > 0 && n > 0 else { return }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n),
                    beta, c, Int32(n))
    }
}
