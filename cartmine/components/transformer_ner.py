"""A transformer token-classification NER (BIO over Disease/Chemical) as a spaCy component.

Why this exists: the default statistical NER is spaCy's CNN trained on BC5CDR
(``models/ner_bc5cdr``). A fine-tuned MiniLM encoder (``models/ner_minilm``,
trained by ``scripts/train_transformer_ner.py``) is more accurate on unseen
wording but slower; this component lets a user swap it in through the spaCy
config alone, because it writes ``doc.ents`` with the same ``Disease`` /
``Chemical`` labels that the CNN NER writes, so the downstream ``diseases`` and
``therapies`` components cannot tell the two apart::

    [components.bc5cdr_ner]
    factory = "cartmine_transformer_ner"
    model_path = "models/ner_minilm"

torch and transformers are an optional extra (``pip install cartmine[transformers]``):
this module imports without them and only fails, with a message that says what to
install (:func:`cartmine.encoders.require_transformers`), when the model is first used.
Tags are decoded into mentions by :mod:`cartmine.iob`, the decoder the evaluation uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from cartmine.encoders import require_transformers, resolve_model_path
from cartmine.iob import TokenSpan, iob_to_spans

LABELS = ("Disease", "Chemical")
META_FILE = "cartmine_ner.json"


class TransformerNER:
    """A fine-tuned token classifier plus the word-piece alignment that spaCy tokens need.

    Kept separate from the spaCy component so that evaluation scripts can tag
    pre-tokenised BC5CDR sentences (:meth:`predict_tags`) with exactly the code
    path the pipeline uses.
    """

    def __init__(self, model_path: str | Path = "models/ner_minilm", max_length: int | None = None,
                 batch_size: int = 32, num_threads: int | None = None) -> None:
        self.model_path = resolve_model_path(model_path)
        if not (self.model_path / "config.json").exists():
            raise FileNotFoundError(
                f"no transformer NER model at {self.model_path}: train one with "
                "scripts/train_transformer_ner.py or point model_path at it"
            )
        meta_path = self.model_path / META_FILE
        self.meta: dict[str, Any] = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        self.max_length = int(max_length or self.meta.get("max_length", 192))
        self.batch_size = batch_size
        self.num_threads = num_threads
        self._model: Any = None
        self._tokenizer: Any = None
        self.id2label: dict[int, str] = {}

    def _load(self) -> None:
        """Load on first use: building a pipeline should not cost model start-up."""
        torch, transformers = require_transformers()
        if self.num_threads:
            torch.set_num_threads(self.num_threads)
        self._tokenizer = transformers.AutoTokenizer.from_pretrained(str(self.model_path))
        model = transformers.AutoModelForTokenClassification.from_pretrained(str(self.model_path))
        # Weights ship as fp16 to stay small; CPU kernels want fp32.
        self._model = model.float().eval()
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def _chunks(self, piece_counts: Sequence[int]) -> list[tuple[int, int]]:
        """Split a sentence into word runs that fit ``max_length`` word pieces (with [CLS]/[SEP])."""
        budget = self.max_length - 2
        chunks: list[tuple[int, int]] = []
        start, used = 0, 0
        for i, n in enumerate(piece_counts):
            n = max(1, n)
            if used + n > budget and i > start:
                chunks.append((start, i))
                start, used = i, 0
            used += min(n, budget)
        if start < len(piece_counts) or not chunks:
            chunks.append((start, len(piece_counts)))
        return chunks

    def _piece_counts(self, sentences: list[list[str]]) -> list[list[int]]:
        """Word pieces per word, from one batched tokenizer call."""
        enc = self._tokenizer(sentences, is_split_into_words=True, add_special_tokens=False)
        counts = []
        for i, words in enumerate(sentences):
            c = [0] * len(words)
            for w in enc.word_ids(i):
                if w is not None:
                    c[w] += 1
            counts.append(c)
        return counts

    def predict_tags(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for pre-tokenised sentences, one tag per word (first-subtoken labelling).

        Blank or whitespace-only words get ``O``: they have no word pieces to label.
        """
        if self._model is None:
            self._load()
        torch, _ = require_transformers()
        tags: list[list[str]] = [["O"] * len(words) for words in sentences]
        pieces: list[tuple[int, int, list[str], list[int]]] = []  # (sent, offset, words, word index map)
        kept_idx = [[i for i, w in enumerate(words) if w.strip()] for words in sentences]
        nonempty = [s for s, keep in enumerate(kept_idx) if keep]
        kept_words = [[sentences[s][i].strip() for i in kept_idx[s]] for s in nonempty]
        counts = self._piece_counts(kept_words) if kept_words else []
        for s, kept, count in zip(nonempty, kept_words, counts, strict=True):
            keep = kept_idx[s]
            for lo, hi in self._chunks(count):
                pieces.append((s, lo, kept[lo:hi], keep[lo:hi]))
        # Length-sorted batches waste less padding, which is most of CPU time.
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][2]))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                batch = [pieces[k] for k in order[b:b + self.batch_size]]
                enc = self._tokenizer([p[2] for p in batch], is_split_into_words=True, truncation=True,
                                      max_length=self.max_length, padding=True, return_tensors="pt")
                logits = self._model(**enc).logits
                pred = logits.argmax(-1).tolist()
                for j, (s, _lo, _words, index_map) in enumerate(batch):
                    seen: set[int] = set()
                    for pos, w in enumerate(enc.word_ids(j)):
                        if w is None or w in seen:
                            continue
                        seen.add(w)
                        tags[s][index_map[w]] = self.id2label[pred[j][pos]]
        return tags

    def predict_spans(self, sentences: list[list[str]]) -> list[list[TokenSpan]]:
        """Mention spans (word start, word end, label) per sentence."""
        return [iob_to_spans(t) for t in self.predict_tags(sentences)]


