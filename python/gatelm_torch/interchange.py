"""Reading and writing the interchange format's files (docs/interchange.md): a careful
safetensors container check, strict JSON, and atomic writes."""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from typing import Dict, Optional, Tuple

import numpy as np


class InterchangeError(ValueError):
    """A file that is not valid interchange (or scores) data: the message names the file, the
    field or tensor, and the allowed range."""


#: Bytes per element of every safetensors dtype this reader knows.
DTYPE_SIZES = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
    "U16": 2, "I16": 2, "F16": 2, "BF16": 2,
    "U32": 4, "I32": 4, "F32": 4,
    "U64": 8, "I64": 8, "F64": 8, "C64": 8,
}
NUMPY_DTYPES = {"U8": np.uint8, "I8": np.int8, "I32": np.int32, "U32": np.uint32, "I64": np.int64,
                "U16": np.uint16, "I16": np.int16, "U64": np.uint64, "F32": np.float32, "F64": np.float64,
                "F16": np.float16, "BOOL": np.bool_}
DTYPE_NAMES = {np.dtype(v).str: k for k, v in NUMPY_DTYPES.items()}

#: The largest header the reference reader accepts.
HEADER_LIMIT = 100_000_000

HEX_HASH = re.compile(r"^[0-9a-f]{1,16}$")
DECIMAL = re.compile(r"^[0-9]{1,16}$")


def atomic_write(path: str, data: bytes) -> None:
    """Writes `data` to `path` atomically: a temporary file in the same directory, fsync, rename."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _no_duplicates(where: str):
    def hook(pairs):
        out = {}
        for key, value in pairs:
            if key in out:
                raise InterchangeError(f"{where}: key {key!r} appears twice")
            out[key] = value
        return out
    return hook


def utf8_json(raw: bytes, where: str):
    """`strict_json` of UTF-8 bytes; `where` names them in errors."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InterchangeError(f"{where}: not UTF-8 text") from None
    return strict_json(text, where)


