"""SPONSOR mentions: companies that develop, make or test a therapy.

Known companies come from ``resources/sponsors.tsv`` (with aliases such as BMS
or J&J); unknown ones are recognised by a corporate suffix ("Foo Therapeutics",
"Bar Biosciences Inc."). Universities, hospitals, regulators and analysts are
not sponsors (``resources/not_sponsors.txt``). Names are normalised without
trailing corporate words, as the contract compares them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from cartmine.contract import CORPORATE_WORDS, sponsor_key
from cartmine.extensions import add_mention, defined_abbreviations, doc_text, in_boilerplate, mention_spans
from cartmine.rules import char_span, load_rules, load_yaml, select_longest, word_list_regex

#: stock exchanges whose listing ("NYSE: ZTX") follows a listed company's name
STOCK_EXCHANGES = r"(?:NYSE|NASDAQ|Nasdaq|TSX|LSE|ASX|AIM|OTC\w*|Euronext|SIX|HKEX|KOSDAQ)"
#: the rules of sponsors.yaml by id
SPONSOR_RULES = {r.id: r for r in load_rules("sponsors.yaml")}
#: the word lists of the same rule file (``lists``)
SPONSOR_LISTS = load_yaml("sponsors.yaml")["lists"]


def _list_regex(name: str, flags: int = 0) -> re.Pattern[str]:
    """Any whole word of the rule file's list ``name``: the word lists stay data in the rule file."""
    return re.compile(rf"\b{word_list_regex(SPONSOR_LISTS[name])}\b", flags)


#: "About Foo Health\nFoo Health is a privately held company": a press release's About section whose first
#: paragraph calls its subject a company names the issuer, the maker of the product it is about
ABOUT_COMPANY_RULE = SPONSOR_RULES["about_section_company"]
ABOUT_COMPANY = re.compile(ABOUT_COMPANY_RULE.regex)
#: a text about a diagnostic study (a test, scanner or imaging system): with no therapy named, its
#: companies make the diagnostic, not a therapy ("Foo Labs' blood test detected ..."); the text must
#: use diagnostic words at least this often, and this many times as often as treatment words
DIAGNOSTIC_SUBJECT_RULE = SPONSOR_RULES["diagnostic_subject"]
DIAGNOSTIC_WORD = re.compile(DIAGNOSTIC_SUBJECT_RULE.regex, re.IGNORECASE)
TREATMENT_WORD = _list_regex("treatment_words", re.IGNORECASE)
#: "About Foo Genomics\nFoo Genomics ... provides genomic diagnostic tests": a company whose About section
#: gives diagnostics as its business; in a text that names no therapy it makes a test, not a therapy
ABOUT_DIAGNOSTIC_RULE = SPONSOR_RULES["about_section_diagnostic_maker"]
ABOUT_DIAGNOSTIC = re.compile(ABOUT_DIAGNOSTIC_RULE.regex)
#: "the Loopclip ( Ardent Surgical , Dayton , OH )": a methods section names a tested product's maker in
#: brackets with its address; the bracket itself is the role cue (the company makes the product)
PARENTHETICAL_MAKER_RULE = SPONSOR_RULES["parenthetical_maker"]
PARENTHETICAL_MAKER = re.compile(PARENTHETICAL_MAKER_RULE.regex)
#: a bracketed maker of no therapy: statistics software, a laboratory kit, an instrument (read in the
#: clause before the bracket and in the name)
BRACKET_TOOL = _list_regex("bracket_tools", re.IGNORECASE)
#: a bracketed name that is a place of care or research ("Karolinska Institutet", "Rigshospitalet")
BRACKET_INSTITUTION = _list_regex("bracket_institutions")
#: how far back the clause before a bracketed maker is read for a tool word
BRACKET_TOOL_REACH = 80
#: what ends the clause before a bracketed maker: a sentence or clause stop, another bracket
BRACKET_CLAUSE_BREAK = re.compile(r"[.;:()]")
DIAGNOSTIC_MIN_WORDS = 10
DIAGNOSTIC_RATIO = 4
#: a person's title (PERSON_TITLES without the full stop), for the regexes that look for one
TITLE_WORDS = r"(?:Dr|Drs|Prof|Professor|Mr|Mrs|Ms)"
CORPORATE_SUFFIX = re.compile(
    r"(?<![\w&])(?P<name>[A-Z][\w&.-]*(?:[ \t]+(?:[A-Z][\w&.-]*|&))*?)"
    # a stock-exchange ticker right after a name marks a listed company ("Zentrix (NASDAQ: ZTX)")
    rf"(?:(?=[ \t]*\({STOCK_EXCHANGES}\b[\w \t]*:)|,?[ \t]+"
    r"(?:Therapeutics|Biotherapeutics|Biosciences|Bioscience|Biotechnology|Biotech|Biopharmaceuticals?|Bio|"
    r"Pharmaceuticals?|Pharma|Laboratories|"
    r"Biologics|Biopharma|Biopharm|Medicines|Oncology|Immunotherapeutics|Cell\s+Therapy|Genomics|"
    # corporate words that any business may carry: such a name needs a role in its sentence
    r"Genetics|Holdings|"
    r"(?:Sciences|Technologies)(?=,?\s+(?:Corporation|Corp|Inc|Ltd|LLC|plc|AG)\b)"
    r"|(?:Corporation|Corp|Inc|Ltd|Limited|LLC|plc|GmbH|AG|S\.A\.|N\.V\.|[Cc]ompany)(?=[\s.,;:)]|$))"
    r"(?:,?\s+(?:Inc|Ltd|AG|SA|SE|plc|GmbH|LLC|Corp|Co)\.?)?(?![\w]))"
    r"(?!\s+for\s+[A-Z])"  # "Easton Laboratories for Neurodegenerative Disease Research": an academic unit
    r"(?!\s+(?:[A-Z][a-z]+\s+)?(?:Agency|Authority|Association|Foundation|Institute|Society|Council|Network|Alliance|Initiative|"
    r"Organi[sz]ation|Consortium|Journal|Conference|Congress|"
    # a unit of a hospital or a cooperative trial group ("Gynaecology Oncology Unit", "Southwest Oncology Group")
    r"Units?|Department|Division|Services?|Section|Ward|Group|Program(?:me)?|Team|Committee|Study|Trials?|"
    r"Consulting|Consultants|Communications)\b)"
)
#: a stock-exchange listing ("LSE/NYSE: GSK", "Nasdaq: CPXX"), which the abbreviation finder may read
#: as a long form of the ticker that follows it
TICKER_LISTING = re.compile(rf"\b{STOCK_EXCHANGES}\b[\w /]*:")
#: "funded by X", "developed by X": a company named as the one behind the study or product, even
#: without a corporate suffix; non-sponsor markers (universities, agencies) still filter it
BACKED_BY = re.compile(
    r"(?:\b(?:[Ff]unded|[Ss]ponsored|[Dd]eveloped|[Mm]anufactured|[Mm]arketed|[Ss]upported|[Ff]inanced|[Pp]rovided)\s+by"
    # a licensee develops the product ("the vaccine was licensed to NewLink Genetics")
    r"|\blicensed\s+(?:it\s+)?to"
    # the FUNDING heading of a structured abstract ("FUNDING Merck & Co.")
    r"|(?<![\w-])FUNDING(?:\s*/\s*SUPPORT)?\s*:?"
    # a parent company ("a subsidiary of X") and a name the text introduces as a drug company
    # ("the biotech company X", "drugmaker X")
    r"|\b(?:subsidiary|division|affiliate)\s+of"
    r"|\b(?:(?:biotech(?:nology)?|pharmaceutical|pharma|biopharmaceutical|biopharma|drug|vaccine|(?:medical[ -])?devices?|medical[ -]technology|medtech)\s+"
    r"(?:company|firm|maker|manufacturer|developer|start-?up)|drug-?makers?|drug\s+makers?))\s+"
    r"(?P<name>(?!The\b)[A-Z][\w&-]*[A-Za-z](?:[ \t]+(?:&[ \t]+)?[A-Z][\w&-]*[A-Za-z]){0,2})(?![\w-]|[ \t]+&?[ \t]*[A-Z]|,[ \t]+[A-Z][\w \t]*?-(?:based|headquartered))"
    # "Ingber and Michael Super", "Diabetes Research and Wellness Foundation": a name that goes on
    # after "and" is a list of people or a longer organisation name, not a company on its own
    r"(?![ \t]+and[ \t]+[A-Z])")
