"""The trainable integer window network (Swift's `IntegerWindowNetwork`) as a torch module: float
shadow weights whose straight-through forward pass is an integer circuit, and `fold()`, which
turns it into that circuit (`DiscreteIntegerWindow`).

With L = 2^k − 1:
- inputs: each of the W context bytes reads its code, each hashed table the row its hash picks;
  every value is a level j = clamp(⌊(f + 1)/2·L + ½⌋, 0, L) of its shadow f, entering as
  u = (2j − L)/L (gradient straight through where |f| ≤ 1);
- each hidden layer: a = Ŵ·x (Ŵ: each row ternarised by TWN and divided by √nnz), pre = g·a + b,
  level = clamp(⌊pre + ½⌋, 0, L), entering the next layer as y = level/L (gradient 1/L over
  −½ − w ≤ pre ≤ L + ½ + w, w the surrogate width);
- logits = s·(R̂·y) + q̂, R̂ the TWN-ternarised readout, q̂ = q rounded to multiples of s/L.

Everything is float32, like the Swift trainer, so that folding gives the same integers.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F

from .corpus import CorpusIdentity
from .discrete import DiscreteIntegerWindow, DiscreteLayer, DiscreteTable
from .hashing import ContextHash
from .splitmix import MASK64, SplitMix64

_PARAMETER_SEED = 0x1A7E6E12
NOISE_SEED = 0x5EEDD209
BATCH_SEED = 0xBA7C4E5
BATCH_STEP_MULTIPLIER = 0x9E3779B97F4A7C15


@dataclass
class IntegerWindowConfig:
    """The shape and recipe of an integer window model (Swift's `IntegerWindowConfiguration`;
    the float fields are float32 there, and are used as float32 here)."""

    context_length: int = 8
    code_width: int = 16
    hashed_orders: Tuple[int, ...] = (2, 3, 4, 6)
    hashed_row_bits: int = 12
    hidden_widths: Tuple[int, ...] = (512,)
    activation_bits: int = 4
    delta_factor: float = 0.7
    surrogate_width: float = 0.5
    initial_gain: float = 1.0
    dropout: float = 0.1
    table_dropout: float = 0.1
    table_weight_decay: float = 0.01
    batch_size: int = 512
    epsilon: float = 1e-3
    seed: int = 1

    #: Allowed ranges (Swift's `IntegerWindowConfiguration.Limits`).
    LIMITS = {
        "context_length": (1, 32), "code_width": (1, 256), "hashed_tables": (0, 8), "hashed_row_bits": (1, 20),
        "hidden_layers": (1, 2), "hidden_width": (1, 8192), "activation_bits": (1, 4), "delta_factor": (0.0, 4.0),
        "surrogate_width": (0.0, 100.0), "initial_gain": (0.01, 100.0), "dropout": (0.0, 0.9), "table_dropout": (0.0, 0.9),
        "table_weight_decay": (0.0, 10.0), "batch_size": (1, 65536),
    }

    def __post_init__(self):
        self.hashed_orders = tuple(int(o) for o in self.hashed_orders)
        self.hidden_widths = tuple(int(w) for w in self.hidden_widths)

    @property
    def largest_level(self) -> int:
        return (1 << self.activation_bits) - 1

    @property
    def table_rows(self) -> int:
        return 1 << self.hashed_row_bits

    @property
    def input_width(self) -> int:
        return (self.context_length + len(self.hashed_orders)) * self.code_width

    def validate(self) -> None:
        """Raises ValueError naming the first field outside its range."""
        def check(value, name, key=None):
            low, high = self.LIMITS[key or name]
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{name}: must be a finite number; got {value}")
            if not low <= value <= high:
                raise ValueError(f"{name}: must be in {low}...{high}; got {value}")
        for name in ("context_length", "code_width", "hashed_row_bits", "activation_bits", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
                raise ValueError(f"{name}: must be an integer; got {value!r}")
            check(value, name)
        check(len(self.hashed_orders), "hashed_orders.count", "hashed_tables")
        for i, order in enumerate(self.hashed_orders):
            if not 1 <= order <= self.context_length:
                raise ValueError(f"hashed_orders[{i}]: must be in 1...{self.context_length} (the context length); got {order}")
        if len(set(self.hashed_orders)) != len(self.hashed_orders):
            raise ValueError(f"hashed_orders: orders must be distinct; got {list(self.hashed_orders)}")
        check(len(self.hidden_widths), "hidden_widths.count", "hidden_layers")
        for i, width in enumerate(self.hidden_widths):
            check(width, f"hidden_widths[{i}]", "hidden_width")
        for name in ("delta_factor", "surrogate_width", "initial_gain", "dropout", "table_dropout", "table_weight_decay"):
            check(float(getattr(self, name)), name)
        eps = float(self.epsilon)
        if not (math.isfinite(eps) and 0 < eps < 1):
            raise ValueError(f"epsilon: must be in (0, 1) exclusive; got {eps}")
        if not 0 <= int(self.seed) <= MASK64:
            raise ValueError(f"seed: must be in 0...{MASK64}; got {self.seed}")

    def to_json(self) -> dict:
        d = asdict(self)
        d["hashed_orders"] = list(self.hashed_orders)
        d["hidden_widths"] = list(self.hidden_widths)
        return d

    @staticmethod
    def from_json(d: dict) -> "IntegerWindowConfig":
        return IntegerWindowConfig(**d)


# Rounding and quantisers (float32, as Swift's).

def round_half_away(x: torch.Tensor) -> torch.Tensor:
    """Swift's `.rounded()` (C's roundf): to nearest, halves away from zero, exactly."""
    t = torch.trunc(x)
    return t + torch.where((x - t).abs() >= 0.5, torch.sign(x), torch.zeros_like(x))


def round_half_away_np(x: np.ndarray) -> np.ndarray:
    t = np.trunc(x)
    return t + np.where(np.abs(x - t) >= 0.5, np.sign(x), np.zeros_like(x))


def input_levels(f: torch.Tensor, L: int) -> torch.Tensor:
    """j = clamp(⌊(f + 1)/2·L + ½⌋, 0, L), in float32 as Swift's `inputLevel`."""
    return torch.clamp(torch.floor((f + 1) / 2 * L + 0.5), 0, L)


