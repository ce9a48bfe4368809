#!/usr/bin/env python3
"""Markdown report of scripts/bench-lm.sh from the raw outputs it leaves in its scratch directory.

Usage: bench/lm_report.py OUT_DIR [--report FILE]   (standard library only)

Reads from OUT_DIR (missing files leave their cells empty):
  meta.txt, load.txt, commands.txt        written by the script
  swift-training.jsonl                    `gatelm-bench lm-training --json`
  torch-training.jsonl                    `difflogic_layer.py --throughput`, one line per run
  gate-eval.json                          `gatelm eval --json`
  gate-generate-K.log                     stderr of `gatelm generate --streams K`
  float.jsonl                             `float_lm.py`
"""

import argparse
import datetime
import json
import os
import re
import sys

TRAINING_TARGET = 10
GENERATION_TARGET = 100


def read_text(directory, name):
    path = os.path.join(directory, name)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else ""


def json_lines(directory, name):
    records = []
    for line in read_text(directory, name).splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return records


def key_values(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def rate(value):
    return "—" if value is None else f"{value:.2e}".replace("e+0", "e").replace("e+", "e")


def ratio(numerator, denominator):
    if numerator is None or not denominator:
        return "—"
    return f"{numerator / denominator:.1f}×"


def bits(value):
    return "—" if value is None or value != value else f"{value:.3f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def training_section(directory):
    swift = {r["threads"]: r for r in json_lines(directory, "swift-training.jsonl")}
    torch_runs = json_lines(directory, "torch-training.jsonl")
    if not swift and not torch_runs:
        return ""
    torch = {}
    for run in torch_runs:
        config = run.get("config", {})
        torch[(config.get("form"), config.get("threads"))] = run.get("gate_samples_per_second")
    threads = sorted(set(swift) | {t for _, t in torch})
    any_swift = next(iter(swift.values()), {})
    shape = (f"{any_swift.get('layers', '?')} layers × {any_swift.get('gates', '?')} gates, "
             f"batch {any_swift.get('batch', '?')}")
    torch_config = next((r["config"] for r in torch_runs if "torch" in r.get("config", {})), {})
    if torch_config:
        shape = (f"{torch_config['layers']} layers × {torch_config['width']} gates, batch {torch_config['batch']}")
    adam = "forward + backward + Adam" if any_swift.get("optimizer") else "forward + backward (no optimiser)"
    rows = [["GateLM (Swift kernels" + (", fused" if any_swift.get("fused") else "") + ")",
             f"{any_swift.get('layers', '?')} square gate layers: coefficient update, {adam}"]
            + [rate(swift.get(t, {}).get("gate_samples_per_second")) for t in threads]
            + ["1.0×"] * len(threads)]
    torch_timed = ("embedding + gate layers + GroupSum + cross-entropy: forward + backward + Adam "
                   "(`torch.optim.Adam`)")
    for form, label in (("sum16", "PyTorch `sum16` (reference difflogic)"),
                        ("affine4", "PyTorch `affine4` (collapsed mixture)")):
        values = [torch.get((form, t)) for t in threads]
        rows.append([label, torch_timed] + [rate(v) for v in values]
                    + [ratio(swift.get(t, {}).get("gate_samples_per_second"), v) for t, v in zip(threads, values)])
    header = (["implementation", "timed per step"] + [f"{t} thread{'s' if t > 1 else ''}" for t in threads]
              + [f"GateLM ÷ this, {t} thr" for t in threads])
    text = f"## Training throughput (gate·samples/s, higher is better)\n\n{shape}; gate·samples = layers × gates × batch per step.\n\n"
    text += table(header, rows) + "\n"
    verdicts = []
    for t in threads:
        ours, reference = swift.get(t, {}).get("gate_samples_per_second"), torch.get(("sum16", t))
        if ours and reference:
            met = "met" if ours / reference >= TRAINING_TARGET else "not met"
            verdicts.append(f"{t} thread{'s' if t > 1 else ''}: {ours / reference:.1f}× ({met})")
    if verdicts:
        text += f"- Target ≥ {TRAINING_TARGET}× the PyTorch reference (`sum16`): " + "; ".join(verdicts) + ".\n"
    else:
        text += "- PyTorch not measured (see torch-setup.log / torch-training-*.log in the scratch directory).\n"
    gates = any_swift.get("gates", "?")
    text += (f"- The Swift stack times the gate layers only (every layer reads {gates} inputs); the PyTorch step "
             "also runs the byte-embedding front end (its first layer reads W·E = 128 embedding bits) and "
             "the GroupSum loss, small next to the gate layers. Both include the Adam step "
             "over all gate logits" + ("" if any_swift.get("optimizer") else " — except the Swift side in this run") + ".\n")
    failed = [f"{r['config'].get('form')} / {r['config'].get('threads')} thr" for r in torch_runs if "error" in r]
    if failed:
        text += "- PyTorch runs that failed: " + ", ".join(failed) + ".\n"
    return text + "\n"


GENERATE_LINE = re.compile(
    r"generated (\d+) bytes in ([0-9.]+) s: ([0-9.]+) bytes/s \((\d+) ANDs, (\d+) stream")


def gate_generation(directory):
    rates, ands = {}, None
    for name in os.listdir(directory):
        if name.startswith("gate-generate-") and name.endswith(".log"):
            match = GENERATE_LINE.search(read_text(directory, name))
            if match:
                rates[int(match.group(5))] = float(match.group(3))
                ands = int(match.group(4))
    return rates, ands


def generation_section(directory):
    evaluation = next(iter(json_lines(directory, "gate-eval.json")), None)
    gate_rates, ands = gate_generation(directory)
    float_lines = json_lines(directory, "float.jsonl")
    if evaluation is None and not gate_rates and not float_lines:
        return ""
    validation = next((r for r in float_lines if "validation_bits_per_byte" in r), {})
    float_rates = {r["generation_streams"]: r["bytes_per_second"] for r in float_lines if "generation_streams" in r}
    streams = sorted(set(gate_rates) | set(float_rates))
    meta = key_values(read_text(directory, "meta.txt"))
    gate_bits = evaluation.get("circuit_bits_per_byte") if evaluation else None
    float_bits = validation.get("validation_bits_per_byte")
    config = validation.get("config", {})

    gate_label = f"GateLM circuit ({ands or (evaluation or {}).get('ands', '?')} ANDs"
    if evaluation:
        gate_label += f", {evaluation.get('gates', '?')} learned gates, step {evaluation.get('step', '?')}"
    gate_label += ")"
    float_label = (f"float {config.get('arch', 'gru').upper()}-{config.get('hidden', '?')} "
                   f"({config.get('parameters', '?')} parameters, {config.get('threads', '?')} threads)")
    header = (["model", "validation bits/byte"] + [f"{k} stream{'s' if k > 1 else ''} (bytes/s)" for k in streams])
    rows = [
        [gate_label, bits(gate_bits)] + [rate(gate_rates.get(k)) for k in streams],
        [float_label, bits(float_bits)] + [rate(float_rates.get(k)) for k in streams],
        ["**GateLM ÷ float**", "—" if gate_bits is None or float_bits is None else f"{gate_bits - float_bits:+.3f} bits"]
        + [ratio(gate_rates.get(k), float_rates.get(k)) for k in streams],
    ]
    text = "## Generation throughput (bytes/s, higher is better) and quality (bits/byte, lower is better)\n\n"
    text += (f"Corpus `{meta.get('corpus', '?')}` (first 90 % train, last 10 % validation), "
             f"{meta.get('minutes', '?')} minute(s) of training each")
    text += (f" for the GRU; the gate model `{meta['model']}` was given (`--model`), not trained in this run"
             if meta.get("model") else "") + ". Temperature-0.8 sampling on both sides; bytes/s is the total over the streams.\n\n"
    text += table(header, rows) + "\n"
    if evaluation:
        text += (f"- Gate model bits/byte: soft {bits(evaluation.get('soft_bits_per_byte'))}, discretised "
                 f"{bits(evaluation.get('discrete_bits_per_byte'))}, circuit {bits(gate_bits)} (the circuit's is the one compared).\n")
    both = [k for k in streams if k in gate_rates and k in float_rates]
    if both and gate_bits is not None and float_bits is not None:
        best = max(both, key=lambda k: gate_rates[k] / float_rates[k])
        speed = gate_rates[best] / float_rates[best]
        quality = gate_bits <= float_bits
        verdict = "holds" if speed >= GENERATION_TARGET and quality else "does not hold"
        text += (f"- Target ≥ {GENERATION_TARGET}× at equal or better bits/byte: **{verdict}** — best speed ratio "
                 f"{speed:.1f}× ({best} stream{'s' if best > 1 else ''}); bits/byte {bits(gate_bits)} (gates) vs "
                 f"{bits(float_bits)} (GRU): the gate model is {'as good or better' if quality else 'worse'}.\n")
    elif not float_lines:
        text += "- The float model was not measured (PyTorch missing or float_lm.py failed).\n"
    text += ("- Circuit: `gatelm generate` simulates the compiled AIG on the last W bytes per byte "
             "(streams share one bit-parallel simulator pass). GRU: `float_lm.py`, batched PyTorch steps.\n")
    return text + "\n"


def header_section(directory):
    meta = key_values(read_text(directory, "meta.txt"))
    loads = [line.split(None, 1) for line in read_text(directory, "load.txt").splitlines() if line.strip()]
    text = "# GateLM language-model benchmark\n\n"
    text += (f"Machine: {meta.get('cores', '?')} cores, {meta.get('cpu', '?')}; "
             f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; commit {meta.get('commit', '?')}.")
    if loads:
        text += " Load average (1, 5, 15 min) " + "; ".join(f"{phase}: {value}" for phase, value in loads) + "."
    if meta.get("omp_wait_policy"):
        text += f" PyTorch ran with OMP_WAIT_POLICY={meta['omp_wait_policy']}."
    return text + "\n\n"


def commands_section(directory):
    commands = read_text(directory, "commands.txt").strip()
    return f"## Commands\n\nFrom the repository root, in order:\n\n```sh\n{commands}\n```\n" if commands else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--report", help="also write the report to this file")
    args = parser.parse_args()
    if not os.path.isdir(args.directory):
        sys.exit(f"lm_report: no directory {args.directory}")
    text = (header_section(args.directory) + training_section(args.directory)
            + generation_section(args.directory) + commands_section(args.directory))
    sys.stdout.write(text)
    if args.report:
        temporary = args.report + ".tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, args.report)


if __name__ == "__main__":
    main()
