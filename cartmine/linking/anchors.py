"""Document-level anchors: which therapies were studied, which disease was treated.

A result sentence often names neither ("The overall response rate was 52%"); the claim is then
about the document's studied therapies (every arm of a trial, every drug of a regimen) and the
disease of its population. This module decides those, and the role of each therapy mention:

* ``arm``: a therapy that was given and whose results the text may report;
* ``background``: given to everyone or describing who was enrolled ("failed prior methotrexate",
  "on stable doses of prednisone", "steroid-refractory"): a therapy without records of its own;
* ``lymphodepletion``: conditioning before a cell therapy, never the treatment whose outcome is
  reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cartmine.contract import CELL_MODALITIES
from cartmine.linking.config import LinkingConfig
from cartmine.linking.layout import DocumentLayout
from cartmine.result import Mention

#: characters before a therapy mention in which a background cue counts
BACKGROUND_WINDOW = 60
CLAUSE_END = (";", ". ", ": ")


def is_cell(mention: Mention) -> bool:
    return mention.attrs.get("modality") in CELL_MODALITIES


def therapy_role(mention: Mention, layout: DocumentLayout, config: LinkingConfig) -> str:
    """``arm``, ``background`` or ``lymphodepletion`` (see the module docstring)."""
    start, end = layout.sentences[layout.sentence_of(mention.start)]
    sentence = layout.text[start:end]
    if config.lymphodepletion.search(sentence) and not is_cell(mention):
        return "lymphodepletion"
    before = layout.text[max(start, mention.start - BACKGROUND_WINDOW):mention.start]
    cut = max(before.rfind(c) for c in CLAUSE_END)
    if cut >= 0:
        before = before[cut + 1:]
    after = layout.text[mention.end:min(end, mention.end + 30)]
    import os
    if os.environ.get("LK_NOBG"):
        return "arm"
    if config.background.search(before) or config.background_suffix.match(after):
        return "background"
    return "arm"


@dataclass
class DocumentIndex:
    """The mentions of one document sorted by label and placed in their sentences."""

    layout: DocumentLayout
    config: LinkingConfig
    mentions: list[Mention]
    by_label: dict[str, list[Mention]] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            self.by_label.setdefault(m.label, []).append(m)
        for t in self.label("THERAPY"):
            self.roles[id(t)] = therapy_role(t, self.layout, self.config)

    def label(self, label: str) -> list[Mention]:
        return self.by_label.get(label, [])

    def sentence(self, mention: Mention) -> int:
        return self.layout.sentence_of(mention.start)

    def in_sentence(self, label: str, index: int) -> list[Mention]:
        return [m for m in self.label(label) if self.sentence(m) == index]

    def role(self, therapy: Mention) -> str:
        return self.roles.get(id(therapy), "arm")

    @property
    def arms(self) -> list[Mention]:
        return [t for t in self.label("THERAPY") if self.role(t) == "arm"]

    @property
    def diseases(self) -> list[Mention]:
        """Disease mentions a record may name: not adverse events of treatment."""
        return [d for d in self.label("DISEASE") if d.norm not in self.config.adverse_event_diseases]


def main_therapy(index: DocumentIndex) -> str | None:
    """The therapy the document is about: the most mentioned one, title mentions and cell
    therapies counting extra (lymphodepletion and background therapies do not count)."""
    pool = [t for t in index.label("THERAPY") if index.role(t) != "lymphodepletion"]
    pool = [t for t in pool if index.role(t) == "arm"] or pool
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    for t in pool:
        if t.norm is None:
            continue
        score[t.norm] += (1.5 if index.layout.in_title(t.start) else 1.0) + (0.5 if is_cell(t) else 0.0)
        first.setdefault(t.norm, t.start)
    return max(score, key=lambda n: (score[n], -first[n])) if score else None


def studied_therapies(index: DocumentIndex) -> list[str]:
    """The therapies whose results the document reports when a sentence names none.

    A trial names its arms in the title or in the sentence that assigns patients to them
    ("randomly assigned to docetaxel plus cisplatin or cisplatin"); every arm therapy named
    there is studied, each drug of a regimen included. Without either, the main therapy.
    """
    import os
    if os.environ.get("LK_MAIN_ONLY"):
        m = main_therapy(index)
        return [m] if m else []
    arms = [t for t in index.arms if t.norm]
    title = [t.norm for t in arms if index.layout.in_title(t.start)]
    if title:
        cells = [t.norm for t in arms if index.layout.in_title(t.start) and is_cell(t)]
        return list(dict.fromkeys(cells or title))
    design = [t.norm for t in arms
              if index.config.design.search(index.layout.sentence_text(index.sentence(t)))]
    if design:
        return list(dict.fromkeys(design))
    main = main_therapy(index)
    return [main] if main else []


def disease_group(disease: Mention) -> str | None:
    """Coarse disease group (autoimmune, hematologic cancer...) read from the ontology hierarchy."""
    return disease.attrs.get("group")


def target_disease(index: DocumentIndex) -> Mention | None:
    """The disease the document is about: the title's disease; when the title names several
    diseases of one group (e.g. three autoimmune diseases) the class the text uses for them."""
    diseases = index.diseases
    if not diseases:
        return None
    title = [d for d in diseases if index.layout.in_title(d.start)]
    specific_title = list({d.id: d for d in title if not d.attrs.get("class")}.values())
    classes = [d for d in diseases if d.attrs.get("class")]
    if len(specific_title) == 1:
        return specific_title[0]
    if len(specific_title) > 1:
        groups = {disease_group(d) for d in specific_title}
        same_group = [c for c in classes if len(groups) == 1 and disease_group(c) in groups]
        return same_group[0] if same_group else specific_title[0]
    if title:
        return title[0]
    pool = [d for d in diseases if not d.attrs.get("class")] or diseases
    top = Counter(d.id for d in pool).most_common(1)[0][0]
    return next(d for d in pool if d.id == top)
