"""DISEASE mentions normalised to Disease Ontology terms.

Sources, longest match first:

1. the Disease Ontology lexicon (the packaged curated core plus, when the
   ontology files are found, DO labels and safe synonyms), matched on lower-case
   tokens; short abbreviations (SLE, gMG, B-ALL) are matched case-sensitively;
2. abbreviations the document defines ("systemic sclerosis (SSc)"), found by
   scispacy's AbbreviationDetector and resolved to their long form's concept;
3. the team-written lay terms ("cancer of the lymph glands", "kidney lupus") of
   :mod:`cartmine.kb.disease_lexicons`, matched like DO names;
4. the BC5CDR Disease entities of the statistical NER. Each is normalised by
   :meth:`DiseaseLexicon.lookup <cartmine.kb.disease_lexicons.DiseaseLexicon.lookup>`
   (ontology, lay terms, mentions learned from NCBI-disease train, variants); one that
   no source normalises is still a DISEASE mention, with ``id`` null, ``norm`` its
   lower-cased text and ``attrs["linked"]`` false (see ``keep_unlinked``), when it looks
   like a disease name (:data:`DISEASE_SHAPE`). Such mentions stay in
   ``doc.spans["DISEASE"]`` but are not reported in the contract output
   (:func:`cartmine.extensions.reported_spans`: the contract's DISEASE is a DO term).

Names are matched hyphen-tolerantly ("ataxia-telangiectasia" is three tokens).

Abbreviations: a short form the document defines ("myotonic dystrophy (DM)") means its
long form everywhere in that document, whether the lexicon or only the NER knows the long
form, and never takes another lexicon meaning; a short form defined as something that is no
disease ("mass spectrometry (MS)") is never a disease there. An undefined short form that
the NER proposes and that abbreviates several DO concepts is kept only when the document
names one of them in full, else left out.

Outcome terms ("cytokine release syndrome", "infection") are outcomes, not
diseases, and are left to the outcome component.

A disease word used in another sense -- a lowered function ("depression of left ventricular
function"), a sensory state ("visceral pain hypersensitivity"), a state a procedure or a test brings
about ("exercise-induced ischaemia") -- names no disease (:mod:`cartmine.kb.disease_senses`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from cartmine.extensions import abbreviation_occurrences, add_mention, doc_text, in_boilerplate
from cartmine.kb.disease_adjectives import AdjectiveMatcher, adjective_rule, compound_nouns, compounds
from cartmine.kb.disease_lexicons import GENERIC, QUALIFIERS, RELATION_WORDS
from cartmine.kb.disease_senses import other_senses
from cartmine.kb.names import is_abbreviation, normalize_term
from cartmine.rules import char_span, overlaps, select_longest

if TYPE_CHECKING:
    from cartmine.kb.disease_ontology import Concept

    #: What a candidate links to: a concept, or (an NER mention nothing links) its canonical name.
    Link = Concept | str

#: Surface forms that are outcomes or too vague, whatever the ontology says.
NOT_DISEASES = {
    "cytokine release syndrome", "crs", "neurotoxicity", "icans", "infection", "infections", "disease",
    "syndrome", "disorder", "toxicity", "relapse", "remission", "death", "sepsis", "fever", "inflammation",
    "pain", "fatigue", "proteinuria", "hematuria", "haematuria", "all", "ms", "cr", "pr", "mm", "aid", "aids", "nhl", "data",
    *("anxiety", "rash", "rashes", "skin rash", "skin rashes"),  # symptoms or states, not diagnoses (contract)
    # heads with no disease in them: "chronic diseases" or "degenerative diseases" name no DO term a curator would pick
    *("diseases", "disorders", "illness", "illnesses", "chronic disease", "chronic diseases", "chronic illness",
      "chronic illnesses", "degenerative disease", "degenerative diseases", "degenerative disorder"),
}
#: Capitalised short forms whose lower-case word is in NOT_DISEASES for its everyday sense ("hearing
#: aids", "aids digestion"): written in capitals they name the disease ("HIV and AIDS", "AIDS patients").
CASED_DISEASES = frozenset({"AIDS"})


def everyday_short_form(short: str) -> bool:
    """Whether a short form that a document defines is an everyday word that cannot stand for its
    long form there. Written in capitals it is an acronym, matched case-sensitively: "acute
    lymphoblastic leukaemia (ALL)", "multiple sclerosis (MS)" and "non-Hodgkin lymphoma (NHL)" are
    written so all through a text, and the lower-case words "all", "ms" or "nhl" that keep an
    undefined NER guess out of the diseases (:data:`NOT_DISEASES`) never match the acronym.
    Outcomes ("cytokine release syndrome (CRS)") are caught by their long form instead."""
    return short.lower() in NOT_DISEASES and not (short.isalpha() and short.isupper())


def not_a_disease(surface: str) -> bool:
    """Whether a surface is an outcome or too vague to be a disease (:data:`NOT_DISEASES`), unless it is
    written as one of the :data:`CASED_DISEASES`."""
    return surface.lower() in NOT_DISEASES and surface not in CASED_DISEASES


#: Text that names an outcome even when an ontology synonym matches it ("neurotoxicity syndrome").
OUTCOME_TEXT = re.compile(r"neurotox|cytokine[- ]release|cytokine\s+storm|effector[- ]cell", re.IGNORECASE)
#: Words after a disease word that make it part of a molecule's or a measure's name ("tumour necrosis
#: factor", "von Willebrand factor", "tumor suppressor genes", "cancer antigen 125", "tumour markers",
#: "hyperinsulinemic euglycemic clamp"): no disease is named there.
MOLECULE_AFTER = re.compile(r"[\s-]+(?:(?:necrosis[\s-]+)?factors?|suppressors?|markers?|antigens?|anticoagulants?|"
                            r"(?:(?:euglycemic|euglycaemic|hypoglycemic|hypoglycaemic|hyperglycemic)[\s-]+)?clamps?)\b",
                            re.IGNORECASE)
#: "oral hypoglycaemic agents", "hypotensive drugs": a hypo-/hyper- adjective before a drug noun names the drug
#: class by the effect it has (lowering glucose, blood pressure), not a disease the patients have.
EFFECT_ADJECTIVE = re.compile(r"hyp(?:o|er)[a-z]+(?:ic|ive)", re.IGNORECASE)
EFFECT_DRUGS_AFTER = re.compile(r"\s+(?:agents?|drugs?|medications?|medicines?)\b", re.IGNORECASE)
#: "flu-like symptoms", "a lupus-like rash", "measles like illness": something that resembles the
#: disease, which the patient does not have.
RESEMBLANCE_AFTER = re.compile(r"(?:\s*-\s*|\s+)like\b(?![\s-]+(?:to|this|that|the|a|an)\b)", re.IGNORECASE)
#: "non-melanoma skin cancer", "non-glaucoma medications": right before a disease word, "non-" names
#: everything but that disease. A name that is itself a "non-" term ("non-Hodgkin lymphoma", "non-small
#: cell lung cancer") starts at "non", so it is untouched.
NEGATED_BEFORE = re.compile(r"\bnon[\s-]?$", re.IGNORECASE)
#: Heads of organisation, meeting and journal names, shared by NAME_AFTER and NAME_BEFORE.
ORGANISATION_HEADS = (r"Institute|Society|Foundation|Association|Alliance|Network|Council|Coalition|Program|Programme|"
                      r"Congress|Conference|Symposium|Journal")
#: Capitalised words after a capitalised disease name that make it part of an instrument's or an
#: organisation's name ("State-Trait Anxiety Inventory", "Beck Depression Inventory", "American Cancer
#: Society", "Treatment of Cancer (EORTC) Study Group"): no patient's disease is named there.
NAME_AFTER = re.compile(r"(?:\s+(?:and|&)\s+[A-Z][\w']+)?(?:\s*\(\s*[A-Z][A-Za-z0-9-]*\s*\))?\s+(?:[A-Z][a-z]+\s+){0,3}?"
                        r"(?:(?:Rating\s+)?Scale|Inventory|Questionnaire|Checklist|Subscale|Study\s+Group|Intergroup|"
                        r"Consortium|Group|[Cc]entre|[Cc]enter|Research|Moon\s+Shots?|Administration|Trial|Schedule|Interview|"
                        rf"Index|Hospital|Clinic|{ORGANISATION_HEADS})\b")
#: A disease word inside a journal abbreviation of a reference ("J Autism Dev Disord 39(4):596",
#: "Clin Cancer Res 2016;22"): abbreviated capitalised words, then a volume or a year.
CITATION_AFTER = re.compile(r"(?:\s+[A-Z][a-z]{1,7}\.?){1,4}\.?\s+(?:\d{1,4}\s*\(\s*\d|(?:19|20)\d\d\s*;)")
JOURNAL_BEFORE = re.compile(r"\bJ\.?\s+(?:[A-Z][a-z]{1,7}\.?\s+){0,2}$")
#: A journal named as where a study came out ("published today in Diabetes Care", "published in the journal
#: Hypertension", "available in Chronic Respiratory Disease", "published in The Lancet Infectious Diseases"): a
#: title-case disease word right after it is the journal's name, not a patient's disease.
PUBLISHED_IN = re.compile(r"\b(?:published|publishes|appears?|appeared|appearing|available)\s+(?:online\s+)?(?:today\s+)?"
                          r"in\s+(?:the\s+)?(?:journal\s+)?(?:[A-Z][\w&'\u2019-]*\s+){0,3}$|\b[Jj]ournal\s+$")
TITLE_WORD = re.compile(r"[A-Z][a-z]")
#: Capitalised words before a capitalised disease name that put it inside a title, a chair, a
#: department, a journal or a meeting ("Professor of Medicine and Liver Diseases", "Chair in Breast
#: Cancer", "World Congress on Gastrointestinal Cancer", "Institute on Deafness and Other
#: Communication Disorders"): no patient's disease is named there either.
NAME_BEFORE = re.compile(r"\b(?:Professor|Professorship|Chair|Chief|Director|Department|Division|Section|Unit|"
                         r"School|College|Meeting|Center|Centre|Fellowship|Laboratory|Societies|Federation|"
                         rf"{ORGANISATION_HEADS})\s+(?:of|on|for|in)\s+(?:the\s+)?"
                         r"(?:[A-Z][\w'\u2019-]*,?\s+(?:(?:and|&)\s+)?){0,4}$")
#: A short form's long form that is an organisation's, trial's or centre's name ("American Diabetes
#: Association (ADA)", "Diabetes Control and Complications Trial (DCCT)"), or the tail of one (the detector
#: gives "Neurological Disorders and Stroke" for "National Institute of Neurological Disorders and Stroke
#: (NINDS)": :data:`NAME_BEFORE` sees the "Institute of" before it): the short form names that body wherever
#: it recurs, not the disease its name ends in.
NAMED_BODY = re.compile(rf"\b(?:{ORGANISATION_HEADS}|Institutes|Center|Centre|Hospital|Clinic|Trial|Consortium|"
                        r"Agency|Administration|Academy|College|University)\b")
#: A two-letter capital abbreviation in an author list ("Tuuli MG, Liu J") or after a city ("Bradenton,
#: FL)"): initials and state codes, not the disease the lexicon abbreviates so.
SURNAME_BEFORE = re.compile(r"[A-Z][a-z'\u2019-]+\s$")
#: ... another author before ("Liu J, Tuuli MG") or after ("Tuuli MG, Liu J").
AUTHOR_BEFORE = re.compile(r"\b[A-Z]{1,3},\s+[A-Z][a-z'\u2019-]+\s$")
AUTHOR_NEXT = re.compile(r",\s+[A-Z][a-z'\u2019-]+\s+(?:[A-Z][a-z'\u2019-]+\s+)?[A-Z]{1,3}\b")
CITY_BEFORE = re.compile(r"[A-Z][a-z]+\s?,\s$")
#: A diagnostic manual's title ("Diagnostic and Statistical Manual of Mental Disorders"): no patient's disease.
MANUAL_BEFORE = re.compile(r"\b[Mm]anual\s+of\s+$")
#: A University of California campus after "UC" ("UC Davis", "UC San Diego"): a university, not ulcerative colitis.
CAMPUS_AFTER = re.compile(r"\s+(?:Davis|Irvine|Berkeley|Riverside|Merced|San\s+Diego|San\s+Francisco|Los\s+Angeles|"
                          r"Santa\s+Barbara|Santa\s+Cruz)\b")
US_STATES = frozenset({"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
                       "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
                       "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
                       "VA", "WA", "WV", "WI", "WY", "DC"})
MODIFIERS = re.compile(
    r"^(?:(?:severe|active|refractory|treatment[- ]refractory|relapsed|relapsing|newly\s+diagnosed|"
    r"aggressive|chronic|acute|progressive|advanced|moderate|mild|non-renal|generali[sz]ed|adult|paediatric|"
    r"pediatric|childhood|early|difficult[- ]to[- ]treat|or|and|/|,)\s*)+",
    re.IGNORECASE,
)
#: Severity words that lexicon synonyms should not carry ("refractory lupus"); unlike
#: "acute" or "chronic" they never change which disease is meant.
SEVERITY = re.compile(r"^(?:(?:severe|active|refractory|treatment[- ]refractory|relapsed|difficult[- ]to[- ]treat|"
                      r"moderate|mild|moderate[- ]to[- ]severe)\s+)+", re.IGNORECASE)
#: What an unlinked NER mention must look like to be kept: a disease word or a pathology suffix on
#: some word. BC5CDR's and the model's Disease label also covers words like "families", "hybrid" or
#: "polymorphisms", which no source links and which are not diseases.
DISEASE_SHAPE = re.compile(
    r"(?:itis|itides|osis|oses|(?<=\w{3})omas?|omata|[ae]mias?|path(?:y|ies)|plasias?|trophy|trophies|uria|"
    r"(?<!poly)(?<!mecha)(?<!orga)(?<!metabol)ism|iasis|pathic|plegia|paresis|syndromes?|diseases?|"
    r"disorders?|deficien(?:cy|cies|t)|cancers?|tumou?rs?|malignanc(?:y|ies)|dystroph(?:y|ies)|"
    r"defects?|malformations?|anomal(?:y|ies)|abnormalit(?:y|ies)|palsy|failure|insufficiency|"
    r"lesions?|infections?|injur(?:y|ies)|sclerosis|atrophy|dysfunction|ataxias?|myotonia|dementia|"
    r"retardation|stature|blindness|deafness|epilepsy|seizures?)\b",
    re.IGNORECASE,
)
#: Bare class words ("cancer", "lymphoma") that a document also uses to point back at the specific
#: disease it names: after a determiner ("those cancers", "the cancer") or as a noun's modifier
#: ("cancer pain", "cancer-related deaths"). Tumour words are handled wholesale (:data:`GENERIC`).
CLASS_WORDS = frozenset({"cancer", "cancers", "carcinoma", "carcinomas", "malignancy", "malignancies", "leukemia",
                         "leukemias", "leukaemia", "leukaemias", "lymphoma", "lymphomas", "adenocarcinoma",
                         "adenocarcinomas", "sarcoma", "sarcomas"})
ANAPHORIC_BEFORE = re.compile(r"\b(?:the|this|these|those|their|its|his|her|such|that)\s+$", re.IGNORECASE)
#: What a class word qualifies when it only says which pain or which deaths are meant ("cancer pain",
#: "cancer-related deaths"). Not "cancer patients" or "cancer-free": those still name the population.
ATTRIBUTIVE_AFTER = re.compile(r"(?:-|\s+)(?:related|associated|induced)\b|\s+(?:pain|deaths?|mortality)\b",
                               re.IGNORECASE)
#: A class word saying that the disease came back ("leukaemia relapse", "cancer recurrence"): beside one
#: named disease under that class ("acute lymphoblastic leukaemia", "breast cancer") it is that disease
#: relapsing, not a second one, and takes its concept (:meth:`DiseaseRecognizer._drop_generic`).
RELAPSE_AFTER = re.compile(r"\s+(?:relapses?|recurrences?)\b", re.IGNORECASE)
#: The conjuncts before a disease name whose head they share: "colon and ", "breast, ovarian, lung, and ",
#: and capitalised ones -- an eponym or a marker: "Hodgkin and " (non-Hodgkin lymphoma), "Alzheimer and "
#: (Parkinson disease), "HER2-positive and " (triple-negative breast cancer).
ELIDED_LIST = re.compile(r"(?<![\w-])(?:[A-Za-z0-9][A-Za-z0-9-]+,\s+){0,6}[A-Za-z0-9][A-Za-z0-9-]+,?\s+(?:and|or|and/or)\s+$")
COORDINATED = re.compile(r",|\s(?:and|or|and/or)\s|/")
CONJUNCT = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]+(?=,|\s+(?:and|or|and/or)\s)")
#: The first word of a two-word list item, right after the comma before it ("heart, blood vessel, lung").
LIST_ITEM_WORD = re.compile(r",\s+(?P<word>[a-z][a-z-]+)\s$")
#: A numbered or lettered designator inside a disease name ("type 2 diabetes", "chronic hepatitis B"): the
#: words up to it, the designator, the rest of the name.
DESIGNATOR = r"(?:\d|I{1,3}|IV|[A-E])"
DESIGNATED = re.compile(rf"^(?P<pre>.*?\b(?P<word>(?i:type|hepatitis))\s+)(?P<id>{DESIGNATOR})(?P<post>\s.*)?$")
#: Another designator of the same name written before it, its word elided or repeated ("type 1 and
#: [type] 2 diabetes"), or after it ("hepatitis B or C"); both names are meant.
DESIGNATOR_BEFORE = re.compile(rf"\b(?P<word>(?i:type|hepatitis))\s+(?P<id>{DESIGNATOR})\s*(?:,|/|and/or|and|or)\s*"
                               r"(?:(?i:type|hepatitis)\s+)?$")
DESIGNATOR_AFTER = re.compile(rf"\s*(?:,|/|and/or|and|or)\s*(?P<id>{DESIGNATOR})(?![\w-])")
#: Two designators before a name that carries neither ("type 1 or 2 diabetes").
TWO_DESIGNATORS = re.compile(rf"\b(?P<word>(?i:type))\s+(?P<first>{DESIGNATOR})\s*(?:,|/|and/or|and|or)\s*"
                             rf"(?P<second>{DESIGNATOR})\s+$")
#: The organ after a disease word ("cancer of the lung", "carcinomas of the head and neck", "cancer in
#: the breast"): up to three lower-case words, the last two may be joined by "and".
#: a histology name's apposition that puts it under an organ's cancer: "adenocarcinoma, the most
#: common type of lung cancer", "small-cell carcinoma, a type of lung cancer" (an abbreviation may
#: stand between: "adenocarcinoma (AC), a form of ...")
KIND_OF_AFTER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?,\s+(?:(?:is|are)\s+)?(?:the\s+(?:(?:second\s+)?most\s+common|commonest|main)"
                           r"\s+|an?\s+(?:(?:rare|common|aggressive|distinct)\s+)?|one\s+)(?:type|form|subtype|kind)\s+of\s+",
                           re.IGNORECASE)
#: the histology heads that name no organ ("adenocarcinoma", "squamous cell carcinoma", "sarcoma")
HISTOLOGY_HEAD = re.compile(r"(?:carcinoma|sarcoma)$", re.IGNORECASE)
SITE_AFTER = re.compile(r"\s+(?:of|in)\s+the\s+(?P<site>[a-z]+(?:\s+(?:and\s+)?[a-z]+){0,2})")
#: "diseases of the bladder or prostate", "disorders of the brain and nervous system": organs after a bare head.
ORGAN_DISEASES = re.compile(r"\b(?:[Dd]iseases?|[Dd]isorders?)\s+of\s+the\s+(?P<site>[a-z]+(?:\s+[a-z]+){0,4})")
ORGAN_LIST = re.compile(r"\s+(?:and|or)\s+(?:the\s+)?")
#: "benign breast tumours": a benign growth, not the cancer that the organ's tumour words name.
BENIGN_BEFORE = re.compile(r"\bbenign\s+$", re.IGNORECASE)
#: "anti-cancer agent", "anti-leukaemia activity": a drug's property, no patient's disease.
ANTI_BEFORE = re.compile(r"\banti-?\s*$", re.IGNORECASE)
#: Heads of multi-word disease names that text also writes in the plural ("autism spectrum
#: disorders", "cerebrovascular accidents"); the matcher is offered that plural too.
PLURAL_HEADS = {"disease": "diseases", "disorder": "disorders", "syndrome": "syndromes", "infection": "infections",
                "cancer": "cancers", "carcinoma": "carcinomas", "tumor": "tumors", "tumour": "tumours",
                "lymphoma": "lymphomas", "neoplasm": "neoplasms", "malformation": "malformations",
                "defect": "defects", "injury": "injuries", "ulcer": "ulcers", "accident": "accidents",
                "allergy": "allergies", "adenoma": "adenomas", "sarcoma": "sarcomas", "cyst": "cysts",
                "polyp": "polyps", "stone": "stones", "wart": "warts", "abscess": "abscesses", "anomaly": "anomalies",
                "fibroid": "fibroids", "disability": "disabilities", "attack": "attacks", "aneurysm": "aneurysms"}
#: plural head -> singular ("carcinomas" -> "carcinoma"), for names written in the plural
SINGULAR_HEADS = {plural: word for word, plural in PLURAL_HEADS.items()}
#: the plural "-s" of an organ word ("tonsils", "kidneys"), kept on short words ("gas")
ORGAN_PLURAL = re.compile(r"(?<=[a-z]{3})s$")
#: The throat organs' nouns, whose cancers DO names by the adjective ("squamous cell carcinoma of the
#: oropharynx" is DO's "oropharyngeal squamous cell carcinoma", "... of the larynx" "laryngeal ..."):
#: "-ynx" -> "-yngeal" (larynx, pharynx, oro-, naso-, hypopharynx).
THROAT_ORGAN = re.compile(r"ynx$")
#: A cell type written before a cancer word that the organ follows ("small cell anaplastic carcinoma of the
#: lung", "small cell cancer of the lung"): with the organ it names DO's "<organ> <cell> carcinoma" ("lung
#: small cell carcinoma"), the cell words being no part of the matched mention. A histological grade word
#: between them ("anaplastic", "undifferentiated") says nothing DO names.
CELL_BEFORE = re.compile(r"(?<![\w-])(?P<cell>(?:non[- ]?)?(?:small|large|squamous|oat)[- ]cell)\s+"
                         r"(?:(?:anaplastic|undifferentiated|poorly\s+differentiated)\s+)?$", re.IGNORECASE)
#: The cancer word opening an organ's cancer mention ("carcinoma of the lung", "cancers of the larynx").
CANCER_OF = re.compile(r"^(?:carcinoma|cancer)s?(?=\s+of\s)", re.IGNORECASE)
#: "HER2 positive breast cancer" is written "HER2-positive" and "HER2+" too.
RECEPTOR_STATUS = re.compile(r"(?<=[A-Za-z0-9]) (positive|negative)\b")
#: "Clostridium difficile colitis" -> "C. difficile colitis": a genus abbreviated to its initial.
GENUS_SPECIES = re.compile(r"^(?P<genus>[A-Z])[a-z]{3,} (?P<species>[a-z]{3,}) (?P<rest>[^0-9]+)$")
#: A word-forming prefix joined by a hyphen, which writers also close up ("post-traumatic", "posttraumatic").
PREFIX_HYPHEN = re.compile(r"\b(post|pre|peri|non|anti|auto|hyper|hypo|intra|extra|inter|sub|trans)-(?=[a-z])",
                           re.IGNORECASE)
#: A numbered type written before a disease word that the NER tags alone ("type 1 diabetic").
TYPE_BEFORE = re.compile(r"\btype\s+(?:[12]|I{1,2})\s+$", re.IGNORECASE)
#: "(DM)" right after a name: a short form being defined.
PAREN_SHORT = re.compile(r"\s*\(\s*(?P<short>[A-Za-z][A-Za-z0-9-]{1,9})\s*[);,]")
#: The head words of one organ's malignancy that trial texts use interchangeably ("pancreatic cancer",
#: "pancreatic carcinoma", "pancreatic adenocarcinoma"), at the end of a lower-case name.
CANCER_HEAD = re.compile(r"(?<= )(?:cancer|carcinoma|adenocarcinoma)$")
#: Grade words a narrower DO name puts before the broader one without naming another population
#: ("major depressive disorder" under "depressive disorder": texts say "depression" for the same patients).
#: Not "severe": "obesity" in a release on "severe obesity" is often the condition at large.
GRADE_WORDS = ("major",)
MEMO_SIZE = 50_000
PREFIXED_WORD = re.compile(r"(?<![A-Za-z0-9])(?:sr|r|rr|a|n|g|c|j)[A-Z][A-Za-z0-9]*(?![A-Za-z0-9])")
ABBR_PREFIX = re.compile(r"^(?:sr|r|rr|a|n|g|c|j)(?=[A-Z])")


@Language.factory("cartmine_diseases", default_config={"ontology_path": None, "use_disease_ner": True,
                                                      "core_only": False, "keep_unlinked": True})
def make_diseases(nlp: Language, name: str, ontology_path: str | None, use_disease_ner: bool,
                  core_only: bool, keep_unlinked: bool) -> DiseaseRecognizer:
    return DiseaseRecognizer(nlp, ontology_path, use_disease_ner, core_only, keep_unlinked)


def canonical_name(text: str) -> str:
    """``norm`` of a disease mention no source can link: lower case, single spaces, no severity words."""
    text = " ".join(text.split())
    return (SEVERITY.sub("", text) or text).lower()


def ner_diseases(doc: Doc) -> list[tuple[int, int, str]]:
    """The NER's Disease entities as (start, end, text), widened over a hyphen-joined first word or a
    numbered type before them ("type 1 diabetic"):
    the model often tags "Jampel syndrome" in "Schwartz-Jampel syndrome"."""
    text = doc_text(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ != "Disease":
            continue
        start = ent.start_char
        if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
            m = re.search(r"[A-Za-z][\w-]*-$", text[max(0, start - 40):start])
            start = start - len(m.group()) if m else start
        else:  # "type 1 diabetic patients": the model tags "diabetic", the type says which diabetes
            m = TYPE_BEFORE.search(text[max(0, start - 12):start])
            start = start - len(m.group()) if m else start
        out.append((start, ent.end_char, text[start:ent.end_char]))
    return out


def shuffled_initials(short: str, long_form: str) -> bool:
    """Whether every letter of ``short`` starts a word of ``long_form`` (any order): DM, myotonic dystrophy."""
    initials = {w[0].lower() for w in re.findall(r"[A-Za-z]+", long_form)}
    letters = [ch.lower() for ch in short if ch.isalpha()]
    has_capital = any(ch.isupper() for ch in short)
    return has_capital and len(letters) >= 2 and all(ch in initials for ch in letters)


#: longest all-word name whose modifiers get hyphenated spellings (longer names are rare in text)
MAX_HYPHEN_WORDS = 5
#: "type 2 diabetes" is also written "type-2 diabetes" (one token): the hyphenated type number.
TYPE_NUMBER = re.compile(r"\b(?P<word>type)\s+(?P<number>\d|I{1,3}|IV)\b", re.IGNORECASE)


def hyphen_variants(term: str) -> list[str]:
    """Spellings of a name that tokenise differently: "ataxia telangiectasia" <-> "ataxia-telangiectasia"."""
    words = term.split(" ")
    out = []
    if len(words) == 2 and all(w.isalpha() for w in words):
        out.append("-".join(words))
    elif 2 < len(words) <= MAX_HYPHEN_WORDS and all(w.isalpha() for w in words):
        # a compound modifier before the head noun is hyphenated as often as not ("primary open-angle
        # glaucoma", "end-stage renal disease"): one pair at a time, never joined to the head
        out.extend(" ".join([*words[:i], f"{words[i]}-{words[i + 1]}", *words[i + 2:]])
                   for i in range(len(words) - 2))
    if re.search(r"[a-z]-[a-z]", term, re.IGNORECASE):
        out.append(re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", term))
    if PREFIX_HYPHEN.search(term):  # "post-traumatic" is also written "posttraumatic"
        out.append(PREFIX_HYPHEN.sub(r"\1", term))
    if TYPE_NUMBER.search(term):
        out.append(TYPE_NUMBER.sub(lambda m: f"{m['word']}-{m['number']}", term))
    if RECEPTOR_STATUS.search(term):
        out.append(RECEPTOR_STATUS.sub(r"-\1", term))
        if " positive" in term:
            out.append(term.replace(" positive", "+", 1))
    genus = GENUS_SPECIES.match(term)
    if genus and not DISEASE_SHAPE.search(genus["species"]):
        out.append(f"{genus['genus']}. {genus['species']} {genus['rest']}")
    return out


#: DO's "<pathogen> infectious disease" names ("human immunodeficiency virus infectious disease")
INFECTIOUS_DISEASE = re.compile(r"^(?P<pathogen>.+?)\s+infectious\s+disease$", re.IGNORECASE)
#: names of infectious diseases that already end in a disease word: no "<name> virus infection" form
INFECTION_NAME_HEAD = re.compile(r"(?:disease|infection|infestation|fever|syndrome|itis|osis|iasis|virus|pox)$",
                                 re.IGNORECASE)


def infection_forms(term: str, infection: bool) -> list[str]:
    """How texts write an infectious disease that DO names by its pathogen.

    Trial texts say "human immunodeficiency virus infection" or "... virus disease" for DO's
    "human immunodeficiency virus infectious disease", and "herpes simplex virus infection" or
    "influenza virus infection" for the diseases DO names after the virus alone ("herpes simplex",
    "influenza"). Without these longer forms the matcher splits such a phrase into the bare name and
    "virus infection" (a second, vaguer disease) or misses it. ``infection`` says whether the term's
    concept is under DO's infectious diseases (the second kind is only generated for those)."""
    named = INFECTIOUS_DISEASE.match(term)
    if named:
        pathogen = named["pathogen"]
        forms = [f"{pathogen} infection", f"{pathogen} infections"]
        if pathogen.lower().endswith("virus"):
            forms.append(f"{pathogen} disease")
        return forms
    words = term.split(" ")
    if infection and len(words) <= 3 and all(w.isalpha() for w in words) and not INFECTION_NAME_HEAD.search(term):
        return [f"{term} virus infection", f"{term} virus infections"]
    return []


