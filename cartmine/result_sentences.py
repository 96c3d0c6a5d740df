"""A learned "does this sentence report a result?" score (issue #15).

Outcome words turn up in sentences that report no result of a treatment: disease burden,
screening, the aim, the methods' endpoint definitions, company boilerplate, hopes. Headings
("METHODS", "Results:") tell the sentence roles apart when a text has them (the
``sentence_roles`` rules of ``resources/outcomes.yaml``); many abstracts and all press releases
have none, and phrase exclusions written from one sample did not carry over to the next. This
module scores a sentence instead: a logistic regression over word unigrams and bigrams, trained
by distant supervision on structured trial abstracts, where the heading says what each sentence
is (RESULTS/CONCLUSIONS = a result; BACKGROUND/OBJECTIVE/METHODS... = not), with the heading
words removed (``scripts/train_result_sentences.py``; model card
``resources/result_sentences.md``).

Why not spaCy ``textcat`` or scikit-learn at run time: the score is needed only for the few
sentences that hold an outcome candidate, and a dictionary of n-gram weights is all a linear
model is. A lookup per n-gram costs microseconds, needs no pickled estimator and no extra
dependency, and the weights file is plain JSON (gzip) that a reader can inspect.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
from functools import lru_cache
from pathlib import Path

from cartmine.paths import RESOURCES_DIR

#: the format tag the weights file must carry; a file of another format is refused
FORMAT = "cartmine-result-sentences/1"
#: lower-cased words, numbers (a class: integer or decimal) and the comparison/percent signs that
#: result sentences are made of; tokenised and untokenised text give the same tokens
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%<>=±]")


class ResultModelError(ValueError):
    """The weights file is missing, unreadable or not a result-sentence model."""


def tokens(text: str) -> list[str]:
    """The feature tokens of a sentence: numbers become ``<num>`` or ``<dec>`` (a p-value and a
    percentage matter as kinds, not as values)."""
    out = []
    for m in TOKEN.finditer(text.lower()):
        tok = m.group()
        if tok[0].isdigit():
            tok = "<dec>" if "." in tok or "," in tok else "<num>"
        out.append(tok)
    return out


def features(text: str) -> set[str]:
    """Binary features: unigrams, bigrams, and the first word (``<s> we`` starts many aims)."""
    toks = ["<s>", *tokens(text)]
    feats = set(toks[1:])
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(toks))
    return feats


class ResultSentenceModel:
    """Probability that a sentence reports a result (linear model over :func:`features`)."""

    def __init__(self, weights: dict[str, float], bias: float, meta: dict | None = None) -> None:
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}

    @classmethod
    def load(cls, path: str | Path) -> ResultSentenceModel:
        """Read a weights file (``.json`` or ``.json.gz``); a relative path is under
        ``cartmine/resources``. Raises :class:`ResultModelError` with the path and the reason."""
        file = Path(path)
        if not file.is_absolute():
            file = RESOURCES_DIR / file
        try:
            opener = gzip.open if file.suffix == ".gz" else open
            with opener(file, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError as exc:
            raise ResultModelError(f"result-sentence model not found: {file}") from exc
        except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ResultModelError(f"result-sentence model {file} is not readable JSON: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ResultModelError(f"result-sentence model {file} is not in format {FORMAT!r}")
        weights, bias = data.get("weights"), data.get("bias")
        if (not isinstance(weights, dict) or not weights or not isinstance(bias, (int, float))
                or not all(isinstance(w, (int, float)) for w in weights.values())):
            raise ResultModelError(f"result-sentence model {file} lacks numeric 'weights' and 'bias'")
        meta = {k: v for k, v in data.items() if k not in ("weights", "bias")}
        return cls({str(k): float(v) for k, v in weights.items()}, float(bias), meta)

    def score(self, text: str) -> float:
        """The log-odds that ``text`` reports a result."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in features(text))

    def prob(self, text: str) -> float:
        """The probability that ``text`` reports a result."""
        z = self.score(text)
        return 1.0 / (1.0 + math.exp(-z)) if z >= -30 else 0.0


@lru_cache(maxsize=4)
def load_model(path: str) -> ResultSentenceModel:
    """A weights file read once per process (the pipeline may be built many times)."""
    return ResultSentenceModel.load(path)
