import json
import os
import tempfile
import unittest

import numpy as np
from safetensors.numpy import save_file

from gatelm_torch.corpus import CorpusIdentity
from gatelm_torch.discrete import DiscreteIntegerWindow, read_scores, write_scores
from gatelm_torch.integer_window import IntegerWindowConfig
from gatelm_torch.interchange import InterchangeError

from .support import random_network

CLASS_BYTES = [10, 32, 97, 98, 99, 100, 101]


def folded_model():
    config = IntegerWindowConfig(context_length=5, code_width=4, hashed_orders=(2, 3), hashed_row_bits=6, hidden_widths=(12, 6),
                                 activation_bits=2, seed=3)
    return random_network(config, len(CLASS_BYTES), 3).fold(
        CLASS_BYTES, corpus=CorpusIdentity("c.txt", 1234, "ea6d50b3793c498c"), source={"engine": "gatelm-torch", "steps": 0})


class RoundTripTests(unittest.TestCase):
    def test_save_load_equal(self):
        model = folded_model()
        with tempfile.TemporaryDirectory() as d:
            model.save(os.path.join(d, "m"))
            self.assertEqual(sorted(os.listdir(os.path.join(d, "m"))), ["config.json", "model.safetensors"])
            loaded = DiscreteIntegerWindow.load(os.path.join(d, "m"))
        self.assertEqual(loaded, model)
        self.assertEqual(loaded.temperature, model.temperature)
        self.assertEqual(loaded.corpus, model.corpus)
        self.assertEqual(loaded.source, model.source)
        contexts = np.random.RandomState(0).randint(0, 256, (300, 5)).astype(np.uint8)
        np.testing.assert_array_equal(loaded.scores(contexts), model.scores(contexts))
        text = np.random.RandomState(1).choice(np.array(CLASS_BYTES + [7], np.uint8), 500)
        self.assertEqual(loaded.bits_per_byte(text, 100, 500), model.bits_per_byte(text, 100, 500))

    def test_scores_file(self):
        scores = np.arange(12, dtype=np.int32).reshape(4, 3)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.safetensors")
            write_scores(path, scores, 17, "abc123")
            got, first, corpus_hash, engine = read_scores(path)
            np.testing.assert_array_equal(got, scores)
            self.assertEqual((first, corpus_hash, engine), (17, "abc123", "gatelm-torch"))
            save_file({"scores": scores, "other": scores}, path, metadata={"first_position": "0", "corpus_hash": "1", "engine": "x"})
            with self.assertRaisesRegex(InterchangeError, "s.safetensors.*exactly one tensor 'scores'"):
                read_scores(path)


def _mutate_tensor(name, change):
    def mutate(config, tensors):
        tensors[name] = change(tensors[name].copy())
    return mutate


def _set(key, value):
    def mutate(config, tensors):
        config[key] = value
    return mutate


