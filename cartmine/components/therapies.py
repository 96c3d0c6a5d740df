"""THERAPY mentions: named products and drugs, unnamed cell-therapy constructs.

Three sources, longest match wins where they overlap:

1. the therapy knowledge base (``resources/therapies.tsv``: INN, brand and code
   names of cell-therapy products, and drug names the drug vocabulary lacks),
   matched case-insensitively; it wins ties with the other sources;
2. a construct parser for unnamed cell therapies ("anti-CD19 CAR T cells",
   "BCMA-directed chimeric antigen receptor T cells", "CAR-NK", "CAAR-T"),
   normalised to ``<TARGET> <MODALITY>`` (rules in ``resources/car_constructs.yaml``);
3. drugs across medicine (``components/drug_candidates.py``): the drug vocabulary
   (INN norm, DrugBank id), named regimens, vaccines, INN stems and BC5CDR Chemical
   entities, the ambiguous ones only where the text gives them as a treatment.

A regimen ("R-CHOP") or fixed-dose combination gives one mention per drug on its span,
so that the record linker gives each drug its records.

A last pass resolves generic mentions against the document: "the CAR T cells"
in an article about one named product are that product.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from cartmine.components.drug_candidates import CELL_THERAPY_INN, CODE_NAME, NOT_CODES, Candidate, DrugFinder
from cartmine.contract import CELL_MODALITIES, therapy_key
from cartmine.extensions import add_mention, doc_text, in_boilerplate
from cartmine.kb.therapy_kb import TherapyEntry
from cartmine.rules import LeadSearch, alternation, char_span, load_yaml, lowered, select_longest

if TYPE_CHECKING:
    from cartmine.kb.therapy_kb import TherapyEntry

#: A plural construct ("CD19 CAR T-cell therapies", "these products") names a class, not one product.
#: "<construct> YTB323", "<construct>, KYV-101", "<construct> (rese-cel)"
APPOSITION_AFTER = re.compile(r"[\s,(]*")
#: "Breyanzi, the company's approved <construct>", "tisagenlecleucel, an <construct>"
APPOSITION_BEFORE = re.compile(r"\s*(?:\)\s*)?,\s+(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,4}")
#: "XYZ-123, an autologous CD19 CAR-T" / "XYZ-123 (a CD19 CAR-T)"
CODE_BEFORE = re.compile(r"\s*(?:,|\(|—|-)\s*(?:(?:an?|the|its|their)\s+)?(?:[\w'’-]+\s+){0,5}")
#: the short form a document defines right after a product's INN: "rendocabtagene autoleucel (rendo-cel)"
INN_SHORT_FORM = re.compile(r"\s*\(\s*([a-z]{2,}-cel)\s*\)", re.IGNORECASE)
#: between a CAR-T INN and a construct after its short form: "X autoleucel (x-cel), an anti-BCMA CAR-T"
INN_SHORT_FORM_THEN_CODE = re.compile(INN_SHORT_FORM.pattern + CODE_BEFORE.pattern)
#: how far into the body a product may first appear and still be what the headline is about
LEAD_CHARS = 400
#: right before a title-case therapy name: "of" or a unit word, then title-case words of the same name
AFFILIATION_BEFORE = re.compile(
    r"(?:\b(?:M\.?D\.?|Ph\.?D\.?|MPH|RN|MSc|FRCP)\s*,?\s+of"
    r"|\b(?:Department|Division|Section|Service|Program|Programme|Unit|Center|Centre|Institute|School)\s+(?:of|for|in))\s+"
    r"(?:[A-Z][\w-]*,?\s+(?:(?:and|&)\s+)?)*$")
PLURAL = re.compile(r"(?:therapies|products|treatments|constructs|CAR-?Ts)$", re.IGNORECASE)


@Language.factory("cartmine_therapies", default_config={"use_chemical_ner": True, "kb_path": None,
                                                       "resolve_generic": True,
                                                       "constructs_file": "car_constructs.yaml"})
def make_therapies(nlp: Language, name: str, use_chemical_ner: bool, kb_path: str | None,
                   resolve_generic: bool, constructs_file: str) -> TherapyRecognizer:
    return TherapyRecognizer(nlp, use_chemical_ner, kb_path, resolve_generic, constructs_file)



class TherapyRecognizer:
    """Find therapies and normalise them per the record contract."""

    def __init__(self, nlp: Language, use_chemical_ner: bool = False, kb_path: str | None = None,
                 resolve_generic: bool = True, constructs_file: str = "car_constructs.yaml") -> None:
        from cartmine.kb.therapy_kb import TherapyKB  # imported here: loading the KB is not free

        self.kb = TherapyKB.load(kb_path) if kb_path else TherapyKB.load()
        self.use_chemical_ner = use_chemical_ner
        self.resolve_generic = resolve_generic
        self.drug_classes = {c.lower() for c in self.kb.drug_classes()}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.surface: dict[str, TherapyEntry] = {}
        for surface, entry in self.kb.all_surface_forms():
            key = surface.lower()
            if key in self.surface or len(key) < 3:
                continue
            self.surface[key] = entry
            self.matcher.add(key, [nlp.make_doc(surface)])
        self.drugs = DrugFinder(self.drug_classes, set(self.surface))
        self._compile_constructs(constructs_file)

    def _compile_constructs(self, rules_file: str) -> None:
        rules = load_yaml(rules_file)
        self.antigens = {name: re.compile(rf"^(?:{alternation(p)})$", re.IGNORECASE) for name, p in rules["antigens"].items()}
        antigen = alternation([p for ps in rules["antigens"].values() for p in ps])
        target = rf"(?:anti[- ]?)?(?P<t1>{antigen})(?:\s*(?:/|and|-|\+)\s*(?:anti[- ]?)?(?P<t2>{antigen}))?"
        self.constructs: list[tuple[str, re.Pattern[str]]] = []
        for mod in rules["modalities"]:
            core = alternation(mod["patterns"])
            pattern = (
                rf"(?<![\w-])(?:{target}{rules['target_links']}[\s-]+)?(?:{core}){rules['tail']}"
                rf"(?:{rules['post_target_links']}(?P<t3>{antigen}))?(?![\w])"
            )
            self.constructs.append((mod["mod"], LeadSearch(re.compile(pattern, re.IGNORECASE))))
        self.anaphoric = LeadSearch(re.compile(rules["anaphoric"].replace("{antigen}", antigen), re.IGNORECASE))
        self.antigen_any = LeadSearch(re.compile(rf"(?<![\w-])(?:{antigen})(?![\w])", re.IGNORECASE))
        # "BCMA- and CD19-directed CAR-T cell therapies": a target named before a coordinated one
        self.coordinated = re.compile(rf"(?<![\w-])(?P<t>{antigen})-\s+(?:and|or)\s+", re.IGNORECASE)

    def canonical_antigen(self, text: str) -> str | None:
        for name, pattern in self.antigens.items():
            if pattern.match(text.strip()):
                return name
        return None

    # -- candidates -------------------------------------------------------------
    def _kb_candidates(self, doc: Doc) -> list[Candidate]:
        out = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            entry = self.surface.get(doc.vocab.strings[match_id])
            if entry is None:
                continue
            attrs = {"modality": entry.modality}
            if entry.target:
                attrs["target"] = entry.target
            if entry.autologous is not None:
                attrs["autologous"] = entry.autologous
            drug = self.drugs.vocabulary.lookup(entry.norm) if self.drugs.vocabulary else None
            out.append(Candidate(span.start_char, span.end_char, entry.norm, attrs, entry,
                                 kb_id=drug.drugbank_id if drug else None))
        return out

    def _construct_candidates(self, doc: Doc) -> list[Candidate]:
        text = doc_text(doc)
        low = lowered(text)
        out = []
        for modality, pattern in self.constructs:
            for m in pattern.finditer(text, low):
                targets = [self.canonical_antigen(m.group(g)) for g in ("t1", "t2", "t3") if m.group(g)]
                coord = self._coordinated_target(text, m.start())
                targets = [t for t in targets if t]
                norm_target = "/".join(dict.fromkeys(targets)) if targets else None
                attrs: dict = {"modality": modality}
                if norm_target:
                    attrs["target"] = norm_target
                norm = f"{norm_target} {modality}" if norm_target else modality
                out.append(Candidate(m.start(), m.end(), norm, attrs, generic=not targets))
                if coord and targets:
                    out.append(Candidate(coord[0], coord[1], f"{coord[2]} {modality}",
                                         {"modality": modality, "target": coord[2]}))
        for m in self.anaphoric.finditer(text, low):
            target = self.canonical_antigen(m.group("t1"))
            if target:
                out.append(Candidate(m.start(), m.end(), f"{target} CAR-T", {"modality": "CAR-T", "target": target}))
        for c in out:
            c.plural = bool(PLURAL.search(text[c.start:c.end]))
        return out

    def _coordinated_target(self, text: str, start: int) -> tuple[int, int, str] | None:
        window = text[max(0, start - 30):start]
        matches = list(self.coordinated.finditer(window))
        m = matches[-1] if matches else None
        if m is None or m.end() != len(window):
            return None
        target = self.canonical_antigen(m.group("t"))
        offset = start - len(window)
        return (offset + m.start("t"), offset + m.end("t"), target) if target else None

    # -- main --------------------------------------------------------------------
    def _code_candidates(self, doc: Doc, known: list[Candidate], constructs: list[Candidate]) -> list[Candidate]:
        """Investigational code names the knowledge base does not know ("XYZ-123, an anti-CD19 CAR-T").

        A code-like token counts as a product only when the text puts it in apposition with
        an unnamed construct; then every mention of that code in the document is a THERAPY
        normalised to the upper-case code with the construct's modality and target.
        """
        text = doc_text(doc)
        taken = [(c.start, c.end) for c in known]
        entries: dict[str, TherapyEntry] = {}
        for m in CODE_NAME.finditer(text):
            code = m.group(0)
            if NOT_CODES.match(code) or any(s <= m.start() < e for s, e in taken):
                continue
            for c in constructs:
                if (APPOSITION_AFTER.fullmatch(text[c.end:m.start()])
                        or CODE_BEFORE.fullmatch(text[m.end():c.start])):
                    entries.setdefault(code.upper(), TherapyEntry(
                        norm=code.upper(), modality=c.attrs["modality"], target=c.attrs.get("target"),
                        autologous=None, sponsors=(), aliases=(), kind="product"))
        # a CAR-T INN that no dictionary lists ("<x>cabtagene autoleucel") is a product by its form alone,
        # with the target of a construct in apposition; its bracketed short form ("(rendo-cel)") is the same product
        inns: dict[str, str | None] = {}
        shorts: dict[str, str] = {}
        for m in CELL_THERAPY_INN.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            name = f"{m.group('first').lower()} {m.group('second')}"
            target = next((c.attrs.get("target") for c in constructs
                           if APPOSITION_AFTER.fullmatch(text[m.end():c.start])
                           or INN_SHORT_FORM_THEN_CODE.fullmatch(text[m.end():c.start])), None)
            inns[name] = inns.get(name) or target
            short = INN_SHORT_FORM.match(text, m.end())
            if short:
                shorts[short.group(1).lower()] = name
        for name, target in inns.items():
            entries.setdefault(name, TherapyEntry(norm=name, modality="CAR-T", target=target, autologous=None,
                                                  sponsors=(), aliases=(), kind="product"))
        for short, name in shorts.items():
            entries.setdefault(short, entries[name])
        out = []
        for code, entry in entries.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text, re.IGNORECASE):
                attrs = {"modality": entry.modality, **({"target": entry.target} if entry.target else {})}
                out.append(Candidate(m.start(), m.end(), entry.norm, attrs, entry))
        return out

    def __call__(self, doc: Doc) -> Doc:
        known = self._kb_candidates(doc)
        constructs = self._construct_candidates(doc)
        candidates = self.drugs.candidates(doc, self.use_chemical_ner, known) + constructs
        codes = self._code_candidates(doc, known, [c for c in constructs if c.entry is None])
        # a code in apposition with a construct is that cell therapy, not a plain drug code
        named = {(c.start, c.end) for c in codes}
        candidates = [c for c in candidates if c.source != "code" or (c.start, c.end) not in named] + codes
        chosen = select_longest((c.start, c.end, c) for c in candidates)
        text = doc_text(doc)
        kept = [c for _, _, c in chosen if not in_boilerplate(doc, c.start, c.end)
                and c.norm.lower() not in self.drug_classes and not self._names_a_unit(doc, text, c)]
        if self.resolve_generic:
            kept = self._resolve(doc, kept)
        # one spelling per therapy in a document ("HER2 dendritic cell vaccine" and "HER2-dendritic cell
        # vaccine" are one name under the contract's key)
        spelling: dict[str, str] = {}
        for c in kept:  # a spelling with capitals (a brand, a code, an antigen) wins over a lower-cased one
            key = therapy_key(c.norm)
            if key not in spelling or (spelling[key].islower() and not c.norm.islower()):
                spelling[key] = c.norm
        for c in kept:
            c.norm = spelling[therapy_key(c.norm)]
        for c in kept:
            span = char_span(doc, c.start, c.end)
            if span is None:
                continue
            attrs = dict(c.attrs)
            autologous = self._stated_autologous(doc, c)
            if autologous is not None:
                attrs["autologous"] = autologous
            if c.entry is not None:
                attrs["kind"] = c.entry.kind
            attrs.setdefault("kind", "construct" if attrs.get("modality") in CELL_MODALITIES else "drug")
            if not c.parts:
                add_mention(doc, span, "THERAPY", c.norm, kb_id=c.kb_id, attrs=attrs)
            # a regimen or fixed-dose combination: one mention per drug, so each gets its records
            for part in c.parts:
                add_mention(doc, span, "THERAPY", part.norm, kb_id=part.kb_id,
                            attrs={**part.attrs, "regimen": c.norm}, span_id=part.norm)
        return doc

    @staticmethod
    def _names_a_unit(doc: Doc, text: str, c: Candidate) -> bool:
        """A therapy word inside the title-case name of a department, programme or service in the body
        ("Jane Roe, M.D., of Genomic Medicine and Stem Cell Transplantation"): an affiliation, not a
        treatment given. Headlines are title case throughout and are not affected."""
        if c.start < (doc._.body_offset or 0):
            return False
        name = text[c.start:c.end].split()
        if len(name) < 2 or not all(w[:1].isupper() for w in name):
            return False
        return AFFILIATION_BEFORE.search(text, max(0, c.start - 80), c.start) is not None

    def _resolve(self, doc: Doc, kept: list[Candidate]) -> list[Candidate]:
        """Resolve unnamed constructs against the document's named products.

        * A construct right next to a product name ("its CD19 CAR-T YTB323",
          "Breyanzi, the company's approved CD19 CAR-T") is that product.
        * A singular construct after the document's only compatible product is that product, and
          so is a headline's construct when the lead paragraph names that product.
        * An untargeted construct takes the document's only CAR target ("CD19 CAR-T").
        * An untargeted construct that is still generic, in a document naming more
          specific cell therapies, is an anaphor of one of them and is dropped.
        """
        products = [c for c in kept if c.entry and c.entry.modality in CELL_MODALITIES]
        body_start = doc._.body_offset or 0
        distinct = {c.entry.norm: c.entry for c in products}
        # the product each unnamed construct stands right next to (by its index in ``kept``), found once for
        # the targets below and the naming in the loop
        text = doc_text(doc)
        beside: dict[int, TherapyEntry] = {}
        for i, c in enumerate(kept):
            if c.entry is None and c.attrs.get("modality") in CELL_MODALITIES:
                entry = self._adjacent_product(text, c, products)
                if entry is not None:
                    beside[i] = entry
        # a targeted construct set in apposition to a named product ("its in vivo BCMA CAR-T, TSW-88") describes
        # that product: its target is no guide to what the document's bare "CAR-T" mentions are
        described = {(kept[i].start, kept[i].end) for i in beside}
        targeted = {(c.attrs["modality"], c.attrs["target"]) for c in kept
                    if c.entry is None and c.attrs.get("target") and c.attrs.get("modality") in CELL_MODALITIES
                    and (c.start, c.end) not in described}
        for i, c in enumerate(kept):
            if c.entry is not None or c.attrs.get("modality") not in CELL_MODALITIES:
                continue
            adjacent = beside.get(i)
            if adjacent is not None:
                self._name(c, adjacent)
                continue
            if c.plural:
                continue
            target = c.attrs.get("target")
            compatible = [p for p in distinct.values() if p.modality == c.attrs["modality"]
                          and (target is None or p.target is None or p.target == target)]
            if len(compatible) == 1 and (len(distinct) == 1 or target is not None):
                entry = compatible[0]
                first = min(p.start for p in products if p.entry.norm == entry.norm)
                # a headline's "CAR-T" is the product the lead paragraph names
                in_title_led = c.start < body_start and first < body_start + LEAD_CHARS
                if first < c.start or in_title_led:
                    self._name(c, entry)
                    continue
            self._guess_target(doc, c, targeted)
        specific = any(c.attrs.get("modality") in CELL_MODALITIES and (c.entry or c.attrs.get("target"))
                       for c in kept)
        return [c for c in kept if not (specific and c.entry is None and c.attrs.get("modality") in CELL_MODALITIES
                                        and not c.attrs.get("target"))]

    @staticmethod
    def _adjacent_product(text: str, c: Candidate, products: list[Candidate]) -> TherapyEntry | None:
        for p in products:
            if p.start >= c.end and APPOSITION_AFTER.fullmatch(text[c.end:p.start]):
                return p.entry
            if p.end <= c.start and APPOSITION_BEFORE.fullmatch(text[p.end:c.start]):
                return p.entry
        return None

    @staticmethod
    def _name(c: Candidate, entry: TherapyEntry) -> None:
        c.norm = entry.norm
        c.entry = entry
        if entry.target:
            c.attrs["target"] = entry.target

    def _guess_target(self, doc: Doc, c: Candidate, targeted: set[tuple[str, str]]) -> None:
        """An untargeted construct takes the document's only target for its modality, if there is one; not
        the target of a construct that describes another named product ("its BCMA CAR-T, ZTB-88" says what
        ZTB-88 is, not what the document's bare "CAR-T" is: :meth:`_resolve` leaves it out of ``targeted``)."""
        if c.attrs.get("target"):
            return
        same = {t for m, t in targeted if m == c.attrs["modality"]}
        others = {t for m, t in targeted if m != c.attrs["modality"]}
        guess = next(iter(same)) if len(same) == 1 else None
        if guess is None and not same and not others:
            guess = self._only_antigen(doc)
        if guess:
            c.norm = f"{guess} {c.attrs['modality']}"
            c.attrs["target"] = guess

    def _only_antigen(self, doc: Doc) -> str | None:
        text = doc_text(doc)
        found = {self.canonical_antigen(m.group(0)) for m in self.antigen_any.finditer(text, lowered(text))
                 if not in_boilerplate(doc, m.start(), m.end())}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _stated_autologous(doc: Doc, c: Candidate) -> bool | None:
        window = doc_text(doc)[max(0, c.start - 60):c.end].lower()
        if "allogeneic" in window or "off-the-shelf" in window:
            return False
        if "autologous" in window:
            return True
        return None
