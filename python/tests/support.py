"""Shared helpers of the gatelm-torch tests."""

import os

import numpy as np
import torch

torch.set_num_threads(1)

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: The tinyshakespeare text: $GATELM_CORPUS (as scripts/test-python.sh sets it), else ../shared/data beside the checkout.
CORPUS = os.environ.get("GATELM_CORPUS") or os.path.join(os.path.dirname(PYTHON_DIR), "..", "shared", "data", "tinyshakespeare.txt")
HAVE_CORPUS = os.path.isfile(CORPUS) and os.path.getsize(CORPUS) >= 65536


def subprocess_env(**extra):
    """The environment of a child Python that imports this checkout's gatelm_torch, one thread."""
    env = dict(os.environ)
    env["PYTHONPATH"] = PYTHON_DIR + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["OMP_NUM_THREADS"] = "1"
    env.update(extra)
    return env


def small_corpus(directory, size=65536):
    """The first `size` bytes of the test corpus, copied to `directory`/small.txt."""
    path = os.path.join(directory, "small.txt")
    with open(CORPUS, "rb") as src, open(path, "wb") as dst:
        dst.write(src.read(size))
    return path


def random_network(config, class_count, seed):
    """A freshly initialised network whose gains (both signs, one 0, one tiny) and biases are randomised,
    so that no unit sits on an exact rounding tie."""
    from gatelm_torch.integer_window import IntegerWindowNetwork
    rng = np.random.RandomState(seed)
    net = IntegerWindowNetwork(config, class_count, rng.uniform(-4, -1, class_count))
    with torch.no_grad():
        for l, (g, b) in enumerate(zip(net.gains, net.biases)):
            g.mul_(torch.from_numpy(rng.uniform(-2, 2, g.shape[0]).astype(np.float32)))
            b.add_(torch.from_numpy(rng.uniform(-1, 1, b.shape[0]).astype(np.float32)))
            g[0] = 0.0
            g[1] = 1e-30
            g[2] = -abs(float(g[2])) - 0.5
        net.readout_scale.mul_(float(rng.uniform(0.5, 2)))
    return net
