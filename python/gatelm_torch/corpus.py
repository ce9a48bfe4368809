"""A training corpus: the bytes of one file, memory-mapped once, its 90/10 split, vocabulary,
context windows and identity (name, length, FNV-1a 64 hash), as GateLM's Swift `Corpus`,
`CorpusSplit`, `ByteVocabulary`, `ContextWindow` and `CorpusIdentity`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

import numpy as np

FNV_OFFSET_BASIS = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
_MASK64 = (1 << 64) - 1
_FNV_CHUNK = 1 << 20

_fnv_powers: Optional[np.ndarray] = None


def fnv1a64_reference(data: bytes, value: int = FNV_OFFSET_BASIS) -> int:
    """FNV-1a 64 by its definition (one byte at a time; about 10 s per 100 MB)."""
    for byte in data:
        value = ((value ^ byte) * FNV_PRIME) & _MASK64
    return value


def _fnv_chunk(b: np.ndarray, value: int) -> int:
    """FNV-1a 64 of `b` (≤ _FNV_CHUNK bytes) continuing from `value`, vectorised.

    With l the low byte of the state, h ^ byte = h + d where d = (l ^ byte) − l, so
    h_n = P^n·h_0 + Σ_j P^(n−j)·d_j (mod 2^64): a dot product once every l is known. The low byte
    follows l' = ((l ^ byte)·P) mod 256, and because P is odd bit k of l' is bit k of l ^ byte XOR
    a function of the lower bits only, so bit k's sequence is a prefix XOR of values known from
    bits 0..k−1: eight vectorised passes.
    """
    global _fnv_powers
    n = len(b)
    if n == 0:
        return value
    if _fnv_powers is None:
        with np.errstate(over="ignore"):
            # P^C, ..., P^2, P^1 (uint64 products wrap modulo 2^64).
            _fnv_powers = np.cumprod(np.full(_FNV_CHUNK, FNV_PRIME, dtype=np.uint64), dtype=np.uint64)[::-1].copy()
    low = np.zeros(n + 1, np.uint8)  # low[j]: the state's low byte before byte j
    first = value & 0xFF
    t = np.empty(n, np.uint8)
    for k in range(8):
        np.bitwise_xor(low[:n], b, out=t)
        t &= (1 << k) - 1
        t *= 0xB3                      # P mod 256; uint8 products wrap modulo 256
        t ^= b
        t >>= k
        t &= 1
        np.bitwise_xor.accumulate(t, out=t)
        t ^= (first >> k) & 1
        low[0] |= first & (1 << k)
        t <<= k
        low[1:] |= t
    before = low[:n]
    d = (before ^ b).astype(np.int64)
    d -= before
    with np.errstate(over="ignore"):
        total = int((d.view(np.uint64) * _fnv_powers[_FNV_CHUNK - n:]).sum(dtype=np.uint64))
    return (pow(FNV_PRIME, n, 1 << 64) * value + total) & _MASK64


def fnv1a64(data, value: int = FNV_OFFSET_BASIS) -> int:
    """FNV-1a 64 of a bytes-like object or uint8 array (about 30 MB/s)."""
    array = np.frombuffer(data, dtype=np.uint8) if not isinstance(data, np.ndarray) else data.reshape(-1).view(np.uint8)
    for start in range(0, len(array), _FNV_CHUNK):
        value = _fnv_chunk(np.ascontiguousarray(array[start:start + _FNV_CHUNK]), value)
    return value


def hash_string(value: int) -> str:
    """Swift's String(value, radix: 16): lowercase hex without leading zeros."""
    return format(value, "x")


@dataclass(frozen=True)
class CorpusIdentity:
    name: str
    bytes: int
    hash: str

    def to_json(self) -> dict:
        return {"name": self.name, "bytes": self.bytes, "hash": self.hash}

    @staticmethod
    def from_json(value: dict) -> "CorpusIdentity":
        return CorpusIdentity(name=value["name"], bytes=int(value["bytes"]), hash=value["hash"])


class Corpus:
    """The bytes of a file, memory-mapped read-only, with GateLM's 90 % / 10 % split."""

    def __init__(self, path: str):
        self.path = path
        self.name = os.path.basename(path)
        size = os.path.getsize(path)
        if size == 0:
            self.data = np.zeros(0, dtype=np.uint8)
        else:
            self.data = np.memmap(path, dtype=np.uint8, mode="r")
        self.size = len(self.data)
        # Swift: Int((Double(n) * (1 − 0.1)).rounded(.down)), nanoGPT's int(n * 0.9).
        self.train_end = min(self.size, int(self.size * 0.9))
        counts = np.bincount(self.data[: self.train_end], minlength=256) if self.train_end else np.zeros(256, np.int64)
        self._training_counts = counts.astype(np.int64)
        self.vocabulary = np.flatnonzero(counts).astype(np.uint8)
        # Class index of each byte value; 0 for bytes outside the vocabulary (training targets never are).
        self.class_of = np.zeros(256, dtype=np.int64)
        self.class_of[self.vocabulary] = np.arange(len(self.vocabulary))
        self.in_vocabulary = np.zeros(256, dtype=bool)
        self.in_vocabulary[self.vocabulary] = True
        self._identity: Optional[CorpusIdentity] = None

    @property
    def training(self) -> range:
        return range(0, self.train_end)

    @property
    def validation(self) -> range:
        return range(self.train_end, self.size)

    def class_counts(self) -> np.ndarray:
        """1 + the occurrences of each class in the training split (float64)."""
        return 1.0 + self._training_counts[self.vocabulary].astype(np.float64)

    def identity(self) -> CorpusIdentity:
        """{name, bytes, FNV-1a 64 hash}; hashed once per process (about 30 MB/s)."""
        if self._identity is None:
            self._identity = CorpusIdentity(self.name, self.size, hash_string(fnv1a64(self.data)))
        return self._identity

    def contexts(self, positions: np.ndarray, width: int) -> np.ndarray:
        """The W bytes before each position, oldest first, 0 before the start: uint8 [N, W]."""
        return context_windows(self.data, positions, width)

    def contexts_of_range(self, start: int, stop: int, width: int) -> np.ndarray:
        return context_windows(self.data, np.arange(start, stop, dtype=np.int64), width)


def context_windows(text: np.ndarray, positions, width: int) -> np.ndarray:
    """Slot j of row i holds text[positions[i] − W + j] (0 where that is before the start)."""
    positions = np.asarray(positions, dtype=np.int64).reshape(-1)
    if len(positions) and (positions.min() < 0 or positions.max() > len(text)):
        raise ValueError(f"positions must lie in 0...{len(text)}")
    index = positions[:, None] - width + np.arange(width, dtype=np.int64)[None, :]
    valid = index >= 0
    if len(text) == 0:
        return np.zeros(index.shape, dtype=np.uint8)
    out = np.asarray(text[np.maximum(index, 0)], dtype=np.uint8)
    if not valid.all():
        out = np.where(valid, out, np.uint8(0)).astype(np.uint8)
    return out
