import math
import unittest

import numpy as np

from gatelm_torch.splitmix import GAMMA, MASK64, SplitMix64, high_product


def reference_next(state):
    """SplitMix64 written out from its definition (Python integers)."""
    state = (state + 0x9E3779B97F4A7C15) % 2**64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
    return state, z ^ (z >> 31)


class SplitMixTests(unittest.TestCase):
    def test_known_values(self):
        # The standard SplitMix64 outputs (Vigna's splitmix64.c): seed 1's first, seed 0's first three.
        self.assertEqual(SplitMix64(1).next(), 0x910A2DEC89025CC1)
        r = SplitMix64(0)
        self.assertEqual([r.next() for _ in range(3)], [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F])

    def test_matches_definition(self):
        for seed in (0, 1, 0x1A7E6E12, MASK64, 0x5EEDD209 ^ 12345):
            r, state = SplitMix64(seed), seed
            for _ in range(50):
                state, expected = reference_next(state)
                self.assertEqual(r.next(), expected)
            self.assertEqual(r.state, state)

    def test_block_is_scalar_stream(self):
        for seed in (3, MASK64 - 5):
            a, b = SplitMix64(seed), SplitMix64(seed)
            block = b.block(1000)
            self.assertEqual([a.next() for _ in range(1000)], [int(x) for x in block])
            self.assertEqual(a.state, b.state)
            self.assertEqual(b.state, (seed + 1000 * GAMMA) % 2**64)
            self.assertEqual(a.next(), b.next())

    def test_index_is_high_product(self):
        bounds = [1, 2, 3, 65, 1000003, 2**31 + 11, 2**32 - 1]
        for bound in bounds:
            a, b = SplitMix64(bound), SplitMix64(bound)
            scalar = [a.next_index(bound) for _ in range(500)]
            r = SplitMix64(bound)
            expected = [(r.next() * bound) >> 64 for _ in range(500)]
            self.assertEqual(scalar, expected)
            self.assertEqual(b.next_indices(500, bound).tolist(), expected)
            self.assertTrue(all(0 <= x < bound for x in expected))
        values = np.array([0, 1, MASK64, 2**63, 0xDEADBEEFCAFEBABE], dtype=np.uint64)
        for bound in bounds:
            self.assertEqual(high_product(values, bound).tolist(), [(int(v) * bound) >> 64 for v in values])

    def test_normal(self):
        r = SplitMix64(99)
        x1, x2 = r.next(), r.next()
        u1 = ((x1 >> 11) + 1) * 2.0**-53
        u2 = (x2 >> 11) * 2.0**-53
        z = math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
        self.assertEqual(SplitMix64(99).next_normal(0.5), np.float32(0.5) * np.float32(z))
        a, b = SplitMix64(7), SplitMix64(7)
        scalar = np.array([a.next_normal(0.1) for _ in range(2000)], dtype=np.float32)
        vector = b.next_normals(2000, 0.1)
        self.assertEqual(vector.dtype, np.float32)
        np.testing.assert_array_equal(scalar, vector)
        self.assertEqual(a.state, b.state)
        self.assertLess(abs(float(np.std(SplitMix64(5).next_normals(20000, 0.5))) - 0.5), 0.02)


if __name__ == "__main__":
    unittest.main()