#: "Camurus is a Swedish research-based pharmaceutical company", "Foo, a biotechnology company based in":
#: a name the text itself calls a drug company
DESCRIBED_COMPANY = re.compile(
    r"(?<![\w&.-])(?P<name>(?!The\b|It\b|This\b|Which\b)[A-Z][\w&-]*[A-Za-z](?:[ \t]+[A-Z][\w&-]*[A-Za-z]){0,2}),?[ \t]+"
    r"(?:is[ \t]+|was[ \t]+)?an?[ \t]+(?:[\w-]+[ \t]+){0,3}?"
    r"(?:pharmaceutical|biotechnology|biotech|biopharmaceutical|biopharma|drug|vaccine|cell[ \t]+therapy|gene[ \t]+therapy)"
    r"[ \t]+(?:company|firm|maker|manufacturer|developer)\b")
#: right after a name: an appositive that says it is not a company
NOT_A_COMPANY_APPOSITION = re.compile(
    r"\.?,?\s+an?\s+(?:[\w-]+\s+){0,2}?(?:non-?profit|not-for-profit|charity|charitable|foundation|university|"
    # a diagnostics maker ("Foo Inc., a neurodiagnostic startup company") makes no therapy
    r"hospital|government|public|\w*diagnostics?"
    # a trial's contractor or site, and a payer or pharmacy ("Foo Research, Inc., an independent contract
    # research organization"): it runs, pays for or dispenses the therapy, it does not make it
    r"|contract\s+research|clinical\s+research\s+(?:organi[sz]ation|site|center|centre)|research\s+site|CRO"
    r"|site\s+management|(?:health\s+)?insurer|insurance|health\s+plan|pharmacy|pharmacies)\b", re.IGNORECASE)
#: a publisher, named as such right after the name ("X, Inc., publishers") or as where a journal
#: comes from ("a peer-reviewed journal from X"): it prints the study, it does not test the therapy
PUBLISHER_AFTER = re.compile(r"[\s,]*(?:\(\s*)?publishers?\b", re.IGNORECASE)
PUBLISHER_BEFORE = re.compile(r"\b(?:journals?\s+(?:from|of|by)|published\s+by|publishers?)\s+$", re.IGNORECASE)
#: a name the text calls the maker or supplier of the product ("TherapeuticsMD, the manufacturer of
#: X", "'Foo,' the largest cannabis supplier"): a company behind the therapy even inside a disclosure
MAKER_APPOSITION = re.compile(
    # not the tail of a longer name ("Janssen Research and Development, the manufacturer of X")
    r"(?<![\w&.-])(?<!\band\s)(?<!&\s)[\"\u201c]?(?P<name>(?!The\b|It\b|This\b)[A-Z][\w&-]*[A-Za-z\d](?:[ \t]+[A-Z][\w&-]*[A-Za-z\d]){0,2})"
    r"(?:,[\"\u201d]|[\"\u201d]?,)[ \t]+(?:the[ \t]+(?:[\w-]+[ \t]+){0,4}?"
    r"(?:manufacturer|maker|developer|supplier|producer|distributor)s?\b"
    # without the article only a maker noun and its object ("by Foo Systems, manufacturer of the device"),
    # not "developer", which also describes people ("Jane Roe, developer of the app")
    r"|(?:manufacturer|maker|supplier|producer)s?[ \t]+of\b)")
#: after a backing verb, a second company joined to a known one ("manufactured by Biogen Idec and Elan")
BACKED_BY_SECOND = re.compile(
    r"\b(?:funded|sponsored|developed|manufactured|marketed|supported|financed|produced|co-developed)\s+by\s+"
    r"(?P<first>[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*){0,2})[ \t]+and[ \t]+"
    # one word only: "Pfizer and Bill Gates" goes on to a person
    r"(?P<name>[A-Z][\w&-]*[A-Za-z])(?=\s*[,.;)]|\s+(?:in|for|to)\b)")
#: a product the text tests, then "made/produced/built by X" in the same clause ("the stimulator, made by Foo
#: Neuro, was implanted"): X makes the device or product, the maker the contract counts (device makers of
#: the tested product are sponsors in the team's gold); a test, app or model made by X is filtered later
#: (NON_THERAPY_MADE_BY), and people ("made by Dr. Lee") are dropped as for the backing verbs
MADE_BY = re.compile(
    # the product noun heads the sentence ("The radiotherapy machine, made by"), so that a decision or
    # a setting "made by" a person about a drug is not read ("The decision to stop the drug was made by")
    r"(?:^|(?<=[.;:!?]\s)|(?<=\n))(?:The|A|An|This|These|Its|Each)\s+"
    r"(?:(?!(?:of|to|for|with|in|on|about|and|or)\b)[\w-]+\s+){0,2}?"
    r"(?:devices?|systems?|implants?|stimulators?|machines?|pumps?|stents?|valves?|catheters?|lasers?|robots?|"
    r"products?|drugs?|vaccines?|supplements?|inserts?|patch(?:es)?|balloons?|lens(?:es)?|prosthes[ie]s|instruments?|"
    r"equipment|headsets?|rings?|creams?|gels?|tablets?|capsules?|inhalers?|sprays?|toothpastes?|mouthwash(?:es)?)\b"
    r"(?:\s+\([^()]{0,40}\))?(?:\s*,\s*|\s+)(?:(?:which|that)\s+)?(?:(?:is|was|are|were|has\s+been|have\s+been)\s+)?"
    r"(?:made|produced|built)\s+by\s+"
    r"(?P<name>(?!The\b)[A-Z][\w&-]*[A-Za-z](?:[ \t]+(?:&[ \t]+)?[A-Z][\w&-]*[A-Za-z]){0,2})"
    # a place before a located name ("made by Boston, Massachusetts-based Foo Inc."): the name comes later
    r"(?![\w-]|[ \t]+&?[ \t]*[A-Z]|,[ \t]+[A-Z][\w \t]*?-(?:based|headquartered))(?![ \t]+and[ \t]+[A-Z])")
