"""The float twin of GateLM's integer window family (`gatelm train integer`), run by
`float_lm.py --arch window`. Give it the family's shape and schedule:
`--arch window --hidden 512 --embedding 16 --batch 512 --lr 3e-3` (W = 8, orders 2,3,4,6 and 2^12 rows
are the defaults of the window options).

Same inputs and shape as the family's default: the last W bytes, each through a learned code of E
values, and one learned table per hashed order (2^rows rows of E values, picked by a hash of the last
ORDER bytes), concatenated into one hidden layer of `--hidden` units and a linear readout over the
bytes; the same regularisers (dropout of units and of whole table rows, weight decay on the tables
only) and schedule (Adam, batches of random training positions, cosine decay to 10 %). Everything is
float: weights, codes, table rows and ReLU activations. The control that says what ternary weights
and k-bit activations cost.

Validation: every byte of the last 10 % scored once from its W-byte window (the same protocol as
`gatelm eval`). Generation: each stream samples from its own last W bytes.
"""

import math
import time

import torch
import torch.nn.functional as F


def hashed_rows(windows, orders, rows, multipliers):
    """Row index of each order's table for each window (batch, W), most recent byte last."""
    out = []
    for i, order in enumerate(orders):
        h = torch.zeros(windows.shape[0], dtype=torch.long)
        for p in range(order):
            h = (h * 1000003 + (windows[:, -1 - p] + 1) * multipliers[p]) % 2305843009213693951
        out.append((h ^ (h >> 17)) % rows + i * rows)
    return torch.stack(out, 1) if out else torch.zeros(windows.shape[0], 0, dtype=torch.long)


class WindowTwin(torch.nn.Module):
    def __init__(self, window, embedding, orders, row_bits, hidden, dropout, table_dropout, seed):
        super().__init__()
        self.window, self.orders, self.rows = window, orders, 1 << row_bits
        self.table_dropout = table_dropout
        generator = torch.Generator().manual_seed(seed)
        self.register_buffer("multipliers", torch.randint(1, 2**31 - 1, (max(orders + [1]),), generator=generator))
        self.code = torch.nn.Embedding(256, embedding)
        self.tables = torch.nn.Embedding(max(len(orders), 1) * self.rows, embedding)
        self.hidden = torch.nn.Linear((window + len(orders)) * embedding, hidden)
        self.dropout = torch.nn.Dropout(dropout)
        self.readout = torch.nn.Linear(hidden, 256)

    def forward(self, windows):  # (batch, W) byte values -> logits (batch, 256)
        x = [self.code(windows).flatten(1)]
        if self.orders:
            t = self.tables(hashed_rows(windows, self.orders, self.rows, self.multipliers))
            if self.training and self.table_dropout > 0:
                keep = (torch.rand(t.shape[0], t.shape[1], 1) >= self.table_dropout).float() / (1 - self.table_dropout)
                t = t * keep
            x.append(t.flatten(1))
        return self.readout(self.dropout(F.relu(self.hidden(torch.cat(x, 1)))))


def windows_at(data, positions, window):
    """The W bytes before each position (0 before the start of the text)."""
    offsets = torch.arange(-window, 0)
    index = positions[:, None] + offsets[None]
    return torch.where(index >= 0, data[index.clamp(min=0)], torch.zeros_like(index))


def run(args, data, cut, report):
    orders = [int(o) for o in args.orders.split(",")] if args.orders not in ("", "none") else []
    hidden = args.hidden
    model = WindowTwin(args.window, args.embedding, orders, args.row_bits, hidden, args.dropout, args.table_dropout, args.seed)
    config = {k: v for k, v in vars(args).items()}
    config.update(arch="window-twin", hidden=hidden, embedding=model.code.embedding_dim, torch=torch.__version__,
                  parameters=sum(p.numel() for p in model.parameters()), train_bytes=cut, validation_bytes=len(data) - cut)
    tables = [model.tables.weight]
    others = [p for n, p in model.named_parameters() if n != "tables.weight"]
    lr = args.lr
    optimizer = torch.optim.AdamW([{"params": others, "weight_decay": 0}, {"params": tables, "weight_decay": args.table_decay}], lr=lr)
    budget, start, steps, running = args.minutes * 60, time.perf_counter(), 0, None
    generator = torch.Generator().manual_seed(args.seed)
    model.train()
    while (elapsed := time.perf_counter() - start) < budget:
        for group in optimizer.param_groups:
            group["lr"] = lr * (0.1 + 0.45 * (1 + math.cos(math.pi * elapsed / budget)))
        positions = torch.randint(0, cut, (args.batch,), generator=generator)
        loss = F.cross_entropy(model(windows_at(data, positions, args.window)), data[positions])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        steps += 1
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if steps % args.log_every == 0:
            report(step=steps, seconds=round(elapsed, 1), train_bits_per_byte=running / math.log(2))
    seconds = time.perf_counter() - start
    model.eval()
    end = len(data) if args.val_bytes is None else min(len(data), cut + args.val_bytes)
    total = 0.0
    with torch.no_grad():
        for first in range(cut, end, 8192):
            positions = torch.arange(first, min(first + 8192, end))
            total += F.cross_entropy(model(windows_at(data, positions, args.window)), data[positions], reduction="sum").item()
    report(validation_bits_per_byte=total / (end - cut) / math.log(2), scored_bytes=end - cut, train_steps=steps,
           train_seconds=round(seconds, 1), train_bytes_per_second=steps * args.batch / seconds, config=config)
    prompt = data[cut - args.window: cut]
    with torch.no_grad():
        for streams in [1] + [k for k in args.streams if k != 1]:
            current = prompt[None].expand(streams, -1).contiguous()
            out = torch.empty(streams, args.gen_bytes, dtype=torch.long)
            t0 = time.perf_counter()
            for t in range(args.gen_bytes):
                probabilities = F.softmax(model(current[:, -args.window:]) / args.temperature, dim=-1)
                byte = torch.multinomial(probabilities, 1, generator=generator)
                out[:, t] = byte[:, 0]
                current = torch.cat([current[:, 1:], byte], 1)
            took = time.perf_counter() - t0
            report(generation_streams=streams, bytes_per_second=streams * args.gen_bytes / took,
                   bytes_per_second_per_stream=args.gen_bytes / took, temperature=args.temperature,
                   sample=bytes(out[0, :160].tolist()).decode("utf-8", "replace"))
