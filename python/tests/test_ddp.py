import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import torch
import torch.distributed as dist

from gatelm_torch.corpus import Corpus
from gatelm_torch.discrete import DiscreteIntegerWindow
from gatelm_torch.integer_window import NOISE_SEED, IntegerWindowConfig
from gatelm_torch.train import draw_masks

from .support import HAVE_CORPUS, small_corpus, subprocess_env

SHAPE = ["--context", "4", "--code-width", "8", "--hashed-orders", "2,3", "--hashed-row-bits", "8", "--widths", "32",
         "--activation-bits", "2", "--batch", "64", "--threads", "1", "--seed", "5",
         "--validation-interval", "1e9", "--checkpoint-interval", "1e9", "--log-every", "0"]

# Worst per-step gap between the training losses of 1 and 2 processes over 30 steps. The global
# batch and the dropout masks are the same by construction, so the runs differ only in float
# summation order (DDP's gradient average, the all-reduced loss); measured worst gap: 6.9e-7 bits
# (seeds 1...5). A flipped quantiser would show as ~1e-2.
LOSS_TOLERANCE = 1e-4


def _can_ddp():
    return dist.is_available() and dist.is_gloo_available()


@unittest.skipUnless(HAVE_CORPUS, "needs the tinyshakespeare corpus (GATELM_CORPUS)")
@unittest.skipUnless(_can_ddp(), "needs torch.distributed with gloo")
class DistributedTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.corpus = small_corpus(self.tmp.name)

    def train(self, processes, out, steps, losses, *extra):
        module = ["-m", "gatelm_torch.train", "--corpus", self.corpus, "--out", out, "--steps", str(steps),
                  "--losses", losses] + SHAPE + list(extra)
        if processes == 1:
            command = [sys.executable] + module
        else:
            command = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(processes), "--standalone"] + module
        done = subprocess.run(command, env=subprocess_env(), capture_output=True, text=True, timeout=600)
        self.assertEqual(done.returncode, 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}")
        with open(losses) as f:
            return json.load(f)

    def path(self, *names):
        return os.path.join(self.tmp.name, *names)

    def assertLossesAgree(self, one, two):
        self.assertEqual(len(one), len(two))
        gap = max(abs(a - b) for a, b in zip(one, two))
        self.assertLess(gap, LOSS_TOLERANCE, f"worst per-step loss gap {gap}")
        return gap

    def test_one_and_two_processes_agree_and_resume(self):
        single = self.train(1, self.path("one"), 30, self.path("one.json"))
        double = self.train(2, self.path("two"), 30, self.path("two.json"))
        self.assertEqual(single["first_step"], 1)
        self.assertLossesAgree(single["bits"], double["bits"])
        corpus = Corpus(self.corpus)
        v = corpus.validation
        bits = [DiscreteIntegerWindow.load(self.path(run)).bits_per_byte(corpus.data, v.start, v.stop) for run in ("one", "two")]
        self.assertLess(abs(bits[0] - bits[1]), 0.01)
        self.assertEqual(DiscreteIntegerWindow.load(self.path("two")).source["world_size"], 2)

        # Resume: 15 steps on 2 processes, then continue to 30 on 2 processes and, from a copy of the
        # same checkpoint, on 1: the continued runs agree step by step.
        self.train(2, self.path("half"), 15, self.path("half.json"))
        shutil.copytree(self.path("half"), self.path("half-copy"))
        saved = torch.load(self.path("half", "checkpoint.pt"), weights_only=True)
        self.assertEqual(saved["step"], 15)
        self.assertEqual(int(saved["noise_seed"], 16), self.noise_seed_after(saved["config"], 15))
        resumed_two = self.train(2, self.path("half"), 30, self.path("r2.json"), "--resume")
        resumed_one = self.train(1, self.path("half-copy"), 30, self.path("r1.json"), "--resume")
        self.assertEqual((resumed_two["first_step"], len(resumed_two["bits"])), (16, 15))
        self.assertLossesAgree(resumed_one["bits"], resumed_two["bits"])
        final = torch.load(self.path("half", "checkpoint.pt"), weights_only=True)
        self.assertEqual(final["step"], 30)
        self.assertEqual(int(final["noise_seed"], 16), self.noise_seed_after(final["config"], 30))
        self.assertEqual([s for s, _ in final["training_curve"]], [10, 20, 30])
        self.assertEqual([s for s, _ in final["validation_curve"]], [15, 30])
        # The continued model kept learning from the saved one, not from a fresh start.
        self.assertLess(resumed_two["bits"][0], single["bits"][0] - 0.3)

    @staticmethod
    def noise_seed_after(config_json, steps):
        config = IntegerWindowConfig.from_json(config_json)
        seed = config.seed ^ NOISE_SEED
        for _ in range(steps):
            _, seed = draw_masks(seed, config, config.batch_size)
        return seed


if __name__ == "__main__":
    unittest.main()
