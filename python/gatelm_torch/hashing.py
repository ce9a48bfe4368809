"""GateLM's `ContextHash`: a random linear map over GF(2) of the last `order` context bytes to
`bits` bits (Sources/LanguageModels/GateNetwork/ContextHash.swift)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .splitmix import MASK64, SplitMix64

_ORDER_MULTIPLIER = 0xA24BAED4963EE407


@dataclass(eq=False)
class ContextHash:
    order: int
    bits: int
    #: columns[p·8 + b]: the hash bits that bit b of the p-th most recent byte flips.
    columns: np.ndarray
    _row_table: np.ndarray = field(default=None, repr=False)

    def __post_init__(self):
        self.columns = np.asarray(self.columns, dtype=np.uint32).reshape(-1)
        if self.order < 1 or not 1 <= self.bits <= 24 or len(self.columns) != self.order * 8:
            raise ValueError(f"a hash needs order ≥ 1, 1...24 bits and 8·order columns; got order {self.order}, "
                             f"{self.bits} bits, {len(self.columns)} columns")
        if np.any(self.columns >> np.uint32(self.bits)):
            raise ValueError(f"a hash column has bits past the hash width {self.bits}")

    def __eq__(self, other):
        return (isinstance(other, ContextHash) and self.order == other.order and self.bits == other.bits
                and np.array_equal(self.columns, other.columns))

    @staticmethod
    def seeded(order: int, bits: int, seed: int) -> "ContextHash":
        """The hash Swift's `ContextHash.seeded(order:bits:seed:)` draws."""
        rng = SplitMix64((int(seed) ^ ((order * _ORDER_MULTIPLIER) & MASK64)) & MASK64)
        mask = (1 << bits) - 1
        columns = (rng.block(order * 8) & np.uint64(0xFFFFFFFF) & np.uint64(mask)).astype(np.uint32)
        return ContextHash(order, bits, columns)

    @property
    def row_table(self) -> np.ndarray:
        """row_table[p·256 + byte]: the XOR of columns[p·8 + b] over the set bits b of byte (uint32)."""
        if self._row_table is None:
            byte = np.arange(256, dtype=np.uint32)
            table = np.zeros((self.order, 256), dtype=np.uint32)
            cols = self.columns.reshape(self.order, 8)
            for b in range(8):
                on = ((byte >> np.uint32(b)) & np.uint32(1)).astype(bool)
                table[:, on] ^= cols[:, b:b + 1]
            self._row_table = table.reshape(-1)
        return self._row_table

    def rows(self, contexts: np.ndarray) -> np.ndarray:
        """The row of each context (uint8 [N, W], oldest first): int64 [N]."""
        contexts = np.asarray(contexts)
        width = contexts.shape[1]
        if self.order > width:
            raise ValueError(f"a hash of order {self.order} needs contexts of at least {self.order} bytes; got {width}")
        table = self.row_table
        h = np.zeros(contexts.shape[0], dtype=np.uint32)
        for p in range(self.order):
            h ^= table[p * 256 + contexts[:, width - 1 - p].astype(np.int64)]
        return h.astype(np.int64)