def plural_form(term: str) -> str | None:
    """The plural of a multi-word disease name whose head is countable ("autism spectrum disorders")."""
    words = term.split(" ")
    plural = PLURAL_HEADS.get(words[-1].lower()) if len(words) > 1 else None
    return " ".join([*words[:-1], plural]) if plural else None


class DiseaseRecognizer:
    """Find diseases, link them to DOIDs, and honour the document's own abbreviations."""

    def __init__(self, nlp: Language, ontology_path: str | None = None, use_disease_ner: bool = True,
                 core_only: bool = False, keep_unlinked: bool = True) -> None:
        from cartmine.kb.disease_lexicons import DiseaseLexicon
        from cartmine.kb.disease_ontology import DiseaseOntology

        self.ontology = DiseaseOntology.load(ontology_path, core_only=core_only)
        self.lexicon = DiseaseLexicon(self.ontology)
        self.use_disease_ner = use_disease_ner
        self.keep_unlinked = keep_unlinked
        self._memo: dict[str, Concept | None] = {}
        self.senses = other_senses()
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.by_key: dict[str, Concept] = {}
        self.abbreviations: dict[str, Concept] = {}
        lower_patterns, exact_patterns = [], []
        terms = [*self.ontology.terms(), *self.lexicon.match_terms()]
        known = {t.lower() for t, _ in terms}
        for term, concept in terms:
            if not_a_disease(term) or len(term) < 2:
                continue
            bare = SEVERITY.sub("", term)
            if bare != term and bare.lower() in known:
                continue  # "refractory lupus" would swallow "lupus nephritis" in "refractory lupus nephritis"
            if is_abbreviation(term):
                if term not in self.abbreviations:
                    self.abbreviations[term] = concept
                    exact_patterns.append(term)
            else:
                key = term.lower()
                if key not in self.by_key:
                    self.by_key[key] = concept
                    lower_patterns.append(term)
        for term in lower_patterns:
            forms = [term, *(v for v in hyphen_variants(term) if v.lower() not in known)]
            infection = self.ontology.disease_class_of(self.by_key[term.lower()].doid) == "infection"
            forms += [f for f in infection_forms(term, infection) if f.lower() not in known]
            plural = plural_form(term)
            if plural and plural.lower() not in known:
                forms += [plural, *(v for v in hyphen_variants(plural) if v.lower() not in known)]
            self.lower_matcher.add(term.lower(), list(nlp.tokenizer.pipe(forms)))
        for term in exact_patterns:
            self.exact_matcher.add(term, [nlp.make_doc(term)])
        # "asthmatic children", "became anaemic", "asthmatics": adjectives of the one-word names above,
        # and of the irregular nouns that only the lexicon's look-up knows ("depression" is lookup-only
        # in text because of "ST-segment depression", yet "depressed patients" have the disorder)
        rule = adjective_rule()
        looked_up = [(noun, self.lookup(noun)) for noun in rule.irregular if noun not in self.by_key]
        self.adjectives = AdjectiveMatcher(rule, [*self.by_key.items(), *((n, c) for n, c in looked_up if c)])

    def lookup(self, text: str) -> Concept | None:
        """Concept for a surface form found by the NER or an abbreviation's long form (memoised:
        the same names recur across documents, and each look-up tries a dozen variants)."""
        if text in self._memo:
            return self._memo[text]
        if len(self._memo) > MEMO_SIZE:
            self._memo.clear()
        concept = self._memo[text] = self._lookup(text)
        return concept

    def _lookup(self, text: str) -> Concept | None:
        candidates = [text, MODIFIERS.sub("", text)]
        for cand in candidates:
            cand = cand.strip()
            if not cand or not_a_disease(cand):
                continue
            concept = self.by_key.get(cand.lower()) or self.abbreviations.get(cand) or self.lexicon.lookup(cand)
            if concept is not None:
                return concept
        return None

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, Link]] = []
        for matcher, table in ((self.lower_matcher, self.by_key), (self.exact_matcher, self.abbreviations)):
            for match_id, start, end in matcher(doc):
                concept = table.get(doc.vocab.strings[match_id])
                if concept:
                    found.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), concept))
        ner = ner_diseases(doc)
        defined = self._defined_short_forms(doc, found, ner)
        text = doc_text(doc)
        candidates = [c for c in found if text[c[0]:c[1]] not in defined]
        candidates += self._document_abbreviations(doc, defined)
        candidates += [c for c in self._prefixed_abbreviations(doc) if text[c[0]:c[1]] not in defined]
        candidates += list(self.adjectives.find(text))
        candidates += self._compound_adjectives(text)
        candidates += self._organ_diseases(text)
        chosen = self._with_cell_type(text, self._with_site(text, select_longest(candidates)))
        chosen = self._kind_of_organ_cancer(text, chosen)
        if self.use_disease_ner:
            chosen = self._drop_generic(doc, self._add_ner_diseases(ner, chosen, defined, text))
        chosen += self._elided_conjuncts(text, chosen)
        chosen = self._elided_designators(text, chosen)
        chosen = self._one_disease_two_levels(text, chosen)
        for start, end, link in sorted(chosen, key=lambda c: c[0]):
            if (in_boilerplate(doc, start, end) or OUTCOME_TEXT.search(text[start:end])
                    or MOLECULE_AFTER.match(text, end) or RESEMBLANCE_AFTER.match(text, end)
                    or (EFFECT_ADJECTIVE.fullmatch(text, start, end) and EFFECT_DRUGS_AFTER.match(text, end))
                    or NEGATED_BEFORE.search(text, max(0, start - 4), start)
                    or self._in_name(text, start, end)
                    or self.senses.other_sense(text, start, end)):
                continue
            span = char_span(doc, start, end)
            if span is None:
                continue
            if isinstance(link, str):
                add_mention(doc, span, "DISEASE", link, attrs={"linked": False})
                continue
            attrs = {"class": link.is_class, "group": self.ontology.disease_class_of(link.doid)}
            if link.mesh:
                attrs["mesh"] = link.mesh
            add_mention(doc, span, "DISEASE", link.label, kb_id=link.doid, attrs=attrs)
        return doc

    def _add_ner_diseases(self, ner: list[tuple[int, int, str]], chosen: list[tuple[int, int, Link]],
                          defined: dict[str, Link | None], text: str) -> list[tuple[int, int, Link]]:
        """The NER's Disease entities: new where the lexicon found nothing, or a longer span that
        still normalises ("hereditary breast cancer" over "breast cancer")."""
        linked_ids = {c[2].doid for c in chosen if not isinstance(c[2], str)}
        for start, end, ner_text in ner:
            if not_a_disease(ner_text) or ner_text in defined:
                continue
            inside = [c for c in chosen if overlaps((start, end), c[:2])]
            if inside and not all(start <= c[0] and c[1] <= end for c in inside):
                continue
            if inside and COORDINATED.search(ner_text):
                continue  # "colon and breast cancer": the names inside stay, elided conjuncts come later
            if any(c[1] - c[0] == end - start for c in inside):
                continue  # the lexicon found exactly this span
            if self._other_sense(ner_text, text[max(0, start - 60):start]):
                continue
            link = self._ner_link(ner_text, linked_ids)
            if link is None or (inside and (isinstance(link, str) or self._broader(link, inside))):
                continue
            chosen = [c for c in chosen if c not in inside] + [(start, end, link)]
        return chosen

    def _other_sense(self, mention: str, before: str) -> bool:
        """A lookup-only lay term ("depression") used in its physiological sense ("ST segment depression").

        The cue words are the ``scope: proposed`` records of ``disease_senses.yaml``: they keep the
        reach this check has always had on proposed lay terms (30 characters, across "or"/"and"), which
        differs from the final filter's records, so they are checked here and only here."""
        key = normalize_term(MODIFIERS.sub("", mention))
        return key in self.lexicon.lookup_only and self.senses.proposed_other_sense(key, before) is not None

    def _broader(self, concept: Concept, inside: list[tuple[int, int, Link]]) -> bool:
        """Whether ``concept`` is an ancestor of an inner match's concept (then the inner, specific one is kept)."""
        return any(not isinstance(c[2], str) and concept.doid in self.ontology.ancestors(c[2].doid) for c in inside)

    def _drop_generic(self, doc: Doc, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """Bare "tumour(s)" / "neoplasm" (cancer, DOID:162) only where no specific cancer is named:
        next to "gastric adenocarcinoma", "tumour response" is about that cancer, not a second disease.

        Bare class words ("cancer", "lymphoma") stay class diseases where the text uses them on their
        own ("treat cancer", "patients with cancer"), but not where they point back at a named disease
        under that class ("those cancers", "the cancer", "cancer pain", "cancer-related deaths" next to
        "breast cancer"), nor in a drug's property ("anti-cancer agent"). One that relapses ("leukaemia
        relapse") beside a single named disease under it is that disease. A cancer match after "benign"
        ("benign breast tumours") names no cancer at all.
        """
        text = doc_text(doc)
        generic = [c for c in chosen if QUALIFIERS.sub("", text[c[0]:c[1]]).lower() in GENERIC]
        specific = any(not isinstance(c[2], str) and not c[2].is_class and c not in generic
                       and self.ontology.disease_class_of(c[2].doid) in ("cancer", "hematologic cancer")
                       for c in chosen)
        if generic and specific:
            chosen = [c for c in chosen if c not in generic]
        concepts = {c[2].doid: c[2] for c in chosen if not isinstance(c[2], str)}
        linked = set(concepts)
        out = []
        for c in chosen:
            if (not isinstance(c[2], str) and BENIGN_BEFORE.search(text[max(0, c[0] - 8):c[0]])
                    and self.ontology.disease_class_of(c[2].doid) in ("cancer", "hematologic cancer")):
                continue
            if not isinstance(c[2], str) and text[c[0]:c[1]].lower() in CLASS_WORDS:
                before = text[max(0, c[0] - 12):c[0]]
                if ANTI_BEFORE.search(before):
                    continue
                narrower = [d for d in linked if d != c[2].doid and c[2].doid in self.ontology.ancestors(d)]
                if narrower and (ANAPHORIC_BEFORE.search(before) or ATTRIBUTIVE_AFTER.match(text, c[1])):
                    continue
                if RELAPSE_AFTER.match(text, c[1]) and len(narrower) == 1:
                    c = (c[0], c[1], concepts[narrower[0]])
            out.append(c)
        return out

    def _one_disease_two_levels(self, text: str, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """A disease named at two levels is one disease: "myocardial infarction" beside "acute myocardial
        infarction", "hypertension" beside "essential hypertension", "diabetes" beside "type 1 diabetes"
        (gold convention: one entry, both ids). The broader (non-class) concept's mentions take the one
        descendant found in the document whose label contains the broader name, when that descendant
        is named first (the broader word then refers back to it; "asthma ... allergic asthma" may be
        two populations). With two such descendants ("type 1 and type 2 diabetes") it stays, and so does
        a mention with words beyond the broader name ("pseudoexfoliative glaucoma" beside "open-angle
        glaucoma" is another kind the lexicon lacks); a patient adjective ("hypertensive") is relinked.
        Class terms ("cancer") stay: on their own they are diseases of their own (contract)."""
        linked = {c[2].doid: c[2] for c in chosen if not isinstance(c[2], str)}
        if len(linked) < 2:
            return chosen
        first: dict[str, int] = {}
        for start, _, link in chosen:
            if not isinstance(link, str):
                first[link.doid] = min(start, first.get(link.doid, start))
        relink: dict[str, tuple[Concept, set[str]]] = {}
        for doid, broad in linked.items():
            if broad.is_class or broad.label.lower() in CLASS_WORDS:
                continue  # "carcinoma" beside "squamous cell carcinoma": a class word (_class_words)
            broad_names = {_words(n) for n in (broad.label, *broad.synonyms) if " " in n or len(n) > 4}
            narrower = [c for d, c in linked.items() if d != doid and doid in self.ontology.ancestors(d)
                        and any(_contains_words(_words(c.label), b) for b in broad_names)]
            if len(narrower) == 1 and first[narrower[0].doid] < first[doid]:
                relink[doid] = (narrower[0], broad_names)
                continue
            same = [c for d, c in linked.items() if d != doid and doid in self.ontology.ancestors(d)
                    and self._same_population(broad, c)]
            if len(same) == 1:  # in either order: the two names never mean two populations
                relink[doid] = (same[0], set())
        if not relink:
            return self._spectrum_names(chosen)
        out = []
        for s, e, link in chosen:
            if not isinstance(link, str) and link.doid in relink:
                narrow, broad_names = relink[link.doid]
                bare = _words(MODIFIERS.sub("", text[s:e]))
                if not broad_names or " " not in bare or bare in broad_names:  # not "pseudoexfoliative
                    link = narrow  # glaucoma" beside "open-angle glaucoma": another kind the lexicon lacks
            out.append((s, e, link))
        return self._spectrum_names(out)

    @staticmethod
    def _same_population(broad: Concept, narrow: Concept) -> bool:
        """Whether a broader and a narrower DO concept found in one document name one population, in
        whichever order the text names them: an organ's "cancer" and its "carcinoma"/"adenocarcinoma"
        ("oesophageal cancer" ... "oesophageal carcinoma"), or a grade word that the narrower name puts
        before the broader one ("depression" ... "major depressive disorder"). Trial texts use these
        interchangeably for one patient group; "asthma" beside "allergic asthma", "breast cancer"
        beside "triple-negative breast cancer" or "hypertension" beside "pre-eclampsia" stay two."""
        broad_names = {_words(n) for n in (broad.label, *broad.synonyms)}
        narrow_names = {_words(n) for n in (narrow.label, *narrow.synonyms)}
        if {_cancer_head(n) for n in broad_names if " " in n} & {_cancer_head(n) for n in narrow_names if " " in n}:
            return True
        return any(f"{grade} {b}" in narrow_names for b in broad_names for grade in GRADE_WORDS)

    def _spectrum_names(self, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """A disease and the spectrum DO names after it are one population ("autism" beside "autism
        spectrum disorder": gold keeps one entry with both ids): the narrower mentions take the
        spectrum concept, when a name of the spectrum concept is "<narrower name> spectrum ..."."""
        linked = {c[2].doid: c[2] for c in chosen if not isinstance(c[2], str)}
        relink: dict[str, Concept] = {}
        for doid, broad in linked.items():
            names = {_words(n) for n in (broad.label, *broad.synonyms)}
            for d, narrow in linked.items():
                if d == doid or doid not in self.ontology.ancestors(d):
                    continue
                if any(n.startswith(f"{_words(m)} spectrum ") for n in names for m in (narrow.label, *narrow.synonyms)):
                    relink[d] = broad
        return [(s, e, relink[c.doid]) if not isinstance(c, str) and c.doid in relink else (s, e, c)
                for s, e, c in chosen]

    def _elided_conjuncts(self, text: str, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """Diseases whose shared head is written once: "colon and breast cancer", "breast, ovarian, lung and
        colorectal cancers". Each conjunct before a found two-or-more-word name, joined to that name's
        head, is a disease when the lexicon knows the joined name."""
        out: list[tuple[int, int, Link]] = []
        for start, end, link in chosen:
            if isinstance(link, str) or " " not in text[start:end]:
                continue
            m = ELIDED_LIST.search(text, max(0, start - 120), start)
            if m is None:
                continue
            head = text[start:end].split(" ", 1)[1]
            for word in CONJUNCT.finditer(m.group()):
                w_start, w_end = m.start() + word.start(), m.start() + word.end()
                if any(overlaps((w_start, w_end), c[:2]) for c in chosen):
                    continue
                if word.group().lower() in self.senses.procedure_words:
                    continue  # "previous irradiation or bacterial cystitis": a procedure, no kind of cystitis
                concept = self.lookup(f"{word.group()} {head}")
                pair = LIST_ITEM_WORD.search(text, max(0, w_start - 30), w_start) if concept is None else None
                if pair is not None:  # "heart, blood vessel, lung and blood diseases": a two-word conjunct
                    concept = self.lookup(f"{pair['word']} {word.group()} {head}")
                    w_start = pair.start("word") if concept is not None else w_start
                if concept is not None and concept.doid != link.doid and not self._head_only(concept, head):
                    out.append((w_start, w_end, concept))
        return out

    def _head_only(self, concept: Concept, head: str) -> bool:
        """Whether a joined conjunct resolved only to the shared head itself: the look-up fell back from
        an unknown "<word> <head>" to the head ("breastfeeding and childhood leukaemia" -> "breastfeeding
        leukaemia" -> leukaemia; "healthy controls and chronic pancreatitis patients" -> pancreatitis).
        The conjunct is then another noun of the list (an exposure, a comparison group), not a kind of
        the disease; a real elided name is known in full ("breast and ovarian cancer" -> breast cancer)."""
        bare = self.lookup(head)
        return bare is not None and bare.doid == concept.doid

    def _compound_adjectives(self, text: str) -> list[tuple[int, int, Link]]:
        """"peanut-allergic", "opioid-dependent": the phrase with the adjective's noun, when the lexicon
        knows that very name (:func:`cartmine.kb.disease_adjectives.compounds`)."""
        out: list[tuple[int, int, Link]] = []
        for start, end, name in compounds(text, compound_nouns()):
            if any(overlaps((start, end), c[:2]) for c in out):
                continue
            concept = self.by_key.get(name.lower()) or self.lexicon.exact(name)
            if concept is not None and not concept.is_class:
                out.append((start, end, concept))
        return out

    def _organ_diseases(self, text: str) -> list[tuple[int, int, Link]]:
        """"diseases of the bladder or prostate", "disorders of the adrenal gland": each organ's disease
        (DO's "<organ> disease" class terms), when the lexicon knows "<organ> disease" for the organ's
        first one or two words. The bare head ("diseases") names no disease on its own (NOT_DISEASES)."""
        out: list[tuple[int, int, Link]] = []
        for found in ORGAN_DISEASES.finditer(text):
            start, pair = found.start(), []
            for part in ORGAN_LIST.split(found["site"])[:2]:
                offset = found.start("site") + found["site"].index(part) if part else -1
                words = part.split()
                for k in (2, 1):
                    if len(words) < k:
                        continue
                    organ = " ".join(words[:k])
                    concept = self.lookup(f"{organ} disease") or self.lookup(f"{ORGAN_PLURAL.sub('', organ)} disease")
                    if concept is not None and organ not in self.senses.procedure_words:
                        pair.append((min(start, offset), offset + len(organ), concept))
                        break
                start = len(text)
            if len(pair) == 2 and (pair[0][2].doid in self.ontology.ancestors(pair[1][2].doid)
                                   or pair[1][2].doid in self.ontology.ancestors(pair[0][2].doid)):
                continue  # "disorders of the brain and nervous system": a specialty's field, not two diseases
            out += pair
        return out

    def _with_site(self, text: str, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """A disease word followed by its organ ("carcinoma of the lung", "cancers in the breast",
        "squamous cell carcinoma of the oropharynx") names the organ's disease: the mention takes the
        organ in when the lexicon knows the joined name as a narrower concept (the lexicon's "X of the
        Y" -> "Y X" variant) as a narrower concept or one whose name holds the found one's (DO files
        "head and neck squamous cell carcinoma" under the organ, not under squamous cell carcinoma),
        longest organ phrase first. "cancer in the United States" stays "cancer"."""
        out: list[tuple[int, int, Link]] = []
        for start, end, link in chosen:
            site = SITE_AFTER.match(text, end)
            if site is not None and not isinstance(link, str):
                words = site["site"].split()
                for k in range(len(words), 0, -1):
                    if words[k - 1] == "and":
                        continue
                    stop = site.start("site") + len(" ".join(words[:k]))
                    if any(overlaps((end, stop), c[:2]) for c in chosen):
                        continue
                    concept = self._site_concept(text[start:end], " ".join(words[:k]), text[start:stop])
                    if concept is not None and concept.doid != link.doid and (
                            link.doid in self.ontology.ancestors(concept.doid)
                            or _contains_words(_words(concept.label), _words(link.label))):
                        start, end, link = start, stop, concept
                        break
            out.append((start, end, link))
        return out

    def _kind_of_organ_cancer(self, text: str, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """A histology named without its organ, then put under an organ's cancer by apposition
        ("adenocarcinoma, the most common type of lung cancer"), is that organ's histology ("lung
        adenocarcinoma"): the text names the organ once, in the apposition. Only when the lexicon knows
        the joined name as a concept under the organ's cancer whose name holds the histology's (DO files
        "lung adenocarcinoma" under lung cancer, not under adenocarcinoma); "melanoma, an aggressive form of skin
        cancer" stays (no carcinoma or sarcoma head), and so does any histology not so placed."""
        out: list[tuple[int, int, Link]] = []
        for start, end, link in chosen:
            kind_of = KIND_OF_AFTER.match(text, end)
            if kind_of is not None and not isinstance(link, str) and HISTOLOGY_HEAD.search(link.label):
                organ_cancer = next((c for c in chosen if c[0] == kind_of.end() and not isinstance(c[2], str)), None)
                if organ_cancer is not None:
                    organ = " ".join(_words(text[organ_cancer[0]:organ_cancer[1]]).split()[:-1])
                    concept = self.lookup(f"{organ} {text[start:end]}") if organ else None
                    if (concept is not None and concept.doid != link.doid
                            and (link.doid in self.ontology.ancestors(concept.doid)
                                 or _contains_words(_words(concept.label), _words(link.label)))
                            and organ_cancer[2].doid in self.ontology.ancestors(concept.doid)):
                        link = concept
            out.append((start, end, link))
        return out

    def _with_cell_type(self, text: str, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """An organ's cancer written after its cell type ("small cell anaplastic carcinoma of the lung",
        "small cell cancer of the lung") names DO's "<organ> <cell> carcinoma": the mention takes the
        cell words in when the lexicon knows that name as a narrower concept whose label holds them."""
        out: list[tuple[int, int, Link]] = []
        for start, end, link in chosen:
            name = text[start:end]
            cell = CELL_BEFORE.search(text, max(0, start - 40), start)
            if cell is not None and not isinstance(link, str) and CANCER_OF.match(name):
                cell_words = cell["cell"].replace("-", " ").lower()
                concept = self.lookup(f"{cell_words} {CANCER_OF.sub('carcinoma', name)}")
                if (concept is not None and concept.doid != link.doid
                        and link.doid in self.ontology.ancestors(concept.doid)
                        and f" {cell_words} " in f" {_words(concept.label)} "
                        and not any(overlaps((cell.start(), start), c[:2]) for c in chosen)):
                    start, link = cell.start(), concept
            out.append((start, end, link))
        return out

    def _site_concept(self, name: str, site: str, phrase: str) -> Concept | None:
        """The concept of "<name> of the <site>": the phrase as written, then the organ first, then both
        in the singular ("carcinomas of the head and neck", "cancers of the tonsils" -> "tonsil cancer")."""
        head = name.split()[-1]
        name_sg = " ".join([*name.split()[:-1], SINGULAR_HEADS.get(head.lower(), head)])
        site_sg = ORGAN_PLURAL.sub("", site)
        adjective = THROAT_ORGAN.sub("yngeal", site_sg)  # tried first: the noun forms fall back to the head
        first = (f"{adjective} {name_sg}",) if adjective != site_sg else ()
        for cand in (*first, phrase, f"{site} {name}", f"{site_sg} {name_sg}"):
            concept = self.lookup(cand)
            if concept is not None:
                return concept
        return None

    def _elided_designators(self, text: str, chosen: list[tuple[int, int, Link]]) -> list[tuple[int, int, Link]]:
        """Diseases whose names differ only in a type number or letter, written once with the shared
        words: "type 1 and type 2 diabetes", "type 1 or 2 diabetes", "chronic hepatitis B or C". Each
        other designator, put into the found name, is a disease when the lexicon knows that name."""
        out: list[tuple[int, int, Link]] = []
        extra: list[tuple[int, int, Link]] = []
        for start, end, link in chosen:
            if isinstance(link, str):
                out.append((start, end, link))
                continue
            name = text[start:end]
            found = DESIGNATED.match(name)
            if found:
                before = DESIGNATOR_BEFORE.search(text, max(0, start - 30), start)
                if before and before["word"].lower() == found["word"].lower() and found["pre"] == found["word"] + " ":
                    extra.append((before.start(), before.end("id"), self._designated(found, before["id"], link)))
                after = DESIGNATOR_AFTER.match(text, end) if not found["post"] else None
                if after:
                    extra.append((after.start("id"), after.end("id"), self._designated(found, after["id"], link)))
                out.append((start, end, link))
                continue
            two = TWO_DESIGNATORS.search(text, max(0, start - 30), start)
            first = self.lookup(f"{two['word']} {two['first']} {name}") if two else None
            second = self.lookup(f"{two['word']} {two['second']} {name}") if two else None
            if (two and first is not None and second is not None and first.doid != second.doid
                    and not first.is_class and not second.is_class):
                out += [(two.start(), two.end("first"), first), (two.start("second"), end, second)]
            else:
                out.append((start, end, link))
        taken = [c[:2] for c in out]
        for start, end, link in extra:
            if link is not None and not any(overlaps((start, end), t) for t in taken):
                out.append((start, end, link))
                taken.append((start, end))
        return out

    def _designated(self, found: re.Match[str], designator: str, link: Concept) -> Concept | None:
        """The concept of a found designated name with another designator, when it is a different disease."""
        concept = self.lookup(f"{found['pre']}{designator}{found['post'] or ''}")
        if concept is None or concept.is_class or concept.doid == link.doid:
            return None
        return concept

    @staticmethod
    def _in_name(text: str, start: int, end: int) -> bool:
        """Whether a match lies inside a name rather than naming a patient's disease: an instrument,
        an organisation, a title, a journal or a meeting (:data:`NAME_AFTER`, :data:`NAME_BEFORE`), a
        reference's journal abbreviation (:data:`CITATION_AFTER`, :data:`JOURNAL_BEFORE`), the journal a study
        was published in (:data:`PUBLISHED_IN`), a diagnostic manual's title (:data:`MANUAL_BEFORE`), a two-letter short form that is an author's initials or a
        state code (:data:`AUTHOR_NEXT`), or "UC" before a campus (:data:`CAMPUS_AFTER`)."""
        before = text[max(0, start - 80):start]
        if MANUAL_BEFORE.search(before):
            return True
        if not text[start].isupper():
            return False
        if NAME_AFTER.match(text, end) or NAME_BEFORE.search(before):
            return True
        if CITATION_AFTER.match(text, end) or JOURNAL_BEFORE.search(before):
            return True
        if TITLE_WORD.match(text, start) and PUBLISHED_IN.search(before):
            return True
        short = text[start:end]
        if len(short) != 2 or not short.isupper() or not short.isalpha():
            return False
        if short == "UC" and CAMPUS_AFTER.match(text, end):
            return True
        before = text[max(0, start - 40):start]
        if SURNAME_BEFORE.search(before) and (AUTHOR_NEXT.match(text, end) or AUTHOR_BEFORE.search(before)):
            return True
        return short in US_STATES and bool(CITY_BEFORE.search(before)) and not text[end:end + 1].isalnum()

    def _ner_link(self, text: str, linked_ids: set[str]) -> Link | None:
        """Concept of an NER span; its canonical name when nothing links it; None when it is left out."""
        if is_abbreviation(text):
            senses = self.ontology.abbreviation_senses(text)
            if len(senses) > 1:  # undefined and ambiguous: only a full name in the document decides
                hits = senses & linked_ids
                return self.ontology.concept(next(iter(hits))) if len(hits) == 1 else None
            if len(text) <= 3 and text not in self.abbreviations:
                # undefined, short and not one of the curated domain abbreviations ("HD video", "OCD-like"):
                # it means that disease only where the document also names the disease in full
                concept = self.lookup(text)
                return concept if concept is not None and concept.doid in linked_ids else None
        concept = self.lookup(text)
        if concept is not None:
            return concept
        if not self.keep_unlinked or OUTCOME_TEXT.search(text) or not DISEASE_SHAPE.search(text):
            return None
        return canonical_name(text)

    def _defined_short_forms(self, doc: Doc, found: list[tuple[int, int, Link]],
                             ner: list[tuple[int, int, str]]) -> dict[str, Link | None]:
        """Short form -> what its long form means in this document (None: no disease).

        Pairs come from scispacy's detector, plus "NAME (SF)" right after a disease the lexicon or
        the NER found, with SF's letters among the name's initials in any order: the detector's
        Schwartz-Hearst rule wants them in order and misses "myotonic dystrophy (DM)".
        """
        defined: dict[str, Link | None] = {}
        text = doc_text(doc)
        for start, end, link in [*found, *ner]:
            m = PAREN_SHORT.match(text, end)
            if m is None or m["short"] in defined or not shuffled_initials(m["short"], text[start:end]):
                continue
            if everyday_short_form(m["short"]) or OUTCOME_TEXT.search(text[start:m.end()]):
                defined[m["short"]] = None  # "neurotoxicity syndrome (ICANS)" is an outcome
                continue
            if isinstance(link, str):  # an NER entity: its concept, else its name when unlinked ones are kept
                link = self.lookup(link) or (canonical_name(link) if self.keep_unlinked else None)
            link = self._shortest_tail(m["short"], text[start:end]) or link
            if link is not None:
                defined[m["short"]] = link
        occurrences = abbreviation_occurrences(doc)
        ends = {e.end: e for e in doc.ents if e.label_ == "Disease"} if occurrences else {}
        for short, (_, _, long_start, long_end) in occurrences:
            if defined.get(short) is not None:
                continue
            long_form = doc[long_start:long_end]
            if (everyday_short_form(short) or OUTCOME_TEXT.search(long_form.text) or NAMED_BODY.search(long_form.text)
                    or NAME_BEFORE.search(text, max(0, long_form.start_char - 80), long_form.start_char)):
                defined[short] = None
                continue
            link: Link | None = self.lookup(long_form.text)
            ent = ends.get(long_end)
            if (link is None and ent is not None and ent.start >= long_start and self.keep_unlinked
                    and self._names_the_long_form(short, doc[long_start:ent.start].text, ent.text)):
                link = self.lookup(ent.text) or canonical_name(ent.text)
            defined[short] = link
        return defined

    def _shortest_tail(self, short: str, name: str) -> Concept | None:
        """The concept of the shortest tail of ``name`` that ``short`` still abbreviates, when it is not
        the whole name: in "squamous non-small-cell lung cancer (NSCLC)" the short form stands for
        "non-small-cell lung cancer", and the qualifier before it is not part of what it means. A tail with
        fewer words than the short form has letters is too short ("Mediterranean Fever" is no tail that
        "FMF" abbreviates in "Familial Mediterranean Fever (FMF)", though its initials are among the letters)."""
        starts = [w.start() for w in re.finditer(r"[A-Za-z0-9]+", name)]
        letters = sum(ch.isalpha() for ch in short)
        for i in range(len(starts) - 1, 0, -1):
            tail = name[starts[i]:]
            if shuffled_initials(short, tail) and len(starts) - i >= letters:
                return self.lookup(tail)
        return None

    @staticmethod
    def _names_the_long_form(short: str, before: str, disease: str) -> bool:
        """Whether a disease at the end of a short form's long form is what the short form stands for.

        "recurrent tonsillopharyngitis (RTP)": yes, the words before it qualify it. "iron depletion
        without anaemia (IDNA)": no, a relation word ("without", "after", "of") makes the long form
        name something else that merely ends in a disease word -- unless the short form's letters
        are the disease's own initials.
        """
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", before)}
        return not (words & RELATION_WORDS) or shuffled_initials(short, disease)

    @staticmethod
    def _document_abbreviations(doc: Doc, defined: dict[str, Link | None]) -> list[tuple[int, int, Link]]:
        """Every occurrence of a short form the document defines as a disease, linked through its long form."""
        out: list[tuple[int, int, Link]] = []
        for short, link in defined.items():
            if link is None:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", doc_text(doc)):
                out.append((m.start(), m.end(), link))
        return out

    def _prefixed_abbreviations(self, doc: Doc) -> list[tuple[int, int, Concept]]:
        """'srSLE', 'rSLE', 'RRMM'-style abbreviations built on a known one."""
        out = []
        for m in PREFIXED_WORD.finditer(doc_text(doc)):  # a regex over the text: iterating tokens costs more
            text = m.group()
            base = ABBR_PREFIX.sub("", text)
            concept = self.abbreviations.get(base)
            if concept is not None and base != text:
                out.append((m.start(), m.end(), concept))
        return out


def _contains_words(name: str, part: str) -> bool:
    """Whether ``part`` occurs in ``name`` as whole words, and is shorter ("acute myocardial infarction"
    contains "myocardial infarction")."""
    return name != part and f" {part} " in f" {name} "


def _cancer_head(name: str) -> str:
    """A cancer name with its head word made neutral: "stomach carcinoma" and "stomach cancer" agree."""
    return CANCER_HEAD.sub("cancer", name)


def _words(name: str) -> str:
    """Lower-case words of a name, hyphens as spaces ("Type-1 diabetes" -> "type 1 diabetes")."""
    return " ".join(re.sub(r"[-\u2010-\u2015,()']", " ", name.lower()).split())
