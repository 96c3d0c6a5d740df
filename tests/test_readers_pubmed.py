"""PubMed XML reader: fields, streaming, and safety against hostile or broken XML."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import psutil
import pytest
from batch_helpers import DATA_DIR

from cartmine.document import InputDocument, ReadError
from cartmine.readers.pubmed import read_pubmed

SAMPLE = DATA_DIR / "pubmed_small.xml"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<ArticleTitle>&lol9;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>2</PMID><Article>
<ArticleTitle>&xxe;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""


def article(pmid: int, text: str = "CAR T cells induced remission in lupus.") -> str:
    return (f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><Journal><Title>J</Title>"
            f"<JournalIssue><PubDate><Year>2024</Year></PubDate></JournalIssue></Journal>"
            f"<ArticleTitle>Title {pmid}</ArticleTitle><Abstract><AbstractText>{text}</AbstractText>"
            f"</Abstract></Article></MedlineCitation></PubmedArticle>\n")


def test_sample_fields() -> None:
    first, second, third = list(read_pubmed(SAMPLE))
    assert isinstance(first, InputDocument)
    assert first.id == "90000001"
    assert first.title == "CD19 CAR T cells in refractory systemic lupus erythematosus."
    assert first.text.splitlines() == [
        "BACKGROUND: Lupus remains difficult to treat.",
        "METHODS: Eight patients received anti-CD19 CAR T cells.",
        "RESULTS: All patients achieved drug-free remission after 12 months.",
    ]
    assert (first.date, first.source, first.lang) == ("2024-03-07", "abstract", "en")
    assert first.url == "https://pubmed.ncbi.nlm.nih.gov/90000001/"
    assert first.meta["journal"] == "Journal of Invented Immunology"
    assert first.meta["mesh"] == ["Lupus Erythematosus, Systemic", "Receptors, Chimeric Antigen"]
    assert first.meta["doi"] == "10.0000/invented.1"
    assert second.date == "2023-11"  # MedlineDate "2023 Nov-Dec"
    assert third.text == "" and third.title == "CAR T cells for myasthenia gravis." and third.date == "2025-02"


def test_gzip(tmp_path: Path) -> None:
    target = tmp_path / "pubmed24n0001.xml.gz"
    with SAMPLE.open("rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert [d.id for d in read_pubmed(target)] == ["90000001", "90000002", "90000003"]


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"])
def test_entity_declarations_are_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "evil.xml"
    path.write_text(content)
    items = list(read_pubmed(path))  # refused before any expansion: "refused" below, not a timing bound
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "entities" in items[0].message and "refused" in items[0].message
    assert "root:" not in repr(items)  # nothing of /etc/passwd leaked


def test_malformed_xml_keeps_earlier_articles(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<PubmedArticleSet>\n" + article(1) + article(2)
                    + "<PubmedArticle><MedlineCitation><PMID>3</PMID></Oops>\n" + article(4))
    items = list(read_pubmed(path))
    assert [i.id for i in items if isinstance(i, InputDocument)] == ["1", "2"]
    error = items[-1]
    assert isinstance(error, ReadError) and "malformed XML" in error.message
    assert error.location.startswith(f"{path}:4:")  # line 4 holds the broken tag
    assert "2 article(s)" in error.message


def test_not_pubmed(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<rss><channel><title>x</title></channel></rss>")
    [error] = list(read_pubmed(path))
    assert isinstance(error, ReadError) and "not a PubMed XML file" in error.message


@pytest.mark.slow
def test_memory_stays_flat_while_streaming(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    body = "Chimeric antigen receptor T cells were given to patients with refractory disease. " * 12
    with path.open("w") as handle:
        handle.write("<PubmedArticleSet>\n")
        for pmid in range(40_000):
            handle.write(article(pmid, body))
        handle.write("</PubmedArticleSet>\n")
    assert path.stat().st_size > 40_000_000
    process = psutil.Process()
    rss = []
    for count, _item in enumerate(read_pubmed(path), start=1):
        if count % 5_000 == 0:
            rss.append(process.memory_info().rss)
    assert count == 40_000
    assert rss[-1] - rss[0] < 30 * 2**20, f"RSS grew by {(rss[-1] - rss[0]) / 2**20:.0f} MB"