#: the verbs and heading of funding ("funded by X", "FUNDING X"): charities, foundations, cooperative groups and
#: public programmes fund far more trials of procedures, radiotherapy and talking therapies than companies do
#: ("funded by Movember", "sponsored by NRG Oncology"), so a name found only after them must be a known company,
#: carry an industry word or be named as a company elsewhere in the text (its own candidate)
FUNDER_CUE = re.compile(r"(?:[Ff]unded|[Ss]ponsored|[Ss]upported|[Ff]inanced)\s+by|FUNDING")
#: an industry word in a funder's name ("Radius Health", "STEBA Biotech"); cooperative groups take field words
#: ("Foo Oncology") and research councils take "Health Research", which do not count
FUNDER_INDUSTRY_WORD = re.compile(r"(?i:therap|pharm|bio|laborator|genomic|vaccin|lifescience|immun|medical|"
                                  r"health(?![ \t]+research))")
#: right after a known company's name: its charity or endowment ("the Lundbeck Foundation"), a funder of
#: academic work, not the company
COMPANY_CHARITY_AFTER = re.compile(r"[ \t]+(?:Foundation|Fund|Trust|Endowment|Charitable)\b"
                                   # a programme named with its year ("Horizon 2020"), not the company
                                   r"|[ \t]+(?:19|20)\d\d\b")
#: a possessor right before a therapy the document names ("Quillon's zentumab", "(Foo's new drug
#: Barix)"): the name owns the product, the commonest way news text names a competitor's maker; the
#: gap may hold only lower-case words ("investigational", "drug")
POSSESSOR_BEFORE = re.compile(
    r"(?<![\w&.'’-])(?P<name>[A-Z][\w&-]*[A-Za-z](?:[ \t]+[A-Z][\w&-]*[A-Za-z]){0,2})(?:'s|’s|(?<=s)'|(?<=s)’)"
    r"[ \t]+(?:[a-z][\w-]*[ \t]+){0,3}$")
#: possessors that are places, dates or times, not owners ("America's", "Tuesday's", "Today's")
NON_OWNER_POSSESSORS = frozenset({
    "America", "Britain", "England", "Scotland", "Wales", "Ireland", "Europe", "Canada", "China", "India", "Japan",
    "Australia", "Germany", "France", "Africa", "Israel", "Korea", "Italy", "Spain", "Brazil", "Mexico", "Russia",
    "Sweden", "Switzerland", "Denmark", "Nation", "State", "County", "City", "World", "Today", "Yesterday",
    "Tomorrow", "Year", "Week", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "U.S", "US", "UK", "U.K", "EU", "Company", "Group", "Team"})
