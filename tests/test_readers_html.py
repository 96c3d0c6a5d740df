"""HTML reader: article text without page furniture, with title, date and canonical url."""

from __future__ import annotations

from pathlib import Path

from batch_helpers import PROJECT_DIR

from cartmine.document import InputDocument, ReadError
from cartmine.readers import read_documents
from cartmine.readers.html import clean_text, read_html

SAMPLE_HTML = PROJECT_DIR / "corpora" / "sample" / "html"

PAGE = """<!DOCTYPE html><html><head><title>CAR-T keeps lupus away | Site</title>
<link rel="canonical" href="https://news.example.org/lupus">
<meta property="article:published_time" content="2024-05-02"></head><body>
<div class="cookie-banner">We use cookies. Accept all cookies</div>
<nav><a href="/">Home</a> <a href="/oncology">Oncology news</a> <a href="/jobs">Jobs</a></nav>
<article><h1>CAR-T keeps lupus away</h1>
<p>Fifteen patients with systemic lupus erythematosus who received CD19 CAR T cells stayed in
drug-free remission for two years, investigators reported in an invented journal this week.</p>
<p>None of the patients needed steroids after the infusion, and side effects were mild.</p>
<p>Tags: rituximab, multiple sclerosis, Novartis</p>
<div class="share">Share this article: Facebook | X</div></article>
<div class="pager"><a href="/prev">PREV: Ocrelizumab in multiple sclerosis</a>
<a href="/next">NEXT: Cilta-cel in myeloma</a></div>
<aside><h3>Related</h3><ul><li><a href="/x">BCMA CAR-T for myasthenia gravis</a></li></ul></aside>
<footer>Copyright 2024 Example News</footer></body></html>"""


def test_furniture_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "lupus-news.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = list(read_html(path))
    assert isinstance(doc, InputDocument)
    assert doc.id == "lupus-news" and doc.source == "news"
    assert doc.title == "CAR-T keeps lupus away"
    assert doc.date == "2024-05-02"
    assert doc.url == "https://news.example.org/lupus"
    assert "drug-free remission for two years" in doc.text
    for furniture in ("cookies", "Oncology news", "multiple sclerosis", "Cilta-cel", "Share", "myasthenia",
                      "Copyright", "Tags", "Home"):
        assert furniture not in doc.text, furniture
    assert not doc.text.startswith(doc.title)  # the headline is the title, not repeated in the body


def test_sample_pages_folder() -> None:
    docs = list(read_documents([str(SAMPLE_HTML)]))
    assert len(docs) >= 2 and all(isinstance(d, InputDocument) for d in docs)
    by_id = {d.id: d for d in docs}
    kyverna = by_id["kyverna-mg-update"]
    assert kyverna.date == "2024-09-12" and kyverna.url.startswith("https://news.example.org/")
    assert "KYV-101" in kyverna.text
    for furniture in ("NMOSD", "Rituximab", "PREV", "NEXT", "Tags", "cookies", "Advertisement", "Share on"):
        assert furniture not in kyverna.text, furniture
    lupus = by_id["lupus-car-t-two-years"]
    assert "15 patients with systemic lupus erythematosus" in lupus.text
    for furniture in ("Read more", "BTK inhibitor", "CAR-NK", "Share this", "Newsletter"):
        assert furniture not in lupus.text, furniture


def test_page_without_article(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>")
    [error] = list(read_html(path))
    assert isinstance(error, ReadError) and error.doc_id == "empty" and "no article text" in error.message


def test_clean_text_rules() -> None:
    text = "Title\nBody line.\nRead more: other story\nTags: a, b\nPREV: x | NEXT: y\nAdvertisement\nEnd."
    assert clean_text(text, "Title") == "Body line.\nEnd."
    assert clean_text("Related treatments were compared.", None) == "Related treatments were compared."