def ternarize(w: torch.Tensor, delta_factor: float) -> Tuple[torch.Tensor, torch.Tensor]:
    """TWN, row by row: t = sign(w) where |w| > Δ = δ·mean|w|, else 0; returns (t float32, nnz per row)."""
    columns = max(w.shape[1], 1)
    magnitude = w.abs()
    delta = (float(np.float32(delta_factor)) * magnitude.sum(dim=1, keepdim=True)) / columns
    on = magnitude > delta                  # |w| > Δ ⟺ w > Δ or w < −Δ (Δ ≥ 0)
    return torch.sign(w) * on, on.sum(dim=1, keepdim=True)


class _InputQuantizer(torch.autograd.Function):
    """u = (2j − L)/L of each shadow f; du/df = 1 where |f| ≤ 1, else 0 (the same float32 steps as
    `input_levels`, in place)."""

    @staticmethod
    def forward(ctx, f, L):
        ctx.save_for_backward(f.abs() <= 1)
        u = f + 1
        u.div_(2).mul_(L).add_(0.5).floor_().clamp_(0, L)
        return u.mul_(2).sub_(L).div_(L)

    @staticmethod
    def backward(ctx, grad):
        (inside,) = ctx.saved_tensors
        return grad * inside, None


class _UnitQuantizer(torch.autograd.Function):
    """y = clamp(⌊pre + ½⌋, 0, L)/L; dy/dpre = 1/L over [lowest, highest], else 0."""

    @staticmethod
    def forward(ctx, pre, L, lowest, highest):
        slope = (pre >= lowest).logical_and_(pre <= highest).to(pre.dtype).mul_(float(np.float32(1) / np.float32(L)))
        ctx.save_for_backward(slope)
        y = pre + 0.5
        return y.floor_().clamp_(0, L).div_(L)

    @staticmethod
    def backward(ctx, grad):
        (slope,) = ctx.saved_tensors
        return grad * slope, None, None, None


