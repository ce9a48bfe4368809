#!/usr/bin/env python3
"""Float byte-level language model baseline for GateLM: a GRU trained for a fixed wall-clock budget.

Why a GRU: with ~2 minutes on 2 CPU cores the run is compute-bound, far from over-fitting. A
single-layer recurrent net spends every FLOP on a dense GEMM, carries unbounded context at O(1)
cost per byte (so validation can use the full preceding text, and generation is one small GEMV
step per byte), and is the classic strong char-level model at this budget (char-rnn). A small
transformer (nanoGPT "baby GPT" on Shakespeare) needs several minutes of CPU before it passes the
RNN at equal wall clock, and its generation cost grows with the context. `--arch lstm` is there
for comparison; see README.md for the measured choice.

`--arch twin` is the float twin of GateLM's recurrent family (`gatelm train ternary`): the same
cell and shape with float weights and activations — an update gate z = σ(Z·[h; c] + b),
a candidate n = tanh(N·[h; c] + b′) and h′ = z·n + (1 − z)·h (the integer cell's h′ = z ? n : h),
c a learned byte code, a linear readout — the control that says what the ternary weights and the
integer state cost. Give it the family's shape: `--hidden 512 --embedding 64 --batch 64 --bptt 64`.

Protocol (same as GateLM's):
* bytes of the file; first 90 % train, last 10 % validation;
* training: stateful truncated BPTT over `--batch` contiguous streams of the training split
  (hidden state carried across chunks, detached), Adam, lr cosine-decayed over the time budget;
* validation bits/byte: every validation byte scored exactly once, in order, as one stream whose
  state has first read the preceding `--warmup-bytes` of the file (so full context is carried);
* generation: temperature sampling, bytes/second for 1 stream and for K streams batched
  (`--streams 64,256`: each K in turn).

Prints one JSON line per report (training progress, validation, generation).
"""

import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


class TwinRNN(torch.nn.Module):
    """The float twin of GateLM's recurrent cell: one update gate, one candidate, no reset gate."""

    def __init__(self, embedding, hidden):
        super().__init__()
        self.hidden = hidden
        self.gates = torch.nn.Linear(hidden + embedding, 2 * hidden)

    def forward(self, inputs, state=None):  # inputs: (batch, time, embedding) -> outputs, last state
        h = inputs.new_zeros(inputs.shape[0], self.hidden) if state is None else state
        outputs = []
        for t in range(inputs.shape[1]):
            z, n = self.gates(torch.cat([h, inputs[:, t]], 1)).chunk(2, 1)
            h = h + torch.sigmoid(z) * (torch.tanh(n) - h)
            outputs.append(h)
        return torch.stack(outputs, 1), h


