#!/usr/bin/env python3
"""Plain-PyTorch difflogic gate network (Petersen et al. 2022), the CPU baseline for GateLM.

Written from the paper's description, in the style of the reference implementation's
plain-PyTorch path (no custom CUDA/C++ kernel):

* LogicLayer: fixed random wiring (two input indices per gate, drawn so that every input is
  used about equally often), 16 logits per gate; the training forward is
  sum_i softmax(logits)_i * f_i(a, b) over the 16 real-valued relaxations f_i of the two-input
  boolean functions (difflogic order, the numbering the GateLM Swift code uses).
  `--form affine4` instead collapses the mixture to c0 + c1*a + c2*b + c3*a*b first (the form the
  Swift kernels use); `sum16` (default) is what the reference does.
* Residual initialisation: the logit of gate 3 ("a", pass-through) starts at `residual_logit`,
  the others at 0 (otherwise all logits ~ N(0, 1) as in the paper).
* GroupSum readout: the last layer's first C*k gates form C groups of k (k = width // C);
  score = group sum; p = (1 - eps) * softmax(score / tau) + eps / 256, tau = tau_scale * sqrt(k);
  softmax cross-entropy against the next byte.
* Byte embedding front end: 256 x E logits, sigmoid, the previous W bytes concatenated
  (bytes before the text start = pad byte 0x00).

Modes:
  --throughput  forward + backward + Adam step on random contexts; prints one JSON line
                {"gate_samples_per_second": ..., "config": {...}} where
                gate_samples = layers * width * batch per step.
  --train       trains on a text file (first 90 % train, last 10 % validation) for --minutes and
                prints JSON lines with validation bits/byte (relaxed and discretised).
"""

import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

PAD_BYTE = 0

# (c0, c1, c2, c3) of c0 + c1*a + c2*b + c3*a*b for the 16 gates, difflogic order.
GATE_COEFFICIENTS = [
    (0, 0, 0, 0), (0, 0, 0, 1), (0, 1, 0, -1), (0, 1, 0, 0),
    (0, 0, 1, -1), (0, 0, 1, 0), (0, 1, 1, -2), (0, 1, 1, -1),
    (1, -1, -1, 1), (1, -1, -1, 2), (1, 0, -1, 0), (1, 0, -1, 1),
    (1, -1, 0, 0), (1, -1, 0, 1), (1, 0, 0, -1), (1, 0, 0, 0),
]
PASS_THROUGH_A = 3


def relaxed_gate(a, b, i):
    """Real-valued relaxation of two-input boolean function number i (probabilistic logic)."""
    if i == 0:
        return torch.zeros_like(a)
    if i == 1:
        return a * b
    if i == 2:
        return a - a * b
    if i == 3:
        return a
    if i == 4:
        return b - a * b
    if i == 5:
        return b
    if i == 6:
        return a + b - 2 * a * b
    if i == 7:
        return a + b - a * b
    if i == 8:
        return 1 - (a + b - a * b)
    if i == 9:
        return 1 - (a + b - 2 * a * b)
    if i == 10:
        return 1 - b
    if i == 11:
        return 1 - b + a * b
    if i == 12:
        return 1 - a
    if i == 13:
        return 1 - a + a * b
    if i == 14:
        return 1 - a * b
    if i == 15:
        return torch.ones_like(a)
    raise ValueError(i)


def mixture_of_all_16(a, b, weights):
    """sum_i weights[:, i] * f_i(a, b); a, b: (batch, gates); weights: (gates, 16)."""
    result = torch.zeros_like(a)
    for i in range(16):
        result = result + weights[:, i] * relaxed_gate(a, b, i)
    return result


class LogicLayer(torch.nn.Module):
    """`width` learned two-input gates over `in_dim` inputs with fixed random wiring."""

    def __init__(self, in_dim, width, generator, residual_logit=None, form="sum16"):
        super().__init__()
        self.in_dim, self.width, self.form = in_dim, width, form
        # Every input used about equally often: a random permutation of 2*width slots mod in_dim,
        # relabelled by a random permutation of the inputs.
        slots = torch.randperm(2 * width, generator=generator) % in_dim
        slots = torch.randperm(in_dim, generator=generator)[slots]
        self.register_buffer("wiring", slots.reshape(2, width))
        if residual_logit is None:
            logits = torch.randn(width, 16, generator=generator)
        else:
            logits = torch.zeros(width, 16)
            logits[:, PASS_THROUGH_A] = residual_logit
        self.logits = torch.nn.Parameter(logits)
        self.register_buffer("coefficients", torch.tensor(GATE_COEFFICIENTS, dtype=torch.float32))

    def forward(self, x):
        a = x[:, self.wiring[0]]
        b = x[:, self.wiring[1]]
        if self.training:
            weights = F.softmax(self.logits, dim=-1)
        else:  # discretised: each gate is its argmax function
            weights = F.one_hot(self.logits.argmax(-1), 16).to(x.dtype)
        if self.form == "sum16":
            return mixture_of_all_16(a, b, weights)
        c = weights @ self.coefficients  # (width, 4)
        return c[:, 0] + c[:, 1] * a + c[:, 2] * b + c[:, 3] * (a * b)