class _Ternary(torch.autograd.Function):
    """Ŵ = t·σ (σ = 1/√nnz per row when `scaled`, else 1); dL/dW = dL/dŴ·σ (σ held constant)."""

    @staticmethod
    def forward(ctx, w, delta_factor, scaled):
        t, nnz = ternarize(w, delta_factor)
        if scaled:
            sigma = 1 / torch.sqrt(torch.clamp(nnz, min=1).to(w.dtype))
            ctx.save_for_backward(sigma)
            return t * sigma
        ctx.save_for_backward()
        return t

    @staticmethod
    def backward(ctx, grad):
        if ctx.saved_tensors:
            (sigma,) = ctx.saved_tensors
            return grad * sigma, None, None
        return grad, None, None


def _f32(x) -> float:
    """A float32 value as a Python float (exactly representable, so comparisons stay float32's)."""
    return float(np.float32(x))


class IntegerWindowNetwork(torch.nn.Module):
    """The trainable model; parameter names as GateLM's checkpoints (`swift_names`)."""

    def __init__(self, config: IntegerWindowConfig, class_count: int, initial_readout_bias: Optional[Sequence[float]] = None):
        super().__init__()
        config.validate()
        if class_count < 1:
            raise ValueError("at least one class")
        self.config = config
        self.class_count = class_count
        c = config
        E, T, R, L = c.code_width, len(c.hashed_orders), c.table_rows, c.largest_level
        levels = np.float32(L)
        rng = SplitMix64(c.seed ^ _PARAMETER_SEED)
        self.code = torch.nn.Parameter(torch.from_numpy(rng.next_normals(256 * E, 0.5).reshape(256, E)))
        tables = rng.next_normals(T * R * E, 0.5).reshape(T * R, E)
        self.tables = torch.nn.Parameter(torch.from_numpy(tables)) if T > 0 else None
        self.weights = torch.nn.ParameterList()
        self.gains = torch.nn.ParameterList()
        self.biases = torch.nn.ParameterList()
        inputs = c.input_width
        gain = np.float32(c.initial_gain) * (levels + np.float32(1)) / np.float32(2)
        for width in c.hidden_widths:
            self.weights.append(torch.nn.Parameter(torch.from_numpy(rng.next_normals(width * inputs, 0.1).reshape(width, inputs))))
            self.gains.append(torch.nn.Parameter(torch.full((width,), float(gain), dtype=torch.float32)))
            self.biases.append(torch.nn.Parameter(torch.full((width,), float(levels / np.float32(2)), dtype=torch.float32)))
            inputs = width
        self.readout = torch.nn.Parameter(torch.from_numpy(rng.next_normals(class_count * inputs, 0.1).reshape(class_count, inputs)))
        self.readout_scale = torch.nn.Parameter(torch.tensor([np.float32(4) / np.sqrt(np.float32(inputs))], dtype=torch.float32))
        bias = np.zeros(class_count, np.float32) if initial_readout_bias is None else np.asarray(initial_readout_bias, np.float32)
        if bias.shape != (class_count,):
            raise ValueError("one initial readout bias per class")
        self.readout_bias = torch.nn.Parameter(torch.from_numpy(bias.copy()))
        self._lowest = _f32(np.float32(-0.5) - np.float32(c.surrogate_width))
        self._highest = _f32(levels + np.float32(0.5) + np.float32(c.surrogate_width))

    @staticmethod
    def initial_readout_bias(class_counts: np.ndarray) -> np.ndarray:
        """q_c = log(count_c / Σ count) (counts: 1 + occurrences in the training split), float32."""
        counts = np.asarray(class_counts, dtype=np.float64)
        return np.log(counts / counts.sum()).astype(np.float32)

    @property
    def hashes(self) -> List[ContextHash]:
        c = self.config
        return [ContextHash.seeded(order, c.hashed_row_bits, c.seed) for order in c.hashed_orders]

    def swift_names(self) -> List[Tuple[str, torch.nn.Parameter]]:
        """(checkpoint name, parameter) in GateLM's order: code, tables, L1.weights, L1.gain, … readout.bias."""
        out = [("code", self.code)]
        if self.tables is not None:
            out.append(("tables", self.tables))
        for l, (w, g, b) in enumerate(zip(self.weights, self.gains, self.biases), start=1):
            out += [(f"L{l}.weights", w), (f"L{l}.gain", g), (f"L{l}.bias", b)]
        return out + [("readout", self.readout), ("readout.scale", self.readout_scale), ("readout.bias", self.readout_bias)]

    def forward(self, contexts: torch.Tensor, rows: Optional[torch.Tensor] = None, table_keep: Optional[torch.Tensor] = None,
                unit_keep: Optional[Sequence[torch.Tensor]] = None) -> torch.Tensor:
        """Straight-through logits [B, C] of contexts (long [B, W]); `rows` long [B, T] are the table
        rows offset by t·R; the keep masks (0 or 1/(1 − p)) apply the dropouts when given."""
        c = self.config
        L, E, W, T = c.largest_level, c.code_width, c.context_length, len(c.hashed_orders)
        B = contexts.shape[0]
        parts = [_InputQuantizer.apply(F.embedding(contexts, self.code), L).reshape(B, W * E)]
        if T:
            xt = _InputQuantizer.apply(F.embedding(rows, self.tables), L)
            if table_keep is not None:
                xt = xt * table_keep.unsqueeze(2)
            parts.append(xt.reshape(B, T * E))
        x = torch.cat(parts, dim=1)
        for l in range(len(self.weights)):
            w = _Ternary.apply(self.weights[l], c.delta_factor, True)
            pre = self.gains[l] * (x @ w.t()) + self.biases[l]
            x = _UnitQuantizer.apply(pre, L, self._lowest, self._highest)
            if unit_keep is not None:
                x = x * unit_keep[l]
        raw = x @ _Ternary.apply(self.readout, c.delta_factor, False).t()
        s = self.readout_scale
        with torch.no_grad():
            q_hat = round_half_away(self.readout_bias / (s / L)) * (s / L)
        q = q_hat + (self.readout_bias - self.readout_bias.detach())  # straight through the rounding
        return s * raw + q

    @torch.no_grad()
    def after_step(self, learning_rate: float) -> None:
        """Decoupled decay of the tables (tables *= 1 − lr·λ) and s = max(s, 1e-4)."""
        factor = np.float32(1) - np.float32(learning_rate) * np.float32(self.config.table_weight_decay)
        if self.tables is not None and factor != 1:
            self.tables.mul_(float(factor))
        self.readout_scale.clamp_(min=_f32(1e-4))

    @torch.no_grad()
    def fold(self, class_bytes: Sequence[int], corpus: Optional[CorpusIdentity] = None,
             source: Optional[dict] = None) -> DiscreteIntegerWindow:
        """The integer model whose scores/τ equal this model's straight-through logits up to a
        per-position constant (except at exact float ties). Raises ValueError when a folded gain or
        bias is not finite."""
        c = self.config
        L, E, R = c.largest_level, c.code_width, c.table_rows
        levels = np.float32(L)
        code = input_levels(self.code.detach().float().cpu(), L).numpy().astype(np.uint8)
        tables = []
        shadows = self.tables.detach().float().cpu() if self.tables is not None else None
        for t, hash_ in enumerate(self.hashes):
            tables.append(DiscreteTable(hash_.order, hash_.bits, hash_.columns.astype(np.int32),
                                        input_levels(shadows[t * R:(t + 1) * R], L).numpy().astype(np.uint8)))
        layers = []
        inputs = c.input_width
        for l in range(len(self.weights)):
            t, nnz = ternarize(self.weights[l].detach().float().cpu(), c.delta_factor)
            sigma = (1 / torch.sqrt(torch.clamp(nnz, min=1).float())).numpy().reshape(-1)
            t = t.numpy().astype(np.int8)
            gain = self.gains[l].detach().float().cpu().numpy()
            bias = self.biases[l].detach().float().cpu().numpy()
            g = gain * sigma
            if l == 0:
                folded_gain = np.float32(2) * g / levels
                folded_bias = bias - g * t.astype(np.int64).sum(axis=1).astype(np.float32)
            else:
                folded_gain = g / levels
                folded_bias = bias.copy()
            bad = ~(np.isfinite(folded_gain) & np.isfinite(folded_bias))
            if bad.any():
                r = int(np.argmax(bad))
                raise ValueError(f"layer {l + 1} unit {r}: its folded gain {folded_gain[r]} and bias {folded_bias[r]} are not finite "
                                 f"(tensor 'L{l + 1}.gain' element {r} is {gain[r]}, 'L{l + 1}.bias' element {r} is {bias[r]})")
            m = np.arange(1, L + 1, dtype=np.float32)
            biases = folded_bias[:, None] - (m[None, :] - np.float32(0.5))            # float32 [U, L]
            thresholds = fold_thresholds(np.broadcast_to(folded_gain[:, None], biases.shape), biases, inputs * L)
            sign = np.where(folded_gain < 0, -1, 1).astype(np.int8)
            layers.append(DiscreteLayer((t * sign[:, None]).astype(np.int8), thresholds))
            inputs = t.shape[0]
        readout, _ = ternarize(self.readout.detach().float().cpu(), c.delta_factor)
        readout = readout.numpy().astype(np.int8)
        s = np.float32(self.readout_scale.detach().float().cpu().numpy()[0])
        step = s / levels
        q = self.readout_bias.detach().float().cpu().numpy()
        rounded = round_half_away_np(q / step).astype(np.float64)
        if not np.all(np.isfinite(rounded)):
            raise ValueError("the readout bias is not finite")
        shift = L * (readout < 0).sum(axis=1).astype(np.int64)
        target = np.clip(rounded, -1e9, 1e9).astype(np.int64) - shift
        offsets = np.clip(target - target.min(), 0, np.iinfo(np.int32).max).astype(np.int32)
        model = DiscreteIntegerWindow(
            context_length=c.context_length, code_width=E, activation_bits=c.activation_bits, code=code, tables=tables,
            layers=layers, readout_weights=readout, offsets=offsets, class_bytes=np.asarray(class_bytes, dtype=np.uint8),
            temperature=float(levels) / float(s), epsilon=float(np.float32(c.epsilon)), corpus=corpus, source=source)
        model.validate("folded model")
        return model


def fold_thresholds(gain: np.ndarray, bias: np.ndarray, inputs: int) -> np.ndarray:
    """Swift's `ThresholdFolding.fold`, vectorised: θ = clamp(⌈−bias/|gain|⌉ (float64), ±(inputs + 1));
    gain 0: −(inputs + 1) when bias ≥ 0 (always fires), inputs + 1 otherwise (never). int32."""
    limit = float(inputs + 1)
    gain64 = gain.astype(np.float64)
    bias64 = bias.astype(np.float64)
    zero = gain64 == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = np.ceil(-bias64 / np.where(zero, 1.0, np.abs(gain64)))
    threshold = np.clip(bound, -limit, limit)
    threshold = np.where(zero, np.where(bias64 >= 0, -limit, limit), threshold)
    return threshold.astype(np.int32)
