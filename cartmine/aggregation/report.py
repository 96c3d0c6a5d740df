"""One self-contained HTML page summarising extracted CAR-T evidence.

The page must open offline, from an e-mail attachment or an archive, years
later: plotly.js is embedded inline once (no CDN), styles and the small sort
script are inline, and the only links are the documents' own urls. Charts
come from :mod:`.charts`; the evidence table lists de-duplicated claims with
links back to every source document.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from cartmine.aggregation import charts
from cartmine.aggregation.aggregate import prepare, remission_claims, summarise_groups
from cartmine.aggregation.dedup import dedup_claims, is_present
from cartmine.aggregation.durations import format_duration
from cartmine.aggregation.loading import load_tables, parse_dates

MAX_EVIDENCE_ROWS = 2000

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
header{background:#123a63;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.8;font-size:13px}main{padding:12px 28px 40px;max-width:1400px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:14px 18px;margin:16px 0}
h2{font-size:17px;margin:0 0 4px}.note{color:#5b6b7d;font-size:12.5px;margin:2px 0 8px}
.stats{display:flex;flex-wrap:wrap;gap:12px}.stat{background:#fff;border-radius:8px;padding:10px 16px;
box-shadow:0 1px 3px rgba(0,0,0,.08);min-width:110px}.stat b{display:block;font-size:22px;color:#123a63}
.stat span{font-size:12px;color:#5b6b7d}table{border-collapse:collapse;width:100%;font-size:12.5px}
th{position:sticky;top:0;background:#e8eef5;cursor:pointer;text-align:left;padding:6px;user-select:none;
white-space:nowrap}th:after{content:" ⇅";color:#9aa7b8}th.asc:after{content:" ▲";color:#123a63}
th.desc:after{content:" ▼";color:#123a63}td{border-top:1px solid #e5e9ef;padding:5px 6px;vertical-align:top}
td.num{text-align:right;white-space:nowrap}.tag{display:inline-block;border-radius:3px;padding:0 4px;
font-size:11px;margin-left:4px}.neg{background:#fde2e2;color:#9b1c1c}.hedge{background:#fff3cd;color:#7a5b00}
.ev{max-width:560px}.wrap{max-height:640px;overflow:auto}a{color:#1f5fa8}
"""

_SORT_JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var asc = !th.classList.contains("asc");
      table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      function key(row) {
        var cell = row.cells[col], v = cell.getAttribute("data-v");
        if (v === null) { v = cell.textContent.trim(); }
        var n = parseFloat(v);
        return v !== "" && !isNaN(n) && isFinite(v) ? n : v.toLowerCase();
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === y) { return 0; }
        if (x === "") { return 1; }
        if (y === "") { return -1; }
        if (typeof x !== typeof y) { x = String(x); y = String(y); }
        return (x < y ? -1 : 1) * (asc ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""


def write_report(records: pd.DataFrame | str | Path, output: str | Path, **options: object) -> Path:
    """Build the report for a records table or an ``extract`` output path and write it to ``output``."""
    documents = None
    if isinstance(records, (str, Path)):
        tables = load_tables(records)
        records, documents = tables.records, tables.documents
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(build_report(records, documents=documents, **options), encoding="utf-8")  # type: ignore[arg-type]
    return output


def build_report(records: pd.DataFrame, documents: pd.DataFrame | None = None, title: str = "cartmine evidence report",
                 dedup: bool = True, heatmap_value: str = "n_documents",
                 max_rows: int = MAX_EVIDENCE_ROWS) -> str:
    """The HTML text of the report; empty input gives a page that says so instead of empty charts."""
    records = prepare(records)
    if documents is None or documents.empty:
        documents = records[["doc_id", "date", "source", "url"]].drop_duplicates("doc_id")
    documents = documents.assign(**{c: None for c in ("doc_id", "date", "source", "url") if c not in documents})
    claims = dedup_claims(records, enabled=dedup)
    sections: list[str] = []
    embed = _PlotEmbedder()
    if records.empty:
        sections.append(_section("No records", "The input holds no records, so there is nothing to chart.", ""))
    else:
        summary = summarise_groups(records, claims, "therapy-disease")
        what = "documents" if heatmap_value == "n_documents" else "claims"
        sections += [
            _section("Therapy × disease", f"Number of {what} per therapy and disease (top {charts.MAX_AXIS_ITEMS} "
                     "of each).", embed(charts.heatmap(summary, heatmap_value))),
            _section("Outcomes per disease", "De-duplicated claims by outcome. Hedged and negated claims are shown "
                     "in their own panels and never counted as positive findings.",
                     embed(charts.outcomes_by_disease(claims))),
            _section("Remission durations per therapy", "Reported remission durations (months). ▶ marks 'at least' "
                     "figures plotted at their lower bound, ◀ 'up to' figures; follow-up lengths are not shown.",
                     embed(charts.remission_durations(remission_claims(claims)))),
            _timeline_section(documents, embed),
            _section("Evidence", "One row per claim, strongest first; click a column header to sort. Sources link "
                     "to the documents.", _evidence_table(claims, max_rows)),
        ]
    generated = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{html.escape(title)}</h1><p>Generated by cartmine on {generated}</p></header><main>"
            f"{_stats(records, documents, claims)}{''.join(sections)}</main><script>{_SORT_JS}</script></body></html>\n")