class ByteRNN(torch.nn.Module):
    def __init__(self, arch, embedding, hidden, layers):
        super().__init__()
        self.embed = torch.nn.Embedding(256, embedding)
        if arch == "twin":
            if layers != 1:
                raise SystemExit("float_lm: --arch twin has one layer (as GateLM's recurrent family)")
            self.rnn = TwinRNN(embedding, hidden)
        else:
            rnn = {"gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[arch]
            self.rnn = rnn(embedding, hidden, num_layers=layers, batch_first=True)
        self.head = torch.nn.Linear(hidden, 256)

    def forward(self, bytes_, state=None):  # bytes_: (batch, time) int64 -> logits, state
        output, state = self.rnn(self.embed(bytes_), state)
        return self.head(output), state


def detach(state):
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def load_split(path):
    data = torch.frombuffer(bytearray(open(path, "rb").read()), dtype=torch.uint8).long()
    return data, int(len(data) * 0.9)


def train(model, data, cut, args):
    """Stateful TBPTT on the training split until the time budget is spent."""
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    stream_length = cut // args.batch
    streams = data[: stream_length * args.batch].view(args.batch, stream_length)
    chunks_per_epoch = (stream_length - 1) // args.bptt
    budget = args.minutes * 60
    start, steps, position, state, running = time.perf_counter(), 0, 0, None, None
    model.train()
    while (elapsed := time.perf_counter() - start) < budget:
        for group in optimizer.param_groups:  # cosine decay to 10 % over the time budget
            group["lr"] = args.lr * (0.1 + 0.45 * (1 + math.cos(math.pi * elapsed / budget)))
        if position >= chunks_per_epoch:
            position, state = 0, None
        offset = position * args.bptt
        inputs = streams[:, offset: offset + args.bptt]
        targets = streams[:, offset + 1: offset + args.bptt + 1]
        logits, state = model(inputs, state)
        state = detach(state)
        loss = F.cross_entropy(logits.reshape(-1, 256), targets.reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        position, steps = position + 1, steps + 1
        running = loss.item() if running is None else 0.95 * running + 0.05 * loss.item()
        if steps % args.log_every == 0:
            report(step=steps, seconds=round(elapsed, 1), train_bits_per_byte=running / math.log(2),
                   epochs=round(steps * args.bptt * args.batch / cut, 3))
    seconds = time.perf_counter() - start
    return steps, seconds


@torch.no_grad()
def validation_bits_per_byte(model, data, cut, args):
    """Each validation byte scored once, one stream, state carried from the preceding bytes."""
    model.eval()
    end = len(data) if args.val_bytes is None else min(len(data), cut + args.val_bytes)
    warm = max(0, cut - args.warmup_bytes)
    _, state = model(data[warm: cut - 1][None]) if cut - 1 > warm else (None, None)
    total, chunk = 0.0, 4096
    for start in range(cut, end, chunk):
        stop = min(start + chunk, end)
        logits, state = model(data[start - 1: stop - 1][None], state)
        total += F.cross_entropy(logits[0], data[start:stop], reduction="sum").item()
    return total / (end - cut) / math.log(2), end - cut


@torch.no_grad()
def generate(model, prompt, streams, length, temperature, generator):
    """Samples `length` bytes in each of `streams` streams; returns (bytes, seconds)."""
    model.eval()
    _, state = model(prompt[None].expand(streams, -1).contiguous())
    current = prompt[-1:].expand(streams)[:, None].contiguous()
    out = torch.empty(streams, length, dtype=torch.long)
    start = time.perf_counter()
    for t in range(length):
        logits, state = model(current, state)
        probabilities = F.softmax(logits[:, -1] / temperature, dim=-1)
        current = torch.multinomial(probabilities, 1, generator=generator)
        out[:, t] = current[:, 0]
    return out, time.perf_counter() - start


def stream_counts(text):
    """`16` or `64,256`: the batched-generation stream counts."""
    counts = [int(k) for k in text.split(",")]
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("stream counts must be positive integers")
    return counts


def report(**fields):
    print(json.dumps(fields), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="/work/shared/data/tinyshakespeare.txt")
    p.add_argument("--minutes", type=float, default=2.0, help="training wall-clock budget")
    p.add_argument("--arch", choices=["gru", "lstm", "twin", "window"], default="gru",
                   help="twin: the float twin of GateLM's recurrent family (see the module doc); window: the float "
                        "twin of the integer window family (window_twin.py; its defaults are the family's)")
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=1)
    p.add_argument("--embedding", type=int, default=64)
    p.add_argument("--batch", type=int, default=16, help="parallel training streams")
    p.add_argument("--bptt", type=int, default=64, help="truncated BPTT length")
    p.add_argument("--lr", type=float, default=6e-3)
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--warmup-bytes", type=int, default=1024,
                   help="bytes before the validation split read (not scored) to set the state")
    p.add_argument("--val-bytes", type=int, default=None, help="score only this many (smoke tests)")
    p.add_argument("--temperature", type=float, default=0.8)
    p.add_argument("--gen-bytes", type=int, default=2000, help="bytes sampled per stream")
    p.add_argument("--streams", type=stream_counts, default=[16],
                   help="K for the batched generation; comma-separated for several (e.g. 64,256)")
    p.add_argument("--log-every", type=int, default=100)
    p.add_argument("--window", type=int, default=8, help="--arch window: bytes of context")
    p.add_argument("--orders", default="2,3,4,6", help="--arch window: hashed-table orders, or none")
    p.add_argument("--row-bits", type=int, default=12, help="--arch window: hash bits of each table")
    p.add_argument("--dropout", type=float, default=0.1, help="--arch window: dropout of the hidden units")
    p.add_argument("--table-dropout", type=float, default=0.1, help="--arch window: dropout of whole table rows")
    p.add_argument("--table-decay", type=float, default=0.01, help="--arch window: weight decay of the tables")
    p.add_argument("--quick", action="store_true", help="smoke test: tiny model, seconds")
    args = p.parse_args()
    if args.quick:
        args.minutes, args.hidden, args.embedding = 0.1, 64, 16
        args.val_bytes, args.gen_bytes, args.log_every = 5000, 200, 20
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    data, cut = load_split(args.data)
    if args.arch == "window":
        import window_twin
        window_twin.run(args, data, cut, report)
        return
    model = ByteRNN(args.arch, args.embedding, args.hidden, args.layers)
    config = {k: v for k, v in vars(args).items()}
    config.update(torch=torch.__version__, parameters=sum(p.numel() for p in model.parameters()),
                  train_bytes=cut, validation_bytes=len(data) - cut)
    steps, seconds = train(model, data, cut, args)
    bits, scored = validation_bits_per_byte(model, data, cut, args)
    report(validation_bits_per_byte=bits, scored_bytes=scored, train_steps=steps,
           train_seconds=round(seconds, 1),
           train_bytes_per_second=steps * args.batch * args.bptt / seconds, config=config)

    generator = torch.Generator().manual_seed(args.seed)
    prompt = data[cut - 64: cut]
    for streams in [1] + [k for k in args.streams if k != 1]:
        sample, seconds = generate(model, prompt, streams, args.gen_bytes, args.temperature, generator)
        report(generation_streams=streams, bytes_per_second=streams * args.gen_bytes / seconds,
               bytes_per_second_per_stream=args.gen_bytes / seconds, temperature=args.temperature,
               sample=bytes(sample[0, :160].tolist()).decode("utf-8", "replace"))


if __name__ == "__main__":
    main()
