"""The folded integer model of the integer window family (Swift's `DiscreteIntegerWindow`), its
exact integer forward pass, and the interchange directory (docs/interchange.md)."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import torch

from .corpus import CorpusIdentity, context_windows
from .hashing import ContextHash
from .interchange import (HEX_HASH, DECIMAL, InterchangeError, atomic_write, integer, number, read_safetensors, utf8_json,
                          write_safetensors)

FORMAT = "gatelm-interchange"
VERSION = 1
FAMILY = "integer"
CONFIG_FILE = "config.json"
MODEL_FILE = "model.safetensors"

CONFIG_KEYS = ("format", "version", "family", "context_length", "code_width", "activation_bits", "tables", "hidden_widths",
               "class_bytes", "temperature", "epsilon", "corpus", "source")
OPTIONAL_KEYS = {"source"}

#: The largest config.json read (as GateLM's reader).
CONFIG_LIMIT = 1 << 20

#: Positions scored at once (the float activations stay small whatever the range).
CHUNK = 4096


@dataclass(eq=False)
class DiscreteTable:
    order: int
    bits: int
    #: columns[p·8 + b], each in 0 ..< 2^bits.
    columns: np.ndarray
    #: levels[r, e], uint8 [2^bits, E].
    levels: np.ndarray

    @property
    def hash(self) -> ContextHash:
        return ContextHash(self.order, self.bits, self.columns.astype(np.uint32))


@dataclass(eq=False)
class DiscreteLayer:
    #: Ternary int8 [U, I] (the gain's sign folded in).
    weights: np.ndarray
    #: int32 [U, L], non-decreasing along each row.
    thresholds: np.ndarray


@dataclass(eq=False)
class DiscreteIntegerWindow:
    """The integer window model: k-bit levels, ternary weights, thermometer thresholds."""

    context_length: int
    code_width: int
    activation_bits: int
    #: code[x, e]: level e of byte x's code, uint8 [256, E].
    code: np.ndarray
    tables: List[DiscreteTable]
    layers: List[DiscreteLayer]
    #: Ternary int8 [C, U_last].
    readout_weights: np.ndarray
    #: int32 [C], ≥ 0.
    offsets: np.ndarray
    #: uint8 [C], distinct, ascending.
    class_bytes: np.ndarray
    temperature: float
    epsilon: float
    corpus: Optional[CorpusIdentity] = None
    source: Optional[dict] = None
    _hashes: Optional[list] = field(default=None, repr=False)

    # Shape.

    @property
    def largest_level(self) -> int:
        return (1 << self.activation_bits) - 1

    @property
    def class_count(self) -> int:
        return len(self.class_bytes)

    @property
    def input_width(self) -> int:
        return (self.context_length + len(self.tables)) * self.code_width

    @property
    def hidden_widths(self) -> List[int]:
        return [layer.weights.shape[0] for layer in self.layers]

    def readout_shifts(self) -> np.ndarray:
        """L per −1 weight of each class's readout row (int64 [C])."""
        return self.largest_level * (self.readout_weights < 0).sum(axis=1).astype(np.int64)

    def __eq__(self, other) -> bool:
        if not isinstance(other, DiscreteIntegerWindow):
            return NotImplemented
        a, b = self._tensors(), other._tensors()
        return (self.config_json() == other.config_json() and a.keys() == b.keys()
                and all(a[k].dtype == b[k].dtype and np.array_equal(a[k], b[k]) for k in a))

    # The integer forward pass.

    def _prepared(self):
        if self._hashes is None:
            self._hashes = [t.hash for t in self.tables]
        return self._hashes

    def scores(self, contexts: np.ndarray) -> np.ndarray:
        """Integer class scores of contexts (uint8 [N, W], oldest first): int32 [N, C].

        Every sum is an integer below 2^24 in magnitude, so float32 matrix products are exact."""
        contexts = np.asarray(contexts, dtype=np.uint8)
        if contexts.ndim != 2 or contexts.shape[1] != self.context_length:
            raise ValueError(f"contexts must be [N, {self.context_length}] bytes; got shape {contexts.shape}")
        n, W, E = contexts.shape[0], self.context_length, self.code_width
        if n == 0:
            return np.zeros((0, self.class_count), dtype=np.int32)
        parts = [self.code[contexts.astype(np.int64)].reshape(n, W * E)]
        for table, hash_ in zip(self.tables, self._prepared()):
            parts.append(table.levels[hash_.rows(contexts)])
        x = torch.from_numpy(np.concatenate(parts, axis=1).astype(np.float32))
        for layer in self.layers:
            sums = (x @ torch.from_numpy(layer.weights.astype(np.float32)).T).to(torch.int32)
            thresholds = torch.from_numpy(layer.thresholds)
            x = (sums.unsqueeze(2) >= thresholds.unsqueeze(0)).sum(dim=2).to(torch.float32)
        raw = (x @ torch.from_numpy(self.readout_weights.astype(np.float32)).T).to(torch.int64).numpy()
        scores = raw + (self.readout_shifts() + self.offsets.astype(np.int64))[None, :]
        if scores.size and (scores.min() < 0 or scores.max() > np.iinfo(np.int32).max):
            raise ValueError("the scores do not fit a 32-bit signed integer (readout.offsets too large)")
        return scores.astype(np.int32)

    def scores_of_positions(self, text: np.ndarray, start: int, stop: int, chunk: int = CHUNK) -> np.ndarray:
        """The scores of positions start ..< stop of `text`, each from its last W bytes: int32 [stop − start, C]."""
        if not 0 <= start <= stop <= len(text):
            raise ValueError(f"positions {start}..<{stop} outside the text (0...{len(text)})")
        out = np.zeros((stop - start, self.class_count), dtype=np.int32)
        for s in range(start, stop, chunk):
            e = min(stop, s + chunk)
            out[s - start:e - start] = self.scores(context_windows(text, np.arange(s, e, dtype=np.int64), self.context_length))
        return out

    def bits_of_scores(self, scores: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """−log2 q of each target byte: p = softmax(score/τ) in float64, q = (1 − ε)·p + ε/256
        (ε/256 for a byte outside the classes; with ε = 0, from the log-probability)."""
        s = np.asarray(scores, dtype=np.float64)
        z = (s - s.max(axis=1, keepdims=True)) / self.temperature
        normalizer = np.exp(z).sum(axis=1)
        class_of = np.full(256, -1, dtype=np.int64)
        class_of[self.class_bytes.astype(np.int64)] = np.arange(self.class_count)
        c = class_of[np.asarray(targets, dtype=np.int64)]
        inside = c >= 0
        zt = z[np.arange(len(c)), np.where(inside, c, 0)]
        eps = self.epsilon
        if eps == 0:
            bits = -(zt - np.log(normalizer)) / math.log(2)
            return np.where(inside, bits, np.inf)
        p = np.where(inside, np.exp(zt) / normalizer, 0.0)
        return -np.log2((1 - eps) * p + eps / 256)

    def bits_per_byte(self, text: np.ndarray, start: int, stop: int, chunk: int = CHUNK) -> float:
        """Mean bits per byte over positions start ..< stop of `text` (the spec's scoring)."""
        total, count = 0.0, 0
        for s in range(start, stop, chunk):
            e = min(stop, s + chunk)
            scores = self.scores_of_positions(text, s, e, chunk)
            total += float(self.bits_of_scores(scores, np.asarray(text[s:e])).sum())
            count += e - s
        return total / count if count else math.nan

    # The interchange directory.

    def config_json(self) -> dict:
        config = {
            "format": FORMAT,
            "version": VERSION,
            "family": FAMILY,
            "context_length": int(self.context_length),
            "code_width": int(self.code_width),
            "activation_bits": int(self.activation_bits),
            "tables": [{"order": int(t.order), "bits": int(t.bits)} for t in self.tables],
            "hidden_widths": [int(w) for w in self.hidden_widths],
            "class_bytes": [int(b) for b in self.class_bytes],
            "temperature": float(self.temperature),
            "epsilon": float(self.epsilon),
            "corpus": self.corpus.to_json() if self.corpus is not None else None,
        }
        if self.source is not None:
            config["source"] = self.source
        return config

    def _tensors(self) -> Dict[str, np.ndarray]:
        tensors = {"code": self.code}
        for t, table in enumerate(self.tables):
            tensors[f"tables.{t}.columns"] = table.columns
            tensors[f"tables.{t}.levels"] = table.levels
        for l, layer in enumerate(self.layers, start=1):
            tensors[f"L{l}.weights"] = layer.weights
            tensors[f"L{l}.thresholds"] = layer.thresholds
        tensors["readout.weights"] = self.readout_weights
        tensors["readout.offsets"] = self.offsets
        return tensors

    def save(self, directory: str) -> None:
        """Writes config.json and model.safetensors into `directory` (created if needed), each atomically."""
        config = self.config_json()
        _check_config(config, os.path.join(directory, CONFIG_FILE))
        self.validate(os.path.join(directory, MODEL_FILE))
        os.makedirs(directory, exist_ok=True)
        write_safetensors(os.path.join(directory, MODEL_FILE), self._tensors(), metadata={"format": FORMAT})
        text = json.dumps(config, indent=2, allow_nan=False) + "\n"
        atomic_write(os.path.join(directory, CONFIG_FILE), text.encode("utf-8"))

    @staticmethod
    def load(directory: str) -> "DiscreteIntegerWindow":
        """Reads and validates an interchange directory, field by field and tensor by tensor."""
        config_path = os.path.join(directory, CONFIG_FILE)
        model_path = os.path.join(directory, MODEL_FILE)
        try:
            with open(config_path, "rb") as f:
                raw = f.read(CONFIG_LIMIT + 1)
            if len(raw) > CONFIG_LIMIT:
                raise InterchangeError(f"{config_path}: larger than {CONFIG_LIMIT} bytes")
        except OSError as error:
            raise InterchangeError(f"{config_path}: cannot read the file ({error.strerror or error})") from None
        config = utf8_json(raw, config_path)
        _check_config(config, config_path)
        tensors, dtypes, _ = read_safetensors(model_path)
        W, E, k = config["context_length"], config["code_width"], config["activation_bits"]
        T = len(config["tables"])
        C = len(config["class_bytes"])
        widths = config["hidden_widths"]
        L = (1 << k) - 1
        expected = {"code": ("U8", [256, E])}
        for t, table in enumerate(config["tables"]):
            expected[f"tables.{t}.columns"] = ("I32", [8 * table["order"]])
            expected[f"tables.{t}.levels"] = ("U8", [1 << table["bits"], E])
        inputs = (W + T) * E
        for l, width in enumerate(widths, start=1):
            expected[f"L{l}.weights"] = ("I8", [width, inputs])
            expected[f"L{l}.thresholds"] = ("I32", [width, L])
            inputs = width
        expected["readout.weights"] = ("I8", [C, inputs])
        expected["readout.offsets"] = ("I32", [C])
        for name in tensors:
            if name not in expected:
                raise InterchangeError(f"{model_path}: unknown tensor {name!r} (allowed: {', '.join(expected)})")
        for name, (dtype, shape) in expected.items():
            if name not in tensors:
                raise InterchangeError(f"{model_path}: tensor {name!r} is missing ({dtype} {shape} expected)")
            if dtypes[name] != dtype:
                raise InterchangeError(f"{model_path}: tensor {name!r} has dtype {dtypes[name]}; {dtype} expected")
            if list(tensors[name].shape) != shape:
                raise InterchangeError(f"{model_path}: tensor {name!r} has shape {list(tensors[name].shape)}; {shape} expected")
        model = DiscreteIntegerWindow(
            context_length=W, code_width=E, activation_bits=k, code=tensors["code"],
            tables=[DiscreteTable(tb["order"], tb["bits"], tensors[f"tables.{t}.columns"], tensors[f"tables.{t}.levels"])
                    for t, tb in enumerate(config["tables"])],
            layers=[DiscreteLayer(tensors[f"L{l}.weights"], tensors[f"L{l}.thresholds"]) for l in range(1, len(widths) + 1)],
            readout_weights=tensors["readout.weights"], offsets=tensors["readout.offsets"],
            class_bytes=np.array(config["class_bytes"], dtype=np.uint8),
            temperature=float(config["temperature"]), epsilon=float(config["epsilon"]),
            corpus=CorpusIdentity.from_json(config["corpus"]) if config["corpus"] is not None else None,
            source=config.get("source"))
        model.validate(model_path)
        return model

    def validate(self, where: str = "model") -> None:
        """Checks every tensor's dtype, shape and values (raises InterchangeError naming it)."""
        W, E, k = self.context_length, self.code_width, self.activation_bits
        if not 1 <= k <= 4:
            raise InterchangeError(f"{where}: activation_bits must be in 1...4; got {k}")
        L = self.largest_level

        def check(name, array, dtype, shape):
            if not isinstance(array, np.ndarray) or array.dtype != np.dtype(dtype):
                got = array.dtype if isinstance(array, np.ndarray) else type(array).__name__
                raise InterchangeError(f"{where}: tensor {name!r} has dtype {got}; {np.dtype(dtype)} expected")
            if list(array.shape) != list(shape):
                raise InterchangeError(f"{where}: tensor {name!r} has shape {list(array.shape)}; {list(shape)} expected")

        def levels(name, array):
            if array.size and int(array.max()) > L:
                index = np.unravel_index(int(np.argmax(array)), array.shape)
                raise InterchangeError(f"{where}: tensor {name!r} element {list(map(int, index))} is {int(array.max())}; "
                                       f"levels must be in 0...{L} (L = 2^k − 1, k = {k})")

        def ternary(name, array):
            bad = (array < -1) | (array > 1)
            if bad.any():
                index = np.unravel_index(int(np.argmax(bad)), array.shape)
                raise InterchangeError(f"{where}: tensor {name!r} element {list(map(int, index))} is {int(array[index])}; "
                                       "weights must be ternary (−1, 0, +1)")

        check("code", self.code, np.uint8, [256, E])
        levels("code", self.code)
        for t, table in enumerate(self.tables):
            if not 1 <= table.order <= W or not 1 <= table.bits <= 20:
                raise InterchangeError(f"{where}: table {t} needs order in 1...{W} and bits in 1...20; "
                                       f"got order {table.order}, bits {table.bits}")
            check(f"tables.{t}.columns", table.columns, np.int32, [8 * table.order])
            check(f"tables.{t}.levels", table.levels, np.uint8, [1 << table.bits, E])
            columns = table.columns
            bad = (columns < 0) | (columns >= (1 << table.bits))
            if bad.any():
                i = int(np.argmax(bad))
                raise InterchangeError(f"{where}: tensor 'tables.{t}.columns' element {i} is {int(columns[i])}; "
                                       f"columns must be in 0...{(1 << table.bits) - 1} (2^bits − 1, bits = {table.bits})")
            levels(f"tables.{t}.levels", table.levels)
        if not 1 <= len(self.layers) <= 2:
            raise InterchangeError(f"{where}: 1...2 hidden layers expected; got {len(self.layers)}")
        inputs = self.input_width
        for l, layer in enumerate(self.layers, start=1):
            units = layer.weights.shape[0] if isinstance(layer.weights, np.ndarray) and layer.weights.ndim == 2 else -1
            if not 1 <= units <= 8192:
                raise InterchangeError(f"{where}: layer {l} needs 1...8192 units; got {units}")
            check(f"L{l}.weights", layer.weights, np.int8, [units, inputs])
            check(f"L{l}.thresholds", layer.thresholds, np.int32, [units, L])
            ternary(f"L{l}.weights", layer.weights)
            if L > 1:
                decreasing = np.diff(layer.thresholds.astype(np.int64), axis=1) < 0
                if decreasing.any():
                    u, m = np.unravel_index(int(np.argmax(decreasing)), decreasing.shape)
                    raise InterchangeError(f"{where}: tensor 'L{l}.thresholds' row {u} decreases at column {m + 1} "
                                           f"({int(layer.thresholds[u, m])} then {int(layer.thresholds[u, m + 1])}); "
                                           "thresholds must be non-decreasing")
            inputs = units
        C = len(self.class_bytes)
        check("class_bytes", np.asarray(self.class_bytes), np.uint8, [C])
        if not 1 <= C <= 256 or (C > 1 and np.any(np.diff(self.class_bytes.astype(np.int64)) <= 0)):
            raise InterchangeError(f"{where}: class_bytes must be 1...256 distinct bytes in ascending order")
        check("readout.weights", self.readout_weights, np.int8, [C, inputs])
        ternary("readout.weights", self.readout_weights)
        check("readout.offsets", self.offsets, np.int32, [C])
        if C and int(self.offsets.min()) < 0:
            i = int(np.argmin(self.offsets))
            raise InterchangeError(f"{where}: tensor 'readout.offsets' element {i} is {int(self.offsets[i])}; offsets must be ≥ 0")
        largest = int((self.offsets.astype(np.int64) + L * (self.readout_weights != 0).sum(axis=1)).max())
        if largest >= np.iinfo(np.int32).max:
            raise InterchangeError(f"{where}: tensor 'readout.offsets': scores up to {largest} do not fit 31 bits; "
                                   "the offsets are too large")
        if not (math.isfinite(self.temperature) and self.temperature > 0):
            raise InterchangeError(f"{where}: temperature must be a finite number > 0; got {self.temperature}")
        if not (math.isfinite(self.epsilon) and 0 < self.epsilon < 1):
            raise InterchangeError(f"{where}: epsilon must be a finite number in (0, 1); got {self.epsilon}")


def _check_config(config, where: str) -> None:
    """The config.json rules of docs/interchange.md, key by key."""
    if not isinstance(config, dict):
        raise InterchangeError(f"{where}: must be a JSON object")
    for key in config:
        if key not in CONFIG_KEYS:
            raise InterchangeError(f"{where}: unknown key {key!r} (allowed: {', '.join(CONFIG_KEYS)})")
    for key in CONFIG_KEYS:
        if key not in config and key not in OPTIONAL_KEYS:
            raise InterchangeError(f"{where}: key {key!r} is missing")
    if config["format"] != FORMAT:
        raise InterchangeError(f"{where}: 'format' must be {FORMAT!r}; got {config['format']!r}")
    if not _int(config["version"]) or config["version"] != VERSION:
        raise InterchangeError(f"{where}: 'version' must be {VERSION}; got {config['version']!r}")
    if config["family"] != FAMILY:
        raise InterchangeError(f"{where}: 'family' must be {FAMILY!r}; got {config['family']!r}")
    W = integer(config["context_length"], f"{where}: 'context_length'", 1, 32)
    integer(config["code_width"], f"{where}: 'code_width'", 1, 256)
    integer(config["activation_bits"], f"{where}: 'activation_bits'", 1, 4)
    tables = config["tables"]
    if not isinstance(tables, list) or len(tables) > 8:
        raise InterchangeError(f"{where}: 'tables' must be an array of 0...8 tables; got {tables!r}")
    for t, table in enumerate(tables):
        if not isinstance(table, dict) or set(table) != {"order", "bits"}:
            raise InterchangeError(f"{where}: 'tables'[{t}] must be an object with exactly 'order' and 'bits'; got {table!r}")
        integer(table["order"], f"{where}: 'tables'[{t}].order", 1, W)
        integer(table["bits"], f"{where}: 'tables'[{t}].bits", 1, 20)
    orders = [table["order"] for table in tables]
    if len(set(orders)) != len(orders):
        raise InterchangeError(f"{where}: 'tables' must have distinct orders; got {orders}")
    widths = config["hidden_widths"]
    if not isinstance(widths, list) or not 1 <= len(widths) <= 2:
        raise InterchangeError(f"{where}: 'hidden_widths' must be an array of 1...2 layer widths; got {widths!r}")
    for l, width in enumerate(widths):
        integer(width, f"{where}: 'hidden_widths'[{l}]", 1, 8192)
    classes = config["class_bytes"]
    if not isinstance(classes, list) or not 1 <= len(classes) <= 256:
        raise InterchangeError(f"{where}: 'class_bytes' must be an array of 1...256 bytes")
    for c, byte in enumerate(classes):
        integer(byte, f"{where}: 'class_bytes'[{c}]", 0, 255)
        if c and byte <= classes[c - 1]:
            raise InterchangeError(f"{where}: 'class_bytes' must be distinct and ascending; element {c} ({byte}) "
                                   f"follows {classes[c - 1]}")
    number(config["temperature"], f"{where}: 'temperature'", low=0, low_open=True)
    number(config["epsilon"], f"{where}: 'epsilon'", low=0, high=1, low_open=True, high_open=True)
    corpus = config["corpus"]
    if corpus is not None:
        if not isinstance(corpus, dict) or set(corpus) != {"name", "bytes", "hash"}:
            raise InterchangeError(f"{where}: 'corpus' must be null or an object with exactly 'name', 'bytes' and 'hash'")
        if not isinstance(corpus["name"], str) or len(corpus["name"].encode("utf-8")) > 4096:
            raise InterchangeError(f"{where}: 'corpus'.name must be a string of at most 4096 bytes")
        integer(corpus["bytes"], f"{where}: 'corpus'.bytes", 0, 1 << 50)
        if not isinstance(corpus["hash"], str) or not HEX_HASH.match(corpus["hash"]):
            raise InterchangeError(f"{where}: 'corpus'.hash must be 1...16 lowercase hex digits (FNV-1a 64 of the corpus); "
                                   f"got {corpus['hash']!r}")
    if "source" in config and not isinstance(config["source"], dict):
        raise InterchangeError(f"{where}: 'source' must be an object")


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# Scores files.

def write_scores(path: str, scores: np.ndarray, first_position: int, corpus_hash: str, engine: str = "gatelm-torch") -> None:
    """Writes a scores file: tensor `scores` (I32 [N, C], row i = position first_position + i) with
    `__metadata__` {first_position, corpus_hash, engine}, atomically."""
    scores = np.asarray(scores)
    if scores.ndim != 2 or scores.dtype != np.int32:
        raise ValueError(f"scores must be int32 [N, C]; got {scores.dtype} {list(scores.shape)}")
    if not _int(first_position) or first_position < 0:
        raise ValueError(f"first_position must be an integer ≥ 0; got {first_position!r}")
    if not isinstance(corpus_hash, str) or not HEX_HASH.match(corpus_hash):
        raise ValueError(f"corpus_hash must be 1...16 hex digits; got {corpus_hash!r}")
    write_safetensors(path, {"scores": scores}, metadata={"first_position": str(first_position),
                                                          "corpus_hash": corpus_hash, "engine": str(engine)})


def read_scores(path: str):
    """(scores int32 [N, C], first_position, corpus_hash, engine) of a scores file, validated."""
    tensors, dtypes, metadata = read_safetensors(path)
    if set(tensors) != {"scores"}:
        raise InterchangeError(f"{path}: a scores file holds exactly one tensor 'scores'; got {sorted(tensors)}")
    if dtypes["scores"] != "I32" or tensors["scores"].ndim != 2 or tensors["scores"].shape[1] < 1:
        raise InterchangeError(f"{path}: tensor 'scores' must be I32 [N, C] with C ≥ 1; got {dtypes['scores']} "
                               f"{list(tensors['scores'].shape) if tensors['scores'] is not None else '?'}")
    for key in ("first_position", "corpus_hash", "engine"):
        if key not in metadata:
            raise InterchangeError(f"{path}: __metadata__ key {key!r} is missing")
    if not DECIMAL.match(metadata["first_position"]):
        raise InterchangeError(f"{path}: __metadata__ first_position must be a decimal integer ≥ 0; got {metadata['first_position']!r}")
    if not HEX_HASH.match(metadata["corpus_hash"]):
        raise InterchangeError(f"{path}: __metadata__ corpus_hash must be 1...16 hex digits; got {metadata['corpus_hash']!r}")
    return tensors["scores"], int(metadata["first_position"]), metadata["corpus_hash"], metadata["engine"]
