"""Drug candidates for the therapy component, across all of medicine.

Sources, all turned into :class:`Candidate` objects that ``components/therapies.py`` selects from:

* the drug vocabulary (``kb/drug_vocabulary.py``: about 20,000 drugs from the
  ``drug-named-entity-recognition`` package), normalised to the INN with its DrugBank id;
* named regimens (``resources/regimens.tsv``: R-CHOP, FOLFOX...), one part per component drug;
* drugs no dictionary has: INN stems (-mab, -nib, -cel...) and BC5CDR Chemical entities;
* products without an INN that no dictionary lists (spec: they keep their common or code name): a micro-organism or
  plant named by its Latin binomial or strain and given as a product ("C. parvum injections", "Lactobacillus strain
  GG", "D. pteronyssinus vaccine"), and a short form the document defines for a product ("juice powder concentrate
  (JPC)"). The NER tags neither as a chemical, so without these the therapy has no candidate at all.

Why context: many dictionary names are also endogenous molecules that abstracts *measure*
("insulin resistance", "serum cortisol"), and the NER tags any chemical. Those candidates count
only where the text gives them as a treatment ("treated with", "versus", "mg/kg", "arm"; the cue
lists are in ``resources/drug_vocabulary.yaml``), and once one mention of a name is a treatment,
its other mentions in the document are too. A mention followed or preceded by a measurement cue
("levels", "serum") is never a therapy, nor is one that modifies another noun ("angiotensin-converting
enzyme", "guideline-based care").

NER chemicals that name no product are left out: plurals ("heparins", "hormonal contraceptives": a
group of substances), pieces of a longer hyphenated name ("gallate" of "epigallocatechin-3-gallate"),
and salt or ester forms whose INN the vocabulary gives ("medroxyprogesterone acetate", so that its short
form "MPA" is medroxyprogesterone too). A dictionary name used as a short form that the document defines
for something else ("Clinician-Administered PTSD Scale (CAPS)") is not that chemical.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from cartmine.extensions import abbreviation_occurrences, doc_text
from cartmine.kb.base import data_lines
from cartmine.kb.drug_vocabulary import Drug, DrugMatch, DrugVocabulary, surface_key
from cartmine.kb.english_words import english_words
from cartmine.paths import RESOURCES_DIR
from cartmine.rules import alternation

if TYPE_CHECKING:
    from cartmine.kb.therapy_kb import TherapyEntry

REGIMENS_PATH = RESOURCES_DIR / "regimens.tsv"
WINDOW = 40
INN_STEM = re.compile(
    r"(?<![\w-])[a-z]{2,}(?:mab|cel|cept|tinib|ciclib|rafenib|lisib|parib|zomib|lidomide|"
    r"leucel|limus|prazole|tecan|platin|rubicin|mustine|citinib|azepam|olol|pril|sartan|vastatin|oxacin|"
    r"mycin|cillin|cycline|conazole|lukast|dronate|parin|semide|thiazide|gliptin|glutide|flozin|imod|kinra|"
    r"ercept|ximab|zumab|umab|trexate|phosphamide|arabine|taxel|sone|solone|olimus|vir|navir|tegravir|"
    r"caine|oxetine|triptan|setron|dipine|afil|tidine|peridone|apine|azoline|bital|profen|coxib)(?![\w-])"
)
#: A CAR-T INN of two words ("<x>cabtagene <y>leucel"): its second word is no drug of its own
#: ("rendocabtagene autoleucel" is not "autoleucel"); the therapies component names the pair
CELL_THERAPY_INN = re.compile(r"(?<![\w-])(?P<first>[A-Za-z][a-z]{2,}cabtagene)\s+(?P<second>[a-z]{2,}leucel)(?![\w-])")
#: Ordinary words that happen to end like an INN stem
STEM_LOOKALIKES = {"accept", "concept", "except", "intercept", "percept", "precept", "cancel", "parcel", "excel",
                   "marcel", "personal", "reason", "season", "person", "poison", "comparison", "virus",
                   "environ", "available"}
#: NER chemicals that are analytes or media, never given as a drug in these texts
NOT_DRUGS = {
    "protein", "creatinine", "glucose", "cholesterol", "dna", "dsdna", "anti-dsdna", "complement", "c-reactive protein",
    "oxygen", "water", "urea", "albumin", "hemoglobin", "haemoglobin", "bilirubin", "ferritin", "interleukin-6",
    "il-6", "cytokine", "cytokines", "antibodies", "antibody", "autoantibodies", "immunoglobulin", "igg", "nitrogen",
    "troponin", "placebo", "saline", "vehicle", "triglycerides", "triglyceride", "lipids", "lipid", "hormone",
    "hormones", "drug", "drugs", "agent", "agents",
}
#: NER chemicals whose last word makes them a measure, an analysis or a unit, not a substance given
#: ("circulating tumor DNA", "appetite suppression", "300-milligram")
NOT_DRUG_HEADS = frozenset({
    "dna", "rna", "suppression", "stimulation", "inhibition", "analysis", "test", "testing", "assay", "levels", "level",
    "milligram", "milligrams", "microgram", "micrograms", "gram", "grams", "kilogram", "kilograms", "milliliter",
    "milliliters", "millilitre", "millilitres", "liter", "liters", "litre", "litres", "mmol", "units", "unit"})
FLU = re.compile(r"\bflu\b")
#: words before "vaccine" that describe its use, not its name: skipped while the name is read
#: ("HER2-targeted therapeutic cancer vaccine" = "HER2-targeted cancer vaccine")
VACCINE_SKIP_WORDS = frozenset({"therapeutic", "prophylactic", "preventive", "preventative", "personalized",
                                "personalised", "experimental", "investigational", "novel", "new", "candidate"})
#: a hyphenated word naming a vaccine's target ("HER2-targeted", "WT1-pulsed")
VACCINE_TARGET_WORD = re.compile(r"-(?:targeted|directed|specific|pulsed|loaded)$")
#: vaccine-name words that say what kind of vaccine it is, not against what: a name made only of
#: them ("quadrivalent inactivated vaccine") takes the disease the document's other vaccine names give
VACCINE_TYPE_WORDS = frozenset({
    "live", "attenuated", "inactivated", "killed", "recombinant", "conjugate", "conjugated", "polysaccharide",
    "subunit", "split", "mrna", "dna", "peptide", "protein", "oral", "intranasal", "adjuvanted", "acellular",
    "whole-cell", "seasonal", "pandemic", "trivalent", "quadrivalent", "tetravalent", "bivalent", "booster",
    "high-dose", "standard-dose"})
#: words that start a noun phrase, never part of a vaccine's name
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"})
VACCINE = re.compile(r"(?<![\w-])vaccines?(?![\w-])", re.IGNORECASE)
#: the last word of a vaccine name that says only "against cancer": "a cancer vaccine", "breast cancer
#: vaccines" name a kind of treatment (spec: classes are not therapies); "p53 cancer vaccine" and
#: "HER2-targeted cancer vaccine" name one by its target
CANCER_WORDS = frozenset({"cancer", "cancers", "tumor", "tumors", "tumour", "tumours", "carcinoma", "neoplasm"})
#: Investigational code names: letters then digits, optionally hyphenated ("XYZ-123", "AB1234C")
CODE_NAME = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,5}-?\d{2,6}(?:,\d{3}(?!\d))?[A-Z]?(?![\w-])")
#: "tofacitinib ( CP-690,550 )": a code in brackets right after a named drug is that drug's code name
CODE_IN_BRACKETS = re.compile(r"\s*\(\s*$")
BRACKET_CLOSES = re.compile(r"\s*[);,]")
#: a code's letters and number ("FS50")
CODE_PARTS = re.compile(r"^([A-Za-z]+)-?(\d+)$")


def _inside_word(text: str, start: int, end: int) -> bool:
    """The span starts or ends inside a hyphenated word ("epigallocatechin-3-[gallate]")."""
    return bool((start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum())
                or (end + 1 < len(text) and text[end] == "-" and text[end + 1].isdigit()))


def _short_forms_of_other_things(doc: Doc, matches: list[DrugMatch]) -> set[tuple[int, int]]:
    """Token spans of short forms that the document defines for something with no drug name in it
    ("Clinician-Administered PTSD Scale (CAPS)", "Cryopyrin-Associated Periodic Syndromes (CAPS)"): there
    they are not the chemical the dictionary files under the same letters. A long form that the NER tags
    as a chemical ("epigallocatechin-3-gallate (EGCG)") is one, whatever the dictionary knows."""
    out = set()
    chemicals = [(e.start, e.end) for e in doc.ents if e.label_ == "Chemical"]
    for short, (s_start, s_end, l_start, l_end) in abbreviation_occurrences(doc):
        if sum(ch.isupper() for ch in short) < 2:
            continue
        if not any(l_start <= m.start and m.end <= l_end for m in matches) \
                and not any(s < l_end and l_start < e for s, e in chemicals):
            out.add((s_start, s_end))
    return out


def _arm_label(text: str, code: str) -> bool:
    """"50 g of FS (FS50) or 25 g of FS (FS25)": a study arm named by a short form the text uses on its
    own and the dose given with it, not a drug's code name."""
    parts = CODE_PARTS.match(code)
    if parts is None:
        return False
    letters, number = parts.groups()
    return bool(re.search(rf"(?<![\w-]){re.escape(letters)}(?![\w-])", text)
                and re.search(rf"(?<![\w.,]){number}\s*(?:mg|g|µg|mcg|ml|iu|kcal|%)(?![\w])", text, re.IGNORECASE))


