"""PubMed/MEDLINE XML (``PubmedArticleSet``, ``.xml`` or ``.xml.gz`` like the annual baseline).

Parsing streams with ``lxml.etree.iterparse`` and clears each article once it
is read, so memory stays flat on the 100+ MB baseline files. The parser is
locked down: no entity substitution, no DTD loading, no network, no huge-tree
mode; and a file whose prolog declares entities or an internal DTD subset is
refused before parsing (PubMed files never do; a "billion laughs" file does).
A malformed file yields the articles read before the error, then a
:class:`ReadError` with the line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from cartmine.document import InputDocument, ReadError
from cartmine.readers.jsonl import open_binary

ARTICLE_TAGS = ("PubmedArticle", "PubmedBookArticle")
PROLOG_BYTES = 65_536
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
LANGUAGES = {"eng": "en", "ger": "de", "fre": "fr", "spa": "es", "ita": "it", "chi": "zh", "jpn": "ja"}


def check_prolog(head: bytes) -> str | None:
    """Why the start of the file is unsafe, or None.

    Everything before the root element is the prolog; entity declarations and
    internal DTD subsets there are what entity-expansion attacks need.
    """
    text = head.decode("latin-1")
    root = re.search(r"<[A-Za-z_]", text)
    prolog = text[: root.start()] if root else text
    if "<!ENTITY" in prolog or re.search(r"<!DOCTYPE[^>\[]*\[", prolog):
        return ("the XML declares entities or an internal DTD subset, which PubMed files never do "
                "(possible entity-expansion attack); file refused")
    if root is None and "<!DOCTYPE" in prolog and len(head) >= PROLOG_BYTES:
        return "the XML prolog is longer than 64 KB; file refused"
    return None


def _text(element: etree._Element | None) -> str:
    """All text of an element (inline markup like <i> and <sup> included), whitespace normalised."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _date(article: etree._Element) -> str | None:
    """ISO date as far as known: the journal issue date, else the electronic publication date."""
    for path in (".//Journal/JournalIssue/PubDate", ".//ArticleDate", ".//BookDocument/Book/PubDate"):
        node = article.find(path)
        if node is None:
            continue
        year = node.findtext("Year")
        month = (node.findtext("Month") or "").strip().lower()
        if not year:  # <MedlineDate>2023 Nov-Dec</MedlineDate>: the year and the first month
            found = re.search(r"\b((?:1[89]|20)\d\d)(?:\s+([A-Za-z]{3}))?", node.findtext("MedlineDate") or "")
            year, month = (found.group(1), (found.group(2) or "").lower()) if found else (None, "")
        if not year:
            continue
        parts = [year.strip()]
        month_number = int(month) if month.isdigit() else MONTHS.get(month[:3])
        if month_number:
            parts.append(f"{month_number:02d}")
            day = (node.findtext("Day") or "").strip()
            if day.isdigit():
                parts.append(f"{int(day):02d}")
        return "-".join(parts)
    return None


def _abstract(article: etree._Element) -> str:
    """All AbstractText sections, each prefixed with its Label ("BACKGROUND: ...")."""
    sections = []
    for node in article.iterfind(".//Abstract/AbstractText"):
        body = _text(node)
        label = (node.get("Label") or "").strip()
        if body:
            sections.append(f"{label}: {body}" if label else body)
    return "\n".join(sections)


def parse_article(article: etree._Element, location: str) -> InputDocument | ReadError:
    """One PubmedArticle (or PubmedBookArticle) element to a document."""
    pmid = (article.findtext("MedlineCitation/PMID") or article.findtext("BookDocument/PMID") or "").strip()
    if not pmid:
        return ReadError(location, "article without a PMID; skipped")
    title = _text(article.find(".//ArticleTitle")) or _text(article.find(".//BookTitle")) or None
    text = _abstract(article)
    if not text and not title:
        return ReadError(location, "article has neither title nor abstract", doc_id=pmid)
    meta: dict = {"location": location}
    journal = _text(article.find(".//Journal/Title")) or _text(article.find(".//MedlineJournalInfo/MedlineTA"))
    if journal:
        meta["journal"] = journal
    mesh = [_text(n) for n in article.iterfind(".//MeshHeadingList/MeshHeading/DescriptorName")]
    if mesh:
        meta["mesh"] = mesh
        meta["mesh_ids"] = [n.get("UI") for n in article.iterfind(".//MeshHeadingList/MeshHeading/DescriptorName")]
    doi = article.findtext(".//ArticleIdList/ArticleId[@IdType='doi']")
    if doi:
        meta["doi"] = doi.strip()
    language = (article.findtext(".//Article/Language") or "").strip().lower()
    return InputDocument(id=pmid, text=text, title=title, source="abstract", date=_date(article),
                         url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
                         lang=LANGUAGES.get(language, language or None), meta=meta)


def read_pubmed(path: str | Path) -> Iterator[InputDocument | ReadError]:
    """Yield the articles of one PubMed XML file, streaming."""
    name = str(path)
    try:
        with open_binary(path) as handle:
            problem = check_prolog(handle.read(PROLOG_BYTES))
    except OSError as exc:
        yield ReadError(name, f"cannot read: {exc}")
        return
    if problem:
        yield ReadError(name, problem)
        return
    count = 0
    with open_binary(path) as handle:
        context = etree.iterparse(handle, events=("end",), tag=ARTICLE_TAGS, resolve_entities=False,
                                  no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False,
                                  remove_comments=True, remove_pis=True)
        try:
            for _event, article in context:
                count += 1
                yield parse_article(article, f"{name}#{count}")
                article.clear(keep_tail=False)
                parent = article.getparent()
                while parent is not None and article.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position else (exc.lineno, 0)
            yield ReadError(f"{name}:{line}:{column}",
                            f"malformed XML: {exc.msg}; the {count} article(s) before it were read")
            return
        except (OSError, EOFError) as exc:
            yield ReadError(name, f"file is truncated or corrupt: {exc}; {count} article(s) were read")
            return
    root = context.root
    if root is not None and count == 0 and root.tag != "PubmedArticleSet":
        yield ReadError(name, f"not a PubMed XML file (root element <{root.tag}>); nothing read")
