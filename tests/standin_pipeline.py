"""A tiny, fast stand-in for the cartmine pipeline, for tests of I/O and batching.

Readers, writers and engines do not care what the pipeline finds, only that it
fills the mention span groups and ``doc._.records``; building the real pipeline in every
worker of every test would make the suite slow. Importable by worker processes
as ``standin_pipeline:build`` (pytest puts ``tests/`` on ``sys.path``).
"""

from __future__ import annotations

import os
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from cartmine.extensions import add_mention, register_extensions
from cartmine.result import Record

PATTERN = re.compile(r"CAR[- ]?T|remission", re.IGNORECASE)


@Language.component("standin_extract")
def standin_extract(doc: Doc) -> Doc:
    """Mentions for 'CAR-T' and 'remission'; one record when both occur."""
    labels = set()
    for match in PATTERN.finditer(doc.text):
        label = "OUTCOME" if match.group().lower() == "remission" else "THERAPY"
        norm = "remission" if label == "OUTCOME" else "CAR-T"
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            add_mention(doc, span, label, norm)
            labels.add(label)
    doc._.records = ([Record(therapy="CAR-T", disease=None, disease_id=None, outcome="remission",
                             evidence=doc.text[:80])] if labels == {"THERAPY", "OUTCOME"} else [])
    doc._.errors = ["boom: stand-in failure"] if "FAILME" in doc.text else []
    crash_marker = os.environ.get("CARTMINE_STANDIN_CRASH")
    if crash_marker and crash_marker in doc.text:
        os._exit(9)  # simulate a killed run (no cleanup, like SIGKILL)
    return doc


def build() -> Language:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("standin_extract")
    return nlp