class TransformerNERComponent:
    """spaCy pipe that writes ``doc.ents`` (Disease/Chemical) from :class:`TransformerNER`.

    Runs sentence by sentence (the model was trained on sentences, and it keeps
    each input under the word-piece limit); entities already on the doc that do
    not overlap a prediction are kept, as spaCy's own NER keeps preset ones.
    """

    def __init__(self, nlp: Language, name: str, model_path: str, max_length: int | None,
                 batch_size: int, num_threads: int | None) -> None:
        self.name = name
        self.model_path = model_path
        self.ner = TransformerNER(model_path, max_length=max_length, batch_size=batch_size,
                                  num_threads=num_threads)

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def _sentences(self, doc: Doc) -> list[Span]:
        if doc.has_annotation("SENT_START"):
            return list(doc.sents)
        return [doc[:]]

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        """Tag a batch of docs at once so that short sentences share model batches."""
        buffer: list[Doc] = []
        for doc in docs:
            buffer.append(doc)
            if len(buffer) >= batch_size:
                yield from self._process(buffer)
                buffer = []
        if buffer:
            yield from self._process(buffer)

    def _process(self, docs: list[Doc]) -> list[Doc]:
        sents: list[Span] = []
        owner: list[int] = []
        for d, doc in enumerate(docs):
            for sent in self._sentences(doc):
                sents.append(sent)
                owner.append(d)
        spans_per_sent = self.ner.predict_spans([[t.text for t in sent] for sent in sents])
        new: list[list[Span]] = [[] for _ in docs]
        for d, sent, spans in zip(owner, sents, spans_per_sent, strict=True):
            for lo, hi, label in spans:
                new[d].append(Span(docs[d], sent.start + lo, sent.start + hi, label=label))
        for doc, ents in zip(docs, new, strict=True):
            kept = [e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in ents)]
            doc.ents = filter_spans([*ents, *kept])
        return docs


@Language.factory(
    "cartmine_transformer_ner",
    default_config={"model_path": "models/ner_minilm", "max_length": None, "batch_size": 32,
                    "num_threads": None},
)
def make_transformer_ner(nlp: Language, name: str, model_path: str, max_length: int | None,
                         batch_size: int, num_threads: int | None) -> TransformerNERComponent:
    """Factory for the config; ``max_length`` defaults to the value the model was trained with."""
    return TransformerNERComponent(nlp, name, model_path, max_length, batch_size, num_threads)