#: Code-like strings that are not products: antigens, trial registry ids, cytokines, scores, years
NOT_CODES = re.compile(r"^(?:CD\d|NCT|IL-?\d|COVID|SARS|HLA|FcR|BCMA|GPRC|DOID|MESH|ISRCTN|EudraCT|SLEDAI|HbA|Q[1-4]-|"
                       r"GAD|AQP|MOG|PR3|MPO|AChR|MuSK|Ig[GMAE]|DSG|HER|"
                       # clinical scores and response criteria written like codes (ACR20, DAS28, PASI75,
                       # EQ-5D, SF-36, FEV1) and enzymes (P450, CYP3A4)
                       r"ACR\d|DAS\d|PASI|EDSS|EQ-?5|SF-?\d|FEV|FVC|HAQ|BDI|HAM-?[AD]|MADRS|PANSS|CDAI|SDAI|BILAG|"
                       r"NYHA|ECOG|KPS|VAS\d|NRS\d|P450|CYP|"
                       # a date written without a space ("Accessed May23, 2016")
                       r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\d{1,2}$)",
                       re.IGNORECASE)
#: "a multinational trial (V325)", "the LY02 study": a code that names a trial, not a product
TRIAL_BEFORE = re.compile(r"(?:trial|study)\s*\(?\s*$", re.IGNORECASE)
TRIAL_AFTER = re.compile(r"\s*\)?\s*(?:trial|study|investigators)\b", re.IGNORECASE)
#: what a product noun is made of: "a new formulation of oxybutynin", "an implant containing etonogestrel"
#: (a formulation is that drug; a "prodrug of" or "analogue of" a drug is another molecule)
#: (a formulation of two drugs, "of cytarabine:daunorubicin", "of A and B", names both: no one INN)
PRODUCT_OF = re.compile(r"(?<=formulation|preparation)\s+(?:of|containing|with)\s+(?:[\w-]+\s+){0,2}[\w-]+"
                        r"(?:\s*(?:[:/+,]|\band\b|\bplus\b)\s*[\w-]+)*")
#: "(CP)": a short form of capitals in brackets, defined for the drugs right before it
ACRONYM_DEFINED = re.compile(r"\(\s*([A-Z]{2,5})\s*\)")
#: after a drug of a listed regimen, its dose ("50 mg/m2", "0.5 g/kg/day") and spaces
DOSE_GAP = re.compile(r"(?:\s*\d[\d.,]*\s*(?:mg|g|µg|mcg|iu|IU|units?)(?:\s*/\s*(?:m2|m²|kg|day|d|week))*)?\s*")
#: between two drugs of a listed regimen: a dose, then "and", "plus", a comma, "+" or "/"
DRUG_JOIN = re.compile(DOSE_GAP.pattern + r"(?:,\s*(?:and\s+)?|and\s+|plus\s+|\+\s*|/\s*)")
#: "( cyclophosphamide , doxorubicin , vincristine , prednisolone )" right after a regimen acronym
REGIMEN_LIST = re.compile(r"\s*\(\s*([^()]{5,200}?)\s*\)")
#: Words that end a name and start a new phrase ("clomiphene after CYP17 inhibitor", "betamethasone on
#: neuromuscular blockade"): no drug-class noun phrase runs across them
FUNCTION_WORDS = "an?|the|and|or|after|before|with|without|of|to|for|in|on|by|than|versus|vs|plus|as|at|from|during"
#: Dose and delivery words around a drug name in an NER chemical span ("low-dose aspirin", "tobramycin aerosols")
DOSE_QUALIFIER = re.compile(r"^(?:(?:low|high|standard|full|single|fixed|very\s+low|ultra[- ]low)[- ]dose|"
                            r"intravenous|oral|inhaled|nebuli[sz]ed|topical|intranasal)\s+", re.IGNORECASE)
FORM_SUFFIX = re.compile(r"\s+(?:aerosols?|nebuli[sz]ers?|sprays?|drops|infusions?|injections?|tablets?|capsules?|"
                         r"gels?|creams?|ointments?|patch(?:es)?|solutions?|suspensions?|therapy|treatment)$",
                         re.IGNORECASE)
#: "anticytokine(s)", "antioxidants", "antiplatelet": an action word that no dictionary lists names
#: a class of agents (the vocabulary's own "anti..." drugs, such as antithrombin, come from the vocabulary)
ACTION_WORD = re.compile(r"anti-?[a-z]{4,}$")
#: candidates named by no dictionary: only their form and the NER say they are substances
UNKNOWN_SOURCES = frozenset({"ner", "stem", "code", "organism", "product-abbreviation"})
#: an NER chemical whose last word is a plural ("heparins", "hormonal contraceptives", "flavanols") and that
#: no dictionary lists as a product names a group of substances (spec: drug classes are not therapies)
PLURAL_WORD = re.compile(r"[a-z]{3,}(?<![sui])s$")
NER_DRUG_LIKE = re.compile(r"[a-z][a-z0-9-]{4,}(?: [a-z][a-z0-9-]{2,}){0,2}")
#: between two members of one list of substances ("vitamin E, selenium and vitamin C", "naproxen or
#: celecoxib", "platelet-rich plasma (PRP), hyaluronic acid (HA)"): a comma, "and", "or". Not a semicolon,
#: which as often ends a clause ("the body makes cholesterol; ezetimibe blocks ...")
LIST_JOIN = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:,\s*(?:(?:and|or|and/or)\s+)?|(?:and|or|and/or)\s+)",
                       re.IGNORECASE)
