import unittest

import numpy as np
import torch
import torch.nn.functional as F

from gatelm_torch.integer_window import IntegerWindowConfig, round_half_away, round_half_away_np

from .support import random_network

CLASSES = 11
CLASS_BYTES = list(range(97, 97 + CLASSES))


def batch(net, contexts):
    rows = np.stack([h.rows(contexts) + t * net.config.table_rows for t, h in enumerate(net.hashes)], axis=1)
    return torch.from_numpy(contexts.astype(np.int64)), torch.from_numpy(rows)


class FoldingTests(unittest.TestCase):
    """The folded integer scores s of a random model satisfy logits = s/τ + a constant per position."""

    def check(self, k, widths, seed):
        config = IntegerWindowConfig(context_length=4, code_width=4, hashed_orders=(2,), hashed_row_bits=6,
                                     hidden_widths=widths, activation_bits=k, seed=seed)
        net = random_network(config, CLASSES, seed)
        folded = net.fold(CLASS_BYTES)
        rng = np.random.RandomState(seed)
        contexts = rng.randint(0, 256, (400, 4)).astype(np.uint8)
        targets = rng.randint(0, CLASSES, 400)
        with torch.no_grad():
            logits = net(*batch(net, contexts)).double()
        scores = torch.from_numpy(folded.scores(contexts).astype(np.float64))
        self.assertTrue(torch.all(scores >= 0))
        # logits − scores/τ is one constant per position (float tolerance relative to the logits' size).
        difference = logits - scores / folded.temperature
        spread = (difference.max(dim=1).values - difference.min(dim=1).values).max().item()
        self.assertLess(spread, 1e-3 * max(1.0, logits.abs().max().item()), f"k={k} widths={widths}")
        # Equivalently: the float model's cross-entropy equals the discrete model's (without ε) at every position.
        t = torch.from_numpy(targets)
        float_ce = F.cross_entropy(logits, t, reduction="none")
        discrete_ce = F.cross_entropy(scores / folded.temperature, t, reduction="none")
        self.assertLess((float_ce - discrete_ce).abs().max().item(), 1e-4, f"k={k} widths={widths}")
        # The gain-0 unit is constant and the sign of a negative gain is folded into the weights.
        first = folded.layers[0]
        self.assertTrue(np.all(np.abs(first.thresholds[0]) == first.weights.shape[1] * config.largest_level + 1))
        ternary = torch.sign(net.weights[0][2].detach()).numpy()
        nonzero = first.weights[2] != 0
        np.testing.assert_array_equal(first.weights[2][nonzero], -ternary[nonzero].astype(np.int8))
        return folded

    def test_one_and_two_layers_all_k(self):
        for k in (1, 2, 3, 4):
            for widths in ((12,), (12, 7)):
                folded = self.check(k, widths, seed=10 * k + len(widths))
                self.assertEqual(folded.hidden_widths, list(widths))
                self.assertEqual(folded.layers[0].thresholds.shape, (12, (1 << k) - 1))

    def test_refuses_non_finite_gain(self):
        config = IntegerWindowConfig(context_length=4, code_width=4, hashed_orders=(2,), hashed_row_bits=6, hidden_widths=(12,),
                                     activation_bits=2)
        net = random_network(config, CLASSES, 1)
        with torch.no_grad():
            net.gains[0][5] = float("inf")
        with self.assertRaisesRegex(ValueError, r"layer 1 unit 5.*not finite"):
            net.fold(CLASS_BYTES)

    def test_rounding_is_half_away_from_zero(self):
        x = np.array([0.5, 1.5, 2.5, -0.5, -2.5, 0.49999997, -0.49999997, 8388609.0, 0.0], dtype=np.float32)
        expected = np.array([1, 2, 3, -1, -3, 0, 0, 8388609, 0], dtype=np.float32)
        np.testing.assert_array_equal(round_half_away_np(x), expected)
        np.testing.assert_array_equal(round_half_away(torch.from_numpy(x)).numpy(), expected)


if __name__ == "__main__":
    unittest.main()
