"""The plotly figures of the HTML report; each returns None when the data cannot fill it.

Figures are built from the de-duplicated claims (and the records for document
counts), so a study re-reported by three news items shows up once in outcome
bars and duration plots, while the heatmap can still show how much was written.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cartmine.aggregation.loading import parse_dates
from cartmine.contract import OUTCOMES

NO_THERAPY = "(no therapy)"
NO_DISEASE = "(no disease)"
MAX_AXIS_ITEMS = 30
_PALETTE = ("#1f77b4", "#2ca02c", "#17becf", "#9467bd", "#aec7e8", "#98df8a", "#bcbd22", "#8c564b",
            "#ff7f0e", "#7f7f7f", "#d62728", "#ff9896", "#e377c2", "#393b79")
OUTCOME_COLOURS = dict(zip(OUTCOMES, _PALETTE, strict=True))
_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}


def _layout(fig: go.Figure, height: int, **kwargs: object) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10}, font=_FONT,
                      plot_bgcolor="white", paper_bgcolor="white", **kwargs)
    return fig


def _count_ticks(max_count: float) -> dict[str, object]:
    """Whole-number ticks for small counts (plotly would label them 0.5, 1.5...); larger ranges tick by 5s anyway."""
    return {"tick0": 0, "dtick": 1} if max_count <= 10 else {}


def _top(values: pd.Series, weights: pd.Series | None = None, limit: int = MAX_AXIS_ITEMS) -> list[str]:
    """The ``limit`` most frequent (or heaviest) labels, so big corpora keep readable axes."""
    totals = (weights if weights is not None else pd.Series(1, index=values.index)).groupby(values).sum()
    return list(totals.sort_values(ascending=False, kind="stable").index[:limit])


def heatmap(summary: pd.DataFrame, value: str = "n_documents") -> go.Figure | None:
    """Therapy x disease matrix of documents (or claims) from an ``aggregate(by="therapy-disease")`` table."""
    if summary.empty:
        return None
    frame = summary.assign(therapy=summary["therapy"].fillna(NO_THERAPY), disease=summary["disease"].fillna(NO_DISEASE))
    therapies = _top(frame["therapy"], frame[value].astype(float))
    diseases = _top(frame["disease"], frame[value].astype(float))
    matrix = (frame[frame["therapy"].isin(therapies) & frame["disease"].isin(diseases)]
              .pivot_table(index="therapy", columns="disease", values=value, aggfunc="sum")
              .reindex(index=therapies[::-1], columns=diseases))
    label = "documents" if value == "n_documents" else "claims"
    fig = go.Figure(go.Heatmap(
        z=matrix.to_numpy(dtype=float), x=list(matrix.columns), y=list(matrix.index), colorscale="Blues",
        texttemplate="%{z}", hoverongaps=False,
        colorbar={"title": {"text": label}, **_count_ticks(float(matrix.max().max() or 0))},
        hovertemplate="%{y} × %{x}: %{z} " + label + "<extra></extra>"))
    fig.update_xaxes(tickangle=-35, side="bottom")
    return _layout(fig, height=max(260, 120 + 28 * len(matrix.index) + 6 * max(map(len, diseases), default=0)))


def outcomes_by_disease(claims: pd.DataFrame) -> go.Figure | None:
    """Claims per disease and outcome: asserted, hedged and negated in separate panels (never summed)."""
    if claims.empty:
        return None
    frame = claims.assign(disease=claims["disease"].fillna(NO_DISEASE),
                          state=["negated" if n else "hedged" if h else "asserted"
                                 for n, h in zip(claims["negated"], claims["hedged"], strict=True)])
    diseases = _top(frame["disease"])[::-1]
    frame = frame[frame["disease"].isin(diseases)]
    states = ("asserted", "hedged", "negated")
    fig = make_subplots(rows=1, cols=3, shared_yaxes=True, horizontal_spacing=0.03,
                        subplot_titles=("asserted", "hedged (not counted as positive)", "negated"))
    shown: set[str] = set()
    for col, state in enumerate(states, start=1):
        counts = frame[frame["state"] == state].groupby(["outcome", "disease"]).size()
        for outcome in OUTCOMES:
            if outcome not in counts.index.get_level_values(0):
                continue
            per_disease = counts[outcome].reindex(diseases, fill_value=0)
            fig.add_trace(go.Bar(
                x=per_disease.to_numpy(), y=diseases, orientation="h", name=outcome, legendgroup=outcome,
                showlegend=outcome not in shown, marker_color=OUTCOME_COLOURS[outcome],
                hovertemplate=f"%{{y}}: %{{x}} {state} {outcome} claim(s)<extra></extra>"), row=1, col=col)
            shown.add(outcome)
    largest = frame.groupby(["state", "disease"]).size()
    for col, state in enumerate(states, start=1):
        in_panel = largest[state].max() if state in largest.index.get_level_values(0) else 0
        fig.update_xaxes(title_text="claims", rangemode="tozero", row=1, col=col, **_count_ticks(float(in_panel)))
    return _layout(fig, height=max(300, 170 + 26 * len(diseases)), barmode="stack",
                   legend={"title": {"text": "outcome"}, "orientation": "h", "yanchor": "top", "y": -0.18,
                           "x": 0})


def remission_durations(claims: pd.DataFrame) -> go.Figure | None:
    """Reported remission durations per therapy; symbols show ≥ (at least) and ≤ (at most) figures.

    ``claims`` should already be the remission evidence (:func:`.aggregate.remission_claims`).
    """
    if claims.empty:
        return None
    frame = claims[claims["duration_months"].notna()].copy()
    if frame.empty:
        return None
    frame["therapy"] = frame["therapy"].fillna(NO_THERAPY)
    therapies = _top(frame["therapy"])[::-1]
    frame = frame[frame["therapy"].isin(therapies)]
    fig = go.Figure()
    for therapy in therapies:
        values = frame.loc[frame["therapy"] == therapy, "duration_months"]
        fig.add_trace(go.Box(x=values, y=[therapy] * len(values), name=therapy, orientation="h",
                             boxpoints=False, showlegend=False, line_color="#9aa7b8", fillcolor="rgba(154,167,184,.15)",
                             hoverinfo="skip"))
    kinds = {">=": ("at least (≥)", "triangle-right"), "<=": ("at most (≤)", "triangle-left")}
    qualifier = frame["duration_qualifier"].fillna("=")
    for key, (label, symbol) in [*kinds.items(), ("other", ("reported value", "circle"))]:
        part = frame[~qualifier.isin(list(kinds))] if key == "other" else frame[qualifier == key]
        if part.empty:
            continue
        hover = [f"{t} — {d}<br>{o}, n={n if pd.notna(n) else '?'}<br>sources: {', '.join(map(str, docs))}"
                 for t, d, o, n, docs in zip(part["therapy"], part["disease"].fillna(NO_DISEASE), part["outcome"],
                                             part["n_patients"], part["doc_ids"], strict=True)]
        fig.add_trace(go.Scatter(x=part["duration_months"], y=part["therapy"], mode="markers", name=label,
                                 marker={"symbol": symbol, "size": 11, "color": "#1f5fa8", "opacity": 0.8},
                                 hovertext=hover, hovertemplate="%{x} months<br>%{hovertext}<extra></extra>"))
    fig.update_xaxes(title_text="months", rangemode="tozero", gridcolor="#eee")
    fig.update_yaxes(categoryorder="array", categoryarray=therapies)
    return _layout(fig, height=max(260, 110 + 34 * len(therapies)), legend={"title": {"text": "figure"}})


def timeline(documents: pd.DataFrame) -> tuple[go.Figure | None, int]:
    """Documents per publication month by source type, and how many documents had no usable date."""
    if documents.empty:
        return None, 0
    dates = parse_dates(documents["date"])
    undated = int(dates.isna().sum())
    frame = documents.assign(month=dates.dt.to_period("M").dt.to_timestamp(),
                             source=documents["source"].fillna("unknown"))[dates.notna()]
    if frame.empty:
        return None, undated
    counts = frame.groupby(["month", "source"])["doc_id"].nunique().reset_index()
    fig = go.Figure()
    for source, part in counts.groupby("source"):
        fig.add_trace(go.Bar(x=part["month"], y=part["doc_id"], name=str(source), xperiod="M1",
                             xperiodalignment="middle",
                             hovertemplate="%{x|%b %Y}: %{y} " + str(source) + " document(s)<extra></extra>"))
    largest = counts.groupby("month")["doc_id"].sum().max()
    fig.update_yaxes(title_text="documents", rangemode="tozero", gridcolor="#eee", **_count_ticks(float(largest)))
    fig.update_xaxes(type="date")
    return _layout(fig, height=300, barmode="stack", legend={"title": {"text": "source"}}), undated
