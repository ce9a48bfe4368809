#!/usr/bin/env python3
"""Markdown report of scripts/bench-lm.sh from the raw outputs it leaves in its scratch directory.

Usage: bench/lm_report.py OUT_DIR [--report FILE]   (standard library only)

Reads from OUT_DIR (missing files leave their cells empty):
  meta.txt, load.txt, commands.txt        written by the script
  swift-training.jsonl                    `gatelm-bench lm-training --json`
  torch-training.jsonl                    `difflogic_layer.py --throughput`, one line per run
  ngram.jsonl                             `gatelm-bench ngram`
  gate-NAME-eval.json                     `gatelm eval --json` of variant NAME
  gate-NAME-optimized.stats               `gatelm stats` of its optimized circuit
  gate-NAME-generate-K.log                stderr of `gatelm generate --streams K`
  float-NAME.jsonl                        `float_lm.py` of float model NAME (float.jsonl: the GRU, older runs)
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
NGRAM_NAMES = {1: "unigram", 2: "bigram", 3: "trigram"}


def gate_generation(directory, name):
    rates, ands = {}, None
    prefix = f"gate-{name}-generate-"
    for file in os.listdir(directory):
        if file.startswith(prefix) and file.endswith(".log"):
            match = GENERATE_LINE.search(read_text(directory, file))
            if match:
                rates[int(match.group(5))] = float(match.group(3))
                ands = int(match.group(4))
    return rates, ands


def gate_variants(directory):
    """Variant names in the order they were run (from the eval files' times)."""
    names = [f[len("gate-"):-len("-eval.json")] for f in os.listdir(directory)
             if f.startswith("gate-") and f.endswith("-eval.json")]
    return sorted(names, key=lambda n: os.path.getmtime(os.path.join(directory, f"gate-{n}-eval.json")))


def optimized_ands(directory, name):
    match = re.search(r"ands=(\d+)", read_text(directory, f"gate-{name}-optimized.stats"))
    return int(match.group(1)) if match else None


def minutes(seconds):
    return "—" if seconds is None else f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.1f} s"


def float_models(directory):
    """{name: (validation record, {streams: bytes/s})} of every float_lm.py run, the GRU first."""
    files = {f[len("float-"):-len(".jsonl")]: f for f in os.listdir(directory) if f.startswith("float-") and f.endswith(".jsonl")}
    if os.path.exists(os.path.join(directory, "float.jsonl")):
        files.setdefault("gru", "float.jsonl")
    models = {}
    for name in sorted(files, key=lambda n: (n != "gru", n)):
        lines = json_lines(directory, files[name])
        if lines:
            models[name] = (next((r for r in lines if "validation_bits_per_byte" in r), {}),
                            {r["generation_streams"]: r["bytes_per_second"] for r in lines if "generation_streams" in r})
    return models


def pareto_front(points):
    """Names of the points (name, bits/byte, ANDs, bytes/s) that no other point beats or equals on all three."""
    def dominates(a, b):
        return a[1] <= b[1] and a[2] <= b[2] and a[3] >= b[3] and (a[1], a[2], a[3]) != (b[1], b[2], b[3])
    return [p[0] for p in points if not any(dominates(q, p) for q in points)]


