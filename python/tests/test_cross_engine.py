"""GateLM ⇄ gatelm-torch through the interchange directory and scores files. Runs only when the
environment variable GATELM names an executable `gatelm` binary."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

from gatelm_torch.corpus import Corpus
from gatelm_torch.discrete import DiscreteIntegerWindow, write_scores

from .support import HAVE_CORPUS, small_corpus, subprocess_env

GATELM = os.environ.get("GATELM", "")
HAVE_GATELM = bool(GATELM) and os.path.isfile(GATELM) and os.access(GATELM, os.X_OK)

GATELM_SHAPE = ["--context", "4", "--code-width", "4", "--hashed-orders", "2", "--hashed-row-bits", "6", "--widths", "16",
                "--activation-bits", "2", "--batch", "16"]


@unittest.skipUnless(HAVE_GATELM, "set GATELM to a gatelm executable to run the cross-engine checks")
@unittest.skipUnless(HAVE_CORPUS, "needs the tinyshakespeare corpus (GATELM_CORPUS)")
class CrossEngineTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.corpus = small_corpus(self.tmp.name)

    def path(self, *names):
        return os.path.join(self.tmp.name, *names)

    def run_command(self, command, **kwargs):
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
        self.assertEqual(done.returncode, 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def torch_train(self, out, steps, *extra):
        self.run_command([sys.executable, "-m", "gatelm_torch.train", "--corpus", self.corpus, "--out", out, "--steps", str(steps),
                          "--threads", "1", "--validation-interval", "1e9", "--checkpoint-interval", "1e9"] + GATELM_SHAPE
                         + list(extra), env=subprocess_env())

    def validation_scores(self, directory, path):
        model = DiscreteIntegerWindow.load(directory)
        corpus = Corpus(self.corpus)
        v = corpus.validation
        write_scores(path, model.scores_of_positions(corpus.data, v.start, v.stop), v.start, corpus.identity().hash)
        return model, corpus

    def assertVerified(self, model, scores):
        """gatelm's discrete forward, its AIG simulation and its emitted C (where a C compiler is
        installed) all equal the package's scores, on every validation position."""
        out = self.run_command([GATELM, "verify", model, "--corpus", self.corpus, "--reference-scores", scores])
        self.assertIn("AIG simulation = discrete forward: all", out)
        self.assertRegex(out, r"emitted C \(\w+\) = discrete forward: all|emitted C: skipped")
        self.assertIn("reference scores (gatelm-torch) = discrete forward: all", out)

    def test_torch_model_verified_by_gatelm(self):
        run = self.path("run")
        self.torch_train(run, 20)
        scores = self.path("scores.safetensors")
        model, corpus = self.validation_scores(run, scores)
        self.assertVerified(run, scores)
        # gatelm evaluates the same directory to the same bits/byte.
        report = json.loads(self.run_command([GATELM, "eval", run, "--corpus", self.corpus, "--json"]))
        v = corpus.validation
        self.assertAlmostEqual(report["discrete_bits_per_byte"], model.bits_per_byte(corpus.data, v.start, v.stop), delta=1e-9)

    def test_gatelm_model_read_by_torch(self):
        trained, exported = self.path("m.gatelm"), self.path("exported")
        self.run_command([GATELM, "train", "integer", "--corpus", self.corpus, "--steps", "20", "--threads", "1", "--out", trained]
                         + GATELM_SHAPE)
        self.run_command([GATELM, "export", trained, exported])
        scores = self.path("s2.safetensors")
        model, _ = self.validation_scores(exported, scores)
        self.assertEqual(model.source.get("engine"), "gatelm")
        self.assertVerified(trained, scores)

    def test_two_process_model_verified_by_gatelm(self):
        """A model trained by two processes (DDP on gloo) loads in GateLM and is the same circuit."""
        run = self.path("ddp")
        self.run_command([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--standalone",
                          "-m", "gatelm_torch.train", "--corpus", self.corpus, "--out", run, "--steps", "20", "--threads", "1",
                          "--validation-interval", "1e9", "--checkpoint-interval", "1e9"] + GATELM_SHAPE, env=subprocess_env())
        scores = self.path("ddp.safetensors")
        model, _ = self.validation_scores(run, scores)
        self.assertEqual(model.source.get("world_size"), 2)
        self.assertVerified(run, scores)

    def test_same_training_curve(self):
        """The same seed trains the same model in both engines (up to float rounding: measured 1.2e-7 bits)."""
        trained, run = self.path("m.gatelm"), self.path("run")
        self.run_command([GATELM, "train", "integer", "--corpus", self.corpus, "--steps", "30", "--threads", "1", "--out", trained]
                         + GATELM_SHAPE)
        self.torch_train(run, 30)
        exported = self.path("exported")
        self.run_command([GATELM, "export", trained, exported])
        theirs = json.loads(self.run_command([GATELM, "eval", exported, "--corpus", self.corpus, "--json"]))
        with open(os.path.join(run, "curve.json")) as f:
            ours = json.load(f)
        self.assertAlmostEqual(ours["validation"][-1][1], theirs["discrete_bits_per_byte"], delta=1e-4)
        a, b = DiscreteIntegerWindow.load(exported), DiscreteIntegerWindow.load(run)
        contexts = np.random.RandomState(0).randint(0, 256, (2000, 4)).astype(np.uint8)
        agreement = float(np.mean(np.all(a.scores(contexts) == b.scores(contexts), axis=1)))
        self.assertGreater(agreement, 0.99)


if __name__ == "__main__":
    unittest.main()
