"""The trainer of the integer window family: `python -m gatelm_torch.train ...`, also under
`torchrun --nproc_per_node N -m gatelm_torch.train ...` (DistributedDataParallel; gloo on CPU,
nccl on CUDA).

Every rank draws the same global minibatch of positions and the same global dropout masks from
GateLM's SplitMix64 streams and takes its contiguous slice of B/N samples, so N processes train
on exactly GateLM's batches; DDP's gradient average equals the global-batch gradient up to float
summation order. Rank 0 alone validates (the folded integer model on the first
--validation-bytes of the validation split), prints, writes OUT/checkpoint.pt and, at the end,
the interchange export (OUT/config.json + OUT/model.safetensors) and OUT/curve.json.

On CUDA everything stays float32 with TF32 off (no autocast): the straight-through forward must
be the integer circuit's, and bf16/TF32 products would move units across their thresholds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
import torch
import torch.nn.functional as F

from . import __version__
from .corpus import Corpus, CorpusIdentity
from .interchange import atomic_write
from .integer_window import (BATCH_SEED, BATCH_STEP_MULTIPLIER, NOISE_SEED, IntegerWindowConfig, IntegerWindowNetwork)
from .splitmix import MASK64, SplitMix64

CHECKPOINT = "checkpoint.pt"
CHECKPOINT_FORMAT = "gatelm-torch-checkpoint"
DEFAULT_LEARNING_RATE = 3e-3
DEFAULT_FINAL_FRACTION = 0.1
#: Bytes each part of the split needs (Swift's CorpusSplit.minimumPartBytes).
MINIMUM_PART_BYTES = 16
STEP_LIMIT = 1 << 40


class TrainingError(Exception):
    """A run that cannot start or continue: the message names the option, file or value at fault."""


# Argument parsing: every number checked, with its range in the message.

def _integer(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be an integer in {low}...{high}; got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be an integer in {low}...{high}; got {value}")
        return value
    return parse


def _real(low: float, high: float, low_open: bool = False):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        lo = f"({low}" if low_open else f"[{low}"
        if not math.isfinite(value) or not ((value > low) if low_open else (value >= low)) or value > high:
            raise argparse.ArgumentTypeError(f"must be a finite number in {lo}, {high}]; got {text!r}")
        return value
    return parse


def _integer_list(name: str, low: int, high: int, counts: range, allow_none: bool):
    def parse(text: str):
        if allow_none and text.strip() == "none":
            values = []
        else:
            try:
                values = [int(part, 10) for part in text.split(",")]
            except ValueError:
                values = None
        if values is None or len(values) not in counts or not all(low <= v <= high for v in values):
            none = " or 'none'" if allow_none else ""
            raise argparse.ArgumentTypeError(f"{name} must be {counts.start}...{counts.stop - 1} integers in {low}...{high}, "
                                             f"comma-separated{none}; got {text!r}")
        return tuple(values)
    return parse


#: (option, configuration field) of the options that shape the model.
MODEL_OPTIONS = [("context", "context_length"), ("code_width", "code_width"), ("hashed_orders", "hashed_orders"),
                 ("hashed_row_bits", "hashed_row_bits"), ("widths", "hidden_widths"), ("activation_bits", "activation_bits"),
                 ("sparsity", "delta_factor"), ("surrogate_width", "surrogate_width"), ("initial_gain", "initial_gain"),
                 ("dropout", "dropout"), ("table_dropout", "table_dropout"), ("table_decay", "table_weight_decay"),
                 ("batch", "batch_size"), ("seed", "seed")]


def build_parser(prog: str = "gatelm-torch train") -> argparse.ArgumentParser:
    limits = IntegerWindowConfig.LIMITS
    p = argparse.ArgumentParser(prog=prog, description="Train GateLM's integer window model with PyTorch "
                                "(also under torchrun: DistributedDataParallel over the global batch).")
    p.add_argument("--corpus", required=True, help="the text to train on (split 90 %% / 10 %%)")
    p.add_argument("--out", required=True, help="the run directory: checkpoint.pt, config.json + model.safetensors, curve.json")
    p.add_argument("--steps", type=_integer(1, STEP_LIMIT), help="training steps in total (a resumed run's earlier steps count)")
    p.add_argument("--minutes", type=_real(0, 1e9, low_open=True), help="minutes of training in this run")
    p.add_argument("--seed", type=_integer(0, MASK64), help="seed of the parameters, hashes, minibatches and dropout (default 1)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--threads", type=_integer(1, 4096), help="torch threads per process (default: 1 under DDP, else all cores)")
    g = p.add_argument_group("model options (absent: the default, or the saved value with --resume)")
    g.add_argument("--context", type=_integer(*limits["context_length"]), help="W: bytes of context (default 8)")
    g.add_argument("--code-width", type=_integer(*limits["code_width"]), help="E: values per byte code and table row (default 16)")
    g.add_argument("--hashed-orders", type=_integer_list("--hashed-orders", 1, limits["context_length"][1], range(0, 9), True),
                   help="orders of the hashed tables, e.g. 2,3,4,6, or 'none' (default 2,3,4,6 without orders beyond --context)")
    g.add_argument("--hashed-row-bits", type=_integer(*limits["hashed_row_bits"]), help="hash bits of each table (default 12)")
    g.add_argument("--widths", type=_integer_list("--widths", 1, 8192, range(1, 3), False), help="hidden layer widths (default 512)")
    g.add_argument("--activation-bits", type=_integer(*limits["activation_bits"]), help="k: bits of every activation (default 4)")
    g.add_argument("--sparsity", type=_real(*limits["delta_factor"]), help="TWN's Δ factor (default 0.7)")
    g.add_argument("--surrogate-width", type=_real(*limits["surrogate_width"]), help="straight-through margin (default 0.5)")
    g.add_argument("--initial-gain", type=_real(*limits["initial_gain"]), help="initial gain, times (L+1)/2 (default 1)")
    g.add_argument("--dropout", type=_real(*limits["dropout"]), help="dropout of the hidden units (default 0.1)")
    g.add_argument("--table-dropout", type=_real(*limits["table_dropout"]), help="dropout of whole table rows (default 0.1)")
    g.add_argument("--table-decay", type=_real(*limits["table_weight_decay"]), help="decoupled decay of the tables (default 0.01)")
    g.add_argument("--batch", type=_integer(*limits["batch_size"]), help="contexts per global minibatch (default 512)")
    g.add_argument("--learning-rate", type=_real(0, 100, low_open=True), help="Adam's learning rate (default 3e-3)")
    g.add_argument("--final-lr-fraction", "--final-learning-rate", dest="final_lr_fraction", type=_real(0, 1),
                   help="cosine decay to this fraction of the learning rate (default 0.1)")
    r = p.add_argument_group("run options")
    r.add_argument("--validation-interval", type=_real(0, 1e12), default=60.0, help="seconds between validations (default 60)")
    r.add_argument("--validation-bytes", type=_integer(1, 1 << 40), default=16384,
                   help="validation measures the folded integer model on this many first validation bytes (default 16384)")
    r.add_argument("--checkpoint-interval", type=_real(0, 1e12), default=60.0, help="seconds between checkpoints (default 60)")
    r.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint.pt")
    r.add_argument("--force", action="store_true", help="start afresh even though OUT/checkpoint.pt exists")
    r.add_argument("--log-every", type=_integer(0, STEP_LIMIT), default=0,
                   help="print progress every N steps (default 0: every 10 seconds)")
    r.add_argument("--losses", help="write every step's global training loss (bits/byte) to this JSON file (rank 0)")
    return p


def parse_args(argv=None, prog: str = "gatelm-torch train") -> argparse.Namespace:
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if args.steps is None and args.minutes is None:
        parser.error("give --steps and/or --minutes")
    if args.resume and args.force:
        parser.error("--resume continues OUT/checkpoint.pt and --force replaces it: give one")
    return args


def configuration_of(args) -> IntegerWindowConfig:
    c = IntegerWindowConfig()
    if args.context is not None:
        c.context_length = args.context
    if args.hashed_orders is not None:
        c.hashed_orders = tuple(args.hashed_orders)
    else:
        c.hashed_orders = tuple(o for o in c.hashed_orders if o <= c.context_length)
    for option, name in MODEL_OPTIONS:
        if option in ("context", "hashed_orders"):
            continue
        value = getattr(args, option)
        if value is not None:
            setattr(c, name, tuple(value) if name == "hidden_widths" else value)
    c.__post_init__()
    try:
        c.validate()
    except ValueError as error:
        raise TrainingError(f"the model options: {error}") from None
    return c


# Batches and masks (GateLM's streams).

def dropout_mask(rng: SplitMix64, count: int, p: float) -> np.ndarray:
    """Swift's DropoutMask.fill: 0 with probability p, else 1/(1 − p) (float32), four 16-bit draws per output."""
    p32 = np.float32(p)
    kept = np.float32(1) / (np.float32(1) - p32)
    scaled = float(p32) * 65536                     # (Double(p)·65536).rounded(): halves away from zero
    limit = math.floor(scaled) + (1 if scaled - math.floor(scaled) >= 0.5 else 0)
    draws = rng.block((count + 3) // 4).astype("<u8")
    bits = draws.view("<u2")[:count]  # little-endian: bits 0–15, 16–31, 32–47, 48–63 of each draw, in order
    return np.where(bits < limit, np.float32(0), kept).astype(np.float32)


@dataclass
class Masks:
    table: Optional[np.ndarray]          # [B, T] or None
    units: Optional[List[np.ndarray]]    # per layer [B, U] or None


def draw_masks(noise_seed: int, config: IntegerWindowConfig, batch: int):
    """(masks, next noise seed) of one training step, as Swift's `batch(...)` draws them."""
    dropping = config.dropout > 0
    dropping_rows = config.table_dropout > 0
    if not (dropping or dropping_rows):
        return Masks(None, None), noise_seed
    rng = SplitMix64(noise_seed)
    noise_seed = rng.next()
    T = len(config.hashed_orders)
    table = dropout_mask(rng, batch * T, config.table_dropout).reshape(batch, T) if dropping_rows else None
    units = [dropout_mask(rng, batch * U, config.dropout).reshape(batch, U) for U in config.hidden_widths] if dropping else None
    return Masks(table, units), noise_seed


def cosine_rate(rate: float, floor: float, fraction: float) -> float:
    """rate·(f + (1 − f)·½·(1 + cos(π·fraction))), in float32 as Swift's `cosineRate`."""
    r, f = np.float32(rate), np.float32(floor)
    c = np.cos(np.float32(np.pi) * np.float32(fraction))
    return float(r * (f + (np.float32(1) - f) * np.float32(0.5) * (np.float32(1) + c)))


# Distributed setup.

@dataclass
class Distributed:
    world: int = 1
    rank: int = 0
    local_rank: int = 0

    @property
    def enabled(self) -> bool:
        return self.world > 1

    @property
    def main(self) -> bool:
        return self.rank == 0


def _distributed(device: str) -> Distributed:
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return Distributed()
    import torch.distributed as dist
    rank = int(os.environ["RANK"])
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if device == "cuda":
        torch.cuda.set_device(local_rank)
    dist.init_process_group("nccl" if device == "cuda" else "gloo")
    return Distributed(world, rank, local_rank)


def _broadcast_object(value, d: Distributed):
    if not d.enabled:
        return value
    import torch.distributed as dist
    box = [value]
    dist.broadcast_object_list(box, src=0)
    return box[0]


# The run.

@dataclass
class Record:
    step: int = 0
    seconds: float = 0.0
    noise_seed: int = 0
    training_curve: list = field(default_factory=list)
    validation_curve: list = field(default_factory=list)


def _clip_gradients(parameters, maximum: float = 1.0) -> float:
    """Scales every gradient by maximum/norm when their joint L2 norm exceeds maximum (per-tensor norms in
    float32, summed in float64; Swift sums every square in float64: the factors agree to float32 rounding)."""
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return 0.0
    norm = math.sqrt(sum(float(n) ** 2 for n in torch._foreach_norm(grads)))
    if norm > maximum and math.isfinite(norm):
        factor = float(np.float32(maximum) / np.float32(norm))
        for g in grads:
            g.mul_(factor)
    return norm


def _log(d: Distributed, text: str) -> None:
    if d.main:
        print(text, flush=True)


def run(args) -> dict:
    """Trains as `args` say; returns (on rank 0) the summary: steps, seconds, bytes_per_second, validation."""
    if args.device == "cuda":
        if not torch.cuda.is_available():
            raise TrainingError("--device cuda: no CUDA device is available")
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    d = _distributed(args.device)
    try:
        trainer = Trainer(args, d)
        summary = trainer.run()
        # The DDP wrapper (its reducer holds the process group) goes before the group does.
        del trainer
        return summary
    finally:
        if d.enabled:
            import gc
            import torch.distributed as dist
            gc.collect()
            dist.destroy_process_group()


class Trainer:
    """One process's part of a run: set up (fresh or resumed), `step()`, `run()`."""

    def __init__(self, args, d: Distributed = Distributed()):
        self.args, self.d = args, d
        self.threads = args.threads or (1 if d.enabled else (os.cpu_count() or 1))
        torch.set_num_threads(self.threads)
        self.device = torch.device("cuda", d.local_rank) if args.device == "cuda" else torch.device("cpu")
        try:
            corpus = Corpus(args.corpus)
        except OSError as error:
            raise TrainingError(f"--corpus {args.corpus}: cannot read it ({error.strerror or error})") from None
        if len(corpus.training) < MINIMUM_PART_BYTES or len(corpus.validation) < MINIMUM_PART_BYTES:
            raise TrainingError(f"--corpus {args.corpus}: {corpus.size} bytes split into {len(corpus.training)} training and "
                                f"{len(corpus.validation)} validation bytes; each part needs at least {MINIMUM_PART_BYTES}")
        if len(corpus.training) >= 1 << 32:
            raise TrainingError(f"--corpus {args.corpus}: the training part must be smaller than 4 GiB")
        self.corpus = corpus
        self.path = path = os.path.join(args.out, CHECKPOINT)
        saved = None
        if args.resume:
            saved = self._saved_state()
            config = IntegerWindowConfig.from_json(saved["config"])
            problems = []
            for option, name in MODEL_OPTIONS:
                given = getattr(args, option)
                if given is not None and (tuple(given) if isinstance(given, (list, tuple)) else given) != getattr(config, name):
                    problems.append(f"--{option.replace('_', '-')} {given} (the model has {getattr(config, name)})")
            for option in ("learning_rate", "final_lr_fraction"):
                given = getattr(args, option)
                if given is not None and given != saved[option]:
                    problems.append(f"--{option.replace('_', '-')} {given} (the model has {saved[option]})")
            if d.main:
                identity = corpus.identity()
                trained = CorpusIdentity.from_json(saved["corpus"])
                if trained != identity:
                    problems.append(f"the model was trained on {trained.name} ({trained.bytes} bytes, hash {trained.hash}), "
                                    f"not on {identity.name} ({identity.bytes} bytes, hash {identity.hash})")
            problems = _broadcast_object(problems, d)
            if problems:
                raise TrainingError(f"--resume: {'; '.join(problems)}; drop these options to continue {path}, or train a new model")
            self.class_bytes = np.asarray(saved["class_bytes"], dtype=np.uint8)
            self.learning_rate, self.final_fraction = float(saved["learning_rate"]), float(saved["final_lr_fraction"])
            self.record = Record(step=int(saved["step"]), seconds=float(saved["seconds"]), noise_seed=int(saved["noise_seed"], 16),
                                 training_curve=list(saved["training_curve"]), validation_curve=list(saved["validation_curve"]))
        else:
            if os.path.exists(path) and not args.force:
                raise TrainingError(f"--out {args.out}: {path} exists; continue it with --resume or replace it with --force")
            config = configuration_of(args)
            self.class_bytes = corpus.vocabulary
            self.learning_rate = args.learning_rate if args.learning_rate is not None else DEFAULT_LEARNING_RATE
            self.final_fraction = args.final_lr_fraction if args.final_lr_fraction is not None else DEFAULT_FINAL_FRACTION
            self.record = Record(noise_seed=(config.seed ^ NOISE_SEED) & MASK64)
        self.config = config
        B = config.batch_size
        if B % d.world:
            raise TrainingError(f"--batch {B} is not divisible by the {d.world} processes: every process takes B/N contexts "
                                "of the global batch; choose a batch that is a multiple of the process count")
        if d.main:
            os.makedirs(args.out, exist_ok=True)
        model = IntegerWindowNetwork(config, len(self.class_bytes),
                                     IntegerWindowNetwork.initial_readout_bias(corpus.class_counts()) if saved is None else None)
        if saved is not None:
            with torch.no_grad():
                for name, parameter in model.swift_names():
                    value = saved["model"].get(name)
                    if not isinstance(value, torch.Tensor) or tuple(value.shape) != tuple(parameter.shape):
                        raise TrainingError(f"--resume: {path}: tensor {name!r} is missing or has the wrong shape")
                    parameter.copy_(value)
        model.to(self.device)
        self.model = model
        self.optimizer = torch.optim.Adam(model.parameters(), lr=self.learning_rate, betas=(0.9, 0.999), eps=1e-8, fused=True)
        if saved is not None:
            self.optimizer.load_state_dict(saved["optimizer"])
        self.trained = model
        if d.enabled:
            from torch.nn.parallel import DistributedDataParallel
            self.trained = DistributedDataParallel(model, device_ids=[d.local_rank] if args.device == "cuda" else None)
        self.identity = corpus.identity() if d.main else None
        self.local_batch = B // d.world
        self.slice = slice(d.rank * self.local_batch, (d.rank + 1) * self.local_batch)
        self.hashes = model.hashes
        self.start_step, self.start_seconds = self.record.step, self.record.seconds
        self.batch_rng = SplitMix64((config.seed ^ BATCH_SEED ^ ((self.start_step * BATCH_STEP_MULTIPLIER) & MASK64)) & MASK64)
        v = corpus.validation
        self.validation = range(v.start, min(v.stop, v.start + args.validation_bytes))

    def _saved_state(self) -> dict:
        if not os.path.exists(self.path):
            raise TrainingError(f"--resume: {self.path} does not exist")
        try:
            saved = torch.load(self.path, map_location="cpu", weights_only=True)
        except Exception as error:
            raise TrainingError(f"--resume: {self.path} is not a readable checkpoint ({error})") from None
        keys = {"format", "config", "class_bytes", "corpus", "model", "optimizer", "step", "seconds", "noise_seed",
                "learning_rate", "final_lr_fraction", "training_curve", "validation_curve"}
        if not isinstance(saved, dict) or saved.get("format") != CHECKPOINT_FORMAT or not keys <= set(saved):
            raise TrainingError(f"--resume: {self.path} is not a gatelm-torch checkpoint")
        try:
            IntegerWindowConfig.from_json(saved["config"]).validate()
        except (TypeError, ValueError) as error:
            raise TrainingError(f"--resume: {self.path}: configuration: {error}") from None
        return saved

    def validate(self) -> float:
        """Bits/byte of the folded integer model on the first --validation-bytes validation positions."""
        discrete = self.model.fold(self.class_bytes)
        return discrete.bits_per_byte(self.corpus.data, self.validation.start, self.validation.stop)

    def save_checkpoint(self) -> None:
        r = self.record
        state = {
            "format": CHECKPOINT_FORMAT, "version": 1, "package_version": __version__,
            "config": self.config.to_json(), "class_bytes": [int(x) for x in self.class_bytes], "corpus": self.identity.to_json(),
            "model": {name: p.detach().cpu().clone() for name, p in self.model.swift_names()},
            "optimizer": self.optimizer.state_dict(), "step": r.step, "seconds": r.seconds,
            "noise_seed": format(r.noise_seed, "x"), "learning_rate": self.learning_rate, "final_lr_fraction": self.final_fraction,
            "training_curve": r.training_curve, "validation_curve": r.validation_curve, "world_size": self.d.world,
        }
        temporary = self.path + ".tmp"
        with open(temporary, "wb") as f:
            torch.save(state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, self.path)

    def step(self, rate: float) -> float:
        """One optimiser step on the next global minibatch; returns its training loss in bits/byte."""
        c, corpus, device, s = self.config, self.corpus, self.device, self.slice
        B, W, R = c.batch_size, c.context_length, c.table_rows
        positions = corpus.training.start + self.batch_rng.next_indices(B, len(corpus.training))
        local = positions[s]
        contexts = corpus.contexts(local, W)
        targets = corpus.class_of[np.asarray(corpus.data[local])]
        masks, self.record.noise_seed = draw_masks(self.record.noise_seed, c, B)
        ctx_t = torch.from_numpy(contexts.astype(np.int64)).to(device)
        rows_t = None
        if self.hashes:
            rows = np.stack([h.rows(contexts) + t * R for t, h in enumerate(self.hashes)], axis=1)
            rows_t = torch.from_numpy(rows).to(device)
        table_keep = torch.from_numpy(masks.table[s]).to(device) if masks.table is not None else None
        unit_keep = [torch.from_numpy(m[s]).to(device) for m in masks.units] if masks.units is not None else None
        logits = self.trained(ctx_t, rows_t, table_keep, unit_keep)
        loss = F.cross_entropy(logits, torch.from_numpy(targets).to(device))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        total = loss.detach().double() * self.local_batch
        if self.d.enabled:
            import torch.distributed as dist
            dist.all_reduce(total)
        bits = float(total) / B / math.log(2)
        if not math.isfinite(bits):
            raise TrainingError(f"step {self.record.step + 1}: the training loss is {bits}, not a finite number")
        _clip_gradients(self.model.parameters(), 1.0)
        for group in self.optimizer.param_groups:
            group["lr"] = rate
        self.optimizer.step()
        self.model.after_step(rate)
        self.record.step += 1
        return bits

    def run(self) -> dict:
        args, d, record, config = self.args, self.d, self.record, self.config
        B = config.batch_size
        _log(d, f"gatelm-torch {__version__}: {len(self.class_bytes)} classes, W={config.context_length}, E={config.code_width}, "
                f"k={config.activation_bits}, layers {','.join(map(str, config.hidden_widths))}, "
                f"orders {','.join(map(str, config.hashed_orders)) or 'none'} × 2^{config.hashed_row_bits} rows, "
                f"batch {B} over {d.world} process(es), {self.threads} thread(s) each, device {args.device}; "
                f"from step {self.start_step}")
        budget_seconds = args.minutes * 60 if args.minutes is not None else None
        smoothed = validation_bits = None
        losses = []
        start = time.monotonic()
        last_report = last_validation = last_checkpoint = 0.0
        while True:
            elapsed = time.monotonic() - start
            fraction, spent = 0.0, False
            if args.steps is not None:
                fraction = max(fraction, record.step / args.steps)
                spent = record.step >= args.steps
            if budget_seconds is not None:
                if d.enabled:  # rank 0's clock decides, so every rank takes the same rate and stops together
                    import torch.distributed as dist
                    box = torch.tensor([elapsed], dtype=torch.float64)
                    dist.broadcast(box, src=0)
                    elapsed = float(box[0])
                fraction = max(fraction, elapsed / budget_seconds)
                spent = spent or elapsed >= budget_seconds
            if spent:
                break
            rate = cosine_rate(self.learning_rate, self.final_fraction, min(fraction, 1.0))
            bits = self.step(rate)
            if args.losses:
                losses.append(bits)
            smoothed = bits if smoothed is None else 0.98 * smoothed + 0.02 * bits
            if record.step % 10 == 0:
                record.training_curve.append([record.step, smoothed])
            if not d.main:
                continue
            t = time.monotonic() - start
            throughput = (record.step - self.start_step) * B / t if t > 0 else 0.0
            if t - last_validation >= args.validation_interval:
                last_validation = last_report = t
                validation_bits = self.validate()
                record.validation_curve.append([record.step, validation_bits])
                _log(d, _progress(record.step, args.steps, rate, smoothed, validation_bits, throughput, t))
            elif (args.log_every and record.step % args.log_every == 0) or (not args.log_every and t - last_report >= 10):
                last_report = t
                _log(d, _progress(record.step, args.steps, rate, smoothed, validation_bits, throughput, t))
            if t - last_checkpoint >= args.checkpoint_interval:
                last_checkpoint = t
                record.seconds = self.start_seconds + t
                self.save_checkpoint()
        elapsed = time.monotonic() - start
        summary = {}
        if d.main:
            validation_bits = self.validate()
            record.validation_curve.append([record.step, validation_bits])
            record.seconds = self.start_seconds + elapsed
            self.save_checkpoint()
            throughput = (record.step - self.start_step) * B / elapsed if elapsed > 0 else 0.0
            source = {"engine": "gatelm-torch", "version": __version__, "steps": record.step, "seconds": record.seconds,
                      "seed": config.seed, "world_size": d.world, "device": args.device}
            self.model.fold(self.class_bytes, corpus=self.identity, source=source).save(args.out)
            curve = {"training": record.training_curve, "validation": record.validation_curve, "bytes_per_second": throughput,
                     "world_size": d.world}
            atomic_write(os.path.join(args.out, "curve.json"), (json.dumps(curve) + "\n").encode("utf-8"))
            if args.losses:
                atomic_write(args.losses, (json.dumps({"first_step": self.start_step + 1, "bits": losses}) + "\n").encode("utf-8"))
            summary = {"steps": record.step, "seconds": record.seconds, "bytes_per_second": throughput,
                       "validation": validation_bits}
            _log(d, f"done: {record.step} steps, {record.seconds:.1f} s, {throughput:.0f} training bytes/s, "
                    f"validation {validation_bits:.4f} bits/byte (the integer model, first {len(self.validation)} validation "
                    f"bytes); model in {args.out}")
        if d.enabled:
            import torch.distributed as dist
            dist.barrier()
        return summary


def _progress(step, steps, rate, smoothed, validation, throughput, t) -> str:
    total = f"/{steps}" if steps is not None else ""
    val = f"{validation:.4f}" if validation is not None else "-"
    return (f"step {step}{total}  lr {rate:.3g}  train {smoothed:.4f} bits/byte  validation {val}  "
            f"{throughput:.0f} bytes/s  {t:.0f} s")


def main(argv=None, prog: str = "python -m gatelm_torch.train") -> int:
    args = parse_args(argv, prog)
    try:
        run(args)
    except TrainingError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