def generation_section(directory):
    ngrams = json_lines(directory, "ngram.jsonl")
    variants = gate_variants(directory)
    floats = float_models(directory)
    float_lines = list(floats)
    if not ngrams and not variants and not floats:
        return ""
    meta = key_values(read_text(directory, "meta.txt"))
    validation, float_rates = floats.get("gru", ({}, {}))
    gates = {name: (next(iter(json_lines(directory, f"gate-{name}-eval.json")), {}),) + gate_generation(directory, name)
             for name in variants}
    streams = sorted({k for _, rates, _ in gates.values() for k in rates} | {k for _, rates in floats.values() for k in rates})
    header = (["model", "validation bits/byte", "ANDs compiled", "ANDs after optimize", "training"]
              + [f"{k} stream{'s' if k > 1 else ''} (bytes/s)" for k in streams])
    rows = []
    for record in ngrams:
        order = record["order"]
        rows.append([f"{NGRAM_NAMES.get(order, f'{order}-gram')} (Kneser–Ney, counted)", bits(record.get("bits_per_byte")),
                     "—", "—", minutes(record.get("seconds"))] + ["—"] * len(streams))
    for name, (record, rates) in floats.items():
        config = record.get("config", {})
        arch = config.get("arch", "gru")
        kind = {"twin": "float twin of the recurrent family", "window-twin": "float twin of the integer window family"}.get(
            arch, f"float {arch.upper()}")
        label = (f"`{name}`: {kind}, H = {config.get('hidden', '?')}, E = {config.get('embedding', '?')} "
                 f"({config.get('parameters', '?')} parameters, PyTorch, {config.get('threads', '?')} threads)")
        trained = config.get("minutes")
        rows.append([label, bits(record.get("validation_bits_per_byte")), "—", "—",
                     minutes(trained * 60) if trained else f"{meta.get('minutes', '?')} min"]
                    + [rate(rates.get(k)) for k in streams])
    for name in variants:
        evaluation, rates, ands = gates[name]
        given = " (trained before this run: --model or NAME:@FILE)" if os.path.exists(os.path.join(directory, f"gate-{name}.given")) else ""
        if "state_bits" in evaluation:
            bits_per_unit = evaluation.get("activation_bits", 1)
            latches = f"{evaluation['state_bits']} state latches" if bits_per_unit == 1 else \
                f"{evaluation['state_bits']} state units × {bits_per_unit} bits = {evaluation['state_bits'] * bits_per_unit} latches"
            label = (f"GateLM `{name}`{given}: recurrent, {latches}, zero fraction "
                     f"{evaluation.get('zero_fraction', float('nan')):.3f}, step {evaluation.get('step', '?')}")
        elif "units" in evaluation:
            label = (f"GateLM `{name}`{given}: integer window, {evaluation['units']:.0f} units × "
                     f"{evaluation.get('activation_bits', '?'):.0f} bits over {evaluation.get('inputs', '?'):.0f} inputs, zero fraction "
                     f"{evaluation.get('zero_fraction', float('nan')):.3f}, step {evaluation.get('step', '?')}")
        else:
            label = f"GateLM `{name}`{given}: {evaluation.get('gates', '?')} learned gates, step {evaluation.get('step', '?')}"
        rows.append([label, bits(evaluation.get("circuit_bits_per_byte")), str(evaluation.get("ands", ands or "—")),
                     str(optimized_ands(directory, name) or "—"), minutes(evaluation.get("training_seconds"))]
                    + [rate(rates.get(k)) for k in streams])
    text = "## Quality and generation, side by side (bits/byte: lower is better; bytes/s: higher is better)\n\n"
    text += (f"Corpus `{meta.get('corpus', '?')}` (first 90 % train, last 10 % validation); each trained model had "
             f"{meta.get('minutes', '?')} minute(s) of training on this machine in this run, unless marked as given. "
             "Gate models: the compiled circuit's bits/byte (= the discrete model's, bit for bit). "
             "Temperature-0.8 sampling; bytes/s is the total over the streams.\n\n")
    text += table(header, rows) + "\n"
    float_bits = validation.get("validation_bits_per_byte")
    for name in variants:
        evaluation, rates, _ = gates[name]
        gate_bits = evaluation.get("circuit_bits_per_byte")
        learned = evaluation.get("learned_mechanisms") or []
        counted = evaluation.get("counted_mechanisms") or []
        soft = evaluation.get('soft_bits_per_byte')
        forms = (f"soft {bits(soft)}, discrete {bits(evaluation.get('discrete_bits_per_byte'))}, circuit {bits(gate_bits)} "
                 f"(discretisation gap, circuit − soft: {bits((gate_bits or 0) - soft)})" if soft is not None else
                 f"discrete {bits(evaluation.get('discrete_bits_per_byte'))}, circuit {bits(gate_bits)} "
                 "(no relaxed model: training runs the boolean forward pass straight through)")
        text += (f"- `{name}`: {forms}. "
                 f"Learned by gradient: {'; '.join(learned) or '?'}. Counted: {'; '.join(counted) or 'nothing'}.\n")
        both = [k for k in streams if k in rates and k in float_rates]
        if both and gate_bits is not None and float_bits is not None:
            ratios = ", ".join(f"{ratio(rates[k], float_rates[k])} at {k} stream{'s' if k > 1 else ''}" for k in both)
            quality = "as good or better" if gate_bits <= float_bits else "worse"
            text += (f"  Against the GRU: {gate_bits - float_bits:+.3f} bits/byte ({quality}); generation {ratios}"
                     f" (target ≥ {GENERATION_TARGET}× at equal or better bits/byte).\n")
        twin_arch = "twin" if "state_bits" in evaluation else "window-twin" if "units" in evaluation else None
        twins = [(n, r) for n, (r, _) in floats.items()
                 if twin_arch and r.get("config", {}).get("arch") == twin_arch and "validation_bits_per_byte" in r]
        if gate_bits is not None:
            for twin, record in twins:
                text += (f"  Against its float twin `{twin}` (same shape, float weights and activations): "
                         f"{gate_bits - record['validation_bits_per_byte']:+.3f} bits/byte.\n")
    points = []
    for name in variants:
        evaluation, rates, ands = gates[name]
        size = optimized_ands(directory, name) or evaluation.get("ands", ands)
        if evaluation.get("circuit_bits_per_byte") is not None and size and rates:
            points.append((name, evaluation["circuit_bits_per_byte"], size, rates[max(rates)]))
    if len(points) > 1:
        text += (f"- Pareto front over the GateLM variants (bits/byte, ANDs after optimize or else as compiled, bytes/s at "
                 f"the most streams): {', '.join(f'`{n}`' for n in pareto_front(points))}.\n")
    if not float_lines:
        text += "- The float model was not measured (PyTorch missing or float_lm.py failed).\n"
    text += bptt_throughput(directory, variants, validation, floats)
    text += ("- Circuit: `gatelm generate` simulates the compiled AIG on the last W bytes per byte (a recurrent circuit: one clocked step per byte, its state in latches) "
             "(streams share one bit-parallel simulator pass). GRU: `float_lm.py`, batched PyTorch steps. "
             "N-grams: `gatelm-bench ngram` (GateLM's `Text.NGramModel`, interpolated modified Kneser–Ney, ε = 10⁻³).\n")
    return text + "\n"