class ByteEmbedding(torch.nn.Module):
    """256 x E logits; a context of W bytes becomes W*E values sigmoid(theta[byte])."""

    def __init__(self, bits, generator):
        super().__init__()
        self.logits = torch.nn.Parameter(torch.randn(256, bits, generator=generator))

    def forward(self, contexts):  # contexts: (batch, W) int64
        theta = self.logits[contexts]
        values = torch.sigmoid(theta) if self.training else (theta > 0).to(theta.dtype)
        return values.reshape(contexts.shape[0], -1)


class GateLanguageModel(torch.nn.Module):
    def __init__(self, classes, context, embedding_bits, layers, width, group_size,
                 tau_scale=1.0, epsilon=1e-3, residual_logit=5.0, form="sum16", seed=0):
        super().__init__()
        generator = torch.Generator().manual_seed(seed)
        self.register_buffer("classes", torch.as_tensor(classes, dtype=torch.int64))
        self.group_size = group_size
        self.tau = tau_scale * math.sqrt(group_size)
        self.epsilon = epsilon
        self.embedding = ByteEmbedding(embedding_bits, generator)
        dims = [context * embedding_bits] + [width] * layers
        self.layers = torch.nn.Sequential(*[
            LogicLayer(dims[i], dims[i + 1], generator, residual_logit, form) for i in range(layers)
        ])
        # byte value -> class index (or -1 if never seen in training)
        lookup = torch.full((256,), -1, dtype=torch.int64)
        lookup[self.classes] = torch.arange(len(classes))
        self.register_buffer("class_of_byte", lookup)

    def scores(self, contexts):
        x = self.layers(self.embedding(contexts))
        used = x[:, : len(self.classes) * self.group_size]
        return used.reshape(x.shape[0], len(self.classes), self.group_size).sum(-1)

    def log_probability(self, contexts, targets):
        """log p(target) with p = (1 - eps) * softmax(score / tau) over classes + eps / 256."""
        log_p_class = F.log_softmax(self.scores(contexts) / self.tau, dim=-1)
        target_class = self.class_of_byte[targets]
        picked = log_p_class.gather(1, target_class.clamp(min=0)[:, None])[:, 0]
        picked = torch.where(target_class >= 0, picked + math.log1p(-self.epsilon),
                             torch.full_like(picked, -math.inf))
        return torch.logaddexp(picked, torch.full_like(picked, math.log(self.epsilon / 256)))


def contexts_at(data, positions, context):
    """The W bytes before each position (pad byte before the start) and the byte at it."""
    padded = torch.cat([torch.full((context,), PAD_BYTE, dtype=torch.int64), data])
    offsets = torch.arange(context)
    return padded[positions[:, None] + offsets], data[positions]


def build_model(args, classes):
    group_size = args.width // len(classes)
    if group_size < 1:
        sys.exit(f"width {args.width} < {len(classes)} classes")
    model = GateLanguageModel(
        classes, args.context, args.embedding_bits, args.layers, args.width, group_size,
        args.tau_scale, args.epsilon, None if args.no_residual else args.residual_logit,
        args.form, args.seed)
    return model


def training_step_function(model, optimizer, compile_model):
    def step(contexts, targets):
        optimizer.zero_grad(set_to_none=True)
        loss = -model.log_probability(contexts, targets).mean()
        loss.backward()
        optimizer.step()
        return loss
    return torch.compile(step) if compile_model else step


def config_of(args):
    keys = ["layers", "width", "batch", "threads", "context", "embedding_bits", "form",
            "compile", "residual_logit", "no_residual", "tau_scale", "epsilon", "lr", "seed"]
    config = {k: getattr(args, k) for k in keys}
    config["torch"] = torch.__version__
    return config


