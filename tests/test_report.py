"""``cartmine report``: a self-contained HTML page whose charts really draw.

The static checks always run. The browser checks run when chromium (or
chromium-browser) is on PATH: headless, offline, no console errors, plotly SVGs
present, the sort script works, and a screenshot is kept under
``test-artifacts/report.png`` for a human to look at.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from aggregation_samples import sample_results

from cartmine.aggregation.headless import check_page, find_chromium, screenshot
from cartmine.aggregation.loading import RECORD_COLUMNS
from cartmine.aggregation.report import build_report, write_report
from cartmine.cli import main

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="chromium not installed")


class _Resources(HTMLParser):
    """Collects everything the page would fetch: script src, link href, img/iframe src, CSS url()."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.scripts = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag in ("script", "img", "iframe", "embed", "source") and values.get("src"):
            self.fetched.append(values["src"] or "")
        if tag == "link" and values.get("href"):
            self.fetched.append(values["href"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


@pytest.fixture(scope="module")
def results_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "results.jsonl"
    path.write_text("".join(json.dumps(result) + "\n" for result in sample_results()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report_path(results_path: Path) -> Path:
    out = results_path.parent / "report.html"
    assert main(["report", str(results_path), "-o", str(out), "--title", "CAR-T <test> report"]) == 0
    return out


def test_report_is_self_contained(report_path: Path) -> None:
    page = report_path.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    remote = [url for url in parser.fetched if re.match(r"(https?:)?//", url)]
    assert remote == [], remote
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page.split("<script", 1)[0])  # CSS before plotly.js
    assert page.count("window.PlotlyConfig") == 1  # plotly.js inlined exactly once
    assert len(page) > 1_000_000  # plotly.js is really inlined, not referenced
    # links back to documents are the only urls, and only http(s)
    assert "https://example.org/abstract/a01" in parser.links
    assert all(link.startswith(("http://", "https://")) for link in parser.links)
    assert "CAR-T &lt;test&gt; report" in page  # text is escaped


def test_report_sections_and_evidence_table(report_path: Path) -> None:
    page = report_path.read_text(encoding="utf-8")
    for heading in ("Therapy × disease", "Outcomes per disease", "Remission durations per therapy", "Timeline",
                    "Evidence"):
        assert f"<h2>{heading}</h2>" in page
    assert 'class="sortable"' in page and "addEventListener(\"click\"" in page
    assert page.count("plotly-graph-div") >= 4
    assert "1 document(s) without a usable date" in page  # the undated news item
    assert '<span class="tag neg">negated</span>' in page and '<span class="tag hedge">hedged</span>' in page


def test_empty_input_gives_a_page_without_charts() -> None:
    page = build_report(pd.DataFrame(columns=list(RECORD_COLUMNS)))
    assert "No records" in page and "plotly" not in page.lower()


def test_missing_dates_are_handled(tmp_path: Path) -> None:
    undated = [{**result, "date": None} for result in sample_results()]
    path = tmp_path / "undated.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in undated), encoding="utf-8")
    page = write_report(path, tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"{len(undated)} document(s) without a usable date" in page
    assert "no dates" in page


def test_missing_input_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.html")]) == 1
    assert "error" in capsys.readouterr().err


@needs_chromium
def test_report_renders_in_headless_chromium(report_path: Path) -> None:
    check = check_page(report_path)
    assert check.errors == []
    assert check.plot_svgs >= 4, "plotly did not draw the charts"
    assert check.dom.count('class="plotly-graph-div') >= 4
    png = screenshot(report_path, ARTIFACTS / "report.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


@needs_chromium
def test_sort_script_sorts_the_evidence_table(report_path: Path, tmp_path: Path) -> None:
    clicker = """<script>window.addEventListener("load", function () {
      var th = Array.prototype.filter.call(document.querySelectorAll("#evidence th"),
                                           function (h) { return h.textContent === "patients"; })[0];
      function column() { return Array.prototype.map.call(document.querySelectorAll("#evidence tbody tr"),
          function (r) { return r.cells[th.cellIndex].textContent; }).join(","); }
      th.click(); document.body.setAttribute("data-asc", column());
      th.click(); document.body.setAttribute("data-desc", column());
    });</script>"""
    page = tmp_path / "click.html"
    page.write_text(report_path.read_text(encoding="utf-8").replace("</body>", clicker + "</body>"), encoding="utf-8")
    check = check_page(page)
    assert check.errors == []
    ascending = re.search(r'data-asc="([^"]*)"', check.dom).group(1).split(",")
    descending = re.search(r'data-desc="([^"]*)"', check.dom).group(1).split(",")
    numbers = [int(v) for v in ascending if v]
    assert numbers == sorted(numbers) and ascending[-1] == ""  # blanks last
    assert [int(v) for v in descending if v] == sorted(numbers, reverse=True)
