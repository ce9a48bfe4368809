import os
import tempfile
import unittest

import numpy as np

from gatelm_torch.corpus import Corpus, context_windows, fnv1a64, fnv1a64_reference, hash_string
from gatelm_torch.hashing import ContextHash
from gatelm_torch.splitmix import SplitMix64
from gatelm_torch.train import dropout_mask


class FNVTests(unittest.TestCase):
    def test_known_values(self):
        # FNV-1a 64 test vectors (the FNV reference: "", "a", "foobar").
        self.assertEqual(fnv1a64(b""), 0xCBF29CE484222325)
        self.assertEqual(fnv1a64(b"a"), 0xAF63DC4C8601EC8C)
        self.assertEqual(fnv1a64(b"foobar"), 0x85944171F73967E8)
        self.assertEqual(hash_string(0x0123), "123")  # Swift's String(x, radix: 16): no leading zeros

    def test_vectorised_equals_definition(self):
        rng = np.random.RandomState(1)
        for n in (1, 2, 7, 255, 4096, (1 << 20) + 3):
            data = rng.randint(0, 256, n).astype(np.uint8).tobytes()
            self.assertEqual(fnv1a64(data), fnv1a64_reference(data), n)


class CorpusTests(unittest.TestCase):
    def test_split_vocabulary_windows(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "c.txt")
            text = b"abcabcabczzzzzzzzzzq"  # 20 bytes: training 0..<18, validation 18..<20
            with open(path, "wb") as f:
                f.write(text)
            c = Corpus(path)
            self.assertEqual((c.training, c.validation), (range(0, 18), range(18, 20)))
            self.assertEqual(c.vocabulary.tolist(), [ord("a"), ord("b"), ord("c"), ord("z")])
            self.assertEqual(c.class_of[ord("q")], 0)
            self.assertEqual(c.class_counts().tolist(), [4.0, 4.0, 4.0, 10.0])
            self.assertEqual(c.identity().hash, hash_string(fnv1a64_reference(text)))
            self.assertEqual((c.identity().name, c.identity().bytes), ("c.txt", 20))
            windows = c.contexts(np.array([0, 2, 5, 20]), 4)
            self.assertEqual(windows.tolist(), [[0, 0, 0, 0], [0, 0, 97, 98], [98, 99, 97, 98], list(b"zzzq")])
        self.assertEqual(context_windows(np.frombuffer(b"xy", np.uint8), [1], 3).tolist(), [[0, 0, 120]])


class HashTests(unittest.TestCase):
    def test_seeded_columns(self):
        for order, bits, seed in ((2, 6, 1), (6, 12, 12345), (3, 20, 2**64 - 1)):
            h = ContextHash.seeded(order, bits, seed)
            r = SplitMix64(seed ^ ((order * 0xA24BAED4963EE407) % 2**64))
            self.assertEqual(h.columns.tolist(), [(r.next() & 0xFFFFFFFF) & ((1 << bits) - 1) for _ in range(order * 8)])

    def test_rows_are_xor_of_columns(self):
        h = ContextHash.seeded(3, 9, 7)
        rng = np.random.RandomState(0)
        contexts = rng.randint(0, 256, (200, 5)).astype(np.uint8)
        expected = []
        for ctx in contexts:
            value = 0
            for p in range(3):
                for b in range(8):
                    if (int(ctx[5 - 1 - p]) >> b) & 1:
                        value ^= int(h.columns[p * 8 + b])
            expected.append(value)
        self.assertEqual(h.rows(contexts).tolist(), expected)


class DropoutMaskTests(unittest.TestCase):
    def test_mask_matches_definition(self):
        for p, count in ((0.1, 13), (0.5, 64), (0.9, 1), (0.25, 0)):
            r = SplitMix64(42)
            mask = dropout_mask(r, count, p)
            keep = np.float32(1) / (np.float32(1) - np.float32(p))
            limit = round(float(np.float32(p)) * 65536)
            s = SplitMix64(42)
            expected = []
            while len(expected) < count:
                bits = s.next()
                for _ in range(4):
                    if len(expected) < count:
                        expected.append(np.float32(0) if bits & 0xFFFF < limit else keep)
                    bits >>= 16
            np.testing.assert_array_equal(mask, np.array(expected, dtype=np.float32))
            self.assertEqual(r.state, s.state)


if __name__ == "__main__":
    unittest.main()
