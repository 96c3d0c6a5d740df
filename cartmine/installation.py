"""What this cartmine installation runs with: version, pipeline, models, ontology, drug vocabulary.

``cartmine info`` prints it (like ``spacy info``). Each part is read the way the pipeline itself
resolves it (``cartmine.paths``), so the report cannot disagree with what ``cartmine.load()``
does, and every degraded mode comes with the step that leaves it.
"""

from __future__ import annotations

import bz2
import json
import os
import pickle
import platform
import re
import warnings
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from cartmine import __version__, paths
from cartmine.extras import EXTRAS, missing_modules

#: The models the pipeline can use, and what uses them.
PIPELINE_MODELS = {
    "ner_bc5cdr": "default NER (component bc5cdr_ner)",
    "ner_minilm": 'NER with cartmine.load(ner_backend="transformer"), extra transformers',
}
DRUG_PACKAGE = "drug-named-entity-recognition"


@dataclass
class ModelInfo:
    name: str
    use: str
    path: str
    found: bool
    version: str = ""
    training_data: str = ""


@dataclass
class Installation:
    version: str
    location: str
    python: str
    spacy: str
    pipeline: list[str]
    disabled: list[str]
    models: list[ModelInfo]
    ontology: dict[str, Any]
    drugs: dict[str, Any]
    extras: dict[str, bool]
    degraded: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def model_info(name: str, use: str) -> ModelInfo:
    """Path, version and training data of one model folder (spaCy ``meta.json`` or cartmine's
    ``cartmine_ner.json``, plus the model card's "Data" section)."""
    path = paths.model_dir(name)
    info = ModelInfo(name=name, use=use, path=str(path), found=path.is_dir())
    if not info.found:
        return info
    meta = _read_json(path / "meta.json") or {}
    card = _read_json(path / "cartmine_ner.json") or {}
    if meta:
        info.version = f"{meta.get('name', name)} {meta.get('version', '?')} (spaCy {meta.get('spacy_version', '?')})"
    elif card:
        info.version = f"token classifier on {card.get('base_model', '?')}"
    sources = [s.get("name", "") for s in meta.get("sources", []) if isinstance(s, dict)]
    info.training_data = "; ".join(s for s in sources if s) or _card_data_line(path / "README.md")
    return info


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _card_data_line(readme: Path) -> str:
    """The opening phrase of the model card's "## Data" section (where cartmine's cards name the
    corpus): up to the first comma, semicolon, full stop or " in the " outside brackets and code."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return ""
    match = re.search(r"^## Data\s*\n+(.+?)(?:\n\s*\n|\Z)", text, flags=re.MULTILINE | re.DOTALL)
    if not match:
        return ""
    paragraph = " ".join(match.group(1).split())
    depth, code = 0, False
    for i, ch in enumerate(paragraph):
        if ch == "`":
            code = not code
        elif not code and ch in "([{":
            depth += 1
        elif not code and ch in ")]}":
            depth -= 1
        elif not code and depth == 0 and (ch in ",;." or paragraph.startswith(" in the ", i)):
            return paragraph[:i]
    return paragraph


def pipeline_info() -> tuple[list[str], list[str], list[str]]:
    """Components, disabled components and the degraded-mode warnings that building the config gave."""
    from cartmine.pipeline import load_config

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        config = load_config()
    return (list(config["nlp"]["pipeline"]), list(config["nlp"].get("disabled", [])),
            [str(w.message) for w in caught])


def ontology_info() -> dict[str, Any]:
    """The Disease Ontology files in use, their release and the number of concepts loaded."""
    from cartmine.kb.disease_ontology import DiseaseOntology

    folder = paths.disease_ontology_dir()
    if os.environ.get("CARTMINE_DO_PATH"):
        source = "$CARTMINE_DO_PATH"
    elif folder == paths.PACKAGED_DO_DIR:
        source = "lexicon packaged with cartmine"
    else:
        source = "release folder"
    commit_file = folder / "SOURCE_COMMIT"
    release = commit_file.read_text(encoding="utf-8").strip() if commit_file.is_file() else "unknown"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reported below as a degraded mode instead
        onto = DiseaseOntology.load()
    return {"path": str(folder), "source": source, "release": release, "concepts": len(onto),
            "full": bool(onto.full)}


def drug_vocabulary_info() -> dict[str, Any]:
    """Size of the drug dictionary of ``drug-named-entity-recognition``, read from its data file
    (building the vocabulary's indexes takes seconds; ``info`` only counts)."""
    from cartmine.kb.drug_vocabulary import dictionary_path  # the one place that finds the file

    data = dictionary_path()
    if data is None:
        return {"installed": False}
    info: dict[str, Any] = {"installed": True, "package": DRUG_PACKAGE}
    try:
        info["version"] = metadata.version(DRUG_PACKAGE)
    except metadata.PackageNotFoundError:
        info["version"] = "?"
    try:
        with bz2.open(data, "rb") as fh:
            d = pickle.load(fh)  # the package's own data file, read as the package reads it
        info["drugs"] = len(d["drug_canonical_to_data"])
        info["names"] = len(d["drug_variant_to_canonical"])
    except (OSError, KeyError, pickle.UnpicklingError, EOFError) as exc:
        info["error"] = f"cannot read {data}: {exc}"
    return info


def gather() -> Installation:
    """Everything ``cartmine info`` reports."""
    import spacy

    pipeline, disabled, pipeline_warnings = pipeline_info()
    models = [model_info(name, use) for name, use in PIPELINE_MODELS.items()]
    ontology = ontology_info()
    drugs = drug_vocabulary_info()
    extras = {name: not missing_modules(name) for name in EXTRAS}
    degraded: list[dict[str, str]] = []
    if pipeline_warnings or not models[0].found:
        degraded.append({
            "mode": f"no NER model: {'; '.join(pipeline_warnings) or models[0].path + ' missing'}",
            "leave": "reinstall cartmine (its wheel carries ner_bc5cdr) or set CARTMINE_MODELS to a folder "
                     "that holds ner_bc5cdr/",
        })
    if not ontology["full"]:
        degraded.append({
            "mode": f"curated core diseases only ({ontology['concepts']} concepts): no Disease Ontology "
                    f"files in {ontology['path']}",
            "leave": "unset CARTMINE_DO_PATH (the packaged lexicon is used) or point it at a DO release folder",
        })
    if not drugs.get("installed") or "error" in drugs:
        degraded.append({
            "mode": f"drug dictionary unavailable ({drugs.get('error', 'package not installed')})",
            "leave": f"pip install {DRUG_PACKAGE}==2.0.9",
        })
    return Installation(
        version=__version__, location=str(paths.PACKAGE_DIR), python=platform.python_version(),
        spacy=spacy.__version__, pipeline=pipeline, disabled=disabled, models=models, ontology=ontology,
        drugs=drugs, extras=extras, degraded=degraded,
    )