def throughput(args):
    data = torch.randint(0, 256, (1 << 20,), generator=torch.Generator().manual_seed(args.seed))
    classes = list(range(args.classes))
    data = data % args.classes
    model = build_model(args, classes).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    step = training_step_function(model, optimizer, args.compile)
    generator = torch.Generator().manual_seed(args.seed + 1)

    def batch():
        positions = torch.randint(0, len(data), (args.batch,), generator=generator)
        return contexts_at(data, positions, args.context)

    for _ in range(args.warmup):
        step(*batch())
    steps, start = 0, time.perf_counter()
    while True:
        step(*batch())
        steps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= args.seconds and steps >= args.min_steps:
            break
    gate_samples = args.layers * args.width * args.batch * steps
    config = config_of(args)
    config.update(classes=args.classes, steps=steps, seconds=round(elapsed, 3))
    print(json.dumps({"gate_samples_per_second": gate_samples / elapsed,
                      "steps_per_second": steps / elapsed, "config": config}), flush=True)


def load_split(path):
    raw = open(path, "rb").read()
    data = torch.tensor(list(raw), dtype=torch.int64)
    cut = int(len(data) * 0.9)
    return data, cut


@torch.no_grad()
def validation_bits_per_byte(model, data, cut, context, batch, discrete):
    model.train(not discrete)
    total = 0.0
    for start in range(cut, len(data), batch):
        positions = torch.arange(start, min(start + batch, len(data)))
        contexts, targets = contexts_at(data, positions, context)
        total -= model.log_probability(contexts, targets).sum().item()
    model.train()
    return total / (len(data) - cut) / math.log(2)


def train(args):
    data, cut = load_split(args.data)
    classes = sorted(set(data[:cut].tolist()))
    model = build_model(args, classes).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    step = training_step_function(model, optimizer, args.compile)
    generator = torch.Generator().manual_seed(args.seed + 1)
    budget = args.minutes * 60
    start, steps, running = time.perf_counter(), 0, None
    while time.perf_counter() - start < budget:
        positions = torch.randint(0, cut, (args.batch,), generator=generator)
        loss = step(*contexts_at(data, positions, args.context)).item()
        running = loss if running is None else 0.98 * running + 0.02 * loss
        steps += 1
        if steps % args.log_every == 0:
            print(json.dumps({"step": steps, "seconds": round(time.perf_counter() - start, 1),
                              "train_bits_per_byte": running / math.log(2)}), flush=True)
    seconds = time.perf_counter() - start
    relaxed = validation_bits_per_byte(model, data, cut, args.context, 4096, discrete=False)
    discrete = validation_bits_per_byte(model, data, cut, args.context, 4096, discrete=True)
    config = config_of(args)
    config.update(data=os.path.basename(args.data), classes=len(classes), steps=steps,
                  seconds=round(seconds, 1))
    print(json.dumps({"validation_bits_per_byte_relaxed": relaxed,
                      "validation_bits_per_byte_discrete": discrete, "config": config}), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--throughput", action="store_true")
    mode.add_argument("--train", action="store_true")
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--width", type=int, default=16384, help="gates per layer")
    p.add_argument("--batch", type=int, default=512)
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    p.add_argument("--context", type=int, default=8, help="W: context bytes")
    p.add_argument("--embedding-bits", type=int, default=16, help="E: bits per byte")
    p.add_argument("--classes", type=int, default=65, help="throughput mode: output classes")
    p.add_argument("--form", choices=["sum16", "affine4"], default="sum16",
                   help="sum16: weighted sum of the 16 relaxations (reference); affine4: collapsed")
    p.add_argument("--residual-logit", type=float, default=5.0)
    p.add_argument("--no-residual", action="store_true", help="logits ~ N(0,1) instead")
    p.add_argument("--tau-scale", type=float, default=1.0, help="tau = tau_scale * sqrt(k)")
    p.add_argument("--epsilon", type=float, default=1e-3)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--compile", action="store_true", help="torch.compile the training step")
    p.add_argument("--seconds", type=float, default=10.0, help="throughput: timed seconds")
    p.add_argument("--min-steps", type=int, default=3)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--data", default="/work/shared/data/tinyshakespeare.txt")
    p.add_argument("--minutes", type=float, default=2.0)
    p.add_argument("--log-every", type=int, default=50)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    throughput(args) if args.throughput else train(args)


if __name__ == "__main__":
    main()