TRAIN_RATE = re.compile(r"step \d+.*?\s([0-9.]+) samples/s")


def bptt_throughput(directory, variants, validation, floats=None):
    """Training bytes/s (contexts/s of a window model) of the recurrent and integer window variants (their last
    progress line) and of the float models, against the GRU's BPTT."""
    gru = validation.get("train_bytes_per_second")
    lines = []
    for name, (record, _) in (floats or {}).items():
        if name != "gru" and record.get("train_bytes_per_second"):
            what = "contexts/s" if record.get("config", {}).get("arch") == "window-twin" else "bytes/s of BPTT"
            lines.append(f"- Training throughput, float `{name}`: {rate(record['train_bytes_per_second'])} {what}"
                         + (f" ({ratio(record['train_bytes_per_second'], gru)} the GRU's bytes/s)" if gru else "") + ".\n")
    for name in variants:
        evaluation = next(iter(json_lines(directory, f"gate-{name}-eval.json")), {})
        if "state_bits" not in evaluation and "units" not in evaluation:
            continue
        matches = TRAIN_RATE.findall(read_text(directory, f"gate-{name}-train.log"))
        if matches:
            ours = float(matches[-1])
            what = "bytes/s of BPTT" if "state_bits" in evaluation else "contexts/s"
            lines.append(f"- Training throughput, `{name}`: {rate(ours)} {what}"
                         + (f" against the GRU's {rate(gru)} bytes/s ({ratio(ours, gru)})" if gru else "")
                         + " (same corpus, same machine, this run).\n")
    return "".join(lines)


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