#: a dose unit glued to the drug name after it by a lost space ("20 mgomeprazole")
GLUED_UNIT = re.compile(r"^(?:mg|mcg|µg|ug|ml)(?=[a-z]{5,})")
#: sources whose names a dictionary lists: only these take a treatment from the list they stand in
DICTIONARY_SOURCES = frozenset({"vocabulary", "kb-drug"})
#: a micro-organism or plant by its Latin name: a genus (capitalised, with a Latin ending, or one capital and a
#: full stop), an optional epithet with a Latin ending and subspecies, an optional strain code ("Lactobacillus
#: strain GG", "Bifidobacterium lactis Bb-12", "L. salivarius subsp. salicinius", "D. pteronyssinus")
ORGANISM = re.compile(
    r"(?<![\w-])(?P<genus>[A-Z][a-z]{2,}(?:us|um|a|es|is|x)|[A-Z]\.)"
    r"(?:\s+(?P<epithet>[A-Za-z][a-z]{2,}(?:us|um|is|i|ae|a|es|ens|ense|ans|x))(?P<subsp>\s+subsp\s*\.\s*[a-z]{3,})?)?"
    r"(?:\s+strain)?(?:\s+(?P<code>[A-Z][A-Za-z]*-?\d+[A-Za-z]*|[A-Z]{2,4}))?(?![\w-])")


@dataclass
class Candidate:
    """A possible THERAPY mention (character offsets) with its normalisation."""

    start: int
    end: int
    norm: str
    attrs: dict
    entry: TherapyEntry | None = None
    generic: bool = False
    plural: bool = False
    kb_id: str | None = None
    parts: tuple[Candidate, ...] = ()  # regimens and fixed-dose combinations: one per drug
    needs_context: bool = False
    source: str = field(default="kb")


def drug_candidate(start: int, end: int, drug: Drug, needs_context: bool = False,
                   source: str = "vocabulary") -> Candidate:
    """A candidate for one vocabulary drug; a combination carries one part per component. ``source``
    says what found the name: the vocabulary itself, or NER / an INN stem whose misspelt or
    unit-glued name stands for the drug."""
    parts = tuple(drug_candidate(start, end, d) for d in drug.components)
    attrs = {"modality": drug.modality, "kind": drug.kind}
    return Candidate(start, end, drug.norm, attrs, kb_id=drug.drugbank_id, parts=parts,
                     needs_context=needs_context, source=source)


