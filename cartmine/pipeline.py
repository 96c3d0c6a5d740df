"""Build the cartmine spaCy pipeline from ``pipeline.cfg``.

The statistical NER (trained on BC5CDR, see ``models/ner_bc5cdr/README.md``) is
sourced from ``models/`` (or the copy an installed wheel carries, see ``cartmine.paths``);
without it the rule and lexicon components still run, and a warning says what is missing.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Config

from cartmine import (
    components,  # noqa: F401  (registers the factories)
    vectors,  # noqa: F401  (registers cartmine.model_vectors.v1 for [nlp.vectors])
)
from cartmine.extensions import register_extensions
from cartmine.extras import DegradedModeWarning, require_extra
from cartmine.paths import PACKAGE_DIR, model_dir

DEFAULT_CONFIG_PATH = PACKAGE_DIR / "pipeline.cfg"
DEFAULT_NER_MODEL = model_dir("ner_bc5cdr")  # $CARTMINE_MODELS, the checkout's models/, or the wheel's


#: NER backends: the spaCy CNN sourced from models/ner_bc5cdr (default: as accurate on our
#: text and ~4x faster on CPU, see README) or the MiniLM token classifier (extra `transformers`).
NER_BACKENDS = ("cnn", "transformer")
DEFAULT_TRANSFORMER_MODEL = model_dir("ner_minilm")  # not in the base wheel: see README "Models"


def load_config(config_path: str | Path | None = None, overrides: dict[str, Any] | None = None,
                ner_model: str | Path | None = None, ner_backend: str = "cnn",
                enable: list[str] | None = None) -> Config:
    """The pipeline config with paths filled in; drops the NER when its model is absent."""
    if ner_backend not in NER_BACKENDS:
        raise ValueError(f"ner_backend must be one of {NER_BACKENDS}, not {ner_backend!r}")
    # spaCy's own override mechanism: dotted keys, and an unknown key is an error, not a new setting
    config = Config().from_disk(config_path or DEFAULT_CONFIG_PATH, interpolate=False, overrides=overrides or {})
    if enable and "disease_linker" in enable:
        require_extra("transformers", 'enable=["disease_linker"]')
    if enable:
        config["nlp"]["disabled"] = [p for p in config["nlp"].get("disabled", []) if p not in enable]
    if ner_backend == "transformer" and "bc5cdr_ner" in config["components"]:
        require_extra("transformers", 'ner_backend="transformer"')
        config["components"]["bc5cdr_ner"] = {
            "factory": "cartmine_transformer_ner",
            "model_path": str(Path(ner_model) if ner_model else DEFAULT_TRANSFORMER_MODEL),
        }
    model_path = Path(ner_model) if ner_model else DEFAULT_NER_MODEL
    if "factory" in config["components"].get("bc5cdr_ner", {}):
        pass  # a factory-built NER (the transformer backend) loads its own weights
    elif (model_path / "meta.json").exists():
        config["paths"]["ner_model"] = str(model_path)
        if config["nlp"].get("vectors", {}).get("@vectors") == "cartmine.model_vectors.v1":
            # set here, not as ${paths.ner_model}: spaCy resolves [nlp] before interpolating variables
            config["nlp"]["vectors"]["model"] = str(model_path)
    else:
        warnings.warn(
            f"no BC5CDR NER model at {model_path}: diseases and drugs come from lexicons and rules only",
            DegradedModeWarning, stacklevel=3,
        )
        ner_pipes = ("bc5cdr_ner", "ner_abbreviations")
        config["nlp"]["pipeline"] = [p for p in config["nlp"]["pipeline"] if p not in ner_pipes]
        for pipe in ner_pipes:
            config["components"].pop(pipe, None)
        for name in ("therapies", "diseases"):
            for key in ("use_chemical_ner", "use_disease_ner"):
                if key in config["components"][name]:
                    config["components"][name][key] = False
    return config


def load(config_path: str | Path | None = None, overrides: dict[str, Any] | None = None,
         ner_model: str | Path | None = None, ner_backend: str = "cnn",
         enable: list[str] | None = None) -> Language:
    """Return a ready cartmine pipeline (a spaCy ``Language``).

    ``overrides`` sets config values by dotted path; ``ner_backend="transformer"``
    swaps the CNN NER for the MiniLM one; ``enable=["disease_linker"]`` turns on
    components that are disabled by default.
    """
    register_extensions()
    config = load_config(config_path, overrides, ner_model, ner_backend, enable)
    with warnings.catch_warnings():
        # sourcing a component trained with a slightly different spaCy patch release is fine
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    return nlp


@lru_cache(maxsize=2)
def default_pipeline() -> Language:
    """One shared default pipeline per process (loading takes about a second)."""
    return load()
