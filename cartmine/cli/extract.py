"""``cartmine extract``: input documents in, contract-v1 results out.

Exit status: 0 when every document was extracted, 1 when any document or
input line failed (the run still finishes and reports each failure), 2 for
usage errors (bad arguments, inputs that do not exist, an unknown output suffix,
an output folder that holds a different run, an optional extra that is not installed).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures.process import BrokenProcessPool

from cartmine.batch.manifest import ManifestMismatch
from cartmine.batch.runner import RunOptions, run
from cartmine.batch.worker import ExtractSettings, PipelineLoadError
from cartmine.extractor import DEFAULT_MAX_CHARS
from cartmine.extras import MissingExtra
from cartmine.readers import FORMATS, FieldMap, InputError

EPILOG = """\
examples:
  cartmine extract docs.jsonl -o results.jsonl        one contract-v1 line per document
  cartmine extract docs.jsonl -o -                    the same, to stdout
  cartmine extract docs.jsonl -o records.parquet      flat record table (one row per record)
  cartmine extract pubmed24n*.xml.gz -o out/ -j 2     sharded Parquet dataset, 2 worker processes
  cartmine extract pages/ -o out/ --jsonl             folder of HTML news pages, plus JSONL results
  cartmine extract dump.csv --id-field pmid --text-field abstract -o out.jsonl
  cartmine extract dump.jsonl -o out/ --engine dask --scheduler tcp://host:8786

input formats (by extension, or --format for all inputs):
  jsonl    .jsonl .ndjson (.gz)   contract input lines: id, text, title, source, date, url, lang
  pubmed   .xml (.gz)             PubMed/MEDLINE PubmedArticleSet (annual baseline files)
  html     .html .htm             news pages; navigation, teasers and share bars are dropped
  text     .txt                   one document per file; id = path without extension
  csv      .csv .tsv (.gz)        one document per row (see --id-field ...)
  parquet  .parquet               one document per row

output folder (-o ends with /, is a folder, or has no suffix: -o out):
  documents/ mentions/ records/   Parquet shards of --shard-size documents each
  results/                        contract-v1 JSONL shards (with --jsonl)
  errors.jsonl                    one line per failure: doc_id, location, message
  manifest.json                   arguments and completed shards; rerunning the same
                                  command resumes, --overwrite starts over

documents: "id" must be a string (integers are accepted and written as strings; an object
or a list is that line's error); ids reused within a run are extracted and counted in a warning

exit status: 0 every document extracted; 1 some document or input line failed (each is
reported, the rest are written); 2 usage error (bad arguments, missing inputs, an unknown
output suffix, an output folder that holds a different run, a missing extra such as dask)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract mentions and records from documents",
        description="Extract CAR-T therapy mentions and evidence records (record contract v1).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="input files, folders or glob patterns (quoted globs are expanded here)")
    parser.add_argument("-o", "--output", default="-",
                        help="OUT.jsonl[.gz], '-' for stdout (default), OUT.parquet for the record table, "
                             "or a folder for a sharded dataset: OUTDIR/, an existing folder, or a name "
                             "without a suffix (-o out); any other suffix is an error")
    parser.add_argument("--format", choices=FORMATS, help="input format for every input (default: by extension)")
    fields = parser.add_argument_group("field mapping (JSONL, CSV, Parquet)")
    fields.add_argument("--id-field", default="id", help="field holding the document id (default: id)")
    fields.add_argument("--text-field", default="text", help="field holding the body text (default: text)")
    fields.add_argument("--title-field", default="title", help="field holding the title (default: title)")
    fields.add_argument("--date-field", default="date", help="field holding the ISO date (default: date)")
    run_group = parser.add_argument_group("running")
    run_group.add_argument("-j", "--jobs", type=_positive, default=1,
                           help="worker processes, each loading the model once (default: 1)")
    run_group.add_argument("--engine", choices=("local", "dask"), default="local",
                           help="'local' (this machine, -j processes) or 'dask' (a Dask cluster)")
    run_group.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                               "default: a local cluster of --workers processes")
    run_group.add_argument("--workers", type=_positive, default=2,
                           help="workers of the local Dask cluster (default: 2)")
    run_group.add_argument("--max-chars", type=_positive, default=DEFAULT_MAX_CHARS,
                           help=f"longest document processed, in characters (default: {DEFAULT_MAX_CHARS:,})")
    run_group.add_argument("--batch-size", type=_positive, default=32, help="documents per spaCy batch")
    run_group.add_argument("--shard-size", type=_positive, default=1000,
                           help="documents per output shard in folder mode (default: 1000)")
    run_group.add_argument("--jsonl", action="store_true", help="folder mode: also write results/*.jsonl")
    run_group.add_argument("--overwrite", action="store_true",
                           help="folder mode: discard an earlier run in OUTDIR instead of resuming it")
    run_group.add_argument("--config", help="pipeline config to use instead of the packaged pipeline.cfg")
    run_group.add_argument("--pipeline", metavar="MODULE:FUNCTION",
                           help="build the spaCy pipeline with this function instead of cartmine.load()")
    run_group.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(func=run_command)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def options_from_args(args: argparse.Namespace) -> RunOptions:
    return RunOptions(
        inputs=args.inputs, output=args.output, fmt=args.format,
        fields=FieldMap(id=args.id_field, text=args.text_field, title=args.title_field, date=args.date_field),
        settings=ExtractSettings(max_chars=args.max_chars, batch_size=args.batch_size,
                                 pipeline=args.pipeline, config=args.config),
        jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, dask_workers=args.workers,
        shard_size=args.shard_size, jsonl=args.jsonl, overwrite=args.overwrite, quiet=args.quiet,
    )


def run_command(args: argparse.Namespace) -> int:
    try:
        summary = run(options_from_args(args))
    except (InputError, ManifestMismatch, MissingExtra) as exc:
        print(f"cartmine extract: error: {exc}", file=sys.stderr)
        return 2
    except PipelineLoadError as exc:
        print(f"cartmine extract: error: {exc}", file=sys.stderr)
        return 1
    except BrokenProcessPool:
        print("cartmine extract: error: a worker process died (out of memory?); finished shards of a "
              "folder output are kept: rerun the same command to resume", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cartmine extract: interrupted; rerun the same command to resume a folder output",
              file=sys.stderr)
        return 130
    if not args.quiet:
        print(f"cartmine extract: {summary.line()}", file=sys.stderr)
    return 0 if summary.ok else 1