def _cue_regexes(cues: dict) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The cue patterns before and after a name. Where the rules give ``dose_before`` and ``between``
    (treatment cues), a dose may stand between the cue and the name or be the cue itself ("received 2 mg
    X", "20 micrograms X and ..."), and species or formulation words may stand before the name ("therapy
    with recombinant human X"): the cue reads the whole noun phrase, not only the word next to it."""
    lead = rf"(?:{alternation(cues['before'])})[\s,:(]*"
    dose = alternation(cues.get("dose_before", []))
    between = alternation(cues.get("between", []))
    if dose:
        lead = rf"(?:{lead}(?:(?:{dose})\s+(?:of\s+)?)?|(?:{dose})\s+(?:of\s+)?)"
    if between:
        lead = rf"{lead}(?:(?:{between})\s+)*"
    before = re.compile(rf"(?<![\w-]){lead}$", re.IGNORECASE)
    # "growth hormone (GH) treatment": an abbreviation in brackets may stand between name and cue
    after = re.compile(rf"^[\s,]*(?:\([^()]{{1,20}}\)\s*)?[\s,)]*(?:{alternation(cues['after'])})", re.IGNORECASE)
    return before, after


class DrugFinder:
    """Find drug, regimen and unseen-drug candidates in a document."""

    def __init__(self, drug_classes: set[str], known_surfaces: set[str]) -> None:
        self.vocabulary = DrugVocabulary.load()
        rules = self.vocabulary.rules  # resources/drug_vocabulary.yaml, read once with the vocabulary
        self.drug_classes = drug_classes
        self.known_surfaces = known_surfaces
        self.treat_before, self.treat_after = _cue_regexes(rules["treatment_cues"])
        self.measure_before, self.measure_after = _cue_regexes(rules["biomarker_cues"])
        self.unknown_modifier_after = re.compile(rf"(?:{alternation(rules.get('unknown_name_modifier_after', []))})"
                                                 if rules.get("unknown_name_modifier_after") else r"(?!)", re.IGNORECASE)
        self.challenge_after = re.compile(rf"[\s-]*(?:(?:and|or|[\w-]+)\s+){{0,3}}?(?:{alternation(rules['challenge_after'])})\b",
                                          re.IGNORECASE)
        self.target_prefix = re.compile(alternation(rules.get("target_prefix_before", [])) or r"(?!)", re.IGNORECASE)
        self.class_after = re.compile(rf"[\s-]*(?:\([^()]{{1,20}}\)\s*)?(?:(?!(?:{FUNCTION_WORDS})\s)[\w-]+\s+){{0,2}}?"
                                      rf"(?:{alternation(rules['class_of_target_after'])})\b", re.IGNORECASE)
        self.context_required = {surface_key(s) for s in rules["context_required"]}
        # every name of a listed drug needs context: "GABA" listed makes "gamma-aminobutyric acid" need it too
        self.context_required |= {d.norm for d in map(self.vocabulary.lookup, list(self.context_required)) if d}
        self.context_pattern = re.compile(alternation(rules.get("context_required_patterns", [])) or r"(?!)")
        self.stoplist = {surface_key(s) for s in rules["stoplist"]}
        self.not_therapy_chemical = re.compile(alternation(rules.get("not_therapy_chemicals", [])) or r"(?!)")
        self.abused = {surface_key(s) for s in rules.get("substances_of_abuse", [])}
        self.abuse_given_before, self.abuse_given_after = _cue_regexes(rules["abused_substance_given"])
        self.code_product_before, self.code_product_after = _cue_regexes(rules["code_product_apposition"])
        forms = alternation([re.escape(w) for w in rules["form_words"] if len(w) > 3])
        codes = alternation([re.escape(w.upper()) for w in rules["form_words"] if len(w) <= 3])
        self.vaccine_word = re.compile(rf"(?:{alternation(rules['vaccine_qualifiers'])})", re.IGNORECASE)
        self.form_tail = re.compile(rf"^(?:\s+(?:(?i:{forms})|{codes})(?![\w-]))+")
        # ordinary English words that NER or an INN stem misreads as a substance ("telephone", "discontinue")
        self.english_words = english_words(tuple(rules.get("english_word_pos", [])),
                                           bool(rules.get("english_common_nouns", False)))
        organisms = rules["organism_products"]
        self.organism_named_product = re.compile(rf"\s*(?:{alternation(organisms['named_product_after'])})(?![\w-])",
                                                 re.IGNORECASE)
        self.organism_form = re.compile(rf"\s*(?:{alternation(organisms['form_after'])})(?![\w])", re.IGNORECASE)
        self.probiotic_before = re.compile(alternation(organisms["probiotic_before"]), re.IGNORECASE)
        products = rules["product_abbreviations"]
        self.product_word = re.compile(rf"(?:{alternation(products['product_words'])})", re.IGNORECASE)
        self.not_product = re.compile(rf"\b(?:{alternation(products['not_products'])})\b", re.IGNORECASE)
        self.class_members = {surface_key(w): frozenset(surface_key(m) for m in entry["members"])
                              for entry in rules.get("class_names", []) for w in entry["words"]}
        self._load_regimens()

    def _load_regimens(self) -> None:
        self.regimens: dict[str, tuple[str, ...]] = {}
        reader = csv.DictReader(data_lines(REGIMENS_PATH), delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            parts = tuple(p.strip() for p in row["components"].split("|") if p.strip())
            for name in [row["regimen"], *(row.get("aliases") or "").split("|")]:
                if name.strip():
                    self.regimens[name.strip()] = parts
        names = sorted(self.regimens, key=len, reverse=True)
        # "CMF-type chemotherapy", "CHOP-like regimens", "FOLFOX-based treatment": the regimen is named,
        # with a hyphenated word that only says what kind of regimen was given
        self.regimen_pattern = re.compile(rf"(?<![\w-])(?:{alternation([re.escape(n) for n in names])})"
                                          r"(?:(?![\w-])|(?=-(?:type|like|based|containing)\b))")

    # -- sources ---------------------------------------------------------------------
    def candidates(self, doc: Doc, use_chemical_ner: bool, known: list[Candidate]) -> list[Candidate]:
        """Every drug candidate of the document plus the knowledge-base ones (``known``),
        context-checked (see module doc)."""
        for c in known:
            if c.entry is not None and c.entry.kind == "drug":
                c.source = "kb-drug"
                c.needs_context = surface_key(c.norm) in self.context_required
        matches = self.vocabulary.find(doc)
        other_short_forms = _short_forms_of_other_things(doc, matches)
        vocabulary = self._vocabulary_candidates(doc, matches, other_short_forms)
        products = self._product_abbreviations(doc, matches)
        out = (vocabulary + self._acronym_regimens(doc_text(doc), known + vocabulary)
               + self._regimen_candidates(doc, other_short_forms)
               + self._stem_candidates(doc)
               + self._vaccine_candidates(doc) + self._code_candidates(doc) + self._organism_candidates(doc)
               + products)
        if use_chemical_ner:
            out += self._ner_candidates(doc)
        self._complete_vaccine_names([c for c in out if c.norm.endswith(" vaccine") and not c.parts])
        out = [c for c in out if not self._vaccine_kind(doc_text(doc), c)]
        self._name_codes(doc_text(doc), known + out)
        return self._resolve_classes(doc_text(doc), self._resolve_heads(self._check_context(doc, known + out)))

    def _resolve_classes(self, text: str, accepted: list[Candidate]) -> list[Candidate]:
        """A bare class word ("estrogen", ``class_names``) is the one member drug that the document names
        ("oral 17beta-estradiol"), and no therapy where it names none or several: the class is not a
        therapy (spec), and a second norm for the one drug given would count it twice."""
        out = []
        for c in accepted:
            # "estrogen patch", "estrogen cream": the class word with a dosage form
            members = self.class_members.get(self._without_form_words(surface_key(text[c.start:c.end]))) \
                if not c.parts else None
            if members is None:
                out.append(c)
                continue
            named = {o.norm: o for o in accepted if o.norm in members}
            if len(named) == 1:
                o = next(iter(named.values()))
                c.norm, c.kb_id, c.attrs = o.norm, o.kb_id, dict(o.attrs)
                out.append(c)
        return out

    def _resolve_heads(self, accepted: list[Candidate]) -> list[Candidate]:
        """"penicillin" in a document that gives one named penicillin ("penicillin V") is that drug: a head
        name (``head_names``) takes the norm of the only other accepted drug whose norm contains it."""
        heads = {surface_key(h) for h in self.vocabulary.rules.get("head_names", [])}
        for c in accepted:
            if c.norm not in heads:
                continue
            specific = {o.norm: o for o in accepted if o.norm != c.norm and c.norm in o.norm and not o.parts}
            if len(specific) == 1:
                o = next(iter(specific.values()))
                c.norm, c.kb_id, c.attrs = o.norm, o.kb_id, dict(o.attrs)
        return accepted

    def _name_codes(self, text: str, candidates: list[Candidate]) -> None:
        """A code name that the text gives in brackets after a named drug ("tofacitinib (CP-690,550)"),
        or that it calls a product of one named drug ("AB-10, a novel oral testosterone undecanoate
        formulation") is normalised to that drug everywhere in the document (spec: code names normalise
        to the INN)."""
        # in brackets, not a body molecule: "oral insulin capsule (ORMD-0801)" is a product of its own, named by
        # its code
        named = [c for c in candidates if c.source in ("vocabulary", "kb-drug") and not c.parts and not c.needs_context]
        codes = [c for c in candidates if c.source == "code"]
        alias: dict[str, Candidate] = {}
        given: set[str] = set()
        for code in codes:
            for drug in named:
                if (drug.end <= code.start and CODE_IN_BRACKETS.fullmatch(text, drug.end, code.start)
                        and BRACKET_CLOSES.match(text, code.end)):
                    alias.setdefault(code.norm, drug)
            product = self.code_product_after.match(text[code.end:code.end + 80])
            if product is not None and code.norm not in alias:
                # the product words give the drug too, whether or not it needs context elsewhere
                end = code.end + product.end()
                of_drug = PRODUCT_OF.match(text, end)  # "... formulation of oxybutynin"
                end = of_drug.end() if of_drug else end
                # ... but not the target of a drug class there ("MRV-1, its oral GLP-1 receptor agonist", "a
                # selective JAK1 inhibitor"): the code is a member of the class, not the target molecule
                inside = {d.norm: d for d in candidates if d.source in DICTIONARY_SOURCES and not d.parts
                          and code.end <= d.start and d.end <= end and not self.class_after.match(text, d.end)
                          and not self.target_prefix.search(text[max(code.end, d.start - 8):d.start])}
                if len(inside) == 1:
                    alias[code.norm] = next(iter(inside.values()))
                    given.add(code.norm)
        for code in codes:
            drug = alias.get(code.norm)
            if drug is not None:
                called = code.norm in given
                code.norm, code.kb_id, code.attrs = drug.norm, drug.kb_id, dict(drug.attrs)
                code.entry, code.source = drug.entry, drug.source
                code.needs_context = drug.needs_context and not called

    def _vocabulary_candidates(self, doc: Doc, matches: list[DrugMatch],
                               other_short_forms: set[tuple[int, int]]) -> list[Candidate]:
        text = doc_text(doc)
        out = []
        for m in matches:
            start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
            key = surface_key(text[start:end])
            if key in self.stoplist or (m.start, m.end) in other_short_forms:
                continue
            if m.drug.tier == "chemical" and self.not_therapy_chemical.search(m.drug.norm):
                continue  # a nucleic acid ("circulating tumor DNA"): measured, not given
            if key in self.drug_classes:  # kept so that no shorter name inside it is read as a drug
                out.append(Candidate(start, end, key, {"modality": "other", "kind": "class"}, source="class"))
                continue
            tail = self.form_tail.match(text[end:end + 60])
            if tail:
                end += tail.end()
            needs = (m.drug.tier != "drug" or m.drug.endogenous or m.ambiguous or key in self.context_required
                     or (m.drug.norm in self.context_required and not self._brand_like(doc, m))
                     or bool(self.context_pattern.search(m.drug.norm))
                     or bool(self.context_pattern.search(key)))
            c = drug_candidate(start, end, m.drug, needs)
            if m.drug.kind == "vaccine" and not m.drug.components:
                if self._names_organisation(doc, doc[m.end - 1]):
                    continue
                # spec: vaccines keep their common name ("flu vaccine" is not the dictionary's
                # "inactivated or recombinant influenza vaccine")
                c.norm = FLU.sub("influenza", re.sub(r"vaccines$", "vaccine", surface_key(text[doc[m.start].idx:doc[m.end - 1].idx + len(doc[m.end - 1])])))
            out.append(c)
        return out

    @staticmethod
    def _brand_like(doc: Doc, m: DrugMatch) -> bool:
        """"Adderall" (a brand of amphetamine, which abstracts mostly measure) is a product, given."""
        first = doc[m.start]
        return m.brand or (first.is_title and not first.is_sent_start and m.end - m.start == 1)

    def _regimen_candidates(self, doc: Doc, other_short_forms: set[tuple[int, int]]) -> list[Candidate]:
        """Named regimens ("R-CHOP"), one part per drug. Not where the document defines the same letters
        for something with no drug in it ("The Children's Hospital of Philadelphia (CHOP)"): there every
        use of them names that organisation, trial or scale, not the regimen."""
        out = []
        text = doc_text(doc)
        defined = self._defined_regimens(text)
        elsewhere = {(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in other_short_forms}
        for m in self.regimen_pattern.finditer(text):
            if m.span() in elsewhere:
                continue
            parts = []
            for name in defined.get(m.group(0), self.regimens[m.group(0)]):
                drug = self.vocabulary.lookup(name)
                parts.append(drug_candidate(m.start(), m.end(), drug) if drug else
                             Candidate(m.start(), m.end(), name, {"modality": "small molecule", "kind": "drug"}))
            out.append(Candidate(m.start(), m.end(), m.group(0), {"modality": "other", "kind": "regimen"},
                                 parts=tuple(parts), source="regimen"))
        return out

    @staticmethod
    def _acronym_regimens(text: str, named: list[Candidate]) -> list[Candidate]:
        """"cisplatin 50 mg/m2 and cyclophosphamide 500 mg/m2 (CP)": a short form that the document
        defines for a list of drugs, one capital from each drug's name in their order, names that regimen wherever
        it comes later ("response rates were 52% for CP"): one part per drug (spec: a named regimen
        gives each of its drugs a record)."""
        by_start = {c.start: c for c in sorted((c for c in named if not c.parts and c.source in ("vocabulary", "kb-drug")),
                                               key=lambda c: c.source == "kb-drug")}  # the lexicon's entry wins
        drugs = sorted(by_start.values(), key=lambda c: c.start)
        out: list[Candidate] = []
        defined: set[str] = set()
        for m in ACRONYM_DEFINED.finditer(text):
            short = m.group(1)
            if short in defined:
                continue
            chain = [d for d in drugs if d.end <= m.start()][-len(short):]
            if len(chain) != len(short) or not DOSE_GAP.fullmatch(text, chain[-1].end, m.start()):
                continue
            if not all(DRUG_JOIN.fullmatch(text, a.end, b.start) for a, b in pairwise(chain)):
                continue
            names = [text[d.start:d.end].upper() for d in chain]
            # one capital per drug, in order, from its name ("CP": cyclophosphamide, cisPlatin);
            # the first is a drug's initial
            if not (all(c in n for c, n in zip(short, names, strict=True)) and short[0] in {n[0] for n in names}):
                continue
            defined.add(short)
            for use in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text[m.end():]):
                start, end = m.end() + use.start(), m.end() + use.end()
                parts = tuple(Candidate(start, end, d.norm, dict(d.attrs), entry=d.entry, kb_id=d.kb_id, source=d.source)
                              for d in chain)
                out.append(Candidate(start, end, short, {"modality": "other", "kind": "regimen"}, parts=parts,
                                     source="regimen"))
        return out

    def _defined_regimens(self, text: str) -> dict[str, tuple[str, ...]]:
        """"CHOP (cyclophosphamide, doxorubicin, vincristine, prednisolone)": the drugs a document
        spells out for a regimen replace the file's (the P of CHOP is prednisone in some countries,
        prednisolone in others)."""
        defined: dict[str, tuple[str, ...]] = {}
        for m in self.regimen_pattern.finditer(text):
            listed = REGIMEN_LIST.match(text, m.end())
            if listed is None:
                continue
            names = tuple(n for n in re.split(r"\s*(?:,|;|\band\b|/|\+)\s*", listed.group(1)) if n)
            if len(names) >= 2 and all(self.vocabulary.lookup(n) for n in names):
                defined.setdefault(m.group(0), names)
        return defined

    def _vaccine_candidates(self, doc: Doc) -> list[Candidate]:
        """"tetanus-diphtheria (Td) vaccine", "live attenuated influenza vaccine": the words before
        "vaccine" name it; a parenthesised abbreviation is skipped in the name."""
        out = []
        brands: dict[str, str] = {}
        for m in VACCINE.finditer(doc_text(doc)):
            span = doc.char_span(m.start(), m.end())
            if span is None:
                continue
            tok = span[0]
            if self._names_organisation(doc, tok):
                continue
            words: list[str] = []
            start = j = tok.i - 1
            abbreviation = None
            while j >= 0 and len([w for w in words if w not in ("-", "/")]) < 4:
                if doc[j].text == ")":
                    opening = next((k for k in range(j - 1, max(-1, j - 6), -1) if doc[k].text == "("), None)
                    if opening is None:
                        break
                    if j == tok.i - 1 and j - opening == 2:  # "bacillus Calmette-Guérin (BCG) vaccine"
                        abbreviation = doc[opening + 1].text
                    j = opening - 1
                    continue
                prev = doc[j]
                if prev.lower_ in VACCINE_SKIP_WORDS and words:
                    j -= 1  # "HER2-targeted therapeutic cancer vaccine": the use is not part of the name
                    continue
                joiner = prev.text in ("-", "/") and j > 0 and not doc[j - 1].is_punct
                if not joiner and not self._names_vaccine(prev):
                    break
                words.insert(0, prev.lower_)
                start = j
                j -= 1
            while words and words[0] in ("-", "/"):  # "anti-p53 vaccine": the joiner of a word not in the name
                words.pop(0)
                start += 1
            if words and not abbreviation and self._cancer_vaccine_kind(doc[start:tok.i]):
                continue
            if words:
                name = abbreviation.lower() if abbreviation and abbreviation.isupper() else " ".join(words)
                norm = FLU.sub("influenza", re.sub(r"\s*([-/])\s*", r"\1", name)) + " vaccine"
                brand = None if abbreviation else self._brand(doc[start])
                if brand:
                    norm = brands[brand] = brand
                out.append(Candidate(doc[start].idx, tok.idx + len(tok), norm, {"modality": "other", "kind": "vaccine"},
                                     source="vaccine"))
        # the brand's other mentions ("Flublok Quadrivalent was approved")
        for brand in brands:
            for m in re.finditer(rf"(?<![\w-]){re.escape(brand)}(?![\w-])", doc_text(doc)):
                out.append(Candidate(m.start(), m.end(), brand, {"modality": "other", "kind": "vaccine"}, source="vaccine"))
        return out

    @staticmethod
    def _cancer_vaccine_kind(name: Span) -> bool:
        """"cancer vaccine", "Breast Cancer Vaccine": a name of plain words ending in a cancer word
        (``CANCER_WORDS``); a target, code or acronym in it ("p53", "HER2-targeted", "GVAX") makes it one."""
        return name[-1].lower_ in CANCER_WORDS and all(t.is_alpha and not t.is_upper for t in name)

    @staticmethod
    def _vaccine_kind(text: str, c: Candidate) -> bool:
        """"Patients should not get live vaccines": a plural name of type words only, which no other vaccine
        of the document completed (:meth:`_complete_vaccine_names`), is a kind of vaccine, not a product."""
        return (c.source == "vaccine" and c.norm.endswith(" vaccine") and text[c.start:c.end].lower().endswith("vaccines")
                and all(w in VACCINE_TYPE_WORDS for w in c.norm.split()[:-1]))

    @staticmethod
    def _complete_vaccine_names(found: list[Candidate]) -> None:
        """One name per vaccine in a document: a name of type words only ("quadrivalent inactivated
        vaccine") takes the disease words when the document's other vaccine names give exactly one
        disease ("quadrivalent influenza vaccine" -> "quadrivalent inactivated influenza vaccine"),
        and a name whose words are all in exactly one of the document's fullest names, which adds only
        type words, is that vaccine."""
        words = {c.norm: c.norm.split()[:-1] for c in found if c.norm.endswith(" vaccine")}
        diseases = {tuple(w for w in ws if w not in VACCINE_TYPE_WORDS) for ws in words.values()} - {()}
        if len(diseases) == 1:
            disease = list(next(iter(diseases)))
            words = {n: ws if any(w not in VACCINE_TYPE_WORDS for w in ws) else ws + disease
                     for n, ws in words.items()}
        full = {n: " ".join([*ws, "vaccine"]) for n, ws in words.items()}
        sets = {n: set(ws) for n, ws in words.items()}
        maximal = {full[n] for n, ws in sets.items() if not any(ws < other for other in sets.values())}
        for c in found:
            if c.norm not in full:
                continue
            mine = sets[c.norm]
            # only a fuller name of the same vaccine: its extra words say the kind ("inactivated", "cancer") or
            # the target ("HER2-targeted"), not another product ("adenovirus type-5 Ebola vaccine" is not
            # "the Ebola vaccine")
            larger = {v for n, v in full.items()
                      if v in maximal and mine < sets[n]
                      and all(w in VACCINE_TYPE_WORDS or w in CANCER_WORDS or VACCINE_TARGET_WORD.search(w)
                              for w in sets[n] - mine)}
            c.norm = larger.pop() if len(larger) == 1 else full[c.norm]

    def _brand(self, tok: Token) -> str | None:
        """"Flublok® influenza vaccine", "Fluzone vaccine": a capitalised word that is neither a qualifier
        nor a disease or chemical, or one marked ® / ™, is the vaccine's brand name."""
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        marked = nxt is not None and nxt.text in ("®", "™")
        plain = (tok.is_alpha and (nxt is None or nxt.text != "-") and tok.is_title and not tok.is_sent_start and len(tok) > 3
                 and not self.vaccine_word.fullmatch(tok.text) and tok.ent_type_ not in ("Disease", "Chemical"))
        return tok.text if (marked and tok.is_alpha) or plain else None

    @staticmethod
    def _names_organisation(doc: Doc, tok: Token) -> bool:
        """"HIV Vaccine Trials Network", "Vaccine Research Center": a capitalised "Vaccine" followed by a
        capitalised word names an organisation, not a vaccine."""
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        return tok.text[0].isupper() and not tok.is_sent_start and nxt is not None and nxt.text[:1].isupper() \
            and nxt.is_alpha

    def _names_vaccine(self, tok: Token) -> bool:
        if tok.like_num:  # "13-valent"
            return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-"
        if tok.is_punct or tok.is_space or tok.lower_ in DETERMINERS or tok.text.endswith("."):
            return False  # "... Co. The vaccine": a determiner or an abbreviation's full stop ends the name
        # "p53 cancer vaccine", "h1n1 vaccine": letters and digits in one word name a target or strain
        mixed = any(ch.isdigit() for ch in tok.text) and any(ch.isalpha() for ch in tok.text)
        return bool(tok.ent_type_ in ("Disease", "Chemical") or self.vaccine_word.fullmatch(tok.text)
                    or (not tok.is_lower and not tok.is_sent_start) or "-" in tok.text or mixed)

    def _stem_candidates(self, doc: Doc) -> list[Candidate]:
        out = []
        seconds = {m.start("second") for m in CELL_THERAPY_INN.finditer(doc_text(doc))}
        for m in INN_STEM.finditer(doc_text(doc)):
            word = m.group(0)
            if m.start() in seconds:
                continue
            unknown = self.vocabulary.lookup(word) is None
            if (word in self.known_surfaces or word in self.drug_classes or word in STEM_LOOKALIKES
                    or self.vocabulary.is_class(word) or (unknown and self._english_word(word))):
                continue
            slip = self._misspelt(word) if unknown else None
            if slip is not None:  # "20 mgomeprazole": the drug behind the slip
                out.append(drug_candidate(m.start(), m.end(), slip, source="stem"))
                continue
            modality = "antibody" if word.endswith("mab") else "other" if word.endswith("cel") else "small molecule"
            out.append(Candidate(m.start(), m.end(), word, {"modality": modality, "kind": "drug"}, source="stem"))
        return out

    def _product_abbreviations(self, doc: Doc, matches: list[DrugMatch]) -> list[Candidate]:
        """Uses of a short form that the document defines for a product no dictionary lists
        (``product_abbreviations``: "a commercial juice powder concentrate (JPC)", "Youdujing (YDJ) preparation"),
        each normalised to the short form; the context check keeps them where one use is given as a treatment."""
        occurrences = abbreviation_occurrences(doc)
        products: dict[str, str] = {}
        for short, (s_start, s_end, l_start, l_end) in occurrences:
            if not (l_end < s_start <= l_end + 1 and l_end < len(doc) and doc[l_end].text == "("):
                continue  # only the definition "<long form> ( SHORT )" says what the short form is
            long_form = doc[l_start:l_end]
            after = doc[s_end + 1] if s_end + 1 < len(doc) and doc[s_end].text == ")" else None
            head = self.product_word.fullmatch(long_form[-1].text) or (after is not None and self.product_word.fullmatch(after.text))
            if (not head or len(short) < 2 or self.not_product.search(long_form.text)
                    or any(l_start <= m.start < l_end for m in matches)):
                continue
            products[short] = long_form.text
        spans = [(doc[s_start].idx, doc[s_end - 1].idx + len(doc[s_end - 1]), short)
                 for short, (s_start, s_end, _, _) in occurrences if short in products]
        # the long form is the product too, wherever the text spells it out (a title: "... of youdujing preparation")
        text = doc_text(doc)
        spans += [(m.start(), m.end(), short) for short, long_text in products.items()
                  for m in re.finditer(rf"(?<![\w-]){re.escape(long_text)}(?![\w-])", text, re.IGNORECASE)]
        return [Candidate(start, end, short, {"modality": "other", "kind": "drug"}, needs_context=True,
                          source="product-abbreviation") for start, end, short in spans]

    def _organism_candidates(self, doc: Doc) -> list[Candidate]:
        """Micro-organisms and plants given as a product (``organism_products``): "C. parvum injections",
        "Lactobacillus strain GG", "D. pteronyssinus vaccine". A name counts where a product word follows it or a
        probiotic is named before it in the sentence, and then at each of its mentions in the document ("in the
        Lactobacillus GG group"). An abbreviated genus takes the one full genus of that initial that the document's
        organisms spell out ("Lactobacillus acidophilus, L. casei" -> "Lactobacillus casei")."""
        text = doc_text(doc)
        found = []
        for m in ORGANISM.finditer(text):
            genus, epithet, code = m.group("genus"), m.group("epithet"), m.group("code")
            if epithet and epithet.lower() in self.english_words:
                continue  # "Bifidobacterium bacteria", "Salmonella species": an English noun, not an epithet
            if not epithet and (not code or genus.endswith(".") or NOT_CODES.match(code)):
                continue  # a genus alone is no product; after an epithet a code is the strain's ("L. brevis CD2")
            named = self.organism_named_product.match(text, m.end())
            form = self.organism_form.match(text, m.end())
            if epithet and epithet[0].isupper() and not (named or form):
                continue  # "D. Pteronyssinus vaccination" in a title-case line, but not "J. Smith"
            sentence = re.split(r"[.;!?]\s+(?=[A-Z])", text[max(0, m.start() - 200):m.start()])[-1]
            cued = bool(named or form or self.probiotic_before.search(sentence))
            found.append((m, named, cued))
        genera: dict[str, set[str]] = {}
        for m, _, _ in found:
            if not m.group("genus").endswith("."):
                genera.setdefault(m.group("genus")[0], set()).add(m.group("genus"))
        out: list[Candidate] = []
        for m, named, cued in found:
            genus = m.group("genus")
            if genus.endswith(".") and len(genera.get(genus[0], ())) == 1:
                genus = next(iter(genera[genus[0]]))
            species = " ".join(p for p in (genus, (m.group("epithet") or "").lower(),
                                           re.sub(r"\s*\.\s*", ". ", (m.group("subsp") or "").strip())) if p)
            code = m.group("code") or ""
            # the dictionary's name where it lists the organism ("L. casei" = "lactobacillus casei")
            drug = self.vocabulary.lookup(f"{species} {code}".strip()) or self.vocabulary.lookup(species)
            if drug is not None and drug.tier == "drug" and drug.norm.startswith(genus[:1].lower()):
                species, code = drug.norm, "" if surface_key(f"{species} {code}") == drug.norm else code
            norm = f"{species} {code}".strip()
            end = m.end()
            if named:  # the vaccine or extract is the product: "D. pteronyssinus vaccine"
                end += named.end() - named.start()
                word = named.group(0).strip().lower()
                norm += " vaccine" if word.startswith("vaccin") else f" {word.rstrip('s')}"
            out.append(Candidate(m.start(), end, norm, {"modality": "other", "kind": "vaccine" if "vaccin" in norm else "drug"},
                                 needs_context=not cued, source="organism"))
        given = {c.norm for c in out if not c.needs_context}
        for c in out:
            c.needs_context = c.norm not in given
        return [c for c in out if c.norm in given]

    def _code_candidates(self, doc: Doc) -> list[Candidate]:
        """Investigational code names ("CDP571", "ABT-450"): products only where the text gives them
        as a treatment ("CDP571 10 mg/kg", "randomised to CDP571 or placebo"), like NER chemicals, or
        calls them a product ("a novel molecule, ABC-123, for ...": ``code_product_apposition``)."""
        out = []
        text = doc_text(doc)
        for m in CODE_NAME.finditer(text):
            trial_name = TRIAL_BEFORE.search(text, max(0, m.start() - 25), m.start()) or TRIAL_AFTER.match(text, m.end())
            if not NOT_CODES.match(m.group(0)) and not trial_name and not _arm_label(text, m.group(0)):
                out.append(Candidate(m.start(), m.end(), m.group(0).upper(), {"modality": "other", "kind": "drug"},
                                     needs_context=not self._called_a_product(text, m.start(), m.end()),
                                     source="code"))
        return out

    def _called_a_product(self, text: str, start: int, end: int) -> bool:
        """The text names the code as a product right before or after it, in the same sentence."""
        before, after = self._windows(text, start, end, reach=(60, 80))
        return bool(self.code_product_before.search(before) or self.code_product_after.match(after))

    def _ner_candidates(self, doc: Doc) -> list[Candidate]:
        out = []
        for ent in doc.ents:
            if ent.label_ != "Chemical":
                continue
            key = ent.text.lower()
            combination = self._combination(key)
            if combination is not None:
                out.append(Candidate(ent.start_char, ent.end_char, key, {"modality": "other", "kind": "drug"},
                                     parts=combination, source="vocabulary"))
                continue
            known = self.vocabulary.lookup(key)
            if self._qualified_drug(key) or (known is not None and known.norm != key):
                # "low-dose aspirin", "tobramycin aerosols", "medroxyprogesterone acetate": the vocabulary
                # names the drug itself, with its INN (its own candidate on this span)
                continue
            if _inside_word(doc_text(doc), ent.start_char, ent.end_char):
                continue  # "gallate" of "epigallocatechin-3-gallate": the NER cut a longer name
            if PLURAL_WORD.search(key):
                continue
            if (key in self.known_surfaces or key in self.drug_classes or key in NOT_DRUGS or key in self.stoplist
                    or not NER_DRUG_LIKE.fullmatch(ent.text) or key.endswith(("ase", "ases"))
                    or self.vocabulary.is_class(key) or ACTION_WORD.match(key)
                    or (known is None and self._english_word(ent.text))
                    or re.split(r"[\s-]", key)[-1] in NOT_DRUG_HEADS):
                continue
            slip = self._misspelt(key) if known is None else None
            if slip is not None:
                # "20 mgomeprazole", "fluorouacil 5 percent": the drug the slip stands for, given like any NER chemical
                out.append(drug_candidate(ent.start_char, ent.end_char, slip, needs_context=True, source="ner"))
                continue
            out.append(Candidate(ent.start_char, ent.end_char, key, {"modality": "small molecule", "kind": "drug"},
                                 needs_context=True, source="ner"))
        return out

    def _misspelt(self, key: str) -> Drug | None:
        """The dictionary drug an NER chemical no dictionary lists stands for through a slip: a dose unit
        glued to the name ("mgomeprazole" after "20"), or a one-letter misspelling ("fluorouacil")."""
        glued = GLUED_UNIT.match(key)
        if glued is not None:
            drug = self.vocabulary.lookup(key[glued.end():])
            if drug is not None and drug.tier == "drug":
                return drug
        return self.vocabulary.near(key)

    def _english_word(self, name: str) -> bool:
        """One word, in lower case or capitalised, that is everyday English (``kb/english_words.py``: a verb,
        adjective or adverb, or a common noun: "telephone CBT", "discontinue therapy", "neutron therapy"),
        not a substance that no dictionary lists. Abbreviations in capitals ("PEG", "CC") are not read."""
        key = name.lower()
        # the resource's substances of abuse are substances, whatever else English uses the word for ("alcohol")
        return name.isalpha() and (name.islower() or name.istitle()) and key in self.english_words and key not in self.abused

    def _qualified_drug(self, name: str) -> bool:
        """An NER chemical that is a vocabulary drug plus dose, form or salt words ("low-dose aspirin",
        "tobramycin aerosols", "pilocarpine salt"), whose norm must be the drug's INN, not the whole phrase."""
        bare = DOSE_QUALIFIER.sub("", name)
        bare = self._without_form_words(FORM_SUFFIX.sub("", bare))
        return bare != name and len(bare) > 3 and self.vocabulary.lookup(bare) is not None

    def _without_form_words(self, name: str) -> str:
        """``name`` without the dosage-form and salt words at its end ("estrogen patch" -> "estrogen",
        "pilocarpine salt" -> "pilocarpine"); a name that is only such a word stays."""
        words = name.split()
        while len(words) > 1 and words[-1] in self.vocabulary.forms:
            words.pop()
        return " ".join(words)

    def _combination(self, name: str) -> tuple[Candidate, ...] | None:
        """"trimethoprim-sulfamethoxazole", "codeine/paracetamol": a name joined from vocabulary drugs
        is one part per drug (spec: a fixed combination gives each drug its own mention)."""
        pieces = [p for p in re.split(r"\s*[-/+]\s*", name) if p]
        if len(pieces) < 2:
            return None
        drugs = [self.vocabulary.lookup(p) if len(p) > 3 else None for p in pieces]
        if not all(d is not None and d.tier == "drug" and not d.components for d in drugs):
            return None
        return tuple(drug_candidate(0, 0, d) for d in drugs)

    # -- context ----------------------------------------------------------------------
    @staticmethod
    def _windows(text: str, start: int, end: int, reach: tuple[int, int] = (WINDOW, WINDOW)) -> tuple[str, str]:
        """The text ``reach`` characters before and after a span, each cut at the sentence's edge."""
        before = re.split(r"[.;!?\n]\s", text[max(0, start - reach[0]):start])[-1]
        after = re.split(r"[.;!?\n](?:\s|$)", text[end:end + reach[1]])[0]
        return before, after

    def measured(self, text: str, c: Candidate) -> bool:
        """The substance is measured here ("serum insulin", "cortisol levels"), not given, or it is the
        target that names a drug class ("aromatase inhibitors"), or an unknown word modifies another noun
        ("guideline-based treatments")."""
        before, after = self._windows(text, c.start, c.end)
        return bool(self.measure_before.search(before) or self.measure_after.match(after)
                    or self.class_after.match(after)
                    or (c.source in UNKNOWN_SOURCES and self.unknown_modifier_after.match(after)))

    def given(self, text: str, c: Candidate) -> bool:
        """The text gives the substance as a treatment here ("treated with X", "X 10 mg", "X arm")."""
        before, after = self._windows(text, c.start, c.end)
        return bool(self.treat_before.search(before) or self.treat_after.match(after))

    def _abused(self, text: str, c: Candidate) -> bool:
        """A substance of abuse named as such ("cocaine", "heroin"; not "diamorphine", its INN)."""
        return surface_key(text[c.start:c.end]) in self.abused or (c.norm in self.abused and not c.parts)

    def _abused_given(self, text: str, c: Candidate) -> bool:
        """A substance of abuse is a therapy only where the text doses or administers it ("nicotine patch",
        "topical cocaine 4%", "heroin-assisted treatment"): the ordinary cues ("compared to", "like") also
        fit texts about its use, whose subject is the addiction, not a treatment."""
        before, after = self._windows(text, c.start, c.end)
        return bool(self.abuse_given_before.search(before) or self.abuse_given_after.match(after))

    def _check_context(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        text = doc_text(doc)
        # a challenge or diagnostic agent somewhere in the document is one everywhere in it
        challenged = {c.norm for c in candidates if c.source not in ("kb", "regimen") and self.challenge_after.match(text, c.end)}
        kept = [c for c in candidates if c.source in ("kb", "regimen")
                or (c.norm not in challenged and not self.measured(text, c))]
        # a name inside a measured or class-naming one ("angiotensin" in "angiotensin converting enzyme
        # (ACE) inhibitors") is not given either
        dropped = [c for c in candidates if c not in kept]
        kept = [c for c in kept if not any(d.start <= c.start and c.end <= d.end and (d.end - d.start) > (c.end - c.start)
                                           for d in dropped)]
        # a name inside a longer one ("heparin" in "low-molecular-weight heparin") is not given by its cues
        outer = [c for c in kept if not any(o.start <= c.start and c.end <= o.end and o.norm != c.norm
                                            and (o.end - o.start) > (c.end - c.start) for o in kept)]
        given = [c for c in outer if not self._abused(text, c) and (not c.needs_context or self.given(text, c))]
        treated = {c.norm for c in given}
        treated |= {c.norm for c in outer if self._abused(text, c) and self._abused_given(text, c)}
        treated |= self._listed_with_given(text, outer, {id(c) for c in given})
        # "oxytocin (OXT) ... intranasal OXT": the short form's uses give the substance too, where a cue
        # before it says so; not for molecules named by their kind ("B-cell maturation antigen (BCMA)",
        # "chimeric antigen receptors (CARs)"), whose short forms start the names of constructs
        treated |= {c.norm for c in self._short_forms(doc, outer)
                    if not self.context_pattern.search(c.norm) and not self.measured(text, c)
                    and self.treat_before.search(self._windows(text, c.start, c.end)[0])}
        accepted = [c for c in kept if (not c.needs_context and not self._abused(text, c)) or c.norm in treated]
        return accepted + [c for c in self._short_forms(doc, accepted) if not self.measured(text, c)]

    def _listed_with_given(self, text: str, outer: list[Candidate], given: set[int]) -> set[str]:
        """Norms of dictionary names that stand in one list with a drug the text gives there ("a supplement
        containing vitamin E, selenium, vitamin C and coenzyme Q10", "injections of cortisone, platelet-rich
        plasma (PRP), hyaluronic acid (HA)"): the cue that gives the list gives each member, however far from it. A measured member is
        no longer among ``outer``, so the list breaks there ("plasma levels of selenium and zinc"). ``given`` holds the
        ``id`` of each candidate of ``outer`` that the text gives on its own (computed once by the caller)."""
        spans: dict[tuple[int, int], list[Candidate]] = {}
        for c in outer:
            spans.setdefault((c.start, c.end), []).append(c)
        order = sorted(spans)
        # runs of neighbours joined by list punctuation or a conjunction
        runs: list[list[tuple[int, int]]] = []
        for span in order:
            if runs and runs[-1][-1][1] <= span[0] and LIST_JOIN.fullmatch(text, runs[-1][-1][1], span[0]):
                runs[-1].append(span)
            else:
                runs.append([span])
        out: set[str] = set()
        for run in runs:
            members = [c for span in run for c in spans[span]]
            # two names joined by a bare comma are an apposition ("an alternative nitrate, isosorbide
            # dinitrate"), not a list
            conjunction = any(re.search(r"\b(?:and|or)\b", text[a[1]:b[0]]) for a, b in pairwise(run))
            if len(run) < 2 or (len(run) == 2 and not conjunction) or not any(id(c) in given for c in members):
                continue
            # not a bare salt word ("sulfate" of "sodium tetradecyl sulfate", which the vocabulary cut)
            out |= {c.norm for c in members if c.source in DICTIONARY_SOURCES and not c.parts and not self._abused(text, c)
                    and surface_key(text[c.start:c.end]) not in self.vocabulary.forms}
        return out

    @staticmethod
    def _short_forms(doc: Doc, accepted: list[Candidate]) -> list[Candidate]:
        """"tranexamic acid (TXA)": every use of a short form defined for a drug is that drug."""
        by_span = {(c.start, c.end): c for c in accepted if c.source != "kb"}
        out = []
        for _, (s_start, s_end, l_start, l_end) in abbreviation_occurrences(doc):
            long_form = doc[l_start:l_end]
            c = by_span.get((long_form.start_char, long_form.end_char))
            if c is not None:
                short = doc[s_start:s_end]
                out.append(Candidate(short.start_char, short.end_char, c.norm, dict(c.attrs), c.entry, kb_id=c.kb_id,
                                     parts=c.parts, source=c.source))
        return out
