"""A mutation fuzzer for gatelm-torch's readers of outside input: the interchange directory
(`DiscreteIntegerWindow.load`: config.json + model.safetensors) and the scores file
(`read_scores`). libFuzzer fuzzes GateLM's Swift readers (scripts/fuzz.sh); this is the same
round for the Python ones, dependency-free and seeded.

Inputs start from the seeds of the Swift `interchange` target (Fuzz/corpus/interchange: a 2-byte
length, config.json, model.safetensors) and are mutated (bit flips, byte changes, insertions,
deletions, splices of two seeds, and edits of the JSON text and of the safetensors header).
The invariant: a reader either raises `InterchangeError` or returns a model that validates,
scores a few contexts, saves, and loads back equal. Any other exception is a bug: the input is
written to the crash directory and the round fails.

    python Fuzz/python/fuzz_interchange.py --seconds 30 [--seed S] [--crashes DIR]
"""

import argparse
import os
import random
import sys
import tempfile
import time
import traceback

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "python"))

from gatelm_torch.discrete import DiscreteIntegerWindow, read_scores, write_scores  # noqa: E402
from gatelm_torch.interchange import InterchangeError  # noqa: E402

JSON_TOKENS = [b"0", b"-1", b"1e999", b"NaN", b"null", b"true", b"[]", b"{}", b'""', b"4294967296", b"1.5", b'"x"', b",", b":"]


def split(seed: bytes):
    n = seed[0] | seed[1] << 8
    return seed[2:2 + n], seed[2 + n:]


def mutate(data: bytes, rng: random.Random, others) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        if choice == 0 and out:                       # flip a bit
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        elif choice == 1 and out:                     # set a byte
            out[rng.randrange(len(out))] = rng.choice([0, 1, 0x7F, 0x80, 0xFF, rng.randrange(256)])
        elif choice == 2:                             # insert bytes
            i = rng.randrange(len(out) + 1)
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice == 3 and out:                     # delete a run
            i = rng.randrange(len(out))
            del out[i:i + rng.randint(1, 16)]
        elif choice == 4:                             # splice another input's tail
            other = rng.choice(others)
            i, j = rng.randrange(len(out) + 1), rng.randrange(len(other) + 1)
            out = out[:i] + other[j:]
        elif choice == 5 and out:                     # a JSON token over a digit or punctuation
            spots = [k for k, b in enumerate(out[:4096]) if chr(b) in "0123456789,:[]{}"]
            if spots:
                i = rng.choice(spots)
                out[i:i + 1] = rng.choice(JSON_TOKENS)
        elif choice == 6:                             # truncate
            out = out[:rng.randrange(len(out) + 1)]
    return bytes(out)


def check_model(directory: str, scratch: str) -> None:
    try:
        model = DiscreteIntegerWindow.load(directory)
    except InterchangeError:
        return
    model.validate("fuzzed model")
    contexts = np.random.RandomState(0).randint(0, 256, (8, model.context_length)).astype(np.uint8)
    scores = model.scores(contexts)
    again_dir = os.path.join(scratch, "again")
    model.save(again_dir)
    again = DiscreteIntegerWindow.load(again_dir)
    assert again == model, "a model that loads reads back different after saving it"
    assert np.array_equal(again.scores(contexts), scores), "a model reads back with other scores"


def check_scores(path: str) -> None:
    try:
        scores, first, corpus_hash, engine = read_scores(path)
    except InterchangeError:
        return
    assert scores.dtype == np.int32 and scores.ndim == 2 and first >= 0, "read_scores returned an ill-formed result"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--crashes", default=os.path.join(ROOT, ".build-fuzz", "crashes", "python-interchange"))
    args = p.parse_args()
    seeds_dir = os.path.join(ROOT, "Fuzz", "corpus", "interchange")
    seeds = [open(os.path.join(seeds_dir, name), "rb").read() for name in sorted(os.listdir(seeds_dir))]
    configs = [split(s)[0] for s in seeds]
    tensors = [split(s)[1] for s in seeds]
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.seconds
    runs = crashes = loaded = 0
    with tempfile.TemporaryDirectory() as scratch:
        directory = os.path.join(scratch, "model")
        os.makedirs(directory)
        scores_path = os.path.join(scratch, "scores.safetensors")
        write_scores(scores_path, np.arange(12, dtype=np.int32).reshape(4, 3), 7, "abc")
        scores_seed = open(scores_path, "rb").read()
        while time.monotonic() < deadline:
            k = rng.randrange(len(seeds))
            config, tensor = configs[k], tensors[k]
            part = rng.randrange(3)
            if part == 0:
                config = mutate(config, rng, configs)
            elif part == 1:
                tensor = mutate(tensor, rng, tensors)
            else:
                config, tensor = mutate(config, rng, configs), mutate(tensor, rng, tensors)
            with open(os.path.join(directory, "config.json"), "wb") as f:
                f.write(config)
            with open(os.path.join(directory, "model.safetensors"), "wb") as f:
                f.write(tensor)
            fuzzed_scores = mutate(scores_seed, rng, [scores_seed] + tensors)
            with open(scores_path, "wb") as f:
                f.write(fuzzed_scores)
            runs += 1
            for what, check in (("model", lambda: check_model(directory, scratch)), ("scores", lambda: check_scores(scores_path))):
                try:
                    check()
                except Exception:  # anything but InterchangeError (which the checks absorb) is a bug
                    crashes += 1
                    os.makedirs(args.crashes, exist_ok=True)
                    stem = os.path.join(args.crashes, f"{what}-{runs}")
                    payload = len(config).to_bytes(2, "little") + config + tensor if what == "model" else fuzzed_scores
                    with open(stem + ".bin", "wb") as f:
                        f.write(payload)
                    with open(stem + ".txt", "w") as f:
                        f.write(traceback.format_exc())
                    print(f"crash ({what}): {stem}.bin\n{traceback.format_exc()}", file=sys.stderr)
            try:
                DiscreteIntegerWindow.load(directory)
                loaded += 1
            except Exception:
                pass
    print(f"python-interchange  runs {runs}  loaded {loaded}  crashes {crashes}  seconds {args.seconds:g}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
