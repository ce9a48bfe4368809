"""SplitMix64, exactly as GateLM's Swift `SplitMix64` (Sources/GateLMSupport/SplitMix64.swift).

The n-th output (n = 1, 2, ...) of a stream seeded s is mix(s + n·γ) mod 2^64, so a block of
outputs is computed at once with numpy (uint64 arithmetic wraps modulo 2^64).
"""

from __future__ import annotations

import math

import numpy as np

MASK64 = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15
_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB
_TWO_POW_MINUS_53 = 2.0 ** -53


def mix(z: int) -> int:
    """The output function of SplitMix64 on one 64-bit state."""
    z &= MASK64
    z = ((z ^ (z >> 30)) * _M1) & MASK64
    z = ((z ^ (z >> 27)) * _M2) & MASK64
    return z ^ (z >> 31)


def mix_array(z: np.ndarray) -> np.ndarray:
    """`mix` of every element of a uint64 array (wrapping arithmetic)."""
    z = np.asarray(z, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(_M1)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(_M2)
    return z ^ (z >> np.uint64(31))


def high_product(values: np.ndarray, bound: int) -> np.ndarray:
    """The high 64 bits of values·bound (128-bit product) for bound < 2^32, as uint64."""
    if not 0 <= bound < (1 << 32):
        raise ValueError(f"bound must be in 0...{(1 << 32) - 1}; got {bound}")
    v = np.asarray(values, dtype=np.uint64)
    b = np.uint64(bound)
    hi = v >> np.uint64(32)
    lo = v & np.uint64(0xFFFFFFFF)
    # v·b = hi·b·2^32 + lo·b; both products fit in 64 bits, and so does hi·b + (lo·b >> 32).
    return (hi * b + ((lo * b) >> np.uint64(32))) >> np.uint64(32)


class SplitMix64:
    """A SplitMix64 stream: `next()` advances the state by γ and mixes it."""

    __slots__ = ("state",)

    def __init__(self, seed: int):
        self.state = int(seed) & MASK64

    # Scalar draws (Swift's methods).

    def next(self) -> int:
        self.state = (self.state + GAMMA) & MASK64
        return mix(self.state)

    def next_index(self, below: int) -> int:
        """A number in 0 ..< below: the high 64 bits of next()·below."""
        if below < 0:
            raise ValueError(f"bound must be non-negative; got {below}")
        return (self.next() * below) >> 64

    def next_unit_interval(self) -> float:
        return (self.next() >> 11) * _TWO_POW_MINUS_53

    def next_normal(self, deviation: float = 1.0, mean: float = 0.0) -> np.float32:
        """N(mean, deviation²) by Box–Muller, as Swift: float32(mean) + float32(deviation)·float32(z)."""
        u1 = ((self.next() >> 11) + 1) * _TWO_POW_MINUS_53
        u2 = self.next_unit_interval()
        z = math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
        return np.float32(mean) + np.float32(deviation) * np.float32(z)

    # Vectorised draws: the same values as that many scalar calls, in order.

    def block(self, count: int) -> np.ndarray:
        """The next `count` outputs as a uint64 array (advances the stream by `count`)."""
        if count < 0:
            raise ValueError(f"count must be non-negative; got {count}")
        steps = np.arange(1, count + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            states = np.uint64(self.state) + steps * np.uint64(GAMMA)
        self.state = (self.state + count * GAMMA) & MASK64
        return mix_array(states)

    def next_indices(self, count: int, below: int) -> np.ndarray:
        """`count` draws of `next_index(below)` (below < 2^32) as int64."""
        return high_product(self.block(count), below).astype(np.int64)

    def next_normals(self, count: int, deviation: float = 1.0, mean: float = 0.0) -> np.ndarray:
        """`count` draws of `next_normal` as float32 (two outputs each)."""
        out = self.block(2 * count)
        u1 = ((out[0::2] >> np.uint64(11)) + np.uint64(1)).astype(np.float64) * _TWO_POW_MINUS_53
        u2 = (out[1::2] >> np.uint64(11)).astype(np.float64) * _TWO_POW_MINUS_53
        z = np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2)
        return np.float32(mean) + np.float32(deviation) * z.astype(np.float32)
