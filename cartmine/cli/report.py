"""``cartmine report``: one self-contained HTML page of charts and an evidence table.

Heavy imports (pandas, plotly) happen in :func:`run`, so that ``cartmine --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="write a self-contained HTML report (charts + sortable evidence table)",
        description="Write one HTML page that opens offline: therapy x disease heatmap, outcomes per disease "
                    "(negated and hedged apart), remission durations, a publication timeline and a sortable "
                    "evidence table linking to the source documents.")
    parser.add_argument("records", metavar="RECORDS",
                        help="cartmine extract output: results JSONL, records Parquet, or an output folder")
    parser.add_argument("-o", "--output", metavar="FILE", default="report.html",
                        help="HTML file to write (default: report.html)")
    parser.add_argument("--title", default="cartmine evidence report", help="page title")
    parser.add_argument("--heatmap", choices=("documents", "claims"), default="documents",
                        help="what the therapy x disease heatmap counts (default: documents)")
    parser.add_argument("--dedup", action=argparse.BooleanOptionalAction, default=True,
                        help="merge the same claim reported by several documents (default: on)")
    parser.add_argument("--max-rows", type=int, default=2000, help="evidence table rows (default 2000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cartmine.aggregation.report import write_report

    try:
        path = write_report(args.records, args.output, title=args.title, dedup=args.dedup,
                            heatmap_value=f"n_{args.heatmap}", max_rows=max(args.max_rows, 1))
    except (OSError, ValueError) as err:
        print(f"cartmine report: error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {path}", file=sys.stderr)
    return 0
