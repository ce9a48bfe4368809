import contextlib
import io
import json
import os
import tempfile
import unittest

from gatelm_torch.discrete import DiscreteIntegerWindow
from gatelm_torch.train import Distributed, Trainer, TrainingError, parse_args

from .support import HAVE_CORPUS, small_corpus

SMALL = ["--steps", "30", "--context", "4", "--code-width", "8", "--hashed-orders", "2,3", "--hashed-row-bits", "8",
         "--widths", "32", "--activation-bits", "2", "--batch", "64", "--threads", "1", "--log-every", "0",
         "--validation-interval", "1e9", "--checkpoint-interval", "1e9"]

# `gatelm train integer --corpus small.txt --steps 30 --context 4 --code-width 8 --hashed-orders 2,3
# --hashed-row-bits 8 --widths 32 --activation-bits 2 --batch 64 --threads 1` on the first 64 KiB of
# tinyshakespeare (GateLM 6c2a3f1): its smoothed training curve and the integer model's validation bits/byte.
GATELM_CURVE = [(10, 6.87980491098937), (20, 6.5829179016494965), (30, 6.366416123871534)]
GATELM_VALIDATION = 5.003707561214695
SMALL_CORPUS_HASH = "ea6d50b3793c498c"


@unittest.skipUnless(HAVE_CORPUS, "needs the tinyshakespeare corpus (GATELM_CORPUS)")
class TrainerTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.corpus = small_corpus(self.tmp.name)

    def train(self, out, *extra):
        with contextlib.redirect_stdout(io.StringIO()):
            return Trainer(parse_args(["--corpus", self.corpus, "--out", out] + SMALL + list(extra))).run()

    def test_reproduces_gatelm(self):
        """Same seed, same batches, masks and parameters as GateLM: the curve agrees up to float rounding
        (measured: 1.2e-7 bits on the curve, 1e-14 on the validation)."""
        out = os.path.join(self.tmp.name, "run")
        summary = self.train(out)
        with open(os.path.join(out, "curve.json")) as f:
            curve = json.load(f)
        self.assertEqual([s for s, _ in curve["training"]], [s for s, _ in GATELM_CURVE])
        for (_, ours), (_, theirs) in zip(curve["training"], GATELM_CURVE):
            self.assertAlmostEqual(ours, theirs, delta=1e-4)
        self.assertAlmostEqual(summary["validation"], GATELM_VALIDATION, delta=1e-4)
        model = DiscreteIntegerWindow.load(out)
        self.assertEqual(model.corpus.hash, SMALL_CORPUS_HASH)
        self.assertEqual(model.source["engine"], "gatelm-torch")
        self.assertEqual(model.source["steps"], 30)

    def test_resume_refuses_changes(self):
        out = os.path.join(self.tmp.name, "run")
        self.train(out, "--steps", "5")
        with self.assertRaisesRegex(TrainingError, r"--context 5 \(the model has 4\)"):
            Trainer(parse_args(["--corpus", self.corpus, "--out", out, "--steps", "10", "--resume", "--context", "5"]))
        other = os.path.join(self.tmp.name, "other.txt")
        with open(self.corpus, "rb") as src, open(other, "wb") as dst:
            dst.write(src.read()[:-1] + b"!")
        with self.assertRaisesRegex(TrainingError, r"trained on small\.txt"):
            Trainer(parse_args(["--corpus", other, "--out", out, "--steps", "10", "--resume"]))
        with self.assertRaisesRegex(TrainingError, r"exists; continue it with --resume"):
            Trainer(parse_args(["--corpus", self.corpus, "--out", out, "--steps", "10"]))

    def test_batch_must_divide(self):
        with self.assertRaisesRegex(TrainingError, r"--batch 64 is not divisible by the 3 processes"):
            Trainer(parse_args(["--corpus", self.corpus, "--out", os.path.join(self.tmp.name, "x")] + SMALL), Distributed(world=3))


class ArgumentTests(unittest.TestCase):
    def refused(self, argv, pattern):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), self.assertRaises(SystemExit):
            parse_args(["--corpus", "c", "--out", "o"] + argv)
        self.assertRegex(err.getvalue(), pattern)

    def test_ranges_in_messages(self):
        self.refused(["--steps", "10", "--context", "40"], r"--context: must be an integer in 1\.\.\.32; got 40")
        self.refused(["--steps", "10", "--dropout", "nan"], r"--dropout: must be a finite number in \[0\.0, 0\.9\]")
        self.refused(["--steps", "10", "--learning-rate", "0"], r"--learning-rate: must be a finite number in \(0")
        self.refused(["--steps", "0"], r"--steps: must be an integer in 1\.\.\.")
        self.refused(["--minutes", "-1"], r"--minutes: must be a finite number in \(0")
        self.refused(["--steps", "1", "--widths", "0"], r"--widths must be 1\.\.\.2 integers in 1\.\.\.8192")
        self.refused(["--steps", "1", "--hashed-orders", "2,x"], r"--hashed-orders must be")
        self.refused([], r"give --steps and/or --minutes")


if __name__ == "__main__":
    unittest.main()
