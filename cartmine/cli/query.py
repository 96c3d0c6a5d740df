"""``cartmine query``: SQL over extracted records with an embedded DuckDB.

Tables: ``records`` (one row per record, the flat table of
:func:`cartmine.aggregation.loading.load_records`), ``documents`` (one row per
document), ``mentions`` (JSONL input or an output folder with ``mentions/``;
``attrs`` is a JSON string) and ``claims`` (de-duplicated claims, built only when
the SQL names it, because it costs a pass over all records).
"""

from __future__ import annotations

import argparse
import re
import sys

_TABLES_HELP = "records, documents, claims, and mentions when the input has them"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "query", help="run SQL over extracted records (DuckDB)",
        description=f"Run one SQL statement over extracted records. Tables: {_TABLES_HELP}.",
        epilog="example: cartmine query out/ \"SELECT therapy, count(DISTINCT doc_id) AS docs FROM records "
               "WHERE NOT negated GROUP BY therapy ORDER BY docs DESC\"")
    parser.add_argument("records", metavar="RECORDS",
                        help="cartmine extract output: results JSONL, records Parquet, or an output folder")
    parser.add_argument("sql", metavar="SQL", help="the query, e.g. \"SELECT * FROM records LIMIT 5\"")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the result (.csv, .tsv, .parquet, .jsonl, .json)")
    parser.add_argument("--max-rows", type=int, default=100, help="rows printed on the terminal (default 100)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from cartmine.aggregation.output import render_text, write_table

    try:
        connection = connect(args.records, with_claims=bool(re.search(r"\bclaims\b", args.sql, re.IGNORECASE)))
    except (OSError, ValueError) as err:
        print(f"cartmine query: error: {err}", file=sys.stderr)
        return 1
    try:
        relation = connection.sql(args.sql)
        result = relation.df() if relation is not None else None
    except duckdb.Error as err:
        message = "\n  ".join(line.rstrip() for line in str(err).strip().splitlines() if line.strip())
        print(f"cartmine query: SQL error: {message}\n  tables: {_TABLES_HELP}", file=sys.stderr)
        return 1
    if result is None:
        return 0
    try:
        if args.output:
            write_table(result, args.output)
            print(f"wrote {len(result)} rows to {args.output}", file=sys.stderr)
        else:
            print(render_text(result, max_rows=max(args.max_rows, 1), max_colwidth=60))
    except (OSError, ValueError) as err:
        print(f"cartmine query: error: {err}", file=sys.stderr)
        return 1
    return 0


def connect(path: str, with_claims: bool = True):
    """An in-memory DuckDB connection with the tables of ``path`` registered."""
    import duckdb

    from cartmine.aggregation.aggregate import prepare
    from cartmine.aggregation.dedup import dedup_claims
    from cartmine.aggregation.loading import load_tables

    tables = load_tables(path)
    connection = duckdb.connect(":memory:")
    connection.register("records", tables.records)
    connection.register("documents", tables.documents)
    if tables.mentions is not None:
        connection.register("mentions", tables.mentions)
    if with_claims:
        connection.register("claims", dedup_claims(prepare(tables.records)))
    return connection