def strict_json(text: str, where: str):
    """JSON as the standard has it: no key twice, no NaN or ±Infinity (Python writes them; they are
    not JSON), no number too large for a float (1e999), anywhere, free-form fields included, so
    that whatever loads can be written back."""
    def constant(name):
        raise InterchangeError(f"{where}: {name} is not a JSON number")

    def finite(literal):
        value = float(literal)
        if not math.isfinite(value):
            raise InterchangeError(f"{where}: the number {literal[:40]} is too large for a float")
        return value
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates(where), parse_constant=constant, parse_float=finite)
    except InterchangeError:
        raise
    except (ValueError, RecursionError) as error:
        raise InterchangeError(f"{where}: not valid JSON ({error})") from None


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def read_safetensors(path: str) -> Tuple[Dict[str, Optional[np.ndarray]], Dict[str, str], Dict[str, str]]:
    """The tensors (None for a dtype outside U8/I8/I32/U32), their dtypes and the `__metadata__`
    of a safetensors file, after checking the container as the
    format's reference reader does: an 8-byte little-endian header length no larger than the
    file and 100 MB, a JSON object header, known dtypes, shapes whose element counts match their
    byte ranges, byte ranges that tile the data section exactly."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size < 8:
                raise InterchangeError(f"{path}: truncated: {size} bytes, fewer than the 8-byte header length")
            length = int.from_bytes(f.read(8), "little")
            if length > size - 8:
                raise InterchangeError(f"{path}: the header length {length} runs past the end of the file "
                                       f"({size} bytes; at most {size - 8} allowed)")
            if length > HEADER_LIMIT:
                raise InterchangeError(f"{path}: the header length {length} exceeds the limit of {HEADER_LIMIT} bytes")
            raw = f.read(length)
    except OSError as error:
        raise InterchangeError(f"{path}: cannot read the file ({error.strerror or error})") from None
    header = utf8_json(raw, f"{path}: header")
    if not isinstance(header, dict):
        raise InterchangeError(f"{path}: the header is not a JSON object")
    data_size = size - 8 - length
    metadata: Dict[str, str] = {}
    ranges = []
    for name, entry in header.items():
        if name == "__metadata__":
            if not isinstance(entry, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in entry.items()):
                raise InterchangeError(f"{path}: '__metadata__' must map strings to strings")
            metadata = dict(entry)
            continue
        where = f"{path}: tensor {name!r}"
        if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
            raise InterchangeError(f"{where}: the header entry must have exactly 'dtype', 'shape' and 'data_offsets'")
        dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
        if not isinstance(dtype, str) or dtype not in DTYPE_SIZES:
            raise InterchangeError(f"{where}: unknown dtype {dtype!r} (known: {', '.join(sorted(DTYPE_SIZES))})")
        if not isinstance(shape, list) or not all(_is_int(d) and d >= 0 for d in shape):
            raise InterchangeError(f"{where}: the shape must be a list of non-negative integers; got {shape!r}")
        if (not isinstance(offsets, list) or len(offsets) != 2 or not all(_is_int(o) for o in offsets)
                or not 0 <= offsets[0] <= offsets[1]):
            raise InterchangeError(f"{where}: data_offsets must be [begin, end] with 0 ≤ begin ≤ end; got {offsets!r}")
        count = 1
        for d in shape:
            count *= d
        if (offsets[1] - offsets[0]) != count * DTYPE_SIZES[dtype]:
            raise InterchangeError(f"{where}: {dtype} shape {shape} needs {count * DTYPE_SIZES[dtype]} bytes; "
                                   f"its byte range {offsets} holds {offsets[1] - offsets[0]}")
        ranges.append((offsets[0], offsets[1], name))
    ranges.sort()
    position = 0
    for begin, end, name in ranges:
        if begin != position:
            kind = "a gap before" if begin > position else "an overlap at"
            raise InterchangeError(f"{path}: the tensors' byte ranges must tile the data section; {kind} tensor {name!r} "
                                   f"(begins at {begin}, expected {position})")
        position = end
    if position != data_size:
        raise InterchangeError(f"{path}: the tensors' byte ranges end at {position} but the data section holds {data_size} bytes "
                               "(nothing may follow the last tensor)")
    tensors: Dict[str, np.ndarray] = {}
    try:
        from safetensors import safe_open
        with safe_open(path, framework="np") as f:
            names = set(f.keys())
            expected = {name for _, _, name in ranges}
            if names != expected:
                raise InterchangeError(f"{path}: the safetensors reader sees tensors {sorted(names)}, the header {sorted(expected)}")
            for _, _, name in ranges:
                dtype = header[name]["dtype"]
                if dtype in ("U8", "I8", "I32", "U32"):
                    tensors[name] = np.array(f.get_tensor(name), copy=True)
                else:
                    tensors[name] = None  # not a dtype of these formats: the caller refuses it by its dtype
    except InterchangeError:
        raise
    except Exception as error:  # the safetensors reader's own refusal
        raise InterchangeError(f"{path}: not a readable safetensors file ({error})") from None
    dtypes = {name: header[name]["dtype"] for _, _, name in ranges}
    return {name: tensors[name] for _, _, name in ranges}, dtypes, metadata


def write_safetensors(path: str, tensors: Dict[str, np.ndarray], metadata: Optional[Dict[str, str]] = None) -> None:
    from safetensors.numpy import save
    data = save({name: np.ascontiguousarray(value) for name, value in tensors.items()}, metadata=metadata)
    atomic_write(path, data)


def number(value, where: str, *, low: float = -math.inf, high: float = math.inf, low_open=False, high_open=False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InterchangeError(f"{where}: must be a number; got {value!r}")
    x = float(value)
    ok = math.isfinite(x) and (x > low if low_open else x >= low) and (x < high if high_open else x <= high)
    if not ok:
        lo = ("(" if low_open else "[") + repr(low)
        hi = repr(high) + (")" if high_open else "]")
        raise InterchangeError(f"{where}: must be a finite number in {lo}, {hi}; got {value!r}")
    return x


def integer(value, where: str, low: int, high: Optional[int] = None) -> int:
    if not _is_int(value) or value < low or (high is not None and value > high):
        allowed = f"{low}...{high}" if high is not None else f"≥ {low}"
        raise InterchangeError(f"{where}: must be an integer in {allowed}; got {value!r}")
    return value
