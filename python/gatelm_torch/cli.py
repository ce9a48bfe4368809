"""`gatelm-torch`: train, scores, eval."""

from __future__ import annotations

import argparse
import json
import sys

from . import __version__


def _load(command: str, args):
    """(model, corpus) of `args.model` and `args.corpus` with `args.threads` torch threads, or None
    after printing why they cannot be read."""
    import torch
    from .corpus import Corpus
    from .discrete import DiscreteIntegerWindow
    from .interchange import InterchangeError
    torch.set_num_threads(args.threads)
    try:
        return DiscreteIntegerWindow.load(args.model), Corpus(args.corpus)
    except (InterchangeError, OSError) as error:
        print(f"gatelm-torch {command}: error: {error}", file=sys.stderr)
        return None


def _threads(text: str) -> int:
    """A thread count, 1...4096 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer in 1...4096; got {text!r}") from None
    if not 1 <= value <= 4096:
        raise argparse.ArgumentTypeError(f"must be an integer in 1...4096; got {value}")
    return value


def _scores(argv) -> int:
    from .discrete import write_scores
    p = argparse.ArgumentParser(prog="gatelm-torch scores",
                                description="Write the integer scores of an interchange model for a range of positions.")
    p.add_argument("model", metavar="DIR", help="interchange directory (config.json + model.safetensors)")
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True, help="the scores file to write (safetensors)")
    p.add_argument("--first", type=int, help="first position (default: the first validation position)")
    p.add_argument("--count", type=int, help="positions (default: up to the end of the corpus)")
    p.add_argument("--threads", type=_threads, default=1, help="torch threads (1...4096, default 1)")
    args = p.parse_args(argv)
    loaded = _load("scores", args)
    if loaded is None:
        return 2
    model, corpus = loaded
    first = corpus.validation.start if args.first is None else args.first
    count = corpus.size - first if args.count is None else args.count
    if not (0 <= first <= corpus.size and 0 <= count <= corpus.size - first):
        print(f"gatelm-torch scores: error: --first {first} --count {count}: the positions must lie in 0..<{corpus.size}",
              file=sys.stderr)
        return 2
    scores = model.scores_of_positions(corpus.data, first, first + count)
    write_scores(args.out, scores, first, corpus.identity().hash)
    print(f"{count} positions × {model.class_count} classes from position {first} written to {args.out}")
    return 0


def _eval(argv) -> int:
    p = argparse.ArgumentParser(prog="gatelm-torch eval",
                                description="Bits per byte of an interchange model on the validation split (the last 10 %).")
    p.add_argument("model", metavar="DIR")
    p.add_argument("--corpus", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--threads", type=_threads, default=1, help="torch threads (1...4096, default 1)")
    args = p.parse_args(argv)
    loaded = _load("eval", args)
    if loaded is None:
        return 2
    model, corpus = loaded
    v = corpus.validation
    bits = model.bits_per_byte(corpus.data, v.start, v.stop)
    if args.json:
        print(json.dumps({"bits_per_byte": bits, "positions": len(v), "first_position": v.start, "corpus": corpus.identity().to_json()}))
    else:
        print(f"{bits:.6f} bits/byte on {len(v)} validation bytes of {corpus.name}")
    return 0


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"train": None, "scores": _scores, "eval": _eval}
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in commands:
        if argv and argv[0] == "--version":
            print(__version__)
            return 0
        print("usage: gatelm-torch {train,scores,eval} ...\n\n"
              "  train   train an integer window model (also under torchrun)\n"
              "  scores  write a model's integer scores for positions of a corpus (safetensors)\n"
              "  eval    bits/byte of an interchange model on a corpus's validation split",
              file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    if argv[0] == "train":
        from .train import main as train_main
        return train_main(argv[1:], prog="gatelm-torch train")
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