class BrokenFileTests(unittest.TestCase):
    """Each broken directory is refused with an InterchangeError naming the file and the field or tensor."""

    def setUp(self):
        self.model = folded_model()
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, mutate):
        d = os.path.join(self.tmp.name, "broken")
        os.makedirs(d, exist_ok=True)
        config = self.model.config_json()
        tensors = dict(self.model._tensors())
        mutate(config, tensors)
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(config, f)
        save_file(tensors, os.path.join(d, "model.safetensors"))
        return d

    def refuse(self, directory, file, pattern):
        with self.assertRaises(InterchangeError) as caught:
            DiscreteIntegerWindow.load(directory)
        message = str(caught.exception)
        self.assertIn(file, message)
        self.assertRegex(message, pattern)

    def test_broken_tensors(self):
        L = 3
        cases = [
            ("wrong dtype", _mutate_tensor("code", lambda a: a.astype(np.int8)), r"'code' has dtype I8; U8 expected"),
            ("wrong shape", _mutate_tensor("L1.weights", lambda a: a[:, :-1]), r"'L1\.weights' has shape \[12, 27\]; \[12, 28\]"),
            ("level > L", _mutate_tensor("code", lambda a: _put(a, (3, 1), L + 1)), r"'code' element \[3, 1\] is 4.*0\.\.\.3"),
            ("table level > L", _mutate_tensor("tables.1.levels", lambda a: _put(a, (5, 0), 200)), r"'tables\.1\.levels'.*0\.\.\.3"),
            ("decreasing thresholds", _mutate_tensor("L2.thresholds", lambda a: _put(a, (2, 0), a[2, 1] + 5)),
             r"'L2\.thresholds' row 2 decreases.*non-decreasing"),
            ("not ternary", _mutate_tensor("readout.weights", lambda a: _put(a, (1, 1), 2)), r"'readout\.weights'.*ternary"),
            ("negative offset", _mutate_tensor("readout.offsets", lambda a: _put(a, (0,), -1)), r"'readout\.offsets'.*≥ 0"),
            ("huge offset", _mutate_tensor("readout.offsets", lambda a: _put(a, (0,), 2**31 - 2)), r"'readout\.offsets'.*31 bits"),
            ("hash column ≥ 2^bits", _mutate_tensor("tables.0.columns", lambda a: _put(a, (4,), 64)),
             r"'tables\.0\.columns' element 4 is 64.*0\.\.\.63"),
            ("unknown tensor", lambda c, t: t.update(extra=np.zeros(3, np.int32)), r"unknown tensor 'extra'"),
            ("missing tensor", lambda c, t: t.pop("readout.offsets"), r"'readout\.offsets' is missing"),
        ]
        for name, mutate, pattern in cases:
            with self.subTest(name):
                self.refuse(self.write(mutate), "model.safetensors", pattern)

    def test_broken_config(self):
        cases = [
            ("unknown key", _set("colour", "red"), r"unknown key 'colour'"),
            ("missing key", lambda c, t: c.pop("epsilon"), r"'epsilon' is missing"),
            ("zero temperature", _set("temperature", 0), r"'temperature'.*\(0"),
            ("negative temperature", _set("temperature", -2.5), r"'temperature'"),
            ("infinite temperature", _set("temperature", float("inf")), r"Infinity is not a JSON number"),
            ("NaN temperature", _set("temperature", float("nan")), r"NaN is not a JSON number"),
            ("overflowing number in source", _set("source", {"seconds": 1e999}), r"Infinity is not a JSON number"),
            ("string temperature", _set("temperature", "1.0"), r"'temperature'.*number"),
            ("epsilon 1", _set("epsilon", 1.0), r"'epsilon'.*\(0, 1\)"),
            ("class bytes not ascending", _set("class_bytes", [10, 32, 98, 97, 99, 100, 101]), r"'class_bytes'.*ascending"),
            ("class byte repeated", _set("class_bytes", [10, 32, 97, 97, 99, 100, 101]), r"'class_bytes'.*distinct"),
            ("class byte 256", _set("class_bytes", [10, 32, 97, 98, 99, 100, 256]), r"'class_bytes'\[6\].*0\.\.\.255"),
            ("context 33", _set("context_length", 33), r"'context_length'.*1\.\.\.32"),
            ("float context", _set("context_length", 5.0), r"'context_length'.*integer"),
            ("activation bits 5", _set("activation_bits", 5), r"'activation_bits'.*1\.\.\.4"),
            ("three layers", _set("hidden_widths", [12, 6, 6]), r"'hidden_widths'.*1\.\.\.2"),
            ("table order > W", _set("tables", [{"order": 6, "bits": 6}, {"order": 3, "bits": 6}]), r"'tables'\[0\]\.order.*1\.\.\.5"),
            ("table bits 21", _set("tables", [{"order": 2, "bits": 21}, {"order": 3, "bits": 6}]), r"'tables'\[0\]\.bits.*1\.\.\.20"),
            ("repeated order", _set("tables", [{"order": 2, "bits": 6}, {"order": 2, "bits": 6}]), r"'tables'.*distinct"),
            ("format", _set("format", "gatelm"), r"'format'"),
            ("version 2", _set("version", 2), r"'version' must be 1"),
            ("family", _set("family", "gates"), r"'family'"),
            ("corpus hash", _set("corpus", {"name": "c", "bytes": 1, "hash": "EA6D"}), r"'corpus'\.hash.*lowercase hex"),
            ("corpus key", _set("corpus", {"name": "c", "bytes": 1, "hash": "ea", "x": 1}), r"'corpus'"),
        ]
        for name, mutate, pattern in cases:
            with self.subTest(name):
                self.refuse(self.write(mutate), "config.json", pattern)

    def test_duplicate_key(self):
        d = self.write(lambda c, t: None)
        path = os.path.join(d, "config.json")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace('"epsilon":', '"epsilon": 0.5, "epsilon":'))
        self.refuse(d, "config.json", r"'epsilon' appears twice")

    def test_broken_container(self):
        d = self.write(lambda c, t: None)
        path = os.path.join(d, "model.safetensors")
        with open(path, "rb") as f:
            good = f.read()
        length = int.from_bytes(good[:8], "little")
        cases = [
            ("truncated data", good[:-10], r"data section holds"),
            ("truncated header length", good[:5], r"truncated"),
            ("header length beyond file", (len(good)).to_bytes(8, "little") + good[8:], r"header length \d+ runs past the end"),
            ("trailing bytes", good + b"\0\0\0\0", r"nothing may follow"),
            ("header not JSON", good[:8] + b"{" * length + good[8 + length:], r"header.*not valid JSON"),
            ("header not an object", len(b"[]").to_bytes(8, "little") + b"[]", r"not a JSON object"),
        ]
        for name, data, pattern in cases:
            with self.subTest(name):
                with open(path, "wb") as f:
                    f.write(data)
                self.refuse(d, "model.safetensors", pattern)

    def test_overlap_and_unknown_dtype(self):
        header = {"code": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]},
                  "other": {"dtype": "U8", "shape": [2], "data_offsets": [1, 3]}}
        d = self.write(lambda c, t: None)
        for name, h, pattern in (("overlap", header, r"overlap"),
                                 ("unknown dtype", {"code": {"dtype": "Q7", "shape": [2], "data_offsets": [0, 2]}}, r"unknown dtype 'Q7'")):
            with self.subTest(name):
                raw = json.dumps(h).encode()
                with open(os.path.join(d, "model.safetensors"), "wb") as f:
                    f.write(len(raw).to_bytes(8, "little") + raw + b"\0" * 3)
                self.refuse(d, "model.safetensors", pattern)


def _put(array, index, value):
    array[index] = value
    return array


if __name__ == "__main__":
    unittest.main()
