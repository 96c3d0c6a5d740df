"""``cartmine aggregate``: one summary row per therapy and disease (or target, or disease class).

Heavy imports (pandas) happen in :func:`run`, so that ``cartmine --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys

from cartmine.aggregation.groupings import GROUPINGS

#: Columns shown on the terminal; the written file has them all.
_PREVIEW = ("n_documents", "n_claims", "n_patients_max", "outcomes", "remission_longest", "first_date", "last_date")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "aggregate", help="summarise records per therapy and disease, target or disease class",
        description="Summarise extracted records: documents, sources, de-duplicated claims, patients, "
                    "asserted/negated/hedged outcomes, remission durations, dates, sponsors and best evidence.")
    parser.add_argument("records", metavar="RECORDS",
                        help="cartmine extract output: results JSONL, records Parquet, or an output folder")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the summary (.csv, .tsv, .parquet, .jsonl, .json); "
                             "print a short table when absent")
    parser.add_argument("--by", choices=tuple(GROUPINGS), default="therapy-disease",
                        help="grouping (default: therapy-disease)")
    parser.add_argument("--dedup", action=argparse.BooleanOptionalAction, default=True,
                        help="count the same claim reported by several documents once (default: on)")
    parser.add_argument("--claims", action="store_true",
                        help="output the de-duplicated claims (one row per claim, all sources) instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cartmine.aggregation.aggregate import aggregate, prepare
    from cartmine.aggregation.dedup import dedup_claims
    from cartmine.aggregation.loading import load_records
    from cartmine.aggregation.output import render_text, write_table

    try:
        records = load_records(args.records)
        if args.claims:
            table = dedup_claims(prepare(records), enabled=args.dedup)
        else:
            table = aggregate(records, by=args.by, dedup=args.dedup)
        if args.output:
            write_table(table, args.output)
            print(f"wrote {len(table)} rows to {args.output}", file=sys.stderr)
        else:
            print(render_text(table if args.claims else preview(table), max_colwidth=70))
    except (OSError, ValueError) as err:
        print(f"cartmine aggregate: error: {err}", file=sys.stderr)
        return 1
    return 0


def preview(table):
    """The key columns plus a compact outcome summary, for a terminal."""
    outcome_columns = [c for c in table.columns if c.startswith("n_") and c[2:] not in
                       ("documents", "sources", "records", "claims", "patients_total", "patients_max",
                        "negated", "hedged")]

    def outcomes(row) -> str:
        parts = [f"{c[2:]} {row[c]}" for c in outcome_columns if row[c]]
        parts += [f"{flag} {row[f'n_{flag}']}" for flag in ("negated", "hedged") if row[f"n_{flag}"]]
        return ", ".join(parts)

    keys = [c for c in table.columns if c in ("therapy", "therapy_target", "disease", "disease_class")]
    shown = table.assign(outcomes=table.apply(outcomes, axis=1) if len(table) else [])
    return shown[[*keys, *_PREVIEW]]