#: a possessor that the text also names with a disease head ("Alzheimer's disease"): an eponym
EPONYM_HEAD = r"{name}(?:'s|’s|')?\s+(?:disease|syndrome|disorder|palsy|sarcoma|lymphoma|ulcers?|phenomenon|sign)\b"
#: a person's title before a "name": "developed by Professor Loo's team" names a person
PERSON_TITLES = frozenset({"Dr", "Dr.", "Drs", "Prof", "Prof.", "Professor", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms."})
#: single words that are ordinary adjectives: "Ocular Technologies" keeps its generic word, while
#: "Dynavax Technologies" is reported as "Dynavax"
_ADJECTIVE_NAME = re.compile(r"^[A-Z][a-z]+(?:al|ar|ic|ive|ed)$")
#: right after a known name: an author's initials in a reference list ("Roche F,"), not a legal form
CITED_AUTHOR = re.compile(r"\s+(?!AG\b|SA\b|SE\b|NV\b|BV\b|KG\b|Co\b)[A-Z]{1,2}(?:[,;]|\.(?:\s|$)|$)")
#: right before a name: a person's job, credential or research group and "at/of/from" ("associate director
#: of clinical research at X", "Jane Roe, MD, of Y and the Z"): the name employs an author or a speaker, a
#: role that ties it to no therapy; the brief's "organisations that only employ the authors"
AFFILIATION_BEFORE = re.compile(
    r"(?:\b(?:director|professor|lecturer|researcher|scientist|fellow|investigator|officer|president|vice[ -]president|"
    r"chair(?:man|woman|person)?|head|manager|physician|surgeon|oncologist|author|chief|CEO|CMO|CSO|CTO|founder|"
    r"employee|engineer|specialist|psychologist|nurse|pharmacist|epidemiologist|statistician|student|"
    r"researchers|scientists|investigators|authors|co-?authors|colleagues|physicians|doctors|experts|clinicians)\b"
    r"|\b(?:M\.?D|Ph\.?D|MPH|MBA|RN|FACS|FRCP)\b\.?)"
    r"[^.;:()\"\u201c\u201d]{0,80}?\b(?:at|of|from|with)\s+(?:[^.;:()]{0,60}?(?:,|\band)\s+)?(?:the\s+)?$")
#: right after such a name: a verb that gives it a role after all ("researchers at Foo Pharma, which
#: developed the drug", "a team from Foo Pharma made the implant")
ROLE_AFTER_AFFILIATION = re.compile(
    r"\.?(?:\s*\([^()]{0,40}\))?(?:,?\s+(?:which|that|who)\s+|\s+)(?:[\w-]+\s+){0,3}?"
    r"(?:develop|manufactur|make|made|market|fund|sponsor|suppl|produc|own|licens|invent)\w*\b")
#: sentences about the study's own funding ("This study received funding from X"), which are not
#: personal disclosures
STUDY_FUNDING = re.compile(
    r"\b(?:study|studies|trial|trials|research|work|project)\s+(?:was\s+|were\s+|is\s+|has\s+been\s+)?"
    r"(?:received|receives|funded|supported|sponsored|financed)\b", re.IGNORECASE)
#: a test, device for diagnosis, model or software named right before "produced/developed by X" in the
#: same clause: X makes a diagnostic or a method, not a therapy ("the tests are produced by Foo Inc.",
#: "the PK model was developed by NONMEM")
NON_THERAPY_MADE_BY = re.compile(
    r"\b(?:tests?|assays?|diagnostics?|scanners?|kits?|biomarkers?|software|apps?|algorithms?|models?|"
    r"questionnaires?|scales?|scores?|indices|index)\b[^.;:]{0,60}?\b(?:produced|manufactured|made|developed|"
    r"marketed|sold|supplied|provided|designed|created|licensed|distributed)\s+(?:by|to)\s+$", re.IGNORECASE)
#: a contact block of a press release: a PR agency or investor-relations firm named there is furniture
CONTACT_LABEL = re.compile(
    r"\b(?:contacts?|media|investors?|investor\s+relations|press|public\s+relations)\s*:", re.IGNORECASE)
#: a telephone number or e-mail address right after a name: the name is a contact line
CONTACT_DETAILS_AFTER = re.compile(
    r"[\s,;]{0,6}(?:\+?\(?\d{2,4}\)?[\s.-]?\d{3}[\s.-]?\d{3,4}|[\w.+-]+@[\w-]+\.\w|(?:tel|phone|e-?mail|fax)\b)",
    re.IGNORECASE)
#: the longest line (in words) read as a contact line rather than prose
CONTACT_LINE_WORDS = 8
#: a person's name in the text ("Mark Pimentel, MD", "Dr. Pimentel", "said Pimentel"): a one-word
#: "developed by Pimentel" names that person, not a company; ``{name}`` is filled in per candidate
PERSON_NAME_TEMPLATE = (
    rf"(?:\b{TITLE_WORDS}\.?\s+(?:[A-Z][\w.-]*\s+){{{{0,2}}}}{{name}}\b"
    r"|\b{name},?\s+(?:M\.?D\.?|Ph\.?D\.?|MPH|RN|DO)\b|\b(?:said|says|explained|added|noted)\s+{name}\b"
    r"|\b{name}\s+(?:said|says|explained|added|noted)\b)")
#: a person's title, then up to two names, right before a possessor ("Dr. Kawashima's")
TITLE_BEFORE = re.compile(rf"\b{TITLE_WORDS}\.?\s+(?:[A-Z][\w.-]*\s+){{0,2}}$")
#: work done for a company that is only a role in a study without making or testing its therapy:
#: reading a contact or affiliation line gives no such role, so a company known only by a legal
#: suffix ("Delta Air Lines, Inc.", "Foo Office GmbH") needs one of these words in its sentence
ROLE_CUE = re.compile(
    r"\b(?:develop(?:s|ed|ing|ers?)?|manufactur\w*|market(?:s|ed|ing)?|makes?|made|maker|produc\w*|suppl\w*|provid\w*|fund\w*|"
    r"sponsor\w*|financ\w*|licens\w*|announc\w*|sells?|sold|distribut\w*|drugs?|medicines?|products?|vaccines?|"
    r"devices?|implants?|pharmaceutical\w*|biotech\w*|FDA)\b", re.IGNORECASE)
#: words in a company's own name that say it works on medicines or devices
INDUSTRY_NAME_WORD = re.compile(
    r"(?i:therap|pharm|bio|laborator|medicine|oncolog|genomic|vaccin|health|medical|lifescience|immun|cell)")
#: the last line of a wire press release names its issuer ("SOURCE Foo Ltd.")
SOURCE_LINE = re.compile(r"(?:^|\n)[ \t]*SOURCE[ \t]+$")
#: a given name before a one-word company name that is also a surname, as an item of a list of people
#: ("Judy Wang, Ellen Lilly, and Tom Brown"): the person, not the company
GIVEN_NAME_BEFORE = re.compile(r"(?:^|[,;:]\s*|\band\s+|\n)(?P<given>[A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+$")
LIST_ITEM_END = re.compile(r"\s*(?:[,;)]|and\b|\.(?:\s|$)|$)")
#: the heading of a press release's legal section on forward-looking statements: companies named there
#: (acquisitions, partners, competitors among business risks) are no one's sponsor for that reason
FORWARD_LOOKING_HEADING = re.compile(
    r"(?im)^[ \t]*[^\n.]{0,60}(?:forward[- ]looking[ \t]+statements?|safe[ \t]+harbou?r[ \t]+statement)[^\n.]{0,30}:?[ \t]*$")
#: plain substrings one of which every such heading holds (a cheap test before the scan)
LEGAL_SECTION_KEYS = ("ooking statement", "ooking Statement", "OOKING STATEMENT", "arbor", "ARBOR", "arbour")
#: the line that ends such a section: the next press-release heading or the issuer line
SECTION_END = re.compile(r"(?m)^[ \t]*(?:About[ \t]|SOURCE\b|Contacts?\b|Media\b|Investors?\b|###)")
#: "a"/"an" right before a name: "a Gilead company" names the parent company
A_BEFORE = re.compile(r"\ban?\s+$")
#: a nationality adjective ("a Swiss company", "an Israeli company"), not a company's name
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ish|ese|ian|ean|can|ch|ss|i|an)$")
#: after a FUNDING heading's name: the end of the name list
FUNDER_LIST_END = re.compile(r"\s*(?:[,.;(\n]|$|and\b)")
#: trailing words a company name is reported without, beyond the contract's own corporate words
EXTRA_TRAILING_WORDS = frozenset({"Technologies", "Technology", "Corp", "Corp.", "Corporation", "Company", "Inc", "Inc.",
                                  "Ltd", "Ltd.", "Limited", "LLC", "plc", "GmbH", "AG", "S.A.", "N.V.", "Co", "Co.",
                                  # Nordic, Italian and Dutch legal forms ("Nobel Biocare AB", "Foo S.p.A.")
                                  "AB", "A/S", "S.p.A.", "SpA", "B.V.", "BV"})
#: leading words that describe a company without being its name ("Philadelphia-based", journals)
DESCRIPTOR = re.compile(r"^(?:[\w.-]+-(?:based|headquartered|listed)|Nature|Science|Cell|Lancet|Journal|JAMA|BMJ|NEJM|Annals)$")
#: capitalised function words: inside a name they mark a title-case headline
TITLE_FUNCTION_WORDS = frozenset({"With", "For", "And", "Of", "In", "On", "At", "To", "From", "By", "The", "Into", "Without"})
#: words after a known company's name that name one of its divisions
DIVISION_WORDS = frozenset({"Research", "and", "&", "Development", "Pharmaceuticals", "Pharmaceutical", "Pharma",
                            "Healthcare", "HealthCare", "Health", "Consumer", "Vaccines", "Diagnostics", "Oncology",
                            "Biologics", "Medical", "US", "USA", "Inc", "Inc.", "Corporation", "Corp.", "LLC"})
STOPWORDS = {"The", "A", "An", "In", "At", "For", "And", "Of", "By", "With", "From", "On", "To", "As", "Its",
             "SOURCE", "Source", "Contact", "CONTACT", "About", "ABOUT",  # press-release furniture ("SOURCE Foo Inc.")
             # abstract section headings run into the next sentence ("CONCLUSION Limited incision ...")
             "BACKGROUND", "OBJECTIVE", "OBJECTIVES", "PURPOSE", "AIM", "AIMS", "CONTEXT", "DESIGN", "SETTING",
             "METHODS", "METHOD", "PATIENTS", "PARTICIPANTS", "INTERVENTION", "INTERVENTIONS", "MEASUREMENTS",
             "RESULTS", "FINDINGS", "CONCLUSION", "CONCLUSIONS", "INTERPRETATION", "DISCUSSION", "SUMMARY",
             "Dr", "Drs", "Prof", "Professor", "Mr", "Mrs", "Ms"}  # people ("developed by Dr. Lee")
#: field and place words: a "name" made only of them before a corporate-looking suffix is a
#: discipline, journal, department or public body ("Clinical Oncology", "Experimental
#: Therapeutics", "U.K. Medicines"), not a company
GENERIC_NAME_WORDS = frozenset({
    "Clinical", "Medical", "Radiation", "Surgical", "Pediatric", "Paediatric", "Gynecologic", "Gynecological",
    "Experimental", "Practical", "Translational", "Molecular", "Human", "Cancer", "Cell", "Mobile", "Applied",
    "Integrative", "Comparative", "Precision", "Veterinary", "Regenerative", "Genetic", "Biological", "Orthopaedic",
    "Orthopedic", "European", "American", "International", "National", "Global", "U.K.", "UK", "U.S.", "US", "EU"})
#: a personal disclosure before a company name in its sentence ("He is a consultant for X",
#: "receives funding from X to perform biomarker studies"): the contract's sponsors develop, make
#: or test the therapy, so a company named only in such a sentence is not one
DISCLOSURE = re.compile(
    r"\b(?:(?:is|are|was|were|has\s+been|have\s+been|serves?\s+as)\s+(?:a\s+|an\s+)?(?:paid\s+)?"
    r"(?:consultants?|advisers?|advisors?|employees?|shareholders?|stockholders?|speakers?)\b"
    r"|(?:receives?|received|receiving|reports?|reported|declares?|disclosed?)\s+(?:personal\s+|consulting\s+|speaker\s+)?"
    r"(?:fees|honoraria|grants?|funding|research\s+(?:funding|support)|stock|equity)\b"
    r"|(?:working|serving|acting|acted|served|works|serves)\s+as\s+(?:a\s+|an\s+)?(?:paid\s+)?(?:consultant|adviser|advisor|employee|speaker)"
    r"|being\s+(?:a\s+|an\s+)?(?:former\s+)?(?:employees?|consultants?|shareholders?)\b|employees?\s+of\b"
    r"|(?:receives?|received|receiving|has\s+received)\s+(?:additional\s+|other\s+|personal\s+)?(?:research\s+)?(?:fees|funding|grants?|support)\s+from"
    r"|stock\s+ownership|owns?\s+stock|board\s+of\s+directors|scientific\s+advisory"
    # "reports nonfinancial support and reimbursement for travel from X", "disclose a financial relationship with X"
    r"|reports?\s+(?:[\w-]+\s+){0,3}(?:support|fees|grants?|honoraria|reimbursements?|payments?)\b"
    r"|reimburse\w*\s+for\s+travel|travel\s+(?:support|grants?|fees|expenses)"
    r"|(?:disclose[sd]?|reports?|reported|declares?|declared|has|have)\s+(?:a\s+|an\s+)?(?:financial|personal|consulting)\s+"
    r"(?:relationships?|interests?|ties)|\bCOI\b"
    r"|consults?\s+for|advisory\s+boards?|competing\s+interests?|conflicts?\s+of\s+interest)",
    re.IGNORECASE)


@Language.factory("cartmine_sponsors", default_config={"guess_unknown": True})
def make_sponsors(nlp: Language, name: str, guess_unknown: bool) -> SponsorRecognizer:
    return SponsorRecognizer(nlp, guess_unknown)


def _short_name(name: str) -> str:
    """A company name without trailing legal and generic corporate words ("Dynavax Technologies
    Corp." -> "Dynavax"), keeping at least one word."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1] in EXTRA_TRAILING_WORDS:
        if len(words) == 2 and words[-1].startswith("Technolog") and _ADJECTIVE_NAME.match(words[0]):
            break
        words.pop()
    return " ".join(words)


def _about_sections(pattern: re.Pattern[str], rule_id: str, text: str, fired: set[str] | None) -> list[re.Match[str]]:
    """The matches of an About-section rule; ``fired`` collects its id when one matches."""
    if "About" not in text:
        return []  # most documents have no About section: no scan
    found = list(pattern.finditer(text))
    if found and fired is not None:
        fired.add(rule_id)
    return found


def _on_source_line(text: str, start: int) -> bool:
    """Whether a name at ``start`` follows "SOURCE" at the start of its line: the issuer of a wire
    press release ("SOURCE Foo Ltd."), a business."""
    line_start = text.rfind("\n", 0, start) + 1
    return SOURCE_LINE.search(text, max(0, line_start - 1), start) is not None


def _division_head(words: list[str], find: Callable[[str], str | None]) -> str | None:
    """The longest head of ``words`` that ``find`` knows, followed only by division words ("Janssen
    Research and Development", "Johnson and Johnson Pharmaceutical Research"): what ``find`` gives
    for it, or None."""
    for i in range(len(words) - 1, 0, -1):
        head = find(" ".join(words[:i]))
        if head is not None and all(w in DIVISION_WORDS for w in words[i:]):
            return head
    return None


class SponsorRecognizer:
    """Find company names and normalise them."""

    def __init__(self, nlp: Language, guess_unknown: bool = True) -> None:
        from cartmine.kb.sponsors import SponsorKB

        self.kb = SponsorKB.load()
        self.guess_unknown = guess_unknown
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.canonical: dict[str, str] = {}
        for surface, canonical in self.kb.surface_forms():
            if surface in self.canonical:
                continue
            self.canonical[surface] = canonical
            self.matcher.add(surface, [nlp.make_doc(surface)])

    def _unknown_company(self, m: re.Match[str]) -> tuple[int, int, str] | None:
        """(start, end, name) for a "Name + corporate suffix" match, trimmed of leading
        descriptors; the knowledge base's spelling wins when it knows the company."""
        words = m.group("name").split()
        # "... Human Services. Regeneron Pharmaceutical": a name starts after a sentence's full stop
        ended = [i for i, w in enumerate(words) if w.endswith(".") and len(w.rstrip(".")) > 3]
        if ended:
            words = words[ended[-1] + 1:]
        # "Intervention for Children With Limited Vocabularies": a capitalised function word
        # inside the name is a title-case headline, not a company
        if any(w in TITLE_FUNCTION_WORDS for w in words[1:]):
            return None
        # "Radiological Society of North America, Inc.": the tail of a longer "X of Y" name
        if re.search(r"[\w,]\s+[A-Z][\w&-]*\s+of\s+(?:the\s+)?$", m.string[max(0, m.start("name") - 40):m.start("name")]):
            return None
        # "New York, New York-based Foo Pharmaceuticals": drop everything up to the descriptor
        described = [i for i, w in enumerate(words) if DESCRIPTOR.match(w)]
        # ... unless only corporate words would be left: "Kestrel Cell Therapeutics" is a name,
        # not the journal Cell before a company called "Therapeutics"
        if described and not all(w.lower().strip(",.") in CORPORATE_WORDS for w in words[described[-1] + 1:]):
            words = words[described[-1] + 1:]
        if m.re in (BACKED_BY, MADE_BY) and words and words[0].rstrip(".") in {t.rstrip(".") for t in PERSON_TITLES}:
            return None  # "developed by Professor Loo's team": a person
        if m.re is CORPORATE_SUFFIX and m.group(0).endswith("company"):
            # lower-case "company" names a parent only as "a Gilead company", never "a Swiss company"
            if not A_BEFORE.search(m.string, max(0, m.start("name") - 4), m.start("name")):
                return None
            if len(words) == 1 and self.kb.lookup(words[0]) is None and DEMONYM.match(words[0]):
                return None
        if m.re is not CORPORATE_SUFFIX and len(words) == 1 and self._joins_known(words[0]):
            return None  # "developed by Genentech-Roche": two known companies, each found on its own
        if m.re is BACKED_BY and m.group(0).startswith("FUNDING") and not FUNDER_LIST_END.match(m.string, m.end()):
            return None  # "FUNDING Research grant (Pfizer)": the heading runs into a phrase, not a name
        if (m.re in (BACKED_BY, MADE_BY) and len(words) == 1 and self.kb.lookup(words[0]) is None
                and re.search(PERSON_NAME_TEMPLATE.format(name=re.escape(words[0])), m.string)):
            return None  # "the tests, developed by Pimentel" where the text calls him "Mark Pimentel, MD"
        while words and (words[0] in STOPWORDS or DESCRIPTOR.match(words[0])):
            words.pop(0)
        # "developed by IceCure Medical", "made by Foo Surgical": after a role cue, a coined name before
        # "Medical" or "Surgical" is a company
        coined_medical = (m.re is not CORPORATE_SUFFIX and len(words) >= 2 and words[-1] in ("Medical", "Surgical")
                          and words[0] not in GENERIC_NAME_WORDS)
        # "Gamida Cell Ltd.", "Halcyon Cell Therapeutics": a coined word before "Cell" names a cell-therapy
        # company ("Human Cell Therapy", "Molecular Cell" stay generic: every word is)
        coined_cell = len(words) >= 2 and words[-1] == "Cell" and words[0] not in GENERIC_NAME_WORDS
        if (not words or all(w in GENERIC_NAME_WORDS for w in words)
                or (words[-1] in GENERIC_NAME_WORDS and not (coined_medical or coined_cell))):
            return None  # "Genitourinary Medical Oncology": a department, not a company
        # "QuantumLeap Healthcare Collaborative, a non-profit foundation": described as not a company
        if NOT_A_COMPANY_APPOSITION.match(m.string, m.end()):
            return None
        # "Johnson and Johnson Pharmaceutical Research": a known name that "and" splits
        lo = max(0, m.start("name") - 30)
        joined = re.search(r"([A-Z][\w&-]*)\s+and\s+$", m.string[lo:m.start("name")])
        if joined:
            for k in range(len(words), 0, -1):
                known = self.kb.lookup(f"{joined.group(1)} and {' '.join(words[:k])}")
                if known is not None:
                    return lo + joined.start(1), m.end(), known
        # "East Hanover, NJ Novartis Pharmaceuticals": the longest known company the words end with
        for i in range(1, len(words)):
            tail = self.kb.lookup(" ".join(words[i:]))
            if tail is not None:
                words = words[i:]
                break
        start = m.start("name") + m.group("name").find(words[0])
        # a name the text describes ("Foo is a drug company") ends with the name itself
        end = (m.end("name") if m.re in (DESCRIBED_COMPANY, MAKER_APPOSITION, BACKED_BY_SECOND, ABOUT_COMPANY,
                                         PARENTHETICAL_MAKER) else m.end())
        if m.re is CORPORATE_SUFFIX and m.group(0).endswith("company"):
            end = m.end("name")  # "a Gilead company": the parent's name alone
        text = m.string[start:end].strip()
        known = self.kb.lookup(text) or self.kb.lookup(" ".join(words)) or self._known_division(words)
        short = _short_name(text)
        if m.re is PARENTHETICAL_MAKER and short != text and m.string[:m.start()].rstrip().endswith(short):
            # "NovaMin ( NovaMin Technology , ...)": shortened, the maker's name would be its product's
            short = text
        return start, end, known or short

    @staticmethod
    def _forward_looking_sections(text: str) -> list[tuple[int, int]]:
        """Character ranges of a press release's forward-looking-statements sections, from the
        heading to the next heading ("About", "SOURCE", contacts) or the end of the text."""
        sections: list[tuple[int, int]] = []
        if not any(k in text for k in LEGAL_SECTION_KEYS):
            return sections  # most documents have no such section: no scan
        for m in FORWARD_LOOKING_HEADING.finditer(text):
            end = SECTION_END.search(text, m.end())
            sections.append((m.start(), end.start() if end else len(text)))
        return sections

    def _person_in_list(self, text: str, start: int, end: int) -> bool:
        """"Judy Wang, Ellen Lilly, and Tom Brown": a one-word company name after a given name, as an
        item of a list, is a person's surname; "Swiss Roche" or "funded by NIH, Pfizer" are not."""
        given = GIVEN_NAME_BEFORE.search(text, max(0, start - 40), start)
        if given is None or not LIST_ITEM_END.match(text, end):
            return False
        word = given.group("given")
        return not (word in STOPWORDS or word in GENERIC_NAME_WORDS or DEMONYM.match(word)
                    or self.kb.lookup(word) is not None or self.kb.is_non_sponsor(word))

    def _possessors(self, doc: Doc, text: str) -> list[tuple[int, int, tuple[str, bool]]]:
        """Companies named as a possessor right before a therapy mention ("Quillon's zentumab"): the
        text ties the name to a product it discusses, the role the contract asks of a sponsor.
        People ("Dr. Lee's regimen"), places, dates, institutions and disease eponyms are not owners."""
        found: list[tuple[int, int, tuple[str, bool]]] = []
        diseases = mention_spans(doc, "DISEASE")
        therapies = mention_spans(doc, "THERAPY")
        for therapy in therapies:
            lo = max(0, therapy.start_char - 80)
            m = POSSESSOR_BEFORE.search(text, lo, therapy.start_char)
            if m is None:
                continue
            words = m.group("name").split()
            while words and words[0] in STOPWORDS:
                words.pop(0)
            if not words or words[-1] in NON_OWNER_POSSESSORS or all(w in GENERIC_NAME_WORDS for w in words):
                continue
            start = m.start("name") + m.group("name").find(words[0])
            end = m.end("name")
            name = text[start:end]
            if TITLE_BEFORE.search(text[max(0, start - 40):start]):
                continue  # "Dr. Kawashima's Brain Training": a person's method
            known = self.kb.lookup(name)
            if known is None:
                escaped = re.escape(words[-1])
                if (re.search(PERSON_NAME_TEMPLATE.format(name=escaped), text)
                        or re.search(EPONYM_HEAD.format(name=re.escape(name)), text, re.IGNORECASE)):
                    continue
                # the possessor is itself a therapy or a disease ("Avastin's rival", "Crohn's")
                if any(s.start_char < end and start < s.end_char for s in (*diseases, *therapies)):
                    continue
            found.append((start, end, (known or _short_name(name), True)))
        return found

    def _unproven_funder(self, m: re.Match[str], candidate: tuple[int, int, str]) -> bool:
        """Whether a name found only after a funding verb is no known company and carries no industry
        word ("funded by Movember", "supported by NRG Oncology"): most such funders are charities,
        cooperative groups or public programmes; a company among them is found by its other names."""
        if not FUNDER_CUE.match(m.group(0)):
            return False
        name = m.string[candidate[0]:candidate[1]]
        if any(_on_source_line(m.string, use.start()) for use in re.finditer(rf"{re.escape(name)}\b", m.string)):
            return False  # "SOURCE Foo Life": the wire release's issuer, a business
        return (self.kb.lookup(name) is None and self.kb.lookup(candidate[2]) is None
                and FUNDER_INDUSTRY_WORD.search(name) is None)

    def _written_form(self, text: str) -> str | None:
        """The other name a company went by, as the text writes it, alone or before its division words
        ("Johnson and Johnson Pharmaceutical Research and Development" -> "Johnson and Johnson")."""
        if text in self.kb.as_written:
            return text
        return _division_head(text.split(), lambda head: head if head in self.kb.as_written else None)

    def _joins_known(self, word: str) -> bool:
        """"Genentech-Roche", "Roche/Genentech": known companies joined into one word, which the
        company matcher reports one by one; a hyphenated known name ("Bristol-Myers") is not split."""
        parts = [p for p in re.split(r"[-/]", word) if p]
        return (len(parts) > 1 and self.kb.lookup(word) is None
                and all(self.kb.lookup(p) is not None for p in parts))

    def _known_division(self, words: list[str]) -> str | None:
        """A known company followed only by division words ("Janssen Research and Development",
        "Bayer HealthCare Pharmaceuticals") is that company."""
        return _division_head(words, self.kb.lookup)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        no_therapy = not mention_spans(doc, "THERAPY")
        if no_therapy and self.diagnostic_subject(text):
            return doc  # a diagnostic study: its companies make a test or scanner, not a therapy
        # with no therapy named, a company whose About section gives diagnostics as its business
        test_makers = {sponsor_key(m.group("name")) for m in self.about_diagnostic_makers(text)} if no_therapy else set()
        # "bare-metal stent (BMS)": a short form the text defines as something else is not the company,
        # nor is its singular when the text defines a plural ("bare-metal stents (BMSs)")
        other_meaning: set[str] = set()
        for short, long_form in defined_abbreviations(doc):
            # "GSK (LSE/NYSE: GSK)": a stock listing in brackets repeats the name, it defines nothing else
            if TICKER_LISTING.search(long_form):
                continue
            if self.kb.lookup(long_form) is None:
                other_meaning.update((short, short[:-1]) if short.endswith("s") and len(short) > 2 else (short,))
        # (start, end, (canonical, strong)): strong = a known company, a name found by a role cue
        # (backing verb, maker appositive, description, stock ticker) or one with an industry word
        candidates: list[tuple[int, int, tuple[str, bool]]] = []
        makers: set[str] = set()  # names the text calls a product's maker or supplier
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            if span.text in other_meaning:
                continue
            if span.text.isupper() and len(span.text) <= 4 and re.search(rf"\b{re.escape(span.text)}s\b", text):
                continue  # "stents (BMSs)": a short form the text also puts in the plural is a common noun
            if CITED_AUTHOR.match(text, span.end_char):
                continue  # "Hupin D, Roche F, Gremeaux V": a surname in a reference list
            if len(span) == 1 and self._person_in_list(text, span.start_char, span.end_char):
                continue
            candidates.append((span.start_char, span.end_char, (self.canonical[doc.vocab.strings[match_id]], True)))
        if self.guess_unknown:
            for pattern in (CORPORATE_SUFFIX, BACKED_BY, DESCRIBED_COMPANY, MAKER_APPOSITION, MADE_BY, PARENTHETICAL_MAKER):
                for m in (self.parenthetical_makers(text) if pattern is PARENTHETICAL_MAKER else pattern.finditer(text)):
                    candidate = self._unknown_company(m)
                    if candidate is not None and pattern is BACKED_BY and self._unproven_funder(m, candidate):
                        continue  # "funded by Movember": a charity or public funder, not a company
                    if candidate is not None:
                        candidates.append((candidate[0], candidate[1], (candidate[2], self._strong(m, candidate))))
                        if pattern is MAKER_APPOSITION:
                            makers.add(candidate[2])
            for m in BACKED_BY_SECOND.finditer(text):
                first = m.group("first").split()
                if m.group("name") in DIVISION_WORDS or m.group("name") in GENERIC_NAME_WORDS:
                    continue  # "Janssen Research and Development": one name
                if any(self.kb.lookup(" ".join(first[:k])) is not None for k in range(len(first), 0, -1)):
                    candidate = self._unknown_company(m)
                    if candidate is not None:
                        candidates.append((candidate[0], candidate[1], (candidate[2], True)))
            candidates.extend(self._possessors(doc, text))
            about = self.about_companies(text)
            # the name the rest of the text gives the same company ("Foo Pharmaceuticals, Inc." for "About Foo")
            names = {sponsor_key(c[2][0]): c[2][0] for c in candidates} if about else {}
            for m in about:
                candidate = self._unknown_company(m)
                if candidate is not None:
                    name = names.get(sponsor_key(candidate[2]), candidate[2])
                    # first, so that it wins over the same name found only by its legal suffix
                    candidates.insert(0, (candidate[0], candidate[1], (name, True)))
        institutions = self._institution_short_forms(doc)
        legal = self._forward_looking_sections(text)
        kept: list[tuple[Span, str, bool]] = []
        employers: dict[str, bool] = {}  # name -> whether every mention of it is an author's affiliation
        supported: set[str] = set()  # names with a strong mention or a role cue in a mention's sentence
        non_therapy_makers: set[str] = set()  # names the text ties to a test, model or software it makes
        for start, end, (canonical, strong) in select_longest(candidates):
            if self.kb.is_non_sponsor(text[start:end]) or self._furniture(doc, text, start, end):
                continue
            if COMPANY_CHARITY_AFTER.match(text, end):
                continue  # "the Lundbeck Foundation": a company's charity funds academic work; "Horizon 2020"
            if any(lo <= start < hi for lo, hi in legal):
                continue  # "... Shire's acquisition of Foo Corp. may adversely affect": a business risk
            if text[start:end].split()[0] in institutions:
                continue  # "MGH Immunobiology Laboratories": a laboratory of a hospital defined as MGH
            if PUBLISHER_AFTER.match(text, end) or PUBLISHER_BEFORE.search(text[max(0, start - 30):start]):
                continue  # "a journal from Foo, Inc., publishers"
            span = char_span(doc, start, end)
            if span is not None:
                before = text[span.sent.start_char:start]
                disclosed = DISCLOSURE.search(before) is not None and STUDY_FUNDING.search(before) is None
                kept.append((span, canonical, disclosed))
                affiliation = (AFFILIATION_BEFORE.search(before[-160:]) is not None
                               and ROLE_AFTER_AFFILIATION.match(text, end) is None)
                employers[canonical] = employers.get(canonical, True) and affiliation
                if NON_THERAPY_MADE_BY.search(before[-90:]):
                    non_therapy_makers.add(canonical)
                # the cue is looked for around the name, not in it ("Foo Development, LLC")
                if strong or ROLE_CUE.search(before) or ROLE_CUE.search(text, end, span.sent.end_char):
                    supported.add(canonical)
        # a company named only in disclosure sentences is dropped; named elsewhere too, it stays
        undisclosed = {canonical for _, canonical, disclosed in kept if not disclosed} | makers
        # a company the text calls by another name it went by ("GlaxoSmithKline") is reported so,
        # every mention of it alike
        reported: dict[str, str] = {}
        for span, canonical, _ in kept:
            written = self._written_form(span.text)
            if written is not None:
                reported.setdefault(canonical, written)
        for span, canonical, disclosed in kept:
            if canonical in non_therapy_makers and canonical not in makers:
                continue
            if sponsor_key(canonical) in test_makers:
                continue
            if employers.get(canonical) and canonical not in makers:
                continue  # "Jane Roe, director of research at Foo Therapeutics": an author's employer only
            if canonical in supported and (not disclosed or canonical in undisclosed):
                add_mention(doc, span, "SPONSOR", reported.get(canonical, canonical))
        return doc

    @staticmethod
    def about_companies(text: str, fired: set[str] | None = None) -> list[re.Match[str]]:
        """Press-release About sections whose first paragraph calls their subject a company ("About
        Foo Health\nFoo Health is a privately held company ..."): the issuer, which makes the product;
        ``fired`` collects the rule id (the rule-example tests read it)."""
        return _about_sections(ABOUT_COMPANY, ABOUT_COMPANY_RULE.id, text, fired)

    @staticmethod
    def about_diagnostic_makers(text: str, fired: set[str] | None = None) -> list[re.Match[str]]:
        """Press-release About sections whose first paragraph gives diagnostic tests or products as
        the company's business ("About Foo\nFoo is a provider of genomic diagnostic tests"): that
        company makes a test; ``fired`` collects the rule id (the rule-example tests read it)."""
        return _about_sections(ABOUT_DIAGNOSTIC, ABOUT_DIAGNOSTIC_RULE.id, text, fired)

    @staticmethod
    def parenthetical_makers(text: str, fired: set[str] | None = None) -> list[re.Match[str]]:
        """Makers named in brackets with their address after a product ("the Loopclip ( Ardent Surgical ,
        Dayton , OH )"), the methods-section way of saying who makes what was tested; ``fired``
        collects the rule id (the rule-example tests read it)."""
        if "(" not in text:
            return []
        found: list[re.Match[str]] = []
        for m in PARENTHETICAL_MAKER.finditer(text):
            clause = BRACKET_CLAUSE_BREAK.split(text[max(0, m.start() - BRACKET_TOOL_REACH):m.start()])[-1]
            name = m.group("name")
            if not (BRACKET_TOOL.search(clause) or BRACKET_TOOL.search(name) or BRACKET_INSTITUTION.search(name)):
                found.append(m)
        if found and fired is not None:
            fired.add(PARENTHETICAL_MAKER_RULE.id)
        return found

    @staticmethod
    def diagnostic_subject(text: str, fired: set[str] | None = None) -> bool:
        """Whether a text speaks of tests, scans and diagnoses far more than of treatment (many
        diagnostic words, DIAGNOSTIC_RATIO times the treatment words): a report of a diagnostic
        study; ``fired`` collects the rule id (the rule-example tests read it)."""
        diagnostic = len(DIAGNOSTIC_WORD.findall(text))
        if diagnostic < DIAGNOSTIC_MIN_WORDS or diagnostic < DIAGNOSTIC_RATIO * len(TREATMENT_WORD.findall(text)):
            return False
        if fired is not None:
            fired.add(DIAGNOSTIC_SUBJECT_RULE.id)
        return True

    def _strong(self, m: re.Match[str], candidate: tuple[int, int, str]) -> bool:
        """Whether an unknown-company match says more than "a name with a legal suffix": a known
        company, a role pattern, a stock ticker after the name, or an industry word in the name
        ("Foo Pharmaceuticals", "Bar Health, Inc."). A name with only "Inc." or "GmbH" may be any
        business (an airline, a PR agency in a contact line, a project office in an affiliation list)."""
        if m.re is not CORPORATE_SUFFIX or self.kb.lookup(candidate[2]) is not None:
            return True
        if m.end() == m.end("name"):
            return True  # the stock-ticker alternative: nothing after the name was consumed
        if SOURCE_LINE.search(m.string, max(0, candidate[0] - 12), candidate[0]):
            return True  # "SOURCE Foo Ltd.": the press release's issuer
        return INDUSTRY_NAME_WORD.search(m.string, candidate[0], candidate[1]) is not None

    @staticmethod
    def _furniture(doc: Doc, text: str, start: int, end: int) -> bool:
        """Web furniture, and the contact block of a press release (a PR or investor-relations
        firm on a short line after "Media Contact:" or before a telephone number or e-mail address)."""
        if in_boilerplate(doc, start, end):
            return True
        if _on_source_line(text, start):
            return False  # the issuer's "SOURCE" line after the contact block
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if len(line.split()) > CONTACT_LINE_WORDS:
            return False
        return (CONTACT_LABEL.search(text, max(0, start - 160), start) is not None
                or CONTACT_DETAILS_AFTER.match(text, end) is not None)

    def _institution_short_forms(self, doc: Doc) -> set[str]:
        """Short forms the text defines for universities, hospitals and other non-sponsors
        ("Massachusetts General Hospital (MGH)")."""
        return {short for short, long_form in defined_abbreviations(doc) if self.kb.is_non_sponsor(long_form)}