class _PlotEmbedder:
    """Turns figures into divs, inlining plotly.js with the first one only."""

    def __init__(self) -> None:
        self.included = False

    def __call__(self, figure: go.Figure | None) -> str:
        if figure is None:
            return '<p class="note">Not enough data for this chart.</p>'
        div = figure.to_html(full_html=False, include_plotlyjs=not self.included,
                             config={"displaylogo": False, "responsive": True})
        self.included = True
        return div


def _section(heading: str, note: str, body: str) -> str:
    return f'<section><h2>{html.escape(heading)}</h2><p class="note">{html.escape(note)}</p>{body}</section>'


def _stats(records: pd.DataFrame, documents: pd.DataFrame, claims: pd.DataFrame) -> str:
    """Headline numbers; documents counts every document read, with or without records."""
    dates = parse_dates(documents["date"]).dropna() if "date" in documents.columns else pd.Series([])
    span = f"{dates.min():%Y-%m} – {dates.max():%Y-%m}" if len(dates) else "no dates"
    n_documents = documents["doc_id"].nunique() if "doc_id" in documents.columns else records["doc_id"].nunique()
    items = [(n_documents, "documents"), (len(records), "records"), (len(claims), "claims"),
             (records["therapy"].nunique(), "therapies"), (records["disease"].nunique(), "diseases"), (span, "published")]
    cells = "".join(f'<div class="stat"><b>{html.escape(str(v))}</b><span>{label}</span></div>' for v, label in items)
    return f'<div class="stats" style="margin-top:16px">{cells}</div>'


def _timeline_section(documents: pd.DataFrame, embed: _PlotEmbedder) -> str:
    figure, undated = charts.timeline(documents)
    note = "Documents per publication month."
    if undated:
        note += f" {undated} document(s) without a usable date are not shown."
    return _section("Timeline", note, embed(figure))


def _link(doc_id: str, url: object) -> str:
    """A source link; only http(s) urls become hrefs, so data can never inject a javascript: link."""
    label = html.escape(str(doc_id))
    if is_present(url) and str(url).lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(str(url), quote=True)}" target="_blank" rel="noopener">{label}</a>'
    return label


def _evidence_table(claims: pd.DataFrame, max_rows: int) -> str:
    ordered = claims.assign(_weak=claims["negated"].astype(int) + claims["hedged"].astype(int),
                            _conf=claims["confidence"].fillna(0.0))
    ordered = ordered.sort_values(["_weak", "_conf"], ascending=[True, False], kind="stable")
    header = ("therapy", "target", "disease", "outcome", "patients", "duration (months)", "confidence",
              "first date", "docs", "evidence", "sources")
    rows = [_evidence_row(claim) for claim in ordered.head(max_rows).itertuples(index=False)]
    more = (f'<p class="note">Showing the strongest {max_rows} of {len(ordered)} claims.</p>'
            if len(ordered) > max_rows else "")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    return (f'{more}<div class="wrap"><table class="sortable" id="evidence"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _evidence_row(claim: Any) -> str:
    def text(value: Any) -> str:
        return html.escape(str(value)) if is_present(value) and not pd.isna(value) else ""

    tags = ('<span class="tag neg">negated</span>' if claim.negated else "") + \
           ('<span class="tag hedge">hedged</span>' if claim.hedged else "")
    urls = dict(zip(claim.doc_ids, claim.doc_urls, strict=True))
    duration = format_duration(claim.duration_months, claim.duration_qualifier)
    kind = f" {claim.duration_kind.replace('_', '-')}" if duration and is_present(claim.duration_kind) else ""
    months = "" if pd.isna(claim.duration_months) else f"{claim.duration_months:g}"
    confidence = "" if pd.isna(claim.confidence) else f"{claim.confidence:.2f}"
    sources = ", ".join(_link(doc_id, url) for doc_id, url in urls.items())
    cells = [
        f"<td>{text(claim.therapy)}</td>", f"<td>{text(claim.therapy_target)}</td>",
        f"<td>{text(claim.disease)}</td>", f'<td data-v="{text(claim.outcome)}">{text(claim.outcome)}{tags}</td>',
        f'<td class="num">{text(claim.n_patients)}</td>',
        f'<td class="num" data-v="{months}">{text(duration)}{text(kind)}</td>',
        f'<td class="num">{confidence}</td>', f"<td>{text(claim.first_date)}</td>",
        f'<td class="num">{text(claim.n_documents)}</td>', f'<td class="ev">{text(claim.evidence)}</td>',
        f"<td>{sources}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"
