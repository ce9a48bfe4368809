"""gatelm-torch: train GateLM's integer window language model with PyTorch and exchange it with
GateLM through the interchange directory (config.json + model.safetensors, docs/interchange.md)."""

__version__ = "0.1.0"

from .corpus import Corpus, CorpusIdentity, fnv1a64  # noqa: E402
from .discrete import DiscreteIntegerWindow, read_scores, write_scores  # noqa: E402
from .hashing import ContextHash  # noqa: E402
from .interchange import InterchangeError  # noqa: E402
from .integer_window import IntegerWindowConfig, IntegerWindowNetwork  # noqa: E402
from .splitmix import SplitMix64  # noqa: E402

__all__ = ["Corpus", "CorpusIdentity", "ContextHash", "DiscreteIntegerWindow", "IntegerWindowConfig", "IntegerWindowNetwork",
           "InterchangeError", "SplitMix64", "fnv1a64", "read_scores", "write_scores", "__version__"]
